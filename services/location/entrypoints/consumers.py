"""The durable consumers of the location service."""

from __future__ import annotations

from shared.contracts import EmpresaDonadaDeBaixa, EmpresaTraslladada, PoligonActualitzat, PoligonRegistrat
from shared.messaging.partner_ingest import partner_spec
from shared.messaging.topology import ConsumerSpec, stream_name

# Estates, and companies leaving them or moving (a possible vacancy); arrivals are none of location's business.
CENSUS_EVENTS = ConsumerSpec(
    durable="location-census",
    stream=stream_name("census"),
    subjects=(PoligonRegistrat.event_type(), PoligonActualitzat.event_type(), EmpresaDonadaDeBaixa.event_type(),
              EmpresaTraslladada.event_type()),
)

PARTNER_OFFERS = partner_spec("location-ingest", "OfertaExterna")
