"""What location may do on the bus (its NATS identity is generated from this)."""

from __future__ import annotations

from services.location.entrypoints.consumers import CENSUS_EVENTS, PARTNER_OFFERS
from shared.messaging.bus_access import BusAccess

BUS_ACCESS = BusAccess("location", consumers=(CENSUS_EVENTS, PARTNER_OFFERS))
