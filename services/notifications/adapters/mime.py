"""The RFC 5322 bytes of a notification mail: a text part and an HTML part, both UTF-8.

Every notification has the same shape, so the message is laid out directly instead of
going through ``email.message``: its generator re-folds every header through
``email.header`` and costs a millisecond a mail, which is most of what the notifications
service spends on a mail. The encoders themselves (base64 bodies, RFC 2047 encoded words,
addresses, dates) are still the standard library's, and the tests parse the result back
with ``email.parser`` to prove it says what it should.
"""

from __future__ import annotations

from dataclasses import dataclass
from email import base64mime
from email.utils import formataddr, formatdate, parseaddr

CRLF = "\r\n"
# 39 bytes of text make an encoded word of 64 characters ("=?utf-8?b?" + 52 + "?="): within
# RFC 2047's 75, and a header line that starts with one stays within RFC 5322's 78.
_WORD_BYTES = 39


@dataclass(frozen=True)
class OutgoingMail:
    """A mail ready for the wire: envelope addresses and the RFC 5322 bytes."""

    message_id: str
    sender: str
    recipient: str
    data: bytes


def encode_header_text(text: str) -> str:
    """A header value as it may travel: plain if short ASCII, else folded encoded words."""
    if text.isascii() and len(text) <= 60 and "=?" not in text:
        return text
    words, chunk, size = [], [], 0
    for char in text:
        width = len(char.encode())
        if size + width > _WORD_BYTES:
            words.append("".join(chunk))
            chunk, size = [], 0
        chunk.append(char)
        size += width
    words.append("".join(chunk))
    return (CRLF + " ").join(base64mime.header_encode(word.encode(), "utf-8") for word in words)


def _part(content_type: str, body: str) -> str:
    return (f"Content-Type: {content_type}; charset=\"utf-8\"{CRLF}"
            f"Content-Transfer-Encoding: base64{CRLF}{CRLF}"
            f"{base64mime.body_encode(body.encode(), eol=CRLF)}")


class MailComposer:
    """Builds the bytes of a notification mail from one sender's point of view."""

    def __init__(self, sender: str) -> None:
        name, address = parseaddr(sender)
        self._envelope_sender = address
        # One encoded word for a non-ASCII name: parsers keep the space between folded words
        # inside an address's display name.
        self._from = formataddr((name, address), charset="utf-8")

    def compose(self, *, to: str, subject: str, text: str, html: str, message_id: str,
                unsubscribe: str | None = None, language: str = "ca") -> OutgoingMail:
        # Parts are base64, whose alphabet has no "_" nor "=" inside a line: the boundary
        # cannot occur in them.
        boundary = f"=_districte_{message_id}"
        # RFC 8058: the mail program offers "unsubscribe" and POSTs to the link itself. A URL
        # cannot be folded; the line stays well within RFC 5322's hard limit of 998.
        one_click = (f"List-Unsubscribe: <{unsubscribe}>",
                     "List-Unsubscribe-Post: List-Unsubscribe=One-Click") if unsubscribe else ()
        data = CRLF.join((
            f"From: {self._from}",
            f"To: {to}",
            f"Subject: {encode_header_text(subject)}",
            f"Date: {formatdate(localtime=False, usegmt=True)}",
            # A stable id per notification lets a receiving system drop a re-sent copy.
            f"Message-ID: <{message_id}@districte.terrassa>",
            *one_click,
            f"Content-Language: {language}",
            "MIME-Version: 1.0",
            f"Content-Type: multipart/alternative;{CRLF} boundary=\"{boundary}\"",
            "",
            f"--{boundary}",
            _part("text/plain", text),
            f"--{boundary}",
            _part("text/html", html),
            f"--{boundary}--",
            "",
        ))
        return OutgoingMail(message_id=message_id, sender=self._envelope_sender, recipient=to,
                            data=data.encode("ascii"))
