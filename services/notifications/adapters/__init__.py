"""Notifications adapters: tables, repositories, templates, mail transports."""
