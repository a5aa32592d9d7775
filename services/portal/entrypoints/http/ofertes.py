"""Premises on offer. Anyone searches them; staff publish and manage them and see contacts."""

from __future__ import annotations

import uuid
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from services.portal.domain.access import Principal
from services.portal.entrypoints.http.dependencies import (
    Context,
    MaybePrincipal,
    PortalContext,
    Staff,
    call,
    passthrough,
)
from services.portal.entrypoints.http.errors import ApiError
from services.portal.entrypoints.http.scope import NOT_FOUND, StaffOrOwner, owns_offer
from shared.contracts.location_api import (
    SERVICE,
    ActualitzarOferta,
    CanvisOferta,
    LlistarOfertes,
    OfertaRef,
    OfertaView,
    Pagina,
    PublicarOferta,
    Retirada,
    RetirarOferta,
)

router = APIRouter(prefix="/api/v1/ofertes", tags=["ofertes"])


def _public(oferta: dict[str, Any], caller: Any) -> dict[str, Any]:
    # The contact is a person's name, mail and phone: staff pass it on when a company asks; the
    # contact itself sees its own.
    return oferta if caller is not None and owns_offer(caller, oferta) else dict(oferta, contacte=None)


@router.post("", status_code=201, response_model=OfertaView, summary="Publicar una oferta")
async def publicar(command: PublicarOferta, ctx: Context, _: Staff) -> Any:
    return passthrough(await call(ctx, SERVICE, "PublicarOferta", command), 201)


@router.get("", response_model=Pagina[OfertaView], summary="Cercar ofertes disponibles")
async def llistar(ctx: Context, caller: MaybePrincipal,
                  tipus: Literal["nau", "solar", "oficina"] | None = None,
                  operacio: Literal["lloguer", "venda"] | None = None,
                  poligon: Annotated[str | None, Query(max_length=80)] = None,
                  superficie_min: Annotated[int | None, Query(ge=0)] = None,
                  superficie_max: Annotated[int | None, Query(ge=0)] = None,
                  preu_min: Annotated[int | None, Query(ge=0)] = None,
                  preu_max: Annotated[int | None, Query(ge=0)] = None,
                  alcada_min: Annotated[float | None, Query(ge=0)] = None,
                  estat_conservacio: Literal["nou", "bo", "a_reformar", "obsolet"] | None = None,
                  ordre: Literal["preu", "-preu", "superficie", "-superficie", "data", "-data"] = "-data",
                  inclou_fora_mercat: bool = False,
                  pagina: Annotated[int, Query(ge=1)] = 1,
                  mida: Annotated[int, Query(ge=1, le=200)] = 50) -> Any:
    staff = caller is not None and caller.is_staff
    query = LlistarOfertes(tipus=tipus, operacio=operacio, poligon=poligon, superficie_min=superficie_min,
                           superficie_max=superficie_max, preu_min=preu_min, preu_max=preu_max,
                           alcada_min=alcada_min, estat_conservacio=estat_conservacio, ordre=ordre,
                           pagina=pagina, mida=mida, inclou_fora_mercat=inclou_fora_mercat and staff,
                           inclou_obsoletes=staff)
    page = await call(ctx, SERVICE, "LlistarOfertes", query)
    return passthrough(dict(page, items=[_public(o, caller) for o in page["items"]]))


@router.get("/{oferta_id}", response_model=OfertaView, summary="Fitxa d'una oferta")
async def obtenir(oferta_id: uuid.UUID, ctx: Context, caller: MaybePrincipal) -> Any:
    return passthrough(_public(await call(ctx, SERVICE, "ObtenirOferta", OfertaRef(oferta_id=oferta_id)),
                               caller))


@router.patch("/{oferta_id}", response_model=OfertaView, summary="Modificar una oferta")
async def actualitzar(oferta_id: uuid.UUID, canvis: CanvisOferta, ctx: Context, _: Staff) -> Any:
    command = ActualitzarOferta(oferta_id=oferta_id, **canvis.model_dump(exclude_unset=True))
    return passthrough(await call(ctx, SERVICE, "ActualitzarOferta", command))


@router.post("/{oferta_id}/confirmacio", response_model=OfertaView,
             summary="Confirmar que l'oferta continua disponible")
async def confirmar(oferta_id: uuid.UUID, ctx: Context, who: StaffOrOwner) -> Any:
    await _own_offer(ctx, who, oferta_id)
    return passthrough(await call(ctx, SERVICE, "ConfirmarOferta", OfertaRef(oferta_id=oferta_id)))


@router.post("/{oferta_id}/retirada", response_model=OfertaView, summary="Retirar una oferta del mercat")
async def retirar(oferta_id: uuid.UUID, retirada: Retirada, ctx: Context, who: StaffOrOwner) -> Any:
    await _own_offer(ctx, who, oferta_id)
    command = RetirarOferta(oferta_id=oferta_id, motiu=retirada.motiu)
    return passthrough(await call(ctx, SERVICE, "RetirarOferta", command))


async def _own_offer(ctx: PortalContext, who: Principal, oferta_id: uuid.UUID) -> None:
    """Staff reach any offer; its contact, its own (confirm it stands, or say it is let or sold)."""
    if not who.is_staff and not owns_offer(who, await call(ctx, SERVICE, "ObtenirOferta",
                                                           OfertaRef(oferta_id=oferta_id))):
        raise ApiError(404, NOT_FOUND)
