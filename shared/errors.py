"""Rejections a use case can raise; pure (no I/O), so any domain may use them.

Messages are in Catalan: they reach people (HTTP 4xx bodies, dead-letter reasons).
"""

from __future__ import annotations

from pydantic import BaseModel


class FieldError(BaseModel):
    camp: str
    motiu: str


class Rejected(Exception):
    """Base: the request was understood and refused; nothing was changed."""

    status = 400
    codi = "rebutjat"

    def __init__(self, missatge: str, errors: list[FieldError] | None = None) -> None:
        super().__init__(missatge)
        self.missatge = missatge
        self.errors = errors or []


class Invalid(Rejected):
    status = 422
    codi = "dades_no_valides"

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("Hi ha camps no vàlids.", errors)


class Conflict(Rejected):
    status = 409
    codi = "conflicte"


class NotFound(Rejected):
    status = 404
    codi = "no_trobat"
