"""Accounts on each database: an invitation mailed with a one-use link, a password chosen from it,
signing in (and being made to wait after too many failures), a forgotten password, closing an account."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

import pytest
from sqlalchemy import select

from services.portal.adapters.tables import usuaris
from services.portal.domain.access import Principal, Rol
from services.portal.domain.accounts import MAX_FAILURES, EstatCompte
from services.portal.service_layer.accounts import Accounts, Refused, TooManyAttempts
from services.portal.service_layer.unit_of_work import PortalUnitOfWork
from shared.signed_links import UsedLink

STAFF = Principal(token_id="t", nom="Anna Soler", rol=Rol.PERSONAL_TECNIC)
PASSWORD = "una frase llarga de muntanya"
EMAIL = "Junta@Bellots.example"


class Notifications:
    """Stands in for the notifications service's RPC: records what it was asked."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, Any]] = []

    async def __call__(self, name: str, request: Any) -> None:
        self.asked.append((name, request))

    def link(self, tipus: str) -> str:
        return [request.enllac for name, request in self.asked
                if name == "EnviarAvisCompte" and request.tipus == tipus][-1]


def token_of(link: str) -> str:
    match = re.fullmatch(r"https://portal\.example/compte/(invitacio|contrasenya)/(\S+)", link)
    assert match is not None, link
    return match.group(2)


@pytest.fixture
def mail() -> Notifications:
    return Notifications()


@pytest.fixture
def accounts(portal_uow: partial[PortalUnitOfWork], mail: Notifications) -> Accounts:
    return Accounts(portal_uow, "s" * 40, "https://portal.example", mail)


async def invited_and_active(accounts: Accounts, mail: Notifications) -> str:
    await accounts.invite(STAFF, EMAIL, "Junta dels Bellots", Rol.ENS_GESTOR, "es", ("els-bellots",))
    usuari = await accounts.choose_password("compte_invitacio", token_of(mail.link("compte_invitacio")),
                                            PASSWORD, PASSWORD)
    return usuari.usuari_id


async def test_an_invitation_is_mailed_in_the_persons_language_and_its_link_works_once(
        accounts: Accounts, mail: Notifications, portal_uow: partial[PortalUnitOfWork]) -> None:
    usuari = await accounts.invite(STAFF, EMAIL, "Junta dels Bellots", Rol.ENS_GESTOR, "es", ("els-bellots",))
    assert usuari.estat is EstatCompte.CONVIDAT and usuari.email == "junta@bellots.example"
    registered, invitation = mail.asked
    assert registered[0] == "RegistrarDestinatari" and registered[1].rol == "ens_gestor"
    assert invitation[1].idioma == "es" and invitation[1].convidat_per == "Anna Soler"

    token = token_of(invitation[1].enllac)
    with pytest.raises(Refused) as short:
        await accounts.choose_password("compte_invitacio", token, "curta", "curta")
    assert short.value.errors == {"contrasenya": "massa_curta"}
    with pytest.raises(Refused) as differ:
        await accounts.choose_password("compte_invitacio", token, PASSWORD, PASSWORD + "!")
    assert differ.value.errors == {"repeticio": "no_coincideix"}
    active = await accounts.choose_password("compte_invitacio", token, PASSWORD, PASSWORD)
    assert active.estat is EstatCompte.ACTIU
    with pytest.raises(Refused):  # no longer invited: the invitation link is spent
        await accounts.choose_password("compte_invitacio", token, PASSWORD, PASSWORD)

    async with portal_uow(readonly=True) as uow:
        stored = (await uow.connection.execute(select(usuaris.c.contrasenya_hash))).scalar_one()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    with pytest.raises(Refused) as twice:
        await accounts.invite(STAFF, "junta@bellots.example", "Una altra", Rol.EMPRESA, "ca", nif="B64717838")
    assert twice.value.status == 409


