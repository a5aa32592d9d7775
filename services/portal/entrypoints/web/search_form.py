"""A search form's query string, read as typed: what is valid goes to the search, what is not is
sent back beside its field (with what was typed), never silently dropped."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from services.portal.entrypoints.web.typed_values import CHOICE, NUMBER, RANGE, WHOLE_NUMBER, parse_number

__all__ = ["CHOICE", "NUMBER", "RANGE", "WHOLE_NUMBER", "SearchForm", "read"]


@dataclass
class SearchForm:
    typed: dict[str, str]
    values: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return not self.errors


def read(params: Mapping[str, str], *, whole: tuple[str, ...] = (), decimal: tuple[str, ...] = (),
         choices: Mapping[str, tuple[str, ...]] | None = None, text: tuple[str, ...] = (),
         ranges: tuple[tuple[str, str], ...] = ()) -> SearchForm:
    names = (*whole, *decimal, *(choices or {}), *text)
    form = SearchForm(typed={name: params.get(name, "").strip() for name in names})
    for name, typed in form.typed.items():
        if not typed:
            continue
        if name in whole or name in decimal:
            _number(form, name, typed, name in decimal)
        elif choices and name in choices:
            if typed in choices[name]:
                form.values[name] = typed
            else:
                form.errors[name] = CHOICE
        else:
            form.values[name] = typed[:100]
    for low, high in ranges:
        if low in form.values and high in form.values and form.values[low] > form.values[high]:
            form.errors[high] = RANGE
            del form.values[high]
    return form


def _number(form: SearchForm, name: str, typed: str, decimal: bool) -> None:
    value = parse_number(typed, decimal)
    if value is None or value < 0 or value > 1_000_000_000:
        form.errors[name] = NUMBER if decimal else WHOLE_NUMBER
    else:
        form.values[name] = value
