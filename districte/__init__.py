"""The ``districte`` command: run the whole district on one machine, and project tools."""