async def test_a_resent_invitation_makes_the_earlier_link_worthless(accounts: Accounts, mail: Notifications) -> None:
    usuari = await accounts.invite(STAFF, EMAIL, "Junta dels Bellots", Rol.ENS_GESTOR, "ca", ("els-bellots",))
    first = token_of(mail.link("compte_invitacio"))
    await accounts.resend_invitation(usuari.usuari_id)
    second = token_of(mail.link("compte_invitacio"))
    with pytest.raises(UsedLink):
        await accounts.holder_of_link("compte_invitacio", first)
    assert (await accounts.holder_of_link("compte_invitacio", second)).usuari_id == usuari.usuari_id


async def test_signing_in_opens_a_session_and_too_many_failures_make_the_next_tries_wait(
        accounts: Accounts, mail: Notifications) -> None:
    usuari_id = await invited_and_active(accounts, mail)
    usuari, secret = await accounts.sign_in("junta@bellots.example", PASSWORD, "10.0.0.1")
    assert usuari.usuari_id == usuari_id and usuari.poligons == ("els-bellots",)
    holder = await accounts.session_holder(secret)
    assert holder is not None and holder.principal().poligons == ("els-bellots",)
    await accounts.sign_out(secret)
    assert await accounts.session_holder(secret) is None

    for _ in range(MAX_FAILURES):
        with pytest.raises(Refused) as wrong:
            await accounts.sign_in(EMAIL, "no és aquesta", "10.0.0.2")
        assert wrong.value.errors == {"contrasenya": "credencials"}
    with pytest.raises(TooManyAttempts):  # even with the right password, for now
        await accounts.sign_in(EMAIL, PASSWORD, "10.0.0.3")
    with pytest.raises(TooManyAttempts):  # and that client, whatever address it tries
        await accounts.sign_in("una.altra@bellots.example", PASSWORD, "10.0.0.2")
    with pytest.raises(Refused) as unknown:  # an unknown address reads like a wrong password
        await accounts.sign_in("ningu@bellots.example", PASSWORD, "10.0.0.4")
    assert unknown.value.errors == {"contrasenya": "credencials"}


async def test_a_forgotten_password_is_chosen_anew_and_every_session_ends(accounts: Accounts, mail: Notifications) -> None:
    await invited_and_active(accounts, mail)
    _, secret = await accounts.sign_in(EMAIL, PASSWORD, "10.0.0.1")
    await accounts.request_reset("ningu@bellots.example")
    assert not [r for n, r in mail.asked if n == "EnviarAvisCompte" and r.tipus == "compte_restabliment"]
    await accounts.request_reset(EMAIL)
    reset = [r for n, r in mail.asked if n == "EnviarAvisCompte" and r.tipus == "compte_restabliment"][-1]
    assert reset.caduca_el - datetime.now(UTC) <= timedelta(hours=2)
    new = "una altra frase encara més llarga"
    await accounts.choose_password("compte_restabliment", token_of(reset.enllac), new, new)
    assert await accounts.session_holder(secret) is None
    with pytest.raises(Refused):
        await accounts.sign_in(EMAIL, PASSWORD, "10.0.0.1")
    assert (await accounts.sign_in(EMAIL, new, "10.0.0.1"))[0].email == "junta@bellots.example"
    with pytest.raises(UsedLink):
        await accounts.choose_password("compte_restabliment", token_of(reset.enllac), new + "x", new + "x")


async def test_closing_an_account_ends_its_sessions_and_its_notifications(accounts: Accounts,
                                                                         mail: Notifications) -> None:
    usuari_id = await invited_and_active(accounts, mail)
    _, secret = await accounts.sign_in(EMAIL, PASSWORD, "10.0.0.1")
    closed = await accounts.deactivate(usuari_id)
    assert closed.estat is EstatCompte.DESACTIVAT
    assert await accounts.session_holder(secret) is None
    assert mail.asked[-1][0] == "DonarDeBaixaDestinatari"
    assert str(mail.asked[-1][1].destinatari) == "junta@bellots.example"
    with pytest.raises(Refused):
        await accounts.sign_in(EMAIL, PASSWORD, "10.0.0.1")
