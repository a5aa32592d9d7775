"""Location commands and queries served over NATS request-reply."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from faststream.nats import NatsRouter

from services.location.adapters.links import LinkSigner
from services.location.service_layer import demands, indicators, links, offers, queries, vacancies
from services.location.service_layer.unit_of_work import LocationUnitOfWork
from shared.contracts.api import Buit
from shared.contracts.location_api import (
    SERVICE,
    ActualitzarOferta,
    DemandaRef,
    LlistarDemandes,
    LlistarOfertes,
    LlistarVacants,
    OfertaRef,
    PublicarOferta,
    RegistrarDemanda,
    ResoldreVacant,
    RespondreCoincidencia,
    RetirarOferta,
    TancarDemanda,
    UsarEnllac,
)
from shared.messaging.rpc import serve
from shared.observability.correlation import current_correlation_id


def register_rpc(router: NatsRouter, uow: Callable[..., LocationUnitOfWork], vigencia: timedelta,
                 signer: LinkSigner) -> None:
    @serve(router, SERVICE, "PublicarOferta", PublicarOferta)
    async def publicar(command: PublicarOferta) -> Any:
        return queries.oferta_view(await offers.publicar_oferta(command, uow, vigencia, current_correlation_id.get()))

    @serve(router, SERVICE, "ActualitzarOferta", ActualitzarOferta)
    async def actualitzar(command: ActualitzarOferta) -> Any:
        return queries.oferta_view(await offers.actualitzar_oferta(command, uow, current_correlation_id.get()))

    @serve(router, SERVICE, "ConfirmarOferta", OfertaRef)
    async def confirmar(command: OfertaRef) -> Any:
        return queries.oferta_view(await offers.confirmar_oferta(
            command.oferta_id, uow, vigencia, current_correlation_id.get()))

    @serve(router, SERVICE, "RetirarOferta", RetirarOferta)
    async def retirar(command: RetirarOferta) -> Any:
        return queries.oferta_view(await offers.retirar_oferta(
            command.oferta_id, command.motiu, uow, current_correlation_id.get()))

    @serve(router, SERVICE, "ObtenirOferta", OfertaRef)
    async def obtenir_oferta(query: OfertaRef) -> Any:
        return await queries.obtenir_oferta(query.oferta_id, uow)

    @serve(router, SERVICE, "LlistarOfertes", LlistarOfertes)
    async def llistar_ofertes(query: LlistarOfertes) -> Any:
        return await queries.llistar_ofertes(query, uow)

    @serve(router, SERVICE, "RegistrarDemanda", RegistrarDemanda)
    async def registrar_demanda(command: RegistrarDemanda) -> Any:
        return queries.demanda_view(await demands.registrar_demanda(
            command, uow, signer, current_correlation_id.get()))

    @serve(router, SERVICE, "TancarDemanda", TancarDemanda)
    async def tancar_demanda(command: TancarDemanda) -> Any:
        return queries.demanda_view(await demands.tancar_demanda(command, uow, current_correlation_id.get()))

    @serve(router, SERVICE, "ObtenirDemanda", DemandaRef)
    async def obtenir_demanda(query: DemandaRef) -> Any:
        return await queries.obtenir_demanda(query.demanda_id, uow)

    @serve(router, SERVICE, "LlistarDemandes", LlistarDemandes)
    async def llistar_demandes(query: LlistarDemandes) -> Any:
        return await queries.llistar_demandes(query, uow)

    @serve(router, SERVICE, "EstadistiquesDemandes", Buit)
    async def estadistiques(_: Buit) -> Any:
        return await queries.estadistiques_demandes(uow)

    @serve(router, SERVICE, "CoincidenciesDemanda", DemandaRef)
    async def coincidencies(query: DemandaRef) -> Any:
        return await queries.coincidencies_de(query.demanda_id, uow)

    @serve(router, SERVICE, "UsarEnllac", UsarEnllac)
    async def usar_enllac(command: UsarEnllac) -> Any:
        return await links.usar_enllac(command.token, signer, uow, vigencia, current_correlation_id.get())

    @serve(router, SERVICE, "RespondreCoincidencia", RespondreCoincidencia)
    async def respondre(command: RespondreCoincidencia) -> Any:
        lead = await demands.respondre_coincidencia(command, uow, current_correlation_id.get())
        return {"coincidencia_id": str(lead.coincidencia_id), "resposta": lead.resposta}

    @serve(router, SERVICE, "LlistarVacants", LlistarVacants)
    async def llistar_vacants(query: LlistarVacants) -> Any:
        return await vacancies.llistar_vacants(query, uow)

    @serve(router, SERVICE, "ResoldreVacant", ResoldreVacant)
    async def resoldre_vacant(command: ResoldreVacant) -> Any:
        return await vacancies.resoldre_vacant(command, uow)

    @serve(router, SERVICE, "Indicadors", Buit)
    async def indicadors(_: Buit) -> Any:
        return (await indicators.indicadors(uow)).model_dump(mode="json")
