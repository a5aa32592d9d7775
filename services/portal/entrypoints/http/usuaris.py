"""Staff invite people to the portal through the API too (programs provisioning accounts)."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter
from pydantic import BaseModel, EmailStr, Field

from services.portal.domain.access import Rol
from services.portal.domain.accounts import invitation_problems
from services.portal.entrypoints.http.dependencies import Context, Staff, call
from services.portal.entrypoints.http.errors import ApiError
from services.portal.service_layer.accounts import Refused
from shared.contracts import census_api
from shared.errors import FieldError
from shared.identifiers import parse_nif

router = APIRouter(prefix="/api/v1/admin", tags=["administració"])


class NouUsuari(BaseModel):
    nom: str = Field(min_length=1, max_length=200)
    email: EmailStr
    rol: Rol
    idioma: Literal["ca", "es", "en"] = "ca"
    poligons: list[str] = Field(default_factory=list, max_length=50, description="ens gestor: els seus polígons")
    nif: str | None = Field(default=None, max_length=20, description="empresa o propietat: el seu NIF/CIF")


class UsuariConvidat(BaseModel):
    usuari_id: str
    nom: str
    email: str
    rol: Rol
    estat: str


@router.post("/usuaris", status_code=201, response_model=UsuariConvidat,
             summary="Convidar una persona al portal (rep un correu per triar la contrasenya)")
async def invite(body: NouUsuari, ctx: Context, me: Staff) -> Any:
    known = {p["poligon_id"] for p in await call(ctx, census_api.SERVICE, "LlistarPoligons")}
    problems = invitation_problems(body.rol, body.poligons, body.nif, known)
    if problems:
        raise ApiError(422, "Hi ha camps no vàlids.", field_errors(problems))
    nif = parse_nif(body.nif).value if body.nif and body.rol in (Rol.EMPRESA, Rol.PROPIETARI) else None
    try:
        usuari = await ctx.accounts.invite(me, str(body.email), body.nom, body.rol, body.idioma,
                                           tuple(body.poligons) if body.rol is Rol.ENS_GESTOR else (), nif)
    except Refused as refused:
        raise ApiError(refused.status, "Ja hi ha un compte amb aquesta adreça.",
                       [FieldError(camp="email", motiu="ja hi ha un compte amb aquesta adreça")]) from refused
    return UsuariConvidat(usuari_id=usuari.usuari_id, nom=usuari.nom, email=usuari.email, rol=usuari.rol,
                          estat=usuari.estat.value)


# What each refusal code means, for API callers.
REASONS = {"opcio": "polígon desconegut", "cal_poligon": "un ens gestor ha de tenir almenys un polígon",
           "nif_no_valid": "cal el NIF/CIF vàlid de l'empresa o la propietat"}


def field_errors(problems: dict[str, str]) -> list[FieldError]:
    return [FieldError(camp=camp, motiu=REASONS[code]) for camp, code in problems.items()]
