"""Names as the census compares them: without case, accents or punctuation."""

from __future__ import annotations

import re
import unicodedata


def slug(text: str) -> str:
    """Lower case, no accents, words joined by ``-``: "Gràfiques Egara, S.L." → "grafiques-egara-s-l"."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def search_key(rao_social: str, nom_comercial: str | None) -> str:
    """What the directory's free-text search looks in: both names, as slugs ("grafiques" finds
    "Gràfiques"; a slug of the words typed is found inside it)."""
    return "-".join(slug(name) for name in (rao_social, nom_comercial) if name)
