"""Census read side for the portal."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from services.census.domain.cnae import CNAE_2009, normalise_cnae
from services.census.domain.cnae_2025 import normalise_cnae_2025, to_2009, to_2025
from services.census.domain.cnae_labels import DIVISIONS, SECTIONS
from services.census.domain.model import Empresa, EnsGestor, Poligon
from services.census.domain.open_data import open_record
from services.census.service_layer.unit_of_work import CensusUnitOfWork
from shared.contracts.census_api import (
    Centroide,
    ClasseCnae,
    Correspondencia,
    CorrespondenciaCnae,
    DivisioCnae,
    EmpresaView,
    EnsGestorResum,
    EnsGestorView,
    EntitatView,
    EntradaAuditoria,
    EstablimentView,
    LlistarEmpreses,
    ObtenirEntitat,
    Pagina,
    PoligonView,
    SeccioCnae,
)
from shared.contracts.census_open_data import EmpresaOberta, LlistarEmpresesObertes
from shared.errors import FieldError, Invalid, NotFound
from shared.identifiers import Nif, forma_juridica, parse_nif
from shared.persistence.timestamps import as_utc

UowFactory = Callable[..., CensusUnitOfWork]


def poligon_view(poligon: Poligon, ens: list[EnsGestor], empreses: int) -> PoligonView:
    return PoligonView(
        poligon_id=poligon.poligon_id, nom=poligon.nom, estat=poligon.estat,
        superficie_m2=poligon.superficie_m2, centroide=Centroide(lat=poligon.lat, lon=poligon.lon),
        ens_gestors=[EnsGestorResum(ens_gestor_id=e.ens_gestor_id, nom=e.nom)
                     for e in ens if poligon.poligon_id in e.poligons],
        empreses=empreses, fitxa=poligon.full_sheet(),
    )


def empresa_view(empresa: Empresa) -> EmpresaView:
    legal_form = forma_juridica(Nif(empresa.nif, empresa.persona_fisica))
    return EmpresaView.model_validate(empresa.__dict__ | {"forma_juridica": legal_form})


def ens_gestor_view(ens: EnsGestor) -> EnsGestorView:
    return EnsGestorView(ens_gestor_id=ens.ens_gestor_id, nom=ens.nom, email=ens.email,
                         poligons=list(ens.poligons))


async def llistar_poligons(uow_factory: UowFactory) -> list[PoligonView]:
    async with uow_factory(readonly=True) as uow:
        ens = await uow.ens_gestors.list()
        counts = await uow.poligons.company_counts()
        return [poligon_view(p, ens, counts.get(p.poligon_id, 0)) for p in await uow.poligons.list()]


async def obtenir_poligon(poligon_id: str, uow_factory: UowFactory) -> PoligonView:
    async with uow_factory(readonly=True) as uow:
        poligon = await uow.poligons.get(poligon_id)
        if poligon is None:
            raise NotFound(f"No existeix cap polígon amb l'identificador '{poligon_id}'.")
        return poligon_view(poligon, await uow.ens_gestors.list(poligon_id),
                            await uow.poligons.company_count(poligon_id))


async def llistar_ens_gestors(uow_factory: UowFactory) -> list[EnsGestorView]:
    async with uow_factory(readonly=True) as uow:
        return [ens_gestor_view(e) for e in await uow.ens_gestors.list()]


async def obtenir_empresa(empresa_id, uow_factory: UowFactory) -> EmpresaView:  # type: ignore[no-untyped-def]
    async with uow_factory(readonly=True) as uow:
        empresa = await uow.empreses.get(empresa_id)
    if empresa is None:
        raise NotFound("No existeix cap empresa amb aquest identificador.")
    return empresa_view(empresa)


async def obtenir_entitat(query: ObtenirEntitat, uow_factory: UowFactory) -> EntitatView:
    """The legal entity as its head office's record says it (else its latest record), with every
    establishment (active ones only, unless asked)."""
    try:
        nif = parse_nif(query.nif).value
    except ValueError as exc:
        raise Invalid([FieldError(camp="nif", motiu=f"NIF/CIF no vàlid: {exc}")]) from exc
    async with uow_factory(readonly=True) as uow:
        records = [e for e in await uow.empreses.with_nifs({nif}) if e.estat != "fusionada"
                   and (query.inclou_inactius or e.estat == "activa")]
    if not records:
        raise NotFound("No hi ha cap empresa amb aquest NIF al cens.")
    records.sort(key=lambda e: (e.estat != "activa", not e.seu_social,
                                -(e.actualitzada_el or e.registrada_el).timestamp()))
    main = records[0]
    return EntitatView(
        **{name: getattr(main, name) for name in ("nif", "persona_fisica", "rao_social", "nom_comercial", "cnae", "cnae_2025",
                                                  "treballadors", "any_treballadors", "web")},
        cnae_secundaries=list(main.cnae_secundaries), forma_juridica=forma_juridica(Nif(nif, main.persona_fisica)),
        establiments=[EstablimentView.model_validate(record, from_attributes=True) for record in records])


async def historial(empresa_id, uow_factory: UowFactory) -> list[EntradaAuditoria]:  # type: ignore[no-untyped-def]
    async with uow_factory(readonly=True) as uow:
        if await uow.empreses.get(empresa_id) is None:
            raise NotFound("No existeix cap empresa amb aquest identificador.")
        entries = await uow.auditoria.history(str(empresa_id))
    return [EntradaAuditoria.model_validate(dict(e, moment=as_utc(e["moment"]))) for e in entries]


async def empreses_obertes(query: LlistarEmpresesObertes, uow_factory: UowFactory) -> list[EmpresaOberta]:
    async with uow_factory(readonly=True) as uow:
        found = await uow.empreses.open_page(str(query.despres_de) if query.despres_de else None, query.mida)
    return [open_record(empresa) for empresa in found]


async def llistar_empreses(query: LlistarEmpreses, uow_factory: UowFactory) -> Pagina[EmpresaView]:
    cnae = normalise_cnae(query.cnae) if query.cnae else None
    if query.cnae and cnae is None:
        return Pagina[EmpresaView](items=[], total=0, pagina=query.pagina, mida=query.mida)
    async with uow_factory(readonly=True) as uow:
        items, total = await uow.empreses.search(
            poligon=query.poligon, cnae=cnae, q=query.q,
            include_natural_persons=query.inclou_persones_fisiques,
            unconfirmed_since=(datetime.now(UTC) - timedelta(days=round(query.sense_confirmar_mesos * 30.44))
                               if query.sense_confirmar_mesos else None),
            offset=(query.pagina - 1) * query.mida, limit=query.mida)
    return Pagina[EmpresaView](items=[empresa_view(e) for e in items], total=total,
                               pagina=query.pagina, mida=query.mida)


def correspondencia_cnae(query: CorrespondenciaCnae) -> Correspondencia:
    """Both classes of an activity, where one-to-one; the one given must be a class of its classification."""
    if bool(query.cnae) == bool(query.cnae_2025):
        raise Invalid([FieldError(camp="cnae", motiu="indiqueu una classe: la CNAE-2009 o la CNAE-2025")])
    if query.cnae:
        code = normalise_cnae(query.cnae)
        if code is None:
            raise Invalid([FieldError(camp="cnae", motiu="no és una classe CNAE-2009 (4 xifres, p. ex. 2511)")])
        return Correspondencia(cnae=code, cnae_2025=to_2025(code), nom=CNAE_2009[code])
    code_2025 = normalise_cnae_2025(query.cnae_2025 or "")
    if code_2025 is None:
        raise Invalid([FieldError(camp="cnae_2025", motiu="no és una classe CNAE-2025 (4 xifres, p. ex. 2511)")])
    code = to_2009(code_2025)
    return Correspondencia(cnae=code, cnae_2025=code_2025, nom=CNAE_2009[code] if code else None)


def classificacio_cnae() -> list[SeccioCnae]:
    """CNAE-2009 as a tree: sections, divisions, classes."""
    by_division: dict[str, list[ClasseCnae]] = {}
    for code, label in CNAE_2009.items():
        by_division.setdefault(code[:2], []).append(ClasseCnae(codi=code, nom=label))
    return [SeccioCnae(lletra=letter, nom=name, divisions=[
        DivisioCnae(codi=division, nom=DIVISIONS[division], classes=by_division[division])
        for division in sorted(by_division) if low <= int(division) <= high])
        for letter, (name, low, high) in SECTIONS.items()]
