"""A search form's query string, read as typed: what is valid goes to the search, what is not is
sent back beside its field (with what was typed), never silently dropped."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# Why a value was refused; the template words each code in the reader's language.
WHOLE_NUMBER, NUMBER, CHOICE, RANGE = "nombre_enter", "nombre", "opcio", "interval"


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
        if name in whole:
            _number(form, name, typed.replace(".", "").replace(" ", ""), int, WHOLE_NUMBER)
        elif name in decimal:
            _number(form, name, typed.replace(",", "."), float, NUMBER)
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


def _number(form: SearchForm, name: str, typed: str, kind: type, code: str) -> None:
    try:
        value = kind(typed)
    except ValueError:
        form.errors[name] = code
        return
    if value < 0 or value > 1_000_000_000:
        form.errors[name] = code
    else:
        form.values[name] = value
