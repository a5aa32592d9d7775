"""Mail transports: SMTP (one connection reused for a batch) or ``.eml`` files for the demo."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from email.header import Header
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import formatdate, parseaddr
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import aiosmtplib


@dataclass(frozen=True)
class OutgoingMail:
    """A mail ready for the wire: envelope addresses and the RFC 5322 bytes."""

    message_id: str
    sender: str
    recipient: str
    data: bytes


Send = Callable[[OutgoingMail], Awaitable[None]]


class PermanentDeliveryError(Exception):
    """The server refused the mail for good (5xx): retrying cannot help."""


class MailComposer:
    """Builds the bytes of a notification mail from a sender's point of view.

    The compat32 MIME classes: the modern EmailMessage API parses every header it is given
    and costs several times more CPU per mail, which a bulk of notifications feels.
    """

    def __init__(self, sender: str) -> None:
        self._sender = sender
        self._envelope_sender = parseaddr(sender)[1]

    def compose(self, *, to: str, subject: str, text: str, html: str,
                message_id: str) -> OutgoingMail:
        message = MIMEMultipart("alternative")
        # Parts are base64 (UTF-8), whose alphabet has no "_": this boundary cannot occur in
        # them, and naming it spares the generator a scan of the whole body for a safe one.
        message.set_boundary(f"=_districte_{message_id}")
        message["From"] = self._sender
        message["To"] = to
        message["Subject"] = Header(subject, "utf-8")
        message["Date"] = formatdate(localtime=False, usegmt=True)
        # A stable id per notification lets a receiving system drop a re-sent copy.
        message["Message-ID"] = f"<{message_id}@districte.terrassa>"
        message["Content-Language"] = "ca"
        message.attach(MIMEText(text, "plain", "utf-8"))
        message.attach(MIMEText(html, "html", "utf-8"))
        return OutgoingMail(message_id=message_id, sender=self._envelope_sender, recipient=to,
                            data=message.as_bytes())


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
