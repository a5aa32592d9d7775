"""Pages for one role: whoever is not signed in is sent to sign in, anyone else gets a 403 page
(site.py answers NotAllowed)."""

from __future__ import annotations

from starlette.requests import Request

from services.portal.domain.access import Rol
from services.portal.domain.accounts import Usuari
from services.portal.entrypoints.web.session import signed_in
from shared.observability.correlation import current_actor


class NotAllowed(Exception):
    pass


async def signed_in_as(request: Request, rol: Rol) -> Usuari:
    usuari = await signed_in(request)
    if usuari is None or usuari.rol is not rol:
        raise NotAllowed
    current_actor.set(usuari.nom)  # what they change is signed with their name in the services' audit trails
    return usuari
