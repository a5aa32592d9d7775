"""Census commands: each validates, changes state and stages its event in one transaction."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy.exc import IntegrityError

from services.census.domain.model import Empresa, EnsGestor, Poligon
from services.census.service_layer import audit
from services.census.service_layer.unit_of_work import CensusUnitOfWork
from shared.contracts.census import MotiuBaixa
from shared.contracts.census_api import (
    ActualitzarEnsGestor,
    ConfirmarEmpresa,
    DonarDeBaixaEmpresa,
    FontDada,
    ModificarEmpresa,
    RegistrarEmpresa,
    RegistrarEnsGestor,
    TraslladarEmpresa,
)
from shared.contracts.census_estates import ActualitzarPoligon, CanvisPoligon
from shared.contracts.envelope import new_event
from shared.errors import Conflict, NotFound
from shared.observability.correlation import current_actor

UowFactory = Callable[[], CensusUnitOfWork]
DUPLICATE = "Aquesta empresa (mateix NIF) ja està registrada en aquest polígon."


async def registrar_empresa(command: RegistrarEmpresa, uow: CensusUnitOfWork,
                            correlation_id: str | None, font: FontDada = "personal_tecnic") -> Empresa:
    """Inside a transaction the caller commits (see GroupCommitter)."""
    empresa = Empresa.nova(**command.model_dump(include=set(RegistrarEmpresa.model_fields)),
                           known_poligons=await uow.poligons.ids(), font=font)
    try:
        # The unique (NIF, estate) key is the check: one round trip, and race-free.
        await uow.empreses.add(empresa)
    except IntegrityError as exc:
        raise Conflict(DUPLICATE) from exc
    await uow.add_events(new_event(empresa.registrada(), correlation_id=correlation_id))
    await uow.auditoria.add([audit.entry(empresa.empresa_id, "registre", {"font": empresa.font})])
    return empresa


async def registrar_ens_gestor(command: RegistrarEnsGestor, uow_factory: UowFactory,
                               correlation_id: str | None) -> EnsGestor:
    async with uow_factory() as uow:
        ens = EnsGestor.nou(command.nom, str(command.email), command.poligons,
                            known=await uow.poligons.ids())
        await uow.ens_gestors.add(ens)
        await uow.add_events(new_event(ens.registrat(), correlation_id=correlation_id))
        await uow.commit()
    return ens


async def actualitzar_ens_gestor(command: ActualitzarEnsGestor, uow_factory: UowFactory,
                                 correlation_id: str | None) -> EnsGestor:
    """Announced only when something changed; notifications then writes to the new address."""
    async with uow_factory() as uow:
        ens = await uow.ens_gestors.get(str(command.ens_gestor_id))
        if ens is None:
            raise NotFound("No existeix cap ens gestor amb aquest identificador.")
        changed = ens.actualitza(command.model_dump(exclude={"ens_gestor_id"}, exclude_unset=True),
                                 known=await uow.poligons.ids())
        if changed != ens:
            await uow.ens_gestors.save(changed)
            await uow.add_events(new_event(changed.actualitzat(), correlation_id=correlation_id))
            await uow.commit()
    return changed


async def actualitzar_poligon(command: ActualitzarPoligon, uow_factory: UowFactory,
                              correlation_id: str | None) -> Poligon:
    """Staff checked an estate's data; consumers hear of it when its name, state or surface changed."""
    async with uow_factory() as uow:
        poligon = await uow.poligons.get(command.poligon_id)
        if poligon is None:
            raise NotFound(f"No existeix cap polígon amb l'identificador '{command.poligon_id}'.")
        canvis = CanvisPoligon.model_validate(command.model_dump(exclude={"poligon_id"}, exclude_unset=True))
        checked = poligon.actualitza(canvis, datetime.now(UTC).date(), current_actor.get() or "personal tècnic")
        await uow.poligons.save(checked)
        if checked.registrat() != poligon.registrat():
            await uow.add_events(new_event(checked.actualitzat(), correlation_id=correlation_id))
        await uow.commit()
    return checked


async def donar_de_baixa(command: DonarDeBaixaEmpresa, uow_factory: UowFactory,
                         correlation_id: str | None) -> Empresa:
    """The company left its estate: recorded, and announced as a possible vacancy there."""
    async with uow_factory() as uow:
        empresa = await depart(uow, await existing(uow, command.empresa_id), command.motiu, command.municipi_desti,
                               command.data_baixa or datetime.now(UTC).date(), correlation_id)
        await uow.commit()
    return empresa


