"""Numbers as people in Catalonia write them: 2.400 m², 9.600 €/mes, 10,5 m."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=16_384)  # matching writes the same prices and surfaces over and over
def nombre(value: float) -> str:
    """Thousands with '.', decimals (at most two, only if any) with ','."""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    whole, _, decimals = f"{value:,.2f}".partition(".")
    return f"{whole.replace(',', '.')},{decimals.rstrip('0')}"


def m2(value: float) -> str:
    return f"{nombre(value)} m²"


def euros(value: float) -> str:
    return f"{nombre(value)} €"


def preu_oferta(operacio: str, preu_eur: int, preu_lloguer_eur: int | None) -> str:
    """How an offer's price reads: "lloguer 9.600 €/mes", "venda 1.200.000 €", or both."""
    if operacio == "lloguer":
        return f"lloguer {euros(preu_eur)}/mes"
    if operacio == "venda":
        return f"venda {euros(preu_eur)}"
    rent = f"lloguer {euros(preu_lloguer_eur)}/mes o " if preu_lloguer_eur else ""
    return f"{rent}venda {euros(preu_eur)}"
