"""Execution: workers claim due instances and walk their journeys step by step, persisting each step."""
