"""How the portal is reached: HTTP."""
