"""What the portal may do on the bus (its NATS identity is generated from this)."""

from __future__ import annotations

from shared.messaging.bus_access import BusAccess
from shared.messaging.topology import OWNERS

# The HTTP edge: it owns no stream and consumes nothing; it asks the services and uploads files.
BUS_ACCESS = BusAccess("portal", publishes_events=False, calls=OWNERS, files=True)
