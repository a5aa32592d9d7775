"""The notification mail's bytes, read back by the standard library's parser."""

from __future__ import annotations

from email import message_from_bytes
from email.policy import default

import pytest

from services.notifications.adapters.mime import MailComposer, encode_header_text

SENDER = "Districte Industrial de Terrassa <avisos@districte.example>"


def compose(subject: str, text: str = "Hola,\nuna línia.", html: str = "<p>Hola, <b>món</b></p>"):
    return MailComposer(SENDER).compose(to="junta@bellots.example", subject=subject, text=text,
                                        html=html, message_id="5f0c1d9e-0000-4000-8000-000000000001")


@pytest.mark.parametrize("subject", [
    "Avís curt",
    "Nova empresa al polígon Els Bellots: Metabell",
    "Nova empresa al polígon Can Petit: Tèxtils del Vallès SA, Indústries Àlgebra i Companyia SL 🏭",
    "Subject with =?utf-8?q?lookalike?= text",
    "à" * 200,
])
def test_the_parser_reads_back_what_was_composed(subject: str) -> None:
    text = "Benvolguda junta,\n\nS'ha registrat l'empresa «Tèxtils» — 12 treballadors.\n" * 40
    mail = compose(subject, text=text)
    parsed = message_from_bytes(mail.data, policy=default)

    assert parsed["Subject"] == subject
    assert parsed["To"] == "junta@bellots.example"
    assert parsed["From"].addresses[0].display_name == "Districte Industrial de Terrassa"
    assert parsed["Message-ID"] == "<5f0c1d9e-0000-4000-8000-000000000001@districte.terrassa>"
    assert parsed.get_content_type() == "multipart/alternative"
    plain, html = parsed.iter_parts()
    assert plain.get_content() == text
    assert html.get_content_type() == "text/html"
    assert html.get_content() == "<p>Hola, <b>món</b></p>"
    assert not parsed.defects and not plain.defects and not html.defects


def test_the_wire_form_is_ascii_crlf_lines_within_78_characters() -> None:
    mail = compose("Nova empresa al polígon Can Petit: " + "Tèxtils del Vallès " * 8)
    lines = mail.data.split(b"\r\n")
    assert b"\n" not in b"".join(lines)
    assert all(len(line) <= 78 for line in lines)
    mail.data.decode("ascii")
    assert mail.sender == "avisos@districte.example"
    assert mail.recipient == "junta@bellots.example"


def test_a_non_ascii_sender_name_is_encoded() -> None:
    composer = MailComposer("Ajuntament de Terrassa — Promoció Econòmica <promocio@terrassa.example>")
    mail = composer.compose(to="a@b.example", subject="x", text="y", html="z", message_id="id")
    parsed = message_from_bytes(mail.data, policy=default)
    assert parsed["From"].addresses[0].display_name == "Ajuntament de Terrassa — Promoció Econòmica"


def test_encoded_words_never_split_a_character() -> None:
    folded = encode_header_text("€" * 50)  # 3 bytes each: 13 per word
    words = folded.split("\r\n ")
    assert len(words) == 4  # 13 + 13 + 13 + 11
    assert all(len(word) <= 75 for word in words)


def test_a_mail_with_an_unsubscribe_link_carries_the_rfc_8058_headers() -> None:
    link = "https://districte.example/api/v1/baixa/" + "T" * 180
    mail = MailComposer(SENDER).compose(to="junta@bellots.example", subject="Avís", text="Hola", html="<p>Hola</p>",
                                        message_id="5f0c1d9e-0000-4000-8000-000000000002", unsubscribe=link,
                                        language="es")
    parsed = message_from_bytes(mail.data, policy=default)

    assert parsed["List-Unsubscribe"] == f"<{link}>"
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert parsed["Content-Language"] == "es"
    assert not parsed.defects
    assert "List-Unsubscribe" not in message_from_bytes(compose("Avís").data, policy=default)
