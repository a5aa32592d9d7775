"""Reliable messaging core: topology, outbox relay, idempotent consumers, dead letters, RPC."""
