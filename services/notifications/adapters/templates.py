"""Jinja2 templates of the notifications, written in Catalan and translated with gettext
catalogs (``locale/<idioma>/LC_MESSAGES/messages.po``, read with Babel at start-up)."""

from __future__ import annotations

import gettext
import io
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from services.notifications.domain.digests import LOCAL

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
LOCALES = ROOT / "locale"
SOURCE_LANGUAGE = "ca"
LANGUAGES = ("ca", "es", "en")
# Thousands grouped even in four-digit numbers ("2.400 m²"), at most two decimals.
_NUMBER = "#,##0.##"


def translations(idioma: str) -> gettext.NullTranslations:
    """The catalog of a language; the templates' own words for Catalan."""
    if idioma == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    with (LOCALES / idioma / "LC_MESSAGES" / "messages.po").open("rb") as po:
        catalog = read_po(po, locale=idioma)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def environment(idioma: str) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default=False),
        undefined=StrictUndefined,
        keep_trailing_newline=False,
        extensions=["jinja2.ext.i18n"],
        auto_reload=False,  # templates ship with the code: no file check on every render
    )
    env.install_gettext_translations(translations(idioma), newstyle=True)  # type: ignore[attr-defined]
    nombre = partial(_number, locale=idioma)
    env.filters.update(nombre=nombre, m2=lambda value: f"{nombre(value)} m²",
                       euros=lambda value: f"{nombre(value)} €", data=_date, data_hora=_moment)
    return env


class Renderer:
    def __init__(self) -> None:
        self._envs = {idioma: environment(idioma) for idioma in LANGUAGES}

    def render(self, name: str, idioma: str = SOURCE_LANGUAGE, **context: Any) -> tuple[str, str, str]:
        """(subject, text, html) of template ``name`` in ``idioma``."""
        env = self._envs[idioma]
        context["idioma"] = idioma
        subject = env.get_template(f"{name}.subject.j2").render(**context).strip()
        text = env.get_template(f"{name}.txt.j2").render(**context)
        html = env.get_template(f"{name}.html.j2").render(**context)
        return " ".join(subject.split()), text, html


def _number(value: float, locale: str) -> str:
    return format_decimal(value, format=_NUMBER, locale=locale)


def _date(day: date | datetime) -> str:
    """Day/month/year in every language: how dates are written across Europe."""
    if isinstance(day, datetime):
        day = day.astimezone(LOCAL)
    return day.strftime("%d/%m/%Y")


def _moment(moment: datetime) -> str:
    """A moment as read in Terrassa."""
    return moment.astimezone(LOCAL).strftime("%d/%m/%Y %H:%M")
