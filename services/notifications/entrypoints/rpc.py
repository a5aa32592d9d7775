"""Notifications commands and queries served over NATS request-reply."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from faststream.nats import NatsRouter

from services.notifications.adapters.unsubscribe import UnsubscribeSigner
from services.notifications.adapters.webhook_http import WebhookClient
from services.notifications.service_layer import portal_requests, preferences, queries, webhooks
from services.notifications.service_layer.notify import Notifier
from services.notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from shared.contracts.notifications_api import (
    SERVICE,
    DesarPreferencies,
    DonarDeBaixa,
    DonarDeBaixaDestinatari,
    EnviarAvisCompte,
    EnviarConsulta,
    LlistarNotificacions,
    LlistarWebhooks,
    MarcarLlegida,
    ObtenirPreferencies,
    RegistrarDestinatari,
    RegistrarWebhook,
    WebhookRef,
)
from shared.messaging.rpc import serve


def register_rpc(router: NatsRouter, uow: Callable[..., NotificationsUnitOfWork],
                 signer: UnsubscribeSigner, client: WebhookClient, notifier: Notifier) -> None:
    @serve(router, SERVICE, "LlistarNotificacions", LlistarNotificacions)
    async def llistar(query: LlistarNotificacions) -> Any:
        return await queries.llistar_notificacions(query, uow)

    @serve(router, SERVICE, "MarcarLlegida", MarcarLlegida)
    async def marcar_llegida(command: MarcarLlegida) -> Any:
        return await queries.marcar_llegida(command, uow)

    @serve(router, SERVICE, "ObtenirPreferencies", ObtenirPreferencies)
    async def obtenir_preferencies(query: ObtenirPreferencies) -> Any:
        return await preferences.obtenir_preferencies(query, uow)

    @serve(router, SERVICE, "DesarPreferencies", DesarPreferencies)
    async def desar_preferencies(command: DesarPreferencies) -> Any:
        return await preferences.desar_preferencies(command, uow)

    @serve(router, SERVICE, "RegistrarDestinatari", RegistrarDestinatari)
    async def registrar_destinatari(command: RegistrarDestinatari) -> Any:
        return await preferences.registrar_destinatari(command, uow)

    @serve(router, SERVICE, "DonarDeBaixa", DonarDeBaixa)
    async def donar_de_baixa(command: DonarDeBaixa) -> Any:
        return await preferences.donar_de_baixa(command, signer, uow)

    @serve(router, SERVICE, "EnviarAvisCompte", EnviarAvisCompte)
    async def enviar_avis_compte(command: EnviarAvisCompte) -> Any:
        return await portal_requests.enviar_avis_compte(command, notifier, uow)

    @serve(router, SERVICE, "EnviarConsulta", EnviarConsulta)
    async def enviar_consulta(command: EnviarConsulta) -> Any:
        return await portal_requests.enviar_consulta(command, notifier, uow)

    @serve(router, SERVICE, "DonarDeBaixaDestinatari", DonarDeBaixaDestinatari)
    async def donar_de_baixa_destinatari(command: DonarDeBaixaDestinatari) -> Any:
        await portal_requests.donar_de_baixa_destinatari(command, uow)

    @serve(router, SERVICE, "RegistrarWebhook", RegistrarWebhook)
    async def registrar_webhook(command: RegistrarWebhook) -> Any:
        return await webhooks.registrar_webhook(command, client, uow)

    @serve(router, SERVICE, "LlistarWebhooks", LlistarWebhooks)
    async def llistar_webhooks(query: LlistarWebhooks) -> Any:
        return [view.model_dump(mode="json") for view in await webhooks.llistar_webhooks(query, uow)]

    @serve(router, SERVICE, "EsborrarWebhook", WebhookRef)
    async def esborrar_webhook(command: WebhookRef) -> Any:
        await webhooks.esborrar_webhook(command, uow)

    @serve(router, SERVICE, "ProvarWebhook", WebhookRef)
    async def provar_webhook(command: WebhookRef) -> Any:
        return await webhooks.provar_webhook(command, client, uow)
