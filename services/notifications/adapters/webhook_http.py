"""POSTing to webhooks over HTTP, after checking where the address leads.

The host is resolved and every address it resolves to must be public, unless configuration
allows private targets: otherwise a webhook could make this service probe the internal network
(SSRF). The check runs at registration and again before each delivery, since DNS can change.
"""

from __future__ import annotations

import asyncio
import socket
from urllib.parse import urlsplit

import httpx

from services.notifications.domain.webhooks import PRIVATE_TARGET, is_public


class TargetRefused(Exception):
    """The webhook's address may not be called (private network, unknown host)."""


class WebhookClient:
    def __init__(self, allow_private: bool, timeout_s: float = 10.0) -> None:
        self._allow_private = allow_private
        # Redirects are not followed: a receiver could bounce a delivery into the internal network.
        self._client = httpx.AsyncClient(timeout=timeout_s, follow_redirects=False,
                                         headers={"User-Agent": "Districte-Webhooks/1.0"})

    async def target_problem(self, url: str) -> str | None:
        """Why the address may not be called, in Catalan; None if it may."""
        parts = urlsplit(url)
        host = parts.hostname or ""
        try:
            found = await asyncio.get_running_loop().getaddrinfo(
                host, parts.port or (443 if parts.scheme == "https" else 80), type=socket.SOCK_STREAM)
        except (OSError, UnicodeError):
            return f"no es troba el servidor «{host}»"
        if not self._allow_private and not all(is_public(info[4][0]) for info in found):
            return PRIVATE_TARGET
        return None

    async def post(self, url: str, body: bytes, headers: dict[str, str]) -> int:
        """POST ``body``; the HTTP status. Raises TargetRefused or httpx.HTTPError."""
        problem = await self.target_problem(url)
        if problem is not None:
            raise TargetRefused(problem)
        response = await self._client.post(url, content=body, headers=headers)
        return response.status_code

    async def close(self) -> None:
        await self._client.aclose()
