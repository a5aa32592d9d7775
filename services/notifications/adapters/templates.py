"""Jinja2 templates of the notifications, written in Catalan and translated with gettext
catalogs (``locale/<idioma>/LC_MESSAGES/messages.po``, read with Babel at start-up: shared.i18n)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from shared.i18n import LANGUAGES, SOURCE_LANGUAGE, install

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
LOCALES = ROOT / "locale"
__all__ = ["LANGUAGES", "LOCALES", "SOURCE_LANGUAGE", "TEMPLATES", "Renderer", "environment"]


def environment(idioma: str) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default=False),
        undefined=StrictUndefined,
        keep_trailing_newline=False,
        extensions=["jinja2.ext.i18n"],
        auto_reload=False,  # templates ship with the code: no file check on every render
    )
    install(env, LOCALES, idioma)
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

