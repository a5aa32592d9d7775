"""Signed one-click links: what they carry comes back; forged, altered or old ones are refused."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from services.location.adapters.links import Enllac, LinkSigner
from shared.signed_links import ExpiredLink, InvalidLink, UsedLink

SECRET = "a-test-secret-that-is-long-enough-0123456789"
MOMENT = datetime(2026, 11, 29, 9, 30, 12, 345678, tzinfo=UTC)


def test_a_signed_link_says_what_it_was_made_for() -> None:
    enllac = Enllac("confirmar_oferta", uuid.uuid4(), Enllac.versio_de(MOMENT))
    assert LinkSigner(SECRET).verify(LinkSigner(SECRET).sign(enllac)) == enllac


@pytest.mark.parametrize("damage", [
    lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),  # altered signature
    lambda token: "x" + token,  # altered payload
    lambda token: LinkSigner("another-secret-of-another-installation-000").sign(
        Enllac("retirar_oferta", uuid.uuid4(), "v")),  # signed elsewhere
    lambda token: "no-és-cap-enllaç",
])
def test_a_forged_or_altered_link_is_invalid(damage) -> None:  # type: ignore[no-untyped-def]
    token = LinkSigner(SECRET).sign(Enllac("retirar_oferta", uuid.uuid4(), "v"))
    with pytest.raises(InvalidLink) as refused:
        LinkSigner(SECRET).verify(damage(token))
    assert refused.value.status == 400


def test_an_old_link_has_expired() -> None:
    token = LinkSigner(SECRET).sign(Enllac("confirmar_demanda", uuid.uuid4(), "v"))
    with pytest.raises(ExpiredLink) as refused:
        LinkSigner(SECRET, max_age_s=-1).verify(token)
    assert refused.value.status == 410


def test_a_link_about_an_earlier_version_counts_as_used() -> None:
    enllac = Enllac("confirmar_oferta", uuid.uuid4(), Enllac.versio_de(MOMENT))
    enllac.check_versio(MOMENT)
    with pytest.raises(UsedLink):
        enllac.check_versio(MOMENT.replace(microsecond=0))
