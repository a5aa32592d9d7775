"""Location adapters: migrations."""
