"""What mailed one-click links do: the "still available?" reminder before an offer expires,
and acting on a link (confirm or withdraw an offer, confirm a demand filed without account,
answer a lead)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from services.location.adapters.links import Enllac, LinkSigner, UsedLink
from services.location.service_layer import demands, offers
from services.location.service_layer.matchmaking import match_demand
from services.location.service_layer.unit_of_work import LocationUnitOfWork
from shared.contracts.envelope import new_event
from shared.contracts.location import DemandaRegistrada, OfertaPerCaducar
from shared.contracts.location_api import ResultatEnllac
from shared.errors import NotFound

UowFactory = Callable[[], LocationUnitOfWork]
# The contact is asked this long before the offer would expire.
REMINDER_AHEAD = timedelta(days=14)


async def enviar_recordatoris(uow_factory: UowFactory, signer: LinkSigner, now: datetime,
                              batch: int = 200) -> int:
    """Ask the contact of each offer about to expire, once per confirmation."""
    async with uow_factory() as uow:
        due = await uow.ofertes.needing_reminder(now + REMINDER_AHEAD, batch)
        for oferta in due:
            versio = Enllac.versio_de(oferta.confirmada_el)
            await uow.add_events(new_event(OfertaPerCaducar(
                oferta_id=oferta.oferta_id, caduca_el=oferta.caduca_el,
                token_confirmar=signer.sign(Enllac("confirmar_oferta", oferta.oferta_id, versio)),
                token_retirar=signer.sign(Enllac("retirar_oferta", oferta.oferta_id, versio)))))
            oferta.recordatori_de = oferta.confirmada_el
            await uow.ofertes.save(oferta)
        await uow.commit()
    return len(due)


async def usar_enllac(token: str, signer: LinkSigner, uow_factory: UowFactory, vigencia: timedelta,
                      correlation_id: str | None) -> ResultatEnllac:
    enllac = signer.verify(token)
    now = datetime.now(UTC)
    async with uow_factory() as uow:
        if enllac.accio == "confirmar_demanda":
            missatge = await _confirm_demand(uow, enllac, now, correlation_id)
        elif enllac.accio in ("m_interessa", "descartada"):
            missatge = await _answer_lead(uow, enllac, now, correlation_id)
        else:
            missatge = await _act_on_offer(uow, enllac, now, vigencia, correlation_id)
        await uow.commit()
    return ResultatEnllac(accio=enllac.accio, id=enllac.id, missatge=missatge)


async def _act_on_offer(uow: LocationUnitOfWork, enllac: Enllac, now: datetime, vigencia: timedelta,
                        correlation_id: str | None) -> str:
    oferta = await uow.ofertes.get(enllac.id)
    if oferta is None:
        raise NotFound("Aquesta oferta ja no existeix.")
    enllac.check_versio(oferta.confirmada_el)
    if enllac.accio == "retirar_oferta":
        await offers.withdraw(uow, oferta, "retirada", correlation_id)
        return "Gràcies: l'oferta s'ha retirat del mercat."
    await offers.confirm(uow, oferta, now, vigencia, correlation_id)
    return f"Gràcies: l'oferta continua disponible fins al {oferta.caduca_el:%d/%m/%Y}."


async def _answer_lead(uow: LocationUnitOfWork, enllac: Enllac, now: datetime,
                       correlation_id: str | None) -> str:
    lead = await uow.coincidencies.get(enllac.id)
    if lead is None:
        raise NotFound("Aquesta coincidència ja no existeix.")
    enllac.check_versio(lead.creada_el)
    answer = "m_interessa" if enllac.accio == "m_interessa" else "descartada"
    await demands.answer(uow, lead, answer, now, correlation_id)
    if answer == "m_interessa":
        return "Gràcies: hem passat les vostres dades al contacte de l'oferta, que us escriurà."
    return "Gràcies: no us tornarem a parlar d'aquesta oferta."


async def _confirm_demand(uow: LocationUnitOfWork, enllac: Enllac, now: datetime,
                          correlation_id: str | None) -> str:
    demanda = await uow.demandes.get(enllac.id)
    if demanda is None:
        raise NotFound("Aquesta demanda ja no existeix.")
    enllac.check_versio(demanda.registrada_el)
    if demanda.estat != "pendent":
        raise UsedLink("Aquesta demanda ja estava confirmada.")
    demanda.confirma()
    await uow.demandes.save(demanda)
    await uow.add_events(new_event(DemandaRegistrada(demanda=demanda.contract()), correlation_id=correlation_id))
    await match_demand(demanda, uow, now, correlation_id)
    return "Gràcies: la vostra demanda és activa. Us avisarem de les ofertes que hi encaixin."
