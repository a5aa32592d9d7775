"""Staff operations on a service's dead letters, served over RPC to the portal.

Replay runs the stored event through the same consumer again, in this service only:
republishing it would hand it to every other consumer of the stream too.
"""

from __future__ import annotations

from typing import Any

from faststream.nats import NatsRouter
from pydantic import BaseModel

from shared.errors import Conflict, NotFound
from shared.messaging.consumer import EventConsumer, PermanentError
from shared.messaging.dead_letters import DeadLetter, DeadLetterStore
from shared.messaging.decoding import Undecodable
from shared.messaging.rpc import serve


class DeadLetterView(BaseModel):
    id: str
    servei: str
    stream: str
    consumer: str
    sequence: int
    subject: str
    payload: str
    reason: str
    deliveries: int
    created_at: str
    replayed_at: str | None


class LlistarDeadLetters(BaseModel):
    inclou_reprocessades: bool = False


class ReprocessarDeadLetter(BaseModel):
    id: str


def _view(service: str, letter: DeadLetter) -> DeadLetterView:
    return DeadLetterView(
        id=letter.id, servei=service, stream=letter.stream, consumer=letter.consumer,
        sequence=letter.sequence, subject=letter.subject,
        payload=letter.payload.decode("utf-8", errors="replace"), reason=letter.reason,
        deliveries=letter.deliveries, created_at=letter.created_at.isoformat(),
        replayed_at=letter.replayed_at.isoformat() if letter.replayed_at else None,
    )


def register_dead_letter_admin(router: NatsRouter, service: str,
                               consumers: list[EventConsumer[Any]], store: DeadLetterStore) -> None:
    by_name = {consumer.name: consumer for consumer in consumers}

    @serve(router, service, "admin.LlistarDeadLetters", LlistarDeadLetters)
    async def list_letters(request: LlistarDeadLetters) -> list[dict[str, Any]]:
        letters = await store.list(include_replayed=request.inclou_reprocessades)
        return [_view(service, letter).model_dump() for letter in letters]

    @serve(router, service, "admin.ReprocessarDeadLetter", ReprocessarDeadLetter)
    async def replay(request: ReprocessarDeadLetter) -> DeadLetterView:
        letter = await store.get(request.id)
        if letter is None:
            raise NotFound("No hi ha cap missatge mort amb aquest identificador en aquest servei.")
        if letter.replayed_at is not None:
            raise Conflict("Aquest missatge mort ja s'ha reprocessat.")
        consumer = by_name.get(letter.consumer)
        if consumer is None:
            raise Conflict(f"El consumidor '{letter.consumer}' ja no existeix.")
        event = consumer.decode(letter.payload, letter.subject)
        if isinstance(event, Undecodable):
            raise Conflict(f"El missatge continua sent invàlid: {event.reason}")
        try:
            async with consumer.new_unit_of_work() as uow:
                await consumer.process(event, uow)
                await uow.commit()
        except PermanentError as exc:
            raise Conflict(f"El missatge continua sense poder-se tractar: {exc}") from exc
        await store.mark_replayed(letter.id)
        replayed = await store.get(letter.id)
        assert replayed is not None
        return _view(service, replayed)
