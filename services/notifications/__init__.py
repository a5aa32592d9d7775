"""Notifications service: tells management bodies, staff and companies what concerns them."""
