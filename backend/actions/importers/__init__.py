"""Draft custom actions from what users already have (a cURL command); pure: nothing is saved or sent."""
