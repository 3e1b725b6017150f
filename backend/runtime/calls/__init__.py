"""Calls: one live call of a custom action, its retry policy, capping and throttling."""
