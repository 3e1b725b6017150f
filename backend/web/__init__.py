"""Serving the built browser app (``frontend/dist``) next to the API."""
