"""What the notifications service does with each census event it consumes."""

from __future__ import annotations

from services.notifications.adapters.templates import Renderer
from services.notifications.domain.model import recipients_for_estate
from services.notifications.service_layer.notify import notify
from services.notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from shared.contracts import CloudEvent, EmpresaRegistrada, EnsGestorRegistrat, PoligonRegistrat
from shared.messaging.consumer import PermanentError, Route


async def on_poligon_registrat(event: CloudEvent[PoligonRegistrat], uow: NotificationsUnitOfWork) -> None:
    await uow.directory.save_poligon(event.data.poligon_id, event.data.nom)


async def on_ens_gestor_registrat(event: CloudEvent[EnsGestorRegistrat],
                                  uow: NotificationsUnitOfWork) -> None:
    data = event.data
    await uow.directory.save_ens_gestor(str(data.ens_gestor_id), data.nom, str(data.email).lower(),
                                        data.poligons)


def on_empresa_registrada(renderer: Renderer, staff_email: str):  # type: ignore[no-untyped-def]
    async def handle(event: CloudEvent[EmpresaRegistrada], uow: NotificationsUnitOfWork) -> None:
        empresa = event.data
        poligon = await uow.directory.poligon_nom(empresa.poligon_id)
        if poligon is None:
            # Census publishes an estate before any company in it, on the same ordered
            # consumer: an unknown estate is an inconsistency for staff to look at (and
            # replay once the estate is known), not something to guess around.
            raise PermanentError(f"polígon desconegut per a notificacions: {empresa.poligon_id}")
        recipients = recipients_for_estate(
            await uow.directory.ens_gestors_of(empresa.poligon_id), poligon, staff_email)
        await notify(uow, renderer, "empresa_registrada", recipients, event, empresa=empresa,
                     poligon=poligon)

    return handle


def routes(renderer: Renderer, staff_email: str) -> list[Route[NotificationsUnitOfWork]]:
    return [
        Route(PoligonRegistrat, on_poligon_registrat),
        Route(EnsGestorRegistrat, on_ens_gestor_registrat),
        Route(EmpresaRegistrada, on_empresa_registrada(renderer, staff_email)),
    ]
