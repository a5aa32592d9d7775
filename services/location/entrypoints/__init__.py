"""How the location service is reached."""
