"""Catalan first, Spanish and English too: gettext catalogs read with Babel, and numbers and
dates written as people in Terrassa read them ("2.400 m²", "9.600 €/mes", "29/11/2026").

Templates are written in Catalan; ``locale/<idioma>/LC_MESSAGES/messages.po`` beside them
translates them (``make catalogs`` keeps the catalogs in step)."""

from __future__ import annotations

import gettext
import io
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from jinja2 import Environment

SOURCE_LANGUAGE = "ca"
LANGUAGES = ("ca", "es", "en")
LOCAL = ZoneInfo("Europe/Madrid")
# Thousands grouped even in four-digit numbers ("2.400 m²"), at most two decimals.
_NUMBER = "#,##0.##"


def translations(locales: Path, idioma: str) -> gettext.NullTranslations:
    """The catalog of a language; the templates' own words for Catalan."""
    if idioma == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    with (locales / idioma / "LC_MESSAGES" / "messages.po").open("rb") as po:
        catalog = read_po(po, locale=idioma)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def number(value: float, locale: str) -> str:
    return format_decimal(value, format=_NUMBER, locale=locale)


def _parsed(value: date | datetime | str) -> date | datetime:
    """A date or moment, also as the services send them in JSON (ISO 8601)."""
    if not isinstance(value, str):
        return value
    return datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)


def day(value: date | datetime | str) -> str:
    """Day/month/year in every language: how dates are written across Europe."""
    value = _parsed(value)
    if isinstance(value, datetime):
        value = value.astimezone(LOCAL)
    return value.strftime("%d/%m/%Y")


def moment(value: datetime | str) -> str:
    """A moment as read in Terrassa."""
    return _parsed(value).astimezone(LOCAL).strftime("%d/%m/%Y %H:%M")


def install(env: Environment, locales: Path, idioma: str) -> None:
    """Give ``env`` the catalog of ``idioma`` and the filters that write numbers and dates."""
    env.install_gettext_translations(translations(locales, idioma), newstyle=True)  # type: ignore[attr-defined]
    nombre = partial(number, locale=idioma)
    filters: dict[str, Any] = dict(nombre=nombre, m2=lambda value: f"{nombre(value)} m²",
                                   euros=lambda value: f"{nombre(value)} €", data=day, data_hora=moment)
    env.filters.update(filters)
