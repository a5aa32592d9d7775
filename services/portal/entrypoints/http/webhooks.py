"""Webhooks: a recipient (a management body, a partner system) has its notifications POSTed to
its own system, signed; staff see every webhook."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Response

from services.portal.domain.access import RECIPIENT_ROLE, Principal
from services.portal.entrypoints.http.dependencies import (
    Caller,
    Context,
    Recipient,
    address_of,
    call,
    passthrough,
)
from shared.contracts.notifications_api import (
    SERVICE,
    LlistarWebhooks,
    NouWebhook,
    RegistrarWebhook,
    ResultatProva,
    WebhookCreat,
    WebhookRef,
    WebhookView,
)

router = APIRouter(prefix="/api/v1/webhooks", tags=["webhooks"])


@router.post("", status_code=201, response_model=WebhookCreat, summary="Registrar un webhook",
             description="Cada avís que rebeu pel canal `webhook` s'hi envia com a CloudEvent, signat "
                         "segons Standard Webhooks amb el secret que es mostra només ara (docs/webhooks.md).")
async def registrar(body: NouWebhook, ctx: Context, who: Recipient) -> Any:
    command = RegistrarWebhook(propietari=address_of(who), rol=RECIPIENT_ROLE[who.rol], **body.model_dump())
    return passthrough(await call(ctx, SERVICE, "RegistrarWebhook", command), 201)


@router.get("", response_model=list[WebhookView], summary="Els meus webhooks (personal tècnic: tots)")
async def llistar(ctx: Context, who: Caller) -> Any:
    query = LlistarWebhooks() if who.is_staff else LlistarWebhooks(propietari=address_of(who))
    return passthrough(await call(ctx, SERVICE, "LlistarWebhooks", query))


@router.delete("/{webhook_id}", status_code=204, summary="Esborrar un webhook")
async def esborrar(webhook_id: uuid.UUID, ctx: Context, who: Caller) -> Response:
    await call(ctx, SERVICE, "EsborrarWebhook", _ref(webhook_id, who))
    return Response(status_code=204)


@router.post("/{webhook_id}/prova", response_model=ResultatProva, summary="Enviar-hi un avís de prova ara")
async def provar(webhook_id: uuid.UUID, ctx: Context, who: Caller) -> Any:
    return passthrough(await call(ctx, SERVICE, "ProvarWebhook", _ref(webhook_id, who)))


def _ref(webhook_id: uuid.UUID, who: Principal) -> WebhookRef:
    """Staff reach any webhook; anyone else only their own."""
    return WebhookRef(webhook_id=webhook_id) if who.is_staff else WebhookRef(webhook_id=webhook_id,
                                                                              propietari=address_of(who))

