"""The census model: pure, no I/O."""
