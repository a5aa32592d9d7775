"""The location model (offers, demands, leads) arrives with its issue."""
