"""Portal use cases: tokens."""
