"""The durable consumers of the notifications service."""

from __future__ import annotations

from shared.contracts import (
    CoincidenciaTrobada,
    ContacteSuprimit,
    DemandaPerConfirmar,
    DemandaRegistrada,
    DemandaSenseCoincidencies,
    DemandaTancada,
    EmpresaActualitzada,
    EmpresaDonadaDeBaixa,
    EmpresaExternaRebutjada,
    EmpresaRegistrada,
    EmpresaTraslladada,
    EnsGestorActualitzat,
    EnsGestorRegistrat,
    ImportacioCompletada,
    InteresExpressat,
    NauDisponible,
    OfertaActualitzada,
    OfertaExternaRebutjada,
    OfertaPerCaducar,
    OfertaRetirada,
    PoligonActualitzat,
    PoligonRegistrat,
    RevisioSollicitada,
)
from shared.messaging.topology import ConsumerSpec, stream_name

# One consumer for every census event it needs, so they arrive in the order census
# published them (an estate and its management body before the companies in it).
CENSUS_EVENTS = ConsumerSpec(
    durable="notifications-census",
    stream=stream_name("census"),
    subjects=(PoligonRegistrat.event_type(), PoligonActualitzat.event_type(), EnsGestorRegistrat.event_type(), EnsGestorActualitzat.event_type(),
              EmpresaRegistrada.event_type(), EmpresaActualitzada.event_type(), EmpresaDonadaDeBaixa.event_type(),
              EmpresaTraslladada.event_type(), ImportacioCompletada.event_type(),
              EmpresaExternaRebutjada.event_type(), RevisioSollicitada.event_type(), ContacteSuprimit.event_type()),
)

# In the order location published them: an offer or a demand before its leads.
LOCATION_EVENTS = ConsumerSpec(
    durable="notifications-location",
    stream=stream_name("location"),
    subjects=tuple(model.event_type() for model in (
        NauDisponible, OfertaActualitzada, OfertaRetirada, OfertaPerCaducar, DemandaPerConfirmar,
        DemandaRegistrada, DemandaTancada, CoincidenciaTrobada, InteresExpressat, OfertaExternaRebutjada,
        DemandaSenseCoincidencies)),
)
