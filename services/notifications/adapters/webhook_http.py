"""POSTing to webhooks over HTTP, after checking where the address leads.

The host is resolved and every address it resolves to must be public, unless configuration
allows private targets: otherwise a webhook could make this service probe the internal network
(SSRF). The check runs at registration and again before each delivery, and the delivery connects
to the very address checked (the host travels in ``Host`` and, for HTTPS, as the TLS server name),
so a DNS answer that changes between the check and the connection cannot redirect it.
"""

from __future__ import annotations

import asyncio
import socket
from urllib.parse import urlsplit, urlunsplit

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
        return (await self._resolve(url))[1]

    async def _resolve(self, url: str) -> tuple[str | None, str | None]:
        """(the address to connect to, None) or (None, why none may be called, in Catalan)."""
        parts = urlsplit(url)
        host = parts.hostname or ""
        try:
            found = await asyncio.get_running_loop().getaddrinfo(
                host, parts.port or (443 if parts.scheme == "https" else 80), type=socket.SOCK_STREAM)
        except (OSError, UnicodeError):
            found = []
        addresses = [info[4][0] for info in found]
        if not addresses:
            return None, f"no es troba el servidor «{host}»"
        if not self._allow_private and not all(is_public(address) for address in addresses):
            return None, PRIVATE_TARGET
        return addresses[0], None

    async def post(self, url: str, body: bytes, headers: dict[str, str]) -> int:
        """POST ``body`` to the checked address; the HTTP status. Raises TargetRefused or httpx.HTTPError."""
        address, problem = await self._resolve(url)
        if address is None:
            raise TargetRefused(problem or PRIVATE_TARGET)
        parts = urlsplit(url)
        host = f"[{address}]" if ":" in address else address
        pinned = urlunsplit((parts.scheme, host + (f":{parts.port}" if parts.port else ""), parts.path or "/",
                             parts.query, ""))
        extensions = {"sni_hostname": parts.hostname} if parts.scheme == "https" else {}
        response = await self._client.post(pinned, content=body, headers={**headers, "Host": parts.netloc},
                                           extensions=extensions)
        return response.status_code

    async def close(self) -> None:
        await self._client.aclose()

