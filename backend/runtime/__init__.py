"""The journey runtime: ingestion, durable instances, the step engine, workers and monitoring."""
