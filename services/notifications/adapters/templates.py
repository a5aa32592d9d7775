"""Jinja2 templates of the notifications, one folder per language."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from services.notifications.domain.digests import LOCAL
from shared.formatting import euros, m2, nombre, preu_oferta

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


class Renderer:
    def __init__(self) -> None:
        self._env = Environment(
            loader=FileSystemLoader(TEMPLATES / "ca"),
            autoescape=select_autoescape(enabled_extensions=("html.j2",), default=False),
            undefined=StrictUndefined,
            keep_trailing_newline=False,
        )
        self._env.filters.update(m2=m2, euros=euros, nombre=nombre, data_hora=data_hora)
        self._env.globals.update(preu_oferta=preu_oferta)

    def render(self, name: str, idioma: str = "ca", **context: Any) -> tuple[str, str, str]:
        """(subject, text, html) of template ``name``."""
        subject = self._env.get_template(f"{name}.subject.j2").render(**context).strip()
        text = self._env.get_template(f"{name}.txt.j2").render(**context)
        html = self._env.get_template(f"{name}.html.j2").render(**context)
        return " ".join(subject.split()), text, html


def data_hora(moment: datetime) -> str:
    """A moment as read in Terrassa."""
    return moment.astimezone(LOCAL).strftime("%d/%m/%Y %H:%M")
