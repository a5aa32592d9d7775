"""Census adapters: database tables, repositories and migrations."""
