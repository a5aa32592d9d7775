"""Event contracts: the one source of the wire format (pydantic models).

``EVENTS`` maps each event type (= its subject) to the model of its ``data``.
"""

from __future__ import annotations

from shared.contracts.census import (
    ContacteSuprimit,
    EmpresaActualitzada,
    EmpresaDonadaDeBaixa,
    EmpresaRegistrada,
    EmpresaTraslladada,
    EnsGestorActualitzat,
    EnsGestorRegistrat,
    ImportacioCompletada,
    PoligonActualitzat,
    PoligonRegistrat,
    RevisioSollicitada,
)
from shared.contracts.envelope import CloudEvent, EventData, caused_by, encode, new_event
from shared.contracts.ingest import (
    EmpresaExterna,
    EmpresaExternaRebutjada,
    OfertaExterna,
    OfertaExternaRebutjada,
)
from shared.contracts.location import (
    CoincidenciaTrobada,
    DemandaPerConfirmar,
    DemandaRegistrada,
    DemandaSenseCoincidencies,
    DemandaTancada,
    InteresExpressat,
    NauDisponible,
    OfertaActualitzada,
    OfertaPerCaducar,
    OfertaRetirada,
)
from shared.contracts.notifications import NotificacioEnviada, NotificacioFallida

EVENT_MODELS: tuple[type[EventData], ...] = (
    PoligonRegistrat,
    PoligonActualitzat,
    EnsGestorRegistrat,
    EnsGestorActualitzat,
    EmpresaRegistrada,
    EmpresaActualitzada,
    EmpresaDonadaDeBaixa,
    EmpresaTraslladada,
    ImportacioCompletada,
    ContacteSuprimit,
    RevisioSollicitada,
    EmpresaExternaRebutjada,
    NauDisponible,
    OfertaActualitzada,
    OfertaRetirada,
    OfertaPerCaducar,
    DemandaPerConfirmar,
    DemandaRegistrada,
    DemandaTancada,
    DemandaSenseCoincidencies,
    CoincidenciaTrobada,
    InteresExpressat,
    OfertaExternaRebutjada,
    OfertaExterna,
    EmpresaExterna,
    NotificacioEnviada,
    NotificacioFallida,
)
EVENTS: dict[str, type[EventData]] = {model.event_type(): model for model in EVENT_MODELS}

__all__ = [
    "EVENTS",
    "EVENT_MODELS",
    "CloudEvent",
    "CoincidenciaTrobada",
    "ContacteSuprimit",
    "DemandaPerConfirmar",
    "DemandaRegistrada",
    "DemandaSenseCoincidencies",
    "DemandaTancada",
    "EmpresaDonadaDeBaixa",
    "EmpresaExterna",
    "EmpresaExternaRebutjada",
    "EmpresaActualitzada",
    "EmpresaRegistrada",
    "EmpresaTraslladada",
    "EnsGestorActualitzat",
    "EnsGestorRegistrat",
    "ImportacioCompletada",
    "EventData",
    "InteresExpressat",
    "NauDisponible",
    "NotificacioEnviada",
    "NotificacioFallida",
    "OfertaActualitzada",
    "OfertaExterna",
    "OfertaExternaRebutjada",
    "OfertaPerCaducar",
    "OfertaRetirada",
    "PoligonActualitzat",
    "PoligonRegistrat",
    "RevisioSollicitada",
    "caused_by",
    "encode",
    "new_event",
]
