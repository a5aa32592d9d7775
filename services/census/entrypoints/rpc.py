"""Census commands and queries served over NATS request-reply."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from faststream.nats import NatsRouter

from services.census.adapters.review_links import ReviewLinks
from services.census.service_layer import (
    commands,
    contacts,
    duplicates,
    imports,
    indicators,
    queries,
    self_service,
)
from services.census.service_layer.unit_of_work import CensusUnitOfWork
from shared.contracts.census_api import (
    SERVICE,
    ActualitzarEnsGestor,
    Buit,
    ConfirmarEmpresa,
    CorrespondenciaCnae,
    DonarDeBaixaEmpresa,
    HistorialEmpresa,
    LlistarEmpreses,
    ModificarEmpresa,
    ObtenirEmpresa,
    ObtenirEntitat,
    ObtenirPoligon,
    RegistrarEmpresa,
    RegistrarEnsGestor,
    TraslladarEmpresa,
)
from shared.contracts.census_contacts import AfegirContacte, ContacteRef, LlistarContactes
from shared.contracts.census_duplicates import DesferDuplicat, LlistarDuplicats, ResoldreDuplicat
from shared.contracts.census_estates import ActualitzarPoligon
from shared.contracts.census_imports import (
    ImportacioRef,
    IniciarImportacio,
    LlistarImportacions,
    LlistarLinies,
)
from shared.contracts.census_open_data import LlistarEmpresesObertes
from shared.contracts.census_self_service import Autoservei, CorreccioAutoservei, SollicitarRevisio
from shared.contracts.indicators import ConsultaIndicadors
from shared.messaging.rpc import serve
from shared.observability.correlation import current_correlation_id
from shared.persistence.group_commit import GroupCommitter


def register_rpc(router: NatsRouter, uow_factory: Callable[..., CensusUnitOfWork],
                 imports_queued: Callable[[], None], links: ReviewLinks) -> None:
    writer = GroupCommitter(uow_factory)

    @serve(router, SERVICE, "RegistrarEmpresa", RegistrarEmpresa)
    async def registrar_empresa(command: RegistrarEmpresa) -> Any:
        correlation_id = current_correlation_id.get()
        empresa = await writer.run(
            lambda tx: commands.registrar_empresa(command, tx, correlation_id))
        return queries.empresa_view(empresa)

    @serve(router, SERVICE, "DonarDeBaixaEmpresa", DonarDeBaixaEmpresa)
    async def donar_de_baixa(command: DonarDeBaixaEmpresa) -> Any:
        empresa = await commands.donar_de_baixa(command, uow_factory, current_correlation_id.get())
        return queries.empresa_view(empresa)

    @serve(router, SERVICE, "ModificarEmpresa", ModificarEmpresa)
    async def modificar(command: ModificarEmpresa) -> Any:
        empresa = await commands.modificar_empresa(command, uow_factory, current_correlation_id.get())
        return queries.empresa_view(empresa)

    @serve(router, SERVICE, "RegistrarEnsGestor", RegistrarEnsGestor)
    async def registrar_ens_gestor(command: RegistrarEnsGestor) -> Any:
        ens = await commands.registrar_ens_gestor(command, uow_factory, current_correlation_id.get())
        return queries.ens_gestor_view(ens)

    @serve(router, SERVICE, "LlistarPoligons", Buit)
    async def llistar_poligons(_: Buit) -> Any:
        return [view.model_dump(mode="json") for view in await queries.llistar_poligons(uow_factory)]

    @serve(router, SERVICE, "ObtenirPoligon", ObtenirPoligon)
    async def obtenir_poligon(query: ObtenirPoligon) -> Any:
        return await queries.obtenir_poligon(query.poligon_id, uow_factory)

    @serve(router, SERVICE, "LlistarEnsGestors", Buit)
    async def llistar_ens_gestors(_: Buit) -> Any:
        return [view.model_dump(mode="json") for view in await queries.llistar_ens_gestors(uow_factory)]

    @serve(router, SERVICE, "LlistarEmpreses", LlistarEmpreses)
    async def llistar_empreses(query: LlistarEmpreses) -> Any:
        return await queries.llistar_empreses(query, uow_factory)

    @serve(router, SERVICE, "ObtenirEmpresa", ObtenirEmpresa)
    async def obtenir_empresa(query: ObtenirEmpresa) -> Any:
        return await queries.obtenir_empresa(query.empresa_id, uow_factory)

    @serve(router, SERVICE, "IniciarImportacio", IniciarImportacio)
    async def iniciar_importacio(command: IniciarImportacio) -> Any:
        started = await imports.iniciar_importacio(command, uow_factory)
        imports_queued()
        return started

    @serve(router, SERVICE, "ObtenirImportacio", ImportacioRef)
    async def obtenir_importacio(query: ImportacioRef) -> Any:
        return await imports.obtenir_importacio(query, uow_factory)

    @serve(router, SERVICE, "LlistarImportacions", LlistarImportacions)
    async def llistar_importacions(query: LlistarImportacions) -> Any:
        return await imports.llistar_importacions(query, uow_factory)

    @serve(router, SERVICE, "LlistarLiniesImportacio", LlistarLinies)
    async def llistar_linies(query: LlistarLinies) -> Any:
        return [line.model_dump(mode="json") for line in await imports.llistar_linies(query, uow_factory)]

    @serve(router, SERVICE, "LlistarDuplicats", LlistarDuplicats)
    async def llistar_duplicats(query: LlistarDuplicats) -> Any:
        return await duplicates.llistar_duplicats(query, uow_factory)

    @serve(router, SERVICE, "ResoldreDuplicat", ResoldreDuplicat)
    async def resoldre_duplicat(command: ResoldreDuplicat) -> Any:
        return await duplicates.resoldre_duplicat(command, uow_factory)

    @serve(router, SERVICE, "DesferDuplicat", DesferDuplicat)
    async def desfer_duplicat(command: DesferDuplicat) -> Any:
        return await duplicates.desfer_duplicat(command, uow_factory)

    @serve(router, SERVICE, "LlistarEmpresesObertes", LlistarEmpresesObertes)
    async def empreses_obertes(query: LlistarEmpresesObertes) -> Any:
        return [record.model_dump(mode="json") for record in await queries.empreses_obertes(query, uow_factory)]

    @serve(router, SERVICE, "HistorialEmpresa", HistorialEmpresa)
    async def historial(query: HistorialEmpresa) -> Any:
        return [entry.model_dump(mode="json") for entry in await queries.historial(query.empresa_id, uow_factory)]

    @serve(router, SERVICE, "ConfirmarEmpresa", ConfirmarEmpresa)
    async def confirmar(command: ConfirmarEmpresa) -> Any:
        return queries.empresa_view(await commands.confirmar_empresa(command, uow_factory))

    @serve(router, SERVICE, "ActualitzarEnsGestor", ActualitzarEnsGestor)
    async def actualitzar_ens_gestor(command: ActualitzarEnsGestor) -> Any:
        ens = await commands.actualitzar_ens_gestor(command, uow_factory, current_correlation_id.get())
        return queries.ens_gestor_view(ens)

    @serve(router, SERVICE, "TraslladarEmpresa", TraslladarEmpresa)
    async def traslladar(command: TraslladarEmpresa) -> Any:
        moved = await commands.traslladar_empresa(command, uow_factory, current_correlation_id.get())
        return queries.empresa_view(moved)

    @serve(router, SERVICE, "ClassificacioCnae", Buit)
    async def classificacio_cnae(_: Buit) -> Any:
        return [section.model_dump() for section in queries.classificacio_cnae()]

    @serve(router, SERVICE, "AfegirContacte", AfegirContacte)
    async def afegir_contacte(command: AfegirContacte) -> Any:
        return (await contacts.afegir(command, uow_factory)).model_dump(mode="json")

    @serve(router, SERVICE, "LlistarContactes", LlistarContactes)
    async def llistar_contactes(query: LlistarContactes) -> Any:
        return [c.model_dump(mode="json") for c in await contacts.llistar(query.empresa_id, uow_factory)]

    @serve(router, SERVICE, "ExportarContacte", ContacteRef)
    async def exportar_contacte(query: ContacteRef) -> Any:
        return (await contacts.exportar(query, uow_factory)).model_dump(mode="json")

    @serve(router, SERVICE, "SuprimirContacte", ContacteRef)
    async def suprimir_contacte(command: ContacteRef) -> Any:
        return (await contacts.suprimir(command, uow_factory, current_correlation_id.get())).model_dump(mode="json")

    @serve(router, SERVICE, "SollicitarRevisio", SollicitarRevisio)
    async def sollicitar_revisio(command: SollicitarRevisio) -> Any:
        sent = await self_service.sollicitar(command, uow_factory, links, current_correlation_id.get())
        return sent.model_dump(mode="json")

    @serve(router, SERVICE, "ObrirAutoservei", Autoservei)
    async def obrir_autoservei(query: Autoservei) -> Any:
        return (await self_service.obrir(query.token, uow_factory, links)).model_dump(mode="json")

    @serve(router, SERVICE, "ConfirmarAutoservei", Autoservei)
    async def confirmar_autoservei(command: Autoservei) -> Any:
        return (await self_service.confirmar(command.token, uow_factory, links)).model_dump(mode="json")

    @serve(router, SERVICE, "CorregirAutoservei", CorreccioAutoservei)
    async def corregir_autoservei(command: CorreccioAutoservei) -> Any:
        fitxa = await self_service.corregir(command, uow_factory, links, current_correlation_id.get())
        return fitxa.model_dump(mode="json")

    @serve(router, SERVICE, "Indicadors", ConsultaIndicadors)
    async def indicadors(query: ConsultaIndicadors) -> Any:
        return (await indicators.indicadors(query, uow_factory)).model_dump(mode="json")

    @serve(router, SERVICE, "ActualitzarPoligon", ActualitzarPoligon)
    async def actualitzar_poligon(command: ActualitzarPoligon) -> Any:
        poligon = await commands.actualitzar_poligon(command, uow_factory, current_correlation_id.get())
        return await queries.obtenir_poligon(poligon.poligon_id, uow_factory)

    @serve(router, SERVICE, "ObtenirEntitat", ObtenirEntitat)
    async def obtenir_entitat(query: ObtenirEntitat) -> Any:
        return (await queries.obtenir_entitat(query, uow_factory)).model_dump(mode="json")

    @serve(router, SERVICE, "CorrespondenciaCnae", CorrespondenciaCnae)
    async def correspondencia_cnae(query: CorrespondenciaCnae) -> Any:
        return queries.correspondencia_cnae(query).model_dump()
