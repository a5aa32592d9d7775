"""Census service: the estates, their management bodies and the companies in them."""
