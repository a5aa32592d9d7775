"""Building blocks of the request-reply contracts between the portal and the services."""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict

T = TypeVar("T")


class Command(BaseModel):
    """Base of every command and query: unknown fields are an error, text is trimmed."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Buit(Command):
    """A query without parameters."""


class Pagina(BaseModel, Generic[T]):
    items: list[T]
    total: int
    pagina: int
    mida: int
