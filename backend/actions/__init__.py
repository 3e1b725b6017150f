"""Custom actions: configured REST calls that journeys use as steps."""
