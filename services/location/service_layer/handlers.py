"""What the location service does with the census events it follows."""

from __future__ import annotations

from services.location.service_layer.unit_of_work import LocationUnitOfWork
from services.location.service_layer.vacancies import on_empresa_donada_de_baixa, on_empresa_traslladada
from shared.contracts import (
    CloudEvent,
    EmpresaDonadaDeBaixa,
    EmpresaTraslladada,
    PoligonActualitzat,
    PoligonRegistrat,
)
from shared.messaging.consumer import Route


async def on_poligon_registrat(event: CloudEvent[PoligonRegistrat], uow: LocationUnitOfWork) -> None:
    """Offers and demands name estates; only known ones are accepted."""
    await uow.poligons.save(event.data.poligon_id, event.data.nom)


ROUTES: list[Route[LocationUnitOfWork]] = [
    Route(PoligonRegistrat, on_poligon_registrat),
    Route(PoligonActualitzat, on_poligon_registrat),
    Route(EmpresaDonadaDeBaixa, on_empresa_donada_de_baixa),
    Route(EmpresaTraslladada, on_empresa_traslladada),
]
