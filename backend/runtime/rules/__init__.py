"""Rules: the evaluation context, conditions, mappings and operators; pure, imports nothing else of the runtime."""
