"""Recipients register webhooks, list, remove and try them."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import httpx

from services.notifications.adapters.webhook_http import TargetRefused, WebhookClient
from services.notifications.adapters.webhook_payload import delivery_request
from services.notifications.domain.webhooks import new_secret, url_problem
from services.notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from shared.contracts.notifications_api import (
    LlistarWebhooks,
    RegistrarWebhook,
    ResultatProva,
    WebhookCreat,
    WebhookRef,
    WebhookView,
)
from shared.errors import FieldError, Invalid, NotFound
from shared.persistence.timestamps import as_utc

UowFactory = Callable[..., NotificationsUnitOfWork]


async def registrar_webhook(command: RegistrarWebhook, client: WebhookClient, uow_factory: UowFactory) -> WebhookCreat:
    problem = url_problem(command.url) or await client.target_problem(command.url)
    if problem is not None:
        raise Invalid([FieldError(camp="url", motiu=problem)])
    webhook = {"webhook_id": str(uuid.uuid4()), "propietari": str(command.propietari).lower(),
               "url": command.url, "secret": new_secret(), "tipus": command.tipus,
               "descripcio": command.descripcio, "actiu": True, "fallades_seguides": 0,
               "desactivat_el": None, "motiu_desactivacio": None, "creat_el": datetime.now(UTC)}
    async with uow_factory() as uow:
        await uow.webhooks.add(webhook)
        await uow.commit()
    return WebhookCreat.model_validate(webhook)


async def llistar_webhooks(query: LlistarWebhooks, uow_factory: UowFactory) -> list[WebhookView]:
    async with uow_factory(readonly=True) as uow:
        found = await uow.webhooks.list(str(query.propietari).lower() if query.propietari else None)
    return [view(webhook) for webhook in found]


async def esborrar_webhook(command: WebhookRef, uow_factory: UowFactory) -> None:
    async with uow_factory() as uow:
        await _owned(uow, command)
        await uow.webhooks.remove(str(command.webhook_id))
        await uow.commit()


async def provar_webhook(command: WebhookRef, client: WebhookClient, uow_factory: UowFactory) -> ResultatProva:
    """POST a signed test event now and say what the receiver answered; nothing is recorded."""
    async with uow_factory(readonly=True) as uow:
        webhook = await _owned(uow, command)
    test_id = f"prova_{uuid.uuid4().hex}"
    body, headers = delivery_request(webhook["secret"], test_id, int(time.time()), {
        "id": test_id, "tipus": "prova", "destinatari": webhook["propietari"], "assumpte": "Prova del webhook",
        "text": "Això és una prova del webhook del Districte industrial de Terrassa.", "causa": test_id,
        "correlacio": test_id, "dades": None, "creada_el": datetime.now(UTC)})
    try:
        status = await client.post(webhook["url"], body, headers)
    except TargetRefused as exc:
        return ResultatProva(lliurat=False, codi_http=None, error=str(exc))
    except httpx.HTTPError as exc:
        return ResultatProva(lliurat=False, codi_http=None, error=f"no s'ha pogut connectar: {type(exc).__name__}")
    return ResultatProva(lliurat=200 <= status < 300, codi_http=status,
                         error=None if 200 <= status < 300 else f"el receptor ha respost {status}")


async def _owned(uow: NotificationsUnitOfWork, ref: WebhookRef) -> dict[str, Any]:
    webhook = await uow.webhooks.get(str(ref.webhook_id))
    if webhook is None or (ref.propietari is not None and webhook["propietari"] != str(ref.propietari).lower()):
        raise NotFound("No teniu cap webhook amb aquest identificador.")
    return webhook


def view(webhook: dict[str, Any]) -> WebhookView:
    return WebhookView.model_validate(dict(webhook, creat_el=as_utc(webhook["creat_el"]),
                                           desactivat_el=as_utc(webhook["desactivat_el"])))