async def depart(uow: CensusUnitOfWork, empresa: Empresa, motiu: MotiuBaixa, municipi_desti: str | None,
                 data_baixa: date, correlation_id: str | None) -> Empresa:
    """Within ``uow``: ``empresa`` left its estate."""
    empresa = empresa.dona_de_baixa(motiu, municipi_desti, data_baixa)
    await uow.empreses.save_departure(empresa)
    await uow.add_events(new_event(empresa.donada_de_baixa(), correlation_id=correlation_id))
    await uow.auditoria.add([audit.entry(empresa.empresa_id, "baixa", {
        "motiu": empresa.motiu_baixa, "municipi_desti": empresa.municipi_desti,
        "data_baixa": str(empresa.data_baixa)})])
    return empresa


async def traslladar_empresa(command: TraslladarEmpresa, uow_factory: UowFactory,
                             correlation_id: str | None) -> Empresa:
    """The company moved within the district: both estates' bodies hear of it."""
    async with uow_factory() as uow:
        moved = await move(uow, await existing(uow, command.empresa_id), command.poligon_id, command.adreca,
                           command.data_trasllat or datetime.now(UTC).date(), correlation_id)
        await uow.commit()
    return moved


async def move(uow: CensusUnitOfWork, origen: Empresa, poligon_id: str, adreca: str | None, data: date,
               correlation_id: str | None) -> Empresa:
    """Within ``uow``: ``origen`` moved to another estate of the district."""
    moved = origen.trasllada(poligon_id, adreca, await uow.poligons.ids())
    try:
        await uow.empreses.save_move(moved)
    except IntegrityError as exc:  # the (NIF, estate) key
        raise Conflict("Aquesta empresa (mateix NIF) ja consta al polígon de destinació.") from exc
    await uow.add_events(new_event(moved.traslladada(origen, data), correlation_id=correlation_id))
    await uow.auditoria.add([audit.entry(moved.empresa_id, "trasllat", {
        "poligon_origen": origen.poligon_id, "poligon_desti": moved.poligon_id, "data_trasllat": str(data)})])
    return moved


async def modificar_empresa(command: ModificarEmpresa, uow_factory: UowFactory,
                            correlation_id: str | None) -> Empresa:
    """Change a company's record; announced only when something actually changed."""
    async with uow_factory() as uow:
        empresa = await modify(uow, await existing(uow, command.empresa_id),
                               command.model_dump(exclude={"empresa_id"}, exclude_unset=True), correlation_id)
        await uow.commit()
    return empresa


async def modify(uow: CensusUnitOfWork, empresa: Empresa, changes: dict[str, Any],
                 correlation_id: str | None) -> Empresa:
    """Within ``uow``: ``empresa`` with ``changes``, announced only if something actually changed."""
    empresa, canvis = empresa.modifica(changes)
    if canvis:
        await uow.empreses.save_changes(empresa, [canvi.camp for canvi in canvis])
        await uow.add_events(new_event(empresa.actualitzada(canvis), correlation_id=correlation_id))
        await uow.auditoria.add([audit.entry(empresa.empresa_id, "modificacio",
                                             {"canvis": [canvi.model_dump() for canvi in canvis]})])
    return empresa


async def confirmar_empresa(command: ConfirmarEmpresa, uow_factory: UowFactory) -> Empresa:
    """The record is current as it is: confirmed now (the 12-month review starts again)."""
    async with uow_factory() as uow:
        empresa = await existing(uow, command.empresa_id)
        if empresa.estat != "activa":
            raise Conflict("Només es pot confirmar una empresa activa al cens.")
        now = datetime.now(UTC)
        await uow.empreses.confirm(str(empresa.empresa_id), now)
        await uow.auditoria.add([audit.entry(empresa.empresa_id, "confirmacio", {})])
        await uow.commit()
    return replace(empresa, confirmada_el=now)


async def existing(uow: CensusUnitOfWork, empresa_id: uuid.UUID) -> Empresa:
    empresa = await uow.empreses.get(empresa_id)
    if empresa is None:
        raise NotFound("No existeix cap empresa amb aquest identificador.")
    return empresa
