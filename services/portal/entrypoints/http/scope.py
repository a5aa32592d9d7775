"""What a caller who is not staff reaches through the API: its own, as its pages show it — a
management body its estates, a company its requests and their leads (by its address or NIF), an owner
the offers it is the contact of. Another's is answered as if it did not exist (404)."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import Depends

from services.portal.domain.access import Principal, Rol
from services.portal.entrypoints.http.dependencies import Caller
from services.portal.entrypoints.http.errors import ApiError

NOT_FOUND = "No s'ha trobat el recurs."


def staff_or(*roles: Rol) -> Callable[[Principal], Coroutine[Any, Any, Principal]]:
    """A dependency: staff, or a caller with one of ``roles`` (who then sees only its own)."""
    async def allowed(found: Caller) -> Principal:
        if not found.is_staff and found.rol not in roles:
            raise ApiError(403, "No teniu permís per fer aquesta acció.")
        return found

    return allowed


def owns_request(who: Principal, demanda: dict[str, Any]) -> bool:
    empresa = demanda["empresa"]
    by_address = who.email is not None and empresa["email"].lower() == who.email
    return who.is_staff or by_address or (who.nif is not None and empresa.get("nif") == who.nif)


def owns_offer(who: Principal, oferta: dict[str, Any]) -> bool:
    contacte = oferta.get("contacte") or {}
    return who.is_staff or (who.email is not None and str(contacte.get("email", "")).lower() == who.email)


def estate_for(who: Principal, poligon: str | None) -> str | None:
    """The estate a management body asks about: one of its own (the only one it has, if it names none)."""
    if who.is_staff:
        return poligon
    if poligon is None and len(who.poligons) == 1:
        return who.poligons[0]
    if poligon is None or poligon not in who.poligons:
        mine = ", ".join(who.poligons) or "cap"
        raise ApiError(403, f"Trieu un dels vostres polígons amb el paràmetre poligon (els vostres: {mine}).")
    return poligon


StaffOrBody = Annotated[Principal, Depends(staff_or(Rol.ENS_GESTOR))]
StaffOrCompany = Annotated[Principal, Depends(staff_or(Rol.EMPRESA))]
StaffOrOwner = Annotated[Principal, Depends(staff_or(Rol.PROPIETARI))]
