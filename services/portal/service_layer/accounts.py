"""Accounts: staff invite people, who choose a password from the mailed link and sign in; a password
forgotten is chosen anew the same way; staff close accounts.

Mails go through notifications (``EnviarAvisCompte``), in the person's language. What a form got
wrong is raised as :class:`Refused` with a code per field, which the page words in the reader's
language."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from services.portal.adapters.passwords import hash_password, needs_rehash, verify_password
from services.portal.domain.access import RECIPIENT_ROLE, Principal, Rol, token_hash
from services.portal.domain.accounts import (
    ATTEMPTS_KEPT,
    FAILURE_WINDOW,
    INVITATION_LIFETIME,
    MAX_FAILURES,
    RESET_LIFETIME,
    SESSION_LIFETIME,
    EstatCompte,
    Usuari,
    password_problem,
)
from services.portal.service_layer.unit_of_work import PortalUnitOfWork
from shared.contracts.notifications_api import (
    AvisCompte,
    DonarDeBaixaDestinatari,
    EnviarAvisCompte,
    RegistrarDestinatari,
)
from shared.signed_links import SignedLinks, check_versio, versio_de

UowFactory = Callable[..., PortalUnitOfWork]
Send = Callable[[str, object], Awaitable[object]]  # (RPC name, request) to notifications


class Refused(Exception):
    """A form refused: ``errors`` maps each field to why (a code)."""

    def __init__(self, errors: dict[str, str], status: int = 422) -> None:
        super().__init__(", ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors, self.status = errors, status


class TooManyAttempts(Exception):
    pass


@dataclass
class Accounts:
    uow: UowFactory
    secret: str
    public_url: str
    notifications: Send

    def __post_init__(self) -> None:
        self._links = {"compte_invitacio": SignedLinks(self.secret, "districte-compte-invitacio",
                                                       int(INVITATION_LIFETIME.total_seconds())),
                       "compte_restabliment": SignedLinks(self.secret, "districte-compte-restabliment",
                                                          int(RESET_LIFETIME.total_seconds()))}

    # -- invitations and passwords ---------------------------------------------------
    async def invite(self, by: Principal, email: str, nom: str, rol: Rol, idioma: str,
                     poligons: tuple[str, ...] = (), nif: str | None = None) -> Usuari:
        now = datetime.now(UTC)
        usuari = Usuari(usuari_id=str(uuid.uuid4()), email=email.lower(), nom=nom, rol=rol, idioma=idioma,
                        estat=EstatCompte.CONVIDAT, credencials_el=now, poligons=poligons, nif=nif,
                        convidat_per=by.nom, creat_el=now)
        async with self.uow() as uow:
            if await uow.usuaris.by_email(usuari.email) is not None:
                raise Refused({"email": "ja_existeix"}, 409)
            await uow.usuaris.add(usuari)
            # Before the commit: if notifications cannot take the mail, no account is half made.
            await self.notifications("RegistrarDestinatari", RegistrarDestinatari(
                destinatari=usuari.email, nom=nom, rol=RECIPIENT_ROLE[rol]))
            await self._mail(usuari, "compte_invitacio", now)
            await uow.commit()
        return usuari

    async def resend_invitation(self, usuari_id: str) -> Usuari:
        async with self.uow() as uow:
            usuari = await uow.usuaris.by_id(usuari_id)
            if usuari is None or usuari.estat is not EstatCompte.CONVIDAT:
                raise Refused({"usuari": "no_convidat"}, 409)
            now = datetime.now(UTC)
            await uow.usuaris.change(usuari_id, credencials_el=now)  # the earlier link stops working
            await self._mail(replace(usuari, credencials_el=now), "compte_invitacio", now)
            await uow.commit()
        return usuari

    async def request_reset(self, email: str) -> None:
        """Mail a link to choose a new password; the same answer whether or not the address has an
        account (nobody learns who has one)."""
        async with self.uow() as uow:
            usuari = await uow.usuaris.by_email(email.lower())
            if usuari is None or usuari.estat is not EstatCompte.ACTIU:
                return
            await self._mail(usuari, "compte_restabliment", datetime.now(UTC))

    async def holder_of_link(self, tipus: AvisCompte, token: str) -> Usuari:
        """Whose link this is, if it is still good (raises the link's refusal otherwise)."""
        usuari_id, versio = self._links[tipus].verify(token)
        async with self.uow(readonly=True) as uow:
            usuari = await uow.usuaris.by_id(usuari_id)
        expected = EstatCompte.CONVIDAT if tipus == "compte_invitacio" else EstatCompte.ACTIU
        if usuari is None or usuari.estat is not expected:
            raise Refused({"enllac": "no_valid"}, 400)
        check_versio(versio, usuari.credencials_el)
        return usuari

    async def choose_password(self, tipus: AvisCompte, token: str, password: str, repeated: str) -> Usuari:
        usuari = await self.holder_of_link(tipus, token)
        problem = password_problem(password, usuari.email)
        if problem is not None:
            raise Refused({"contrasenya": problem})
        if repeated != password:
            raise Refused({"repeticio": "no_coincideix"})
        now = datetime.now(UTC)
        async with self.uow() as uow:
            current = await uow.usuaris.by_id(usuari.usuari_id)
            assert current is not None
            check_versio(versio_de(usuari.credencials_el), current.credencials_el)  # not used meanwhile
            await uow.usuaris.change(usuari.usuari_id, contrasenya_hash=hash_password(password),
                                     estat=EstatCompte.ACTIU.value, credencials_el=now)
            await uow.sessions.end_all(usuari.usuari_id)  # a new password ends every session
            await uow.commit()
        return replace(usuari, estat=EstatCompte.ACTIU, credencials_el=now)

    async def _mail(self, usuari: Usuari, tipus: AvisCompte, now: datetime) -> None:
        links = self._links[tipus]
        token = links.sign([usuari.usuari_id, versio_de(usuari.credencials_el)])
        path = "invitacio" if tipus == "compte_invitacio" else "contrasenya"
        await self.notifications("EnviarAvisCompte", EnviarAvisCompte(
            avis_id=uuid.uuid4(), tipus=tipus, destinatari=usuari.email, nom=usuari.nom,
            rol=RECIPIENT_ROLE[usuari.rol], idioma=usuari.idioma,  # type: ignore[arg-type]
            enllac=f"{self.public_url}/compte/{path}/{token}",
            caduca_el=now + (INVITATION_LIFETIME if tipus == "compte_invitacio" else RESET_LIFETIME),
            convidat_per=usuari.convidat_per if tipus == "compte_invitacio" else None))

    # -- signing in ------------------------------------------------------------------
    async def sign_in(self, email: str, password: str, client: str) -> tuple[Usuari, str]:
        """The account and a new session's secret (for the cookie); wrong credentials are one refusal
        whatever was wrong, and too many in a row make the next ones wait."""
        now = datetime.now(UTC)
        keys = [f"adreca:{email.lower()}", f"client:{client}"]
        async with self.uow() as uow:
            if await uow.intents.most_since(keys, now - FAILURE_WINDOW) >= MAX_FAILURES:
                raise TooManyAttempts
            usuari = await uow.usuaris.by_email(email.lower())
            stored = usuari.contrasenya_hash if usuari else None
            if not verify_password(stored, password) or usuari is None or usuari.estat is not EstatCompte.ACTIU:
                await uow.intents.record(keys, now)
                await uow.commit()
                raise Refused({"contrasenya": "credencials"}, 401)
            secret = secrets.token_urlsafe(32)
            await uow.sessions.add(token_hash(secret), usuari.usuari_id, now, now + SESSION_LIFETIME)
            changes: dict[str, object] = {"darrera_entrada_el": now}
            if stored and needs_rehash(stored):
                changes["contrasenya_hash"] = hash_password(password)
            await uow.usuaris.change(usuari.usuari_id, **changes)
            await uow.intents.forget(keys[0])
            await uow.sessions.purge(now)
            await uow.intents.purge(now - ATTEMPTS_KEPT)
            await uow.commit()
        return usuari, secret

    async def sign_in_verified(self, email: str) -> tuple[Usuari, str]:
        """A session for an address the city's identity provider vouched for. The provider proves who
        someone is; staff decide who has an account: an invited one becomes active (the provider checked
        the address, as the invitation's link would have), a closed one stays closed."""
        now = datetime.now(UTC)
        async with self.uow() as uow:
            usuari = await uow.usuaris.by_email(email.lower())
            if usuari is None or usuari.estat is EstatCompte.DESACTIVAT:
                raise Refused({"oidc": "sense_compte"}, 403)
            secret = secrets.token_urlsafe(32)
            await uow.sessions.add(token_hash(secret), usuari.usuari_id, now, now + SESSION_LIFETIME)
            await uow.usuaris.change(usuari.usuari_id, darrera_entrada_el=now, estat=EstatCompte.ACTIU.value)
            await uow.commit()
        return usuari, secret

    async def session_holder(self, secret: str) -> Usuari | None:
        async with self.uow(readonly=True) as uow:
            return await uow.sessions.holder(token_hash(secret), datetime.now(UTC))

    async def sign_out(self, secret: str) -> None:
        async with self.uow() as uow:
            await uow.sessions.end(token_hash(secret))
            await uow.commit()

    async def ensure_demo_account(self, email: str, nom: str, password: str) -> None:
        """``make demo``'s member of staff, signing in with the password ``districte up`` printed."""
        now = datetime.now(UTC)
        async with self.uow() as uow:
            current = await uow.usuaris.by_email(email)
            if current is None:
                await uow.usuaris.add(Usuari(
                    usuari_id=str(uuid.uuid4()), email=email, nom=nom, rol=Rol.PERSONAL_TECNIC, idioma="ca",
                    estat=EstatCompte.ACTIU, credencials_el=now, contrasenya_hash=hash_password(password),
                    creat_el=now))
            elif not verify_password(current.contrasenya_hash, password):
                await uow.usuaris.change(current.usuari_id, contrasenya_hash=hash_password(password),
                                         estat=EstatCompte.ACTIU.value, credencials_el=now)
            await uow.commit()

    # -- staff -----------------------------------------------------------------------
    async def all(self) -> list[Usuari]:
        async with self.uow(readonly=True) as uow:
            return await uow.usuaris.all()

    async def deactivate(self, usuari_id: str) -> Usuari:
        """No sign-in, no session, and notifications forget the address's role."""
        async with self.uow() as uow:
            usuari = await uow.usuaris.by_id(usuari_id)
            if usuari is None:
                raise Refused({"usuari": "no_existeix"}, 404)
            await uow.usuaris.change(usuari_id, estat=EstatCompte.DESACTIVAT.value, contrasenya_hash=None,
                                     credencials_el=datetime.now(UTC))
            await uow.sessions.end_all(usuari_id)
            if not await still_receives(uow, usuari.email):
                await self.notifications("DonarDeBaixaDestinatari", DonarDeBaixaDestinatari(destinatari=usuari.email))
            await uow.commit()
        return replace(usuari, estat=EstatCompte.DESACTIVAT)


async def still_receives(uow: PortalUnitOfWork, email: str) -> bool:
    """Whether the address still stands for someone: an active account or a live token."""
    usuari = await uow.usuaris.by_email(email)
    return (usuari is not None and usuari.estat is EstatCompte.ACTIU) or await uow.tokens.live_for(email)
