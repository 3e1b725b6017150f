"""Event types: the events that make profiles enter journeys, with fields derived from an example."""
