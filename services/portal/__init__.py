"""Portal: the one HTTP edge of Districte (REST API now; public pages and staff screens next)."""
