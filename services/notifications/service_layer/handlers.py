"""What the notifications service does with each census event it consumes.

- an estate or a management body: remembered, to know who looks after which estate;
- a company registered or its record changed: its estate's management body hears of it (staff
  if it has none);
- a company left: its estate's management body hears of it, and staff, as premises that may
  have become free.
"""

from __future__ import annotations

from services.notifications.domain.model import ens_gestors_of_estate
from services.notifications.service_layer.notify import Notifier, partner_refusal, staff_recipients
from services.notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from shared.contracts import (
    CloudEvent,
    EmpresaActualitzada,
    EmpresaDonadaDeBaixa,
    EmpresaExternaRebutjada,
    EmpresaRegistrada,
    EmpresaTraslladada,
    EnsGestorActualitzat,
    EnsGestorRegistrat,
    PoligonActualitzat,
    PoligonRegistrat,
)
from shared.contracts.notifications_api import TipusNotificacio
from shared.messaging.consumer import PermanentError, Route


async def on_poligon_registrat(event: CloudEvent[PoligonRegistrat], uow: NotificationsUnitOfWork) -> None:
    await uow.directory.save_poligon(event.data.poligon_id, event.data.nom)


async def on_ens_gestor_registrat(event: CloudEvent[EnsGestorRegistrat] | CloudEvent[EnsGestorActualitzat],
                                  uow: NotificationsUnitOfWork) -> None:
    """A new body, or one that changed: what it is now replaces what was known."""
    data = event.data
    await uow.directory.save_ens_gestor(str(data.ens_gestor_id), data.nom, str(data.email).lower(),
                                        data.poligons)


async def known_estate(uow: NotificationsUnitOfWork, poligon_id: str) -> str:
    """The estate's name. Census publishes an estate before any company in it, on the same
    ordered consumer: an unknown estate is an inconsistency for staff to look at (and replay
    once the estate is known), not something to guess around."""
    nom = await uow.directory.poligon_nom(poligon_id)
    if nom is None:
        raise PermanentError(f"polígon desconegut per a notificacions: {poligon_id}")
    return nom


class CensusNotifier:
    def __init__(self, notifier: Notifier, staff_email: str, public_url: str) -> None:
        self._notifier = notifier
        self._staff_email = staff_email
        self._vacancies = f"{public_url.rstrip('/')}/api/v1/vacants-possibles?estat=per_verificar"

    def routes(self) -> list[Route[NotificationsUnitOfWork]]:
        return [
            Route(PoligonRegistrat, on_poligon_registrat),
            Route(PoligonActualitzat, on_poligon_registrat),
            Route(EnsGestorRegistrat, on_ens_gestor_registrat),
            Route(EnsGestorActualitzat, on_ens_gestor_registrat),
            Route(EmpresaRegistrada, self.on_empresa_registrada),
            Route(EmpresaActualitzada, self.on_empresa_actualitzada),
            Route(EmpresaDonadaDeBaixa, self.on_empresa_donada_de_baixa),
            Route(EmpresaTraslladada, self.on_empresa_traslladada),
            Route(EmpresaExternaRebutjada, partner_refusal(self._notifier, "empresa_externa_rebutjada")),
        ]

    async def on_empresa_registrada(self, event: CloudEvent[EmpresaRegistrada],
                                    uow: NotificationsUnitOfWork) -> None:
        await self._company_news(uow, "empresa_registrada", event)

    async def on_empresa_actualitzada(self, event: CloudEvent[EmpresaActualitzada],
                                    uow: NotificationsUnitOfWork) -> None:
        await self._company_news(uow, "empresa_modificada", event)

    async def _company_news(self, uow: NotificationsUnitOfWork, tipus: TipusNotificacio,
                            event: CloudEvent[EmpresaRegistrada] | CloudEvent[EmpresaActualitzada]) -> None:
        """To the estate's management bodies (staff when it has none); a bulk import's
        companies are told once, in its summary (``import_handlers``)."""
        empresa = event.data
        if empresa.importacio_id is not None:
            return
        poligon = await known_estate(uow, empresa.poligon_id)
        recipients = (ens_gestors_of_estate(await uow.directory.ens_gestors_of(empresa.poligon_id))
                      or await staff_recipients(uow, self._staff_email, "sense_ens_gestor"))
        await self._notifier.notify(uow, tipus, recipients, event, poligon_id=empresa.poligon_id, empresa=empresa,
                                    poligon=poligon)

    async def on_empresa_traslladada(self, event: CloudEvent[EmpresaTraslladada],
                                     uow: NotificationsUnitOfWork) -> None:
        """To the bodies of the estate it left and of the one it joined (staff for one without);
        a body of both hears it once."""
        trasllat = event.data
        names = {estate: await known_estate(uow, estate) for estate in (trasllat.poligon_origen,
                                                                        trasllat.poligon_desti)}
        for estate in names:
            recipients = (ens_gestors_of_estate(await uow.directory.ens_gestors_of(estate))
                          or await staff_recipients(uow, self._staff_email, "sense_ens_gestor"))
            await self._notifier.notify(uow, "empresa_traslladada", recipients, event, poligon_id=estate,
                                        poligon=names[estate], trasllat=trasllat,
                                        origen=names[trasllat.poligon_origen], desti=names[trasllat.poligon_desti])

    async def on_empresa_donada_de_baixa(self, event: CloudEvent[EmpresaDonadaDeBaixa],
                                         uow: NotificationsUnitOfWork) -> None:
        baixa = event.data
        poligon = await known_estate(uow, baixa.poligon_id)
        bodies = ens_gestors_of_estate(await uow.directory.ens_gestors_of(baixa.poligon_id))
        await self._notifier.notify(uow, "empresa_baixa", bodies, event, poligon_id=baixa.poligon_id,
                                    baixa=baixa, poligon=poligon)
        verifiers = await staff_recipients(uow, self._staff_email, "verificacio_vacants")
        await self._notifier.notify(uow, "vacant_possible", verifiers, event, poligon_id=baixa.poligon_id,
                                    baixa=baixa, poligon=poligon,
                                    enllac_vacants=f"{self._vacancies}&poligon={baixa.poligon_id}")
