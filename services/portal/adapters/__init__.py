"""Portal adapters: the token table and its migrations."""
