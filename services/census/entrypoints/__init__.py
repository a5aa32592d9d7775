"""How the census is reached: request-reply handlers for the portal."""
