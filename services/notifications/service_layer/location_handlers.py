"""What the notifications service does with the location service's events.

- a new or returning offer: staff and the estate's management bodies hear of it;
- a lead: the company of the demand receives it;
- an offer withdrawn: companies with a lead on it are told it is gone;
- interest in a lead: the offer's contact receives the company's contact details (only then);
- an offer about to expire: its contact is asked "still available?" with one-click links;
- a request filed without an account: its company is asked to confirm it with a link;
- a partner's offer refused: the partner's contact is told why;
- a request that found nothing for weeks: staff are told (the lost-demand signal).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from services.notifications.domain.model import Destinatari, ens_gestors_of_estate
from services.notifications.service_layer.notify import Notifier, partner_refusal, staff_recipients
from services.notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from shared.contracts import (
    CloudEvent,
    CoincidenciaTrobada,
    DemandaPerConfirmar,
    DemandaRegistrada,
    DemandaSenseCoincidencies,
    DemandaTancada,
    InteresExpressat,
    NauDisponible,
    OfertaActualitzada,
    OfertaExternaRebutjada,
    OfertaPerCaducar,
    OfertaRetirada,
)
from shared.contracts.location import Demanda, Oferta
from shared.messaging.consumer import Route


class NotYetKnown(LookupError):
    """An event refers to an offer or demand whose own event has not been handled yet:
    retried with backoff (it comes from the same stream, so it is on its way)."""


class LocationNotifier:
    def __init__(self, notifier: Notifier, staff_email: str, public_url: str) -> None:
        self._notifier = notifier
        self._staff_email = staff_email
        self._links = f"{public_url.rstrip('/')}/enllac/"

    def routes(self) -> list[Route[NotificationsUnitOfWork]]:
        return [
            Route(NauDisponible, self.on_nau_disponible),
            Route(OfertaActualitzada, self.on_oferta_actualitzada),
            Route(OfertaRetirada, self.on_oferta_retirada),
            Route(DemandaRegistrada, self.on_demanda_registrada),
            Route(DemandaTancada, self.on_demanda_tancada),
            Route(CoincidenciaTrobada, self.on_coincidencia_trobada),
            Route(InteresExpressat, self.on_interes_expressat),
            Route(OfertaPerCaducar, self.on_oferta_per_caducar),
            Route(DemandaPerConfirmar, self.on_demanda_per_confirmar),
            Route(OfertaExternaRebutjada, partner_refusal(self._notifier, "oferta_externa_rebutjada")),
            Route(DemandaSenseCoincidencies, self.on_demanda_sense_coincidencies),
        ]

    async def on_nau_disponible(self, event: CloudEvent[NauDisponible], uow: NotificationsUnitOfWork) -> None:
        oferta = event.data.oferta
        await uow.location.save_oferta(oferta)
        poligon = await uow.directory.poligon_nom(oferta.poligon_id) or oferta.poligon_id
        recipients = ens_gestors_of_estate(await uow.directory.ens_gestors_of(oferta.poligon_id))
        recipients += await staff_recipients(uow, self._staff_email, "seguiment_ofertes")
        await self._notifier.notify(uow, "nau_disponible", recipients, event, poligon_id=oferta.poligon_id,
                                    oferta=oferta, poligon=poligon)

    async def on_oferta_actualitzada(self, event: CloudEvent[OfertaActualitzada],
                                     uow: NotificationsUnitOfWork) -> None:
        await uow.location.save_oferta(event.data.oferta)

    async def on_oferta_retirada(self, event: CloudEvent[OfertaRetirada], uow: NotificationsUnitOfWork) -> None:
        oferta = await self._oferta(uow, event.data.oferta_id)
        await uow.location.oferta_retirada(oferta.oferta_id, event.data.motiu)
        demandes = await uow.location.demandes_actives_amb_coincidencia(oferta.oferta_id)
        poligon = await uow.directory.poligon_nom(oferta.poligon_id) or oferta.poligon_id
        await self._notifier.notify(uow, "oferta_retirada", [company(d) for d in demandes], event,
                     oferta=oferta, poligon=poligon, motiu=event.data.motiu)

    async def on_demanda_registrada(self, event: CloudEvent[DemandaRegistrada],
                                    uow: NotificationsUnitOfWork) -> None:
        await uow.location.save_demanda(event.data.demanda)

    async def on_demanda_tancada(self, event: CloudEvent[DemandaTancada], uow: NotificationsUnitOfWork) -> None:
        await uow.location.demanda_tancada(event.data.demanda_id)

    async def on_coincidencia_trobada(self, event: CloudEvent[CoincidenciaTrobada],
                                      uow: NotificationsUnitOfWork) -> None:
        lead = event.data
        demanda, activa = await self._demanda(uow, lead.demanda_id)
        oferta = await self._oferta(uow, lead.oferta_id)
        await uow.location.add_coincidencia(lead.coincidencia_id, lead.demanda_id, lead.oferta_id)
        if not activa:
            return
        if demanda.frequencia_alertes != "immediata":
            await uow.location.hold_for_digest(lead, event.correlationid, datetime.now(UTC))
            return
        poligon = await uow.directory.poligon_nom(oferta.poligon_id) or oferta.poligon_id
        await self._notifier.notify(uow, "coincidencia_trobada", [company(demanda)], event,
                     oferta=oferta, poligon=poligon, coincidencia=lead, enllacos=self.answer_links(lead))

    def answer_links(self, lead: CoincidenciaTrobada) -> dict[str, str] | None:
        """The company's one-click answers to a lead, when location signed them."""
        if lead.token_m_interessa is None or lead.token_descartada is None:
            return None
        return {"m_interessa": self._links + lead.token_m_interessa,
                "descartada": self._links + lead.token_descartada}

    async def on_interes_expressat(self, event: CloudEvent[InteresExpressat],
                                   uow: NotificationsUnitOfWork) -> None:
        demanda, _ = await self._demanda(uow, event.data.demanda_id)
        oferta = await self._oferta(uow, event.data.oferta_id)
        contacte = offer_contact(oferta)
        poligon = await uow.directory.poligon_nom(oferta.poligon_id) or oferta.poligon_id
        await self._notifier.notify(uow, "interes_expressat", [contacte], event, oferta=oferta,
                     poligon=poligon, empresa=demanda.empresa)

    async def on_oferta_per_caducar(self, event: CloudEvent[OfertaPerCaducar],
                                    uow: NotificationsUnitOfWork) -> None:
        oferta = await self._oferta(uow, event.data.oferta_id)
        contacte = offer_contact(oferta)
        poligon = await uow.directory.poligon_nom(oferta.poligon_id) or oferta.poligon_id
        await self._notifier.notify(uow, "oferta_per_caducar", [contacte], event, oferta=oferta,
                     poligon=poligon, caduca_el=event.data.caduca_el,
                     enllac_confirmar=self._links + event.data.token_confirmar,
                     enllac_retirar=self._links + event.data.token_retirar)

    async def on_demanda_per_confirmar(self, event: CloudEvent[DemandaPerConfirmar],
                                       uow: NotificationsUnitOfWork) -> None:
        empresa = event.data.empresa
        destinatari = Destinatari(empresa.nom, str(empresa.email), "demanda_per_confirmar", "empresa",
                                  consentiment=True)
        await self._notifier.notify(uow, "demanda_per_confirmar", [destinatari], event,
                     enllac=self._links + event.data.token_confirmar)

    async def on_demanda_sense_coincidencies(self, event: CloudEvent[DemandaSenseCoincidencies],
                                             uow: NotificationsUnitOfWork) -> None:
        watchers = await staff_recipients(uow, self._staff_email, "seguiment_demanda")
        await self._notifier.notify(uow, "demanda_sense_coincidencies", watchers, event,
                     demanda=event.data.demanda, dies=event.data.dies)

    @staticmethod
    async def _oferta(uow: NotificationsUnitOfWork, oferta_id: uuid.UUID) -> Oferta:
        oferta = await uow.location.oferta(oferta_id)
        if oferta is None:
            raise NotYetKnown(f"oferta encara desconeguda: {oferta_id}")
        return oferta

    @staticmethod
    async def _demanda(uow: NotificationsUnitOfWork, demanda_id: uuid.UUID) -> tuple[Demanda, bool]:
        found = await uow.location.demanda(demanda_id)
        if found is None:
            raise NotYetKnown(f"demanda encara desconeguda: {demanda_id}")
        return found


def company(demanda: Demanda) -> Destinatari:
    # A request cannot be filed without consent to be sent the offers that fit it.
    return Destinatari(demanda.empresa.nom, str(demanda.empresa.email), "demanda", "empresa", consentiment=True)


def offer_contact(oferta: Oferta) -> Destinatari:
    return Destinatari(oferta.contacte.nom, str(oferta.contacte.email), "contacte_oferta", "contacte")
