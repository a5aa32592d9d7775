"""Valid Spanish identifiers for test data, made with python-stdnum."""

from __future__ import annotations

from stdnum.es import cif


def valid_cif(n: int, letter: str = "B") -> str:
    """The n-th valid CIF of an SL (``B``) company."""
    body = f"{letter}{n % 10_000_000:07d}"
    return body + cif.calc_check_digits(body)[0]
