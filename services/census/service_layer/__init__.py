"""Census use cases."""
