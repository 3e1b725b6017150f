"""Wire shapes of the action imports: the pasted text in, a draft action (never saved) and warnings out."""

from __future__ import annotations

from backend.actions.schemas import ActionInput, Wire


class CurlImportInput(Wire):
    """Body of ``POST /api/actions/import/curl``: the command as pasted (bash or Windows cmd quoting)."""

    command: str


class ActionDraft(Wire):
    """A draft in exactly the shape ``POST /api/actions`` accepts (secrets filled in), and what to check first."""

    action: ActionInput
    warnings: list[str] = []
