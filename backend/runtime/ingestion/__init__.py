"""Ingestion: an event or profile in, checked, stored, matched to entry filters, instances made due."""
