"""Who is calling: passwords, browser sessions, API tokens and role guards."""
