"""Location use cases."""
