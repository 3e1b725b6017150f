"""`python -m backend` is the `journeys` command."""

import sys

from backend.cli import main

sys.exit(main())
