"""The notifications model: pure, no I/O."""
