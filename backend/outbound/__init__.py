"""Outbound HTTP to third parties: the SSRF guard, the shared client and the single-call sender."""
