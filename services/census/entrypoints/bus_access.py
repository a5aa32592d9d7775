"""What census may do on the bus (its NATS identity is generated from this)."""

from __future__ import annotations

from services.census.entrypoints.consumers import PARTNER_COMPANIES
from shared.messaging.bus_access import BusAccess

# Publishes the census's events, answers the portal, takes partners' companies, reads uploaded files.
BUS_ACCESS = BusAccess("census", consumers=(PARTNER_COMPANIES,), files=True)
