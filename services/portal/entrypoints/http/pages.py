"""The small HTML pages people reach from links in their mail."""

from __future__ import annotations

from html import escape

_PAGE = """<!DOCTYPE html>
<html lang="ca"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<meta name="referrer" content="no-referrer"><title>{title} · Districte industrial de Terrassa</title></head>
<body style="font-family: sans-serif; max-width: 40rem; margin: 2rem auto; line-height: 1.5">
<main><h1>{title}</h1>{body}</main>
<footer><p><small>Districte industrial de Terrassa</small></p></footer></body></html>"""
BUTTON_STYLE = "font-size: 1.1rem; padding: .5rem 1rem"


def page(title: str, body_html: str) -> str:
    """A page; ``body_html`` is markup the caller built (escape what came from outside)."""
    return _PAGE.format(title=escape(title), body=body_html)


def message_page(title: str, message: str) -> str:
    return page(title, f"<p>{escape(message)}</p>")
