"""Mail transports: SMTP (one connection reused for a batch) or ``.eml`` files for the demo."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import aiosmtplib

from services.notifications.adapters.mime import OutgoingMail

Send = Callable[[OutgoingMail], Awaitable[None]]


class PermanentDeliveryError(Exception):
    """The server refused the mail for good (5xx): retrying cannot help."""


class SmtpTransport:
    def __init__(self, url: str, timeout_s: float = 10.0) -> None:
        parsed = urlsplit(url)
        options = parse_qs(parsed.query)
        self._host = parsed.hostname or "localhost"
        self._implicit_tls = parsed.scheme == "smtps"
        self._port = parsed.port or (465 if self._implicit_tls else 25)
        self._username = unquote(parsed.username) if parsed.username else None
        self._password = unquote(parsed.password) if parsed.password else None
        self._starttls = options.get("starttls", ["false"])[0].lower() in {"1", "true", "yes"}
        self._timeout_s = timeout_s

    @asynccontextmanager
    async def session(self) -> AsyncIterator[Send]:
        client = aiosmtplib.SMTP(hostname=self._host, port=self._port, timeout=self._timeout_s,
                                 use_tls=self._implicit_tls, start_tls=self._starttls or None)
        await client.connect()
        try:
            if self._username:
                await client.login(self._username, self._password or "")

            async def send(mail: OutgoingMail) -> None:
                try:
                    await client.sendmail(mail.sender, [mail.recipient], mail.data)
                except aiosmtplib.SMTPRecipientsRefused as exc:
                    raise PermanentDeliveryError(str(exc)) from exc
                except aiosmtplib.SMTPResponseException as exc:
                    if 500 <= exc.code < 600:
                        raise PermanentDeliveryError(f"{exc.code} {exc.message}") from exc
                    raise

            yield send
        finally:
            try:
                await client.quit()
            except (aiosmtplib.SMTPException, OSError):
                client.close()


class FileTransport:
    """Writes each mail to ``<dir>/<message id>.eml``; rewriting the same mail is harmless."""

    def __init__(self, directory: Path) -> None:
        self._directory = directory

    @asynccontextmanager
    async def session(self) -> AsyncIterator[Send]:
        self._directory.mkdir(parents=True, exist_ok=True)

        async def send(mail: OutgoingMail) -> None:
            path = self._directory / f"{mail.message_id}.eml"
            await asyncio.to_thread(path.write_bytes, mail.data)

        yield send


MailTransport = SmtpTransport | FileTransport
