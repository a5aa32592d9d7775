"""The durable consumers of the location service."""

from __future__ import annotations

from shared.contracts import EmpresaRegistrada, PoligonRegistrat
from shared.messaging.topology import ConsumerSpec, stream_name

CENSUS_EVENTS = ConsumerSpec(
    durable="location-census",
    stream=stream_name("census"),
    subjects=(PoligonRegistrat.event_type(), EmpresaRegistrada.event_type()),
)
