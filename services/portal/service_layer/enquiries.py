"""A visitor's question about an offer goes to the offer's contact (through notifications), a few
an hour per client at most: the form is public, and nobody's mailbox is a target."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from services.portal.domain.accounts import ATTEMPTS_KEPT
from services.portal.service_layer.accounts import TooManyAttempts
from services.portal.service_layer.unit_of_work import PortalUnitOfWork
from shared.contracts.notifications_api import EnviarConsulta, OfertaConsultada

MAX_PER_HOUR = 5
Send = Callable[[str, object], Awaitable[object]]


async def send_enquiry(uow_factory: Callable[..., PortalUnitOfWork], notifications: Send, client: str,
                       oferta: dict[str, Any], poligon: str, visitor: dict[str, str]) -> None:
    now, key = datetime.now(UTC), f"consulta:{client}"
    async with uow_factory() as uow:
        if await uow.intents.most_since([key], now - ATTEMPTS_KEPT) >= MAX_PER_HOUR:
            raise TooManyAttempts
        await uow.intents.record([key], now)
        await uow.commit()
    await notifications("EnviarConsulta", EnviarConsulta(
        consulta_id=uuid.uuid4(), destinatari=oferta["contacte"]["email"], nom_destinatari=oferta["contacte"]["nom"],
        oferta=OfertaConsultada(oferta_id=oferta["oferta_id"], tipus=oferta["tipus"],
                                superficie_m2=oferta["superficie_m2"], poligon=poligon, adreca=oferta["adreca"]),
        nom=visitor["nom"], email=visitor["email"], telefon=visitor.get("telefon") or None, missatge=visitor["missatge"]))
