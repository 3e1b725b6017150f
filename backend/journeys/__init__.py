"""Journeys: the canvas graph (nodes and edges), versions, validation and publishing."""
