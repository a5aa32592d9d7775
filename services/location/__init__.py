"""Location service: the offer of premises, companies' requests and the matchmaking between them.

A skeleton for now: it follows the census so that later matchmaking starts from a
complete history, and keeps only the messaging tables.
"""
