"""Staff administration: dead letters of every service, API tokens."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Response
from pydantic import BaseModel, EmailStr, Field

from services.portal.domain.access import RECIPIENT_ROLE, Rol
from services.portal.domain.accounts import invitation_problems
from services.portal.entrypoints.http.dependencies import Context, Staff, call
from services.portal.entrypoints.http.errors import ApiError
from services.portal.entrypoints.http.usuaris import field_errors
from services.portal.service_layer.accounts import still_receives
from services.portal.service_layer.tokens import issue_token
from shared.contracts import census_api
from shared.contracts.notifications_api import SERVICE as NOTIFICATIONS
from shared.contracts.notifications_api import DonarDeBaixaDestinatari, RegistrarDestinatari
from shared.identifiers import parse_nif
from shared.messaging.dead_letter_admin import DeadLetterView, LlistarDeadLetters, ReprocessarDeadLetter
from shared.messaging.topology import OWNERS

router = APIRouter(prefix="/api/v1/admin", tags=["administració"])
SERVICES_WITH_CONSUMERS = OWNERS


UNAVAILABLE_HEADER = "X-Serveis-No-Disponibles"


@router.get("/dead-letters", response_model=list[DeadLetterView],
            summary="Missatges morts de tots els serveis",
            description=f"Els serveis que no responen es llisten a la capçalera {UNAVAILABLE_HEADER}.")
async def dead_letters(ctx: Context, _: Staff, response: Response,
                       inclou_reprocessades: bool = False) -> Any:
    letters: list[dict[str, Any]] = []
    unavailable = []
    for service in SERVICES_WITH_CONSUMERS:
        try:
            letters += await call(ctx, service, "admin.LlistarDeadLetters",
                                  LlistarDeadLetters(inclou_reprocessades=inclou_reprocessades))
        except ApiError as exc:
            if exc.status != 503:
                raise
            unavailable.append(service)
    if unavailable:
        response.headers[UNAVAILABLE_HEADER] = ",".join(unavailable)
    return sorted(letters, key=lambda letter: letter["created_at"])


@router.post("/dead-letters/{letter_id}/replay", response_model=DeadLetterView,
             summary="Reprocessar un missatge mort")
async def replay(letter_id: str, ctx: Context, _: Staff) -> Any:
    unavailable = False
    for service in SERVICES_WITH_CONSUMERS:
        try:
            return await call(ctx, service, "admin.ReprocessarDeadLetter",
                              ReprocessarDeadLetter(id=letter_id))
        except ApiError as exc:
            if exc.status == 503:
                unavailable = True
            elif exc.status != 404:
                raise
    if unavailable:
        raise ApiError(503, "Algun servei no respon; torneu-ho a provar més tard.")
    raise ApiError(404, "No hi ha cap missatge mort amb aquest identificador.")


class NouTestimoni(BaseModel):
    nom: str = Field(min_length=1, max_length=200)
    rol: Rol
    email: EmailStr | None = Field(default=None, description="l'adreça on rep les notificacions, si en rep")
    poligons: list[str] = Field(default_factory=list, max_length=50,
                                description="ens gestor: els polígons que pot llegir (sense: cap)")
    nif: str | None = Field(default=None, max_length=20,
                            description="empresa o propietat: el seu NIF/CIF (sense: no llegeix res de cap empresa)")


class TestimoniEmes(BaseModel):
    token_id: str
    nom: str
    rol: Rol
    email: str | None
    poligons: list[str] = []
    nif: str | None = None
    token: str = Field(description="Es mostra només ara; no es desa enlloc en clar.")


@router.post("/tokens", status_code=201, response_model=TestimoniEmes,
             summary="Emetre un testimoni d'API",
             description="Amb `email`, el titular rep notificacions (el personal tècnic, les del personal); "
                         "si el servei de notificacions no respon, no s'emet res (503).")
async def create_token(body: NouTestimoni, ctx: Context, _: Staff) -> Any:
    poligons = tuple(body.poligons) if body.rol is Rol.ENS_GESTOR else ()
    nif = body.nif if body.rol in (Rol.EMPRESA, Rol.PROPIETARI) else None
    if poligons or nif:  # a scope, when given, is checked as an account's is
        known = {p["poligon_id"] for p in await call(ctx, census_api.SERVICE, "LlistarPoligons")}
        problems = invitation_problems(body.rol, poligons, nif, known)
        if problems:
            raise ApiError(422, "Hi ha camps no vàlids.", field_errors(problems))
        nif = parse_nif(nif).value if nif else None
    email = str(body.email).lower() if body.email else None
    if email:
        # First, so that a token is never issued to someone notifications do not know.
        await call(ctx, NOTIFICATIONS, "RegistrarDestinatari",
                   RegistrarDestinatari(destinatari=email, nom=body.nom, rol=RECIPIENT_ROLE[body.rol]))
    token_id, token = await issue_token(body.nom, body.rol, ctx.uow, email, poligons, nif)
    return TestimoniEmes(token_id=token_id, nom=body.nom, rol=body.rol, email=email, poligons=list(poligons),
                         nif=nif, token=token)


class TestimoniViu(BaseModel):
    token_id: str
    nom: str
    rol: Rol
    email: str | None
    poligons: list[str] | None = None
    nif: str | None = None
    creat_el: datetime


@router.get("/tokens", response_model=list[TestimoniViu], summary="Testimonis d'API vigents (mai el testimoni en clar)")
async def live_tokens(ctx: Context, _: Staff) -> Any:
    async with ctx.uow(readonly=True) as uow:
        return await uow.tokens.live()


@router.delete("/tokens/{token_id}", status_code=204, response_class=Response,
               summary="Revocar un testimoni d'API",
               description="Deixa de funcionar de seguida en aquesta rèplica i en 10 s a les altres; si el titular "
                           "rebia notificacions, deixa de rebre les del seu rol.")
async def revoke_token(token_id: str, ctx: Context, me: Staff) -> Response:
    if token_id == me.token_id:
        raise ApiError(409, "No podeu revocar el testimoni amb què feu la petició.")
    async with ctx.uow() as uow:
        revoked = await uow.tokens.revoke(token_id)
        if revoked is None:
            raise ApiError(404, "No hi ha cap testimoni vigent amb aquest identificador.")
        if revoked.email and not await still_receives(uow, revoked.email):
            # Before the commit: if notifications cannot hear it, the token stays as it was.
            await call(ctx, NOTIFICATIONS, "DonarDeBaixaDestinatari", DonarDeBaixaDestinatari(destinatari=revoked.email))
        await uow.commit()
    ctx.authenticate.forget()
    return Response(status_code=204)

