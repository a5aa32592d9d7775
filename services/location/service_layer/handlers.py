"""Census events the location service follows; nothing is stored from them yet."""

from __future__ import annotations

import structlog

from shared.contracts import CloudEvent, EmpresaRegistrada, PoligonRegistrat
from shared.messaging.consumer import Route
from shared.persistence.unit_of_work import UnitOfWork

log = structlog.get_logger(__name__)


async def on_census_event(event: CloudEvent[PoligonRegistrat | EmpresaRegistrada], uow: UnitOfWork) -> None:
    log.debug("census_event_seen", type=event.type)


ROUTES: list[Route[UnitOfWork]] = [
    Route(PoligonRegistrat, on_census_event),
    Route(EmpresaRegistrada, on_census_event),
]
