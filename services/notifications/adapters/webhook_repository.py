"""Webhooks and their deliveries, inside one unit of work."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from services.notifications.adapters.claims import claim
from services.notifications.adapters.secret_box import SecretBox
from services.notifications.adapters.tables import lliuraments_webhook, notificacions, webhooks
from shared.persistence.upsert import insert_new

# What is shown and filtered on; the secret is read only to sign.
_PUBLIC = [column for column in webhooks.c if column.name != "secret"]


class WebhookRepository:
    """Secrets are sealed as they are stored and opened only where a delivery is signed."""

    def __init__(self, connection: AsyncConnection, secrets: SecretBox) -> None:
        self._connection = connection
        self._secrets = secrets
        self._active: dict[str, list[dict[str, Any]]] = {}  # per owner, for the transaction
        self.deliveries_added = 0

    async def add(self, webhook: dict[str, Any]) -> None:
        await self._connection.execute(insert(webhooks), {**webhook, "secret": self._secrets.seal(webhook["secret"])})
        self._active.pop(webhook["propietari"], None)

    async def get(self, webhook_id: str) -> dict[str, Any] | None:
        """The webhook, with its secret in clear (to sign a test delivery)."""
        row = (await self._connection.execute(
            select(webhooks).where(webhooks.c.webhook_id == webhook_id))).first()
        return self._opened(dict(row._mapping)) if row else None

    async def list(self, propietari: str | None) -> list[dict[str, Any]]:
        conditions = [webhooks.c.propietari == propietari] if propietari else []
        rows = await self._connection.execute(
            select(*_PUBLIC).where(*conditions).order_by(webhooks.c.creat_el, webhooks.c.webhook_id))
        return [dict(row._mapping) for row in rows]

    async def reseal_secrets(self) -> int:
        """Seal every secret with the newest key (clear ones from before sealing included)."""
        resealed = 0
        for webhook_id, stored in (await self._connection.execute(select(webhooks.c.webhook_id, webhooks.c.secret))):
            value = self._secrets.resealed(stored)
            if value is not None:
                await self._connection.execute(update(webhooks).where(
                    webhooks.c.webhook_id == webhook_id, webhooks.c.secret == stored).values(secret=value))
                resealed += 1
        return resealed

    def _opened(self, row: dict[str, Any]) -> dict[str, Any]:
        return {**row, "secret": self._secrets.open(row["secret"])}

    async def remove(self, webhook_id: str) -> None:
        """The webhook and what it still had to deliver (the notifications stay in the log)."""
        await self._connection.execute(delete(lliuraments_webhook).where(
            lliuraments_webhook.c.webhook_id == webhook_id, lliuraments_webhook.c.estat == "pendent"))
        await self._connection.execute(delete(webhooks).where(webhooks.c.webhook_id == webhook_id))
        self._active.clear()

    async def active_for(self, propietari: str) -> list[dict[str, Any]]:
        if propietari not in self._active:
            rows = await self._connection.execute(select(*_PUBLIC).where(
                webhooks.c.propietari == propietari, webhooks.c.actiu.is_(True)))
            self._active[propietari] = [dict(row._mapping) for row in rows]
        return self._active[propietari]

    # -- deliveries -----------------------------------------------------------------------
    async def add_delivery(self, delivery: dict[str, Any]) -> None:
        self.deliveries_added += await insert_new(self._connection, lliuraments_webhook, delivery,
                                                  keys=["notificacio_id", "webhook_id"])

    async def claim_due(self, now: datetime, lease_until: datetime | None, limit: int) -> list[dict[str, Any]]:
        """Claim the deliveries due now (see ``claims``), with what they carry and where they go."""
        active = select(webhooks.c.webhook_id).where(webhooks.c.actiu.is_(True))
        claimed = await claim(self._connection, lliuraments_webhook, lliuraments_webhook.c.lliurament_id,
                              lliuraments_webhook.c.proper_intent_el,
                              (lliuraments_webhook.c.estat == "pendent", lliuraments_webhook.c.webhook_id.in_(active)),
                              (lliuraments_webhook.c.creat_el, lliuraments_webhook.c.lliurament_id),
                              now, lease_until, limit)
        if not claimed:
            return []
        rows = await self._connection.execute(
            select(lliuraments_webhook, webhooks.c.url, webhooks.c.secret, notificacions.c.tipus,
                   notificacions.c.destinatari, notificacions.c.assumpte, notificacions.c.cos_text,
                   notificacions.c.causa, notificacions.c.correlacio, notificacions.c.dades,
                   notificacions.c.creada_el)
            .join(webhooks, webhooks.c.webhook_id == lliuraments_webhook.c.webhook_id)
            .join(notificacions, notificacions.c.notificacio_id == lliuraments_webhook.c.notificacio_id)
            .where(lliuraments_webhook.c.lliurament_id.in_([row["lliurament_id"] for row in claimed]))
            .order_by(lliuraments_webhook.c.creat_el, lliuraments_webhook.c.lliurament_id))
        return [self._opened(dict(row._mapping)) for row in rows]

    async def delivered(self, lliurament_id: str, webhook_id: str, now: datetime) -> None:
        await self._connection.execute(update(lliuraments_webhook).where(
            lliuraments_webhook.c.lliurament_id == lliurament_id).values(
            estat="enviada", enviat_el=now, intents=lliuraments_webhook.c.intents + 1, darrer_error=None))
        await self._connection.execute(update(webhooks).where(webhooks.c.webhook_id == webhook_id).values(
            fallades_seguides=0))

    async def failed(self, lliurament_id: str, webhook_id: str, error: str, retry_at: datetime | None) -> int:
        """Record a failed attempt (``retry_at`` None: given up); the webhook's failures in a row."""
        await self._connection.execute(update(lliuraments_webhook).where(
            lliuraments_webhook.c.lliurament_id == lliurament_id, lliuraments_webhook.c.estat == "pendent").values(
            estat="pendent" if retry_at else "fallida", darrer_error=error[:1000],
            intents=lliuraments_webhook.c.intents + 1,
            **({"proper_intent_el": retry_at} if retry_at else {})))
        await self._connection.execute(update(webhooks).where(webhooks.c.webhook_id == webhook_id).values(
            fallades_seguides=webhooks.c.fallades_seguides + 1))
        return (await self._connection.execute(select(webhooks.c.fallades_seguides).where(
            webhooks.c.webhook_id == webhook_id))).scalar_one()

    async def still_open(self, notificacio_id: str) -> bool:
        """Whether a notification still has a delivery pending or made (so it has not failed)."""
        row = (await self._connection.execute(select(lliuraments_webhook.c.lliurament_id).where(
            lliuraments_webhook.c.notificacio_id == notificacio_id,
            lliuraments_webhook.c.estat.in_(("pendent", "enviada"))).limit(1))).first()
        return row is not None

    async def disable(self, webhook_id: str, motiu: str, now: datetime) -> list[str]:
        """Disable a webhook; its pending deliveries fail. Returns their notifications' ids."""
        await self._connection.execute(update(webhooks).where(webhooks.c.webhook_id == webhook_id).values(
            actiu=False, desactivat_el=now, motiu_desactivacio=motiu))
        pending = (lliuraments_webhook.c.webhook_id == webhook_id, lliuraments_webhook.c.estat == "pendent")
        ids = (await self._connection.execute(
            select(lliuraments_webhook.c.notificacio_id).where(*pending))).scalars().all()
        await self._connection.execute(update(lliuraments_webhook).where(*pending).values(
            estat="fallida", darrer_error=f"webhook desactivat: {motiu}"[:1000]))
        self._active.clear()
        return list(ids)
