"""A real SMTP server (aiosmtpd) that records what it receives; it can go down and come back."""

from __future__ import annotations

import email
import email.policy
from dataclasses import dataclass
from email.message import EmailMessage

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import Envelope, Session

from districte.nats_server import free_port


@dataclass(frozen=True)
class ReceivedMail:
    recipients: tuple[str, ...]
    message: EmailMessage

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    @property
    def message_id(self) -> str:
        return str(self.message["Message-ID"])

    @property
    def text(self) -> str:
        body = self.message.get_body(preferencelist=("plain",))
        return body.get_content() if body else ""


class _Recorder:
    def __init__(self, inbox: list[ReceivedMail], refused: set[str]) -> None:
        self.inbox = inbox
        self.refused = refused

    async def handle_RCPT(self, server, session: Session, envelope: Envelope,  # noqa: N802
                          address: str, rcpt_options: list[str]) -> str:
        if address in self.refused:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session: Session, envelope: Envelope) -> str:  # noqa: N802
        message = email.message_from_bytes(envelope.original_content or envelope.content,
                                           policy=email.policy.default)
        self.inbox.append(ReceivedMail(tuple(envelope.rcpt_tos), message))  # type: ignore[arg-type]
        return "250 OK"


class SmtpSink:
    def __init__(self) -> None:
        self.port = free_port()
        self.inbox: list[ReceivedMail] = []
        # Recipients this server refuses for good (550), as a real one does for unknown mailboxes.
        self.refused: set[str] = set()
        self._controller: Controller | None = None

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def start(self) -> None:
        self._controller = Controller(_Recorder(self.inbox, self.refused), hostname="127.0.0.1",
                                      port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def to(self, address: str) -> list[ReceivedMail]:
        return [m for m in self.inbox if address in m.recipients]
