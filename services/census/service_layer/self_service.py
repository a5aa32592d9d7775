"""Self-service: a company reviews its own record from a mailed link, without an account.

Staff ask for it (to a contact person, or to the company's address); the link names the version of
the record it was sent for, so confirming or correcting uses it up, and so does any later change.
Whatever the company does is the company's in the audit trail ("autoservei"), and a correction
makes it the record's source.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from services.census.adapters.review_links import ReviewLinks, Revisio
from services.census.domain.model import Empresa
from services.census.service_layer import audit, commands
from services.census.service_layer.commands import UowFactory, existing
from services.census.service_layer.queries import empresa_view
from services.census.service_layer.unit_of_work import CensusUnitOfWork
from shared.contracts.census import RevisioSollicitada
from shared.contracts.census_self_service import (
    CorreccioAutoservei,
    FitxaAutoservei,
    RevisioEnviada,
    SollicitarRevisio,
)
from shared.contracts.envelope import new_event
from shared.errors import Conflict, FieldError, Invalid
from shared.observability.correlation import current_actor
from shared.signed_links import check_versio, versio_de

ACTOR = "autoservei"


def version(empresa: Empresa) -> datetime:
    """The record's last change or confirmation: a link sent before it is used up."""
    return max(moment for moment in (empresa.registrada_el, empresa.actualitzada_el, empresa.confirmada_el) if moment)


async def sollicitar(command: SollicitarRevisio, uow_factory: UowFactory, links: ReviewLinks,
                     correlation_id: str | None) -> RevisioEnviada:
    async with uow_factory() as uow:
        empresa = await existing(uow, command.empresa_id)
        if empresa.estat != "activa":
            raise Conflict("Només es pot demanar la revisió de la fitxa d'una empresa activa al cens.")
        nom, email = await _recipient(uow, empresa, command)
        now = datetime.now(UTC)
        event = RevisioSollicitada(
            empresa_id=empresa.empresa_id, rao_social=empresa.rao_social, contacte_id=command.contacte_id, nom=nom,
            email=email, idioma=command.idioma, caduca_el=links.expires(now),
            token=links.sign(Revisio(empresa.empresa_id, versio_de(version(empresa)))))
        await uow.add_events(new_event(event, correlation_id=correlation_id))
        await uow.auditoria.add([audit.entry(empresa.empresa_id, "revisio_sollicitada",
                                             {"contacte_id": str(command.contacte_id) if command.contacte_id else None})])
        await uow.commit()
    return RevisioEnviada(empresa_id=empresa.empresa_id, destinatari=nom, caduca_el=event.caduca_el)


async def obrir(token: str, uow_factory: UowFactory, links: ReviewLinks) -> FitxaAutoservei:
    async with uow_factory(readonly=True) as uow:
        empresa, revisio = await _linked(uow, token, links)
        return await _fitxa(uow, empresa, revisio)


async def confirmar(token: str, uow_factory: UowFactory, links: ReviewLinks) -> FitxaAutoservei:
    """The company says its record is current."""
    async with uow_factory() as uow:
        empresa, revisio = await _linked(uow, token, links)
        now = datetime.now(UTC)
        await uow.empreses.confirm(str(empresa.empresa_id), now)
        await uow.auditoria.add([audit.entry(empresa.empresa_id, "confirmacio", {}, qui=ACTOR)])
        await uow.commit()
        return await _fitxa(uow, replace(empresa, confirmada_el=now), revisio)


async def corregir(command: CorreccioAutoservei, uow_factory: UowFactory, links: ReviewLinks,
                   correlation_id: str | None) -> FitxaAutoservei:
    """The company corrects its record: announced like any change; the record is then current."""
    changes = command.model_dump(exclude={"token"}, exclude_unset=True)
    if not changes:
        raise Invalid([FieldError(camp="cos", motiu="no hi ha cap camp a corregir")])
    actor = current_actor.set(ACTOR)
    try:
        async with uow_factory() as uow:
            empresa, revisio = await _linked(uow, command.token, links)
            empresa = await commands.modify(uow, empresa, changes, correlation_id)
            empresa = replace(empresa, font="autoservei", confirmada_el=datetime.now(UTC))
            await uow.empreses.save_changes(empresa, ["font", "confirmada_el"])
            await uow.commit()
            return await _fitxa(uow, empresa, revisio)
    finally:
        current_actor.reset(actor)


async def _recipient(uow: CensusUnitOfWork, empresa: Empresa, command: SollicitarRevisio) -> tuple[str, str]:
    """Who the link is mailed to: the contact person asked for, or the company's own address."""
    if command.contacte_id is not None:
        contacte = await uow.contactes.get(empresa.empresa_id, command.contacte_id)
        if contacte is None or contacte.suprimit_el is not None:
            raise Invalid([FieldError(camp="contacte_id", motiu="l'empresa no té cap persona de contacte amb aquest "
                                                                 "identificador")])
        if not contacte.email or not contacte.nom:
            raise Invalid([FieldError(camp="contacte_id", motiu="aquesta persona de contacte no té adreça electrònica")])
        return contacte.nom, contacte.email
    if not empresa.email:
        raise Invalid([FieldError(camp="contacte_id", motiu="l'empresa no té adreça electrònica: indiqueu una "
                                                             "persona de contacte que en tingui")])
    return empresa.nom_comercial or empresa.rao_social, empresa.email


async def _linked(uow: CensusUnitOfWork, token: str, links: ReviewLinks) -> tuple[Empresa, Revisio]:
    revisio = links.verify(token)
    empresa = await existing(uow, revisio.empresa_id)
    if empresa.estat != "activa":
        raise Conflict("Aquesta empresa ja no consta com a activa al cens; l'enllaç no es pot fer servir.")
    check_versio(revisio.versio, version(empresa))
    return empresa, revisio


async def _fitxa(uow: CensusUnitOfWork, empresa: Empresa, revisio: Revisio) -> FitxaAutoservei:
    poligon = await uow.poligons.get(empresa.poligon_id)
    assert revisio.caduca_el is not None
    return FitxaAutoservei(empresa=empresa_view(empresa), poligon=poligon.nom if poligon else empresa.poligon_id,
                           caduca_el=revisio.caduca_el)
