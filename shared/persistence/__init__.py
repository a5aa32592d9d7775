"""Database access shared by the services: engine, unit of work, messaging tables, migrations."""
