"""Turn a raw message into a validated event, or into the reason it can never be one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import orjson
from pydantic import ValidationError

from shared.contracts.envelope import CloudEvent, EventData, RawEnvelope


@dataclass(frozen=True)
class Undecodable:
    reason: str


def _describe(error: ValidationError, prefix: str = "") -> str:
    parts = []
    for item in error.errors()[:5]:
        location = ".".join(str(p) for p in item["loc"]) or "(arrel)"
        parts.append(f"{prefix}{location}: {item['msg']}")
    return "; ".join(parts)


def decode_event(payload: bytes, subject: str,
                 models: dict[str, type[EventData]]) -> CloudEvent[Any] | Undecodable:
    try:
        document = orjson.loads(payload)
    except orjson.JSONDecodeError as exc:
        return Undecodable(f"JSON no vàlid: {exc}")
    try:
        envelope = RawEnvelope.model_validate(document)
    except ValidationError as exc:
        return Undecodable(f"sobre CloudEvents no vàlid: {_describe(exc)}")
    if envelope.type != subject:
        return Undecodable(f"el tipus '{envelope.type}' no coincideix amb el subjecte '{subject}'")
    model = models.get(envelope.type)
    if model is None:
        return Undecodable(f"tipus d'esdeveniment desconegut per a aquest consumidor: {envelope.type}")
    try:
        data = model.model_validate(envelope.data)
    except ValidationError as exc:
        return Undecodable(f"dades no vàlides per a {envelope.type}: {_describe(exc, 'data.')}")
    return CloudEvent[model].model_construct(  # type: ignore[valid-type]
        **{**envelope.__dict__, "data": data}
    )
