"""What notifications may do on the bus (its NATS identity is generated from this)."""

from __future__ import annotations

from services.notifications.entrypoints.consumers import CENSUS_EVENTS, LOCATION_EVENTS
from shared.messaging.bus_access import BusAccess
from shared.messaging.topology import OWNERS

# It reminds staff of dead letters waiting in any service, so it may ask each how many.
BUS_ACCESS = BusAccess("notifications", consumers=(CENSUS_EVENTS, LOCATION_EVENTS),
                       calls=tuple(f"{owner}.admin.LlistarDeadLetters" for owner in OWNERS))
