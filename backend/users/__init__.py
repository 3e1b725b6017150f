"""User accounts and their roles (admin only)."""
