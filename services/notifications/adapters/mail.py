"""Mail transports: SMTP (one connection reused for a batch) or ``.eml`` files for the demo."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from email.message import EmailMessage
from email.utils import formatdate
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import aiosmtplib

Send = Callable[[EmailMessage], Awaitable[None]]


class PermanentDeliveryError(Exception):
    """The server refused the mail for good (5xx): retrying cannot help."""


def build_message(*, sender: str, to: str, subject: str, text: str, html: str,
                  message_id: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False, usegmt=True)
    # A stable id per notification lets a receiving system drop a re-sent copy.
    message["Message-ID"] = f"<{message_id}@districte.terrassa>"
    message["Content-Language"] = "ca"
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    return message


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

            async def send(message: EmailMessage) -> None:
                try:
                    await client.send_message(message)
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

        async def send(message: EmailMessage) -> None:
            name = str(message["Message-ID"]).strip("<>").split("@")[0]
            await asyncio.to_thread((self._directory / f"{name}.eml").write_bytes, bytes(message))

        yield send


MailTransport = SmtpTransport | FileTransport
