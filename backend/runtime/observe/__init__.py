"""Observe: per-node counters, Prometheus metrics, the monitoring queries and housekeeping."""
