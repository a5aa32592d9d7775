"""What a webhook receives: a CloudEvent 1.0 in structured JSON mode, with the Standard Webhooks
headers (``webhook-id``, ``webhook-timestamp``, ``webhook-signature``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import orjson

from services.notifications.domain.webhooks import signature
from shared.persistence.timestamps import as_utc

SOURCE = "districte/notifications"


def cloud_event(message_id: str, notification: dict[str, Any]) -> dict[str, Any]:
    """The event a delivery carries: the notification as its recipient would read it, and the data
    of the event that caused it, for systems that act on it."""
    created: datetime = as_utc(notification["creada_el"])
    return {
        "specversion": "1.0",
        "id": message_id,
        "source": SOURCE,
        "type": f"districte.notifications.{notification['tipus']}.v1",
        "subject": str(notification["causa"]),
        "time": created.isoformat(),
        "datacontenttype": "application/json",
        "correlationid": notification["correlacio"],
        "causationid": str(notification["causa"]),
        "data": {
            "notificacio_id": notification["id"], "tipus": notification["tipus"],
            "destinatari": notification["destinatari"], "assumpte": notification["assumpte"],
            "text": notification["text"], "dades": notification["dades"],
        },
    }


def delivery_request(secret: str, message_id: str, timestamp: int,
                     notification: dict[str, Any]) -> tuple[bytes, dict[str, str]]:
    """The body and headers of one delivery attempt (a fresh timestamp and signature each time;
    the same ``webhook-id`` across retries, so receivers can drop a repeat)."""
    body = orjson.dumps(cloud_event(message_id, notification))
    return body, {
        "Content-Type": "application/cloudevents+json",
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature(secret, message_id, timestamp, body),
    }
