"""Recipients choose what they receive; one click unsubscribes them from a kind, or from all."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from services.notifications.adapters.unsubscribe import UnsubscribeSigner
from services.notifications.domain.preferences import defaults_for, without
from services.notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from shared.contracts.notifications_api import (
    BaixaFeta,
    DesarPreferencies,
    DonarDeBaixa,
    ObtenirPreferencies,
    Preferencies,
    PreferenciesView,
    RegistrarDestinatari,
    RolDestinatari,
)
from shared.errors import FieldError, Invalid


async def obtenir_preferencies(query: ObtenirPreferencies,
                               uow_factory: Callable[..., NotificationsUnitOfWork]) -> PreferenciesView:
    async with uow_factory(readonly=True) as uow:
        stored = await uow.preferencies.get(str(query.destinatari).lower())
    return _view(str(query.destinatari), query.rol, stored)


async def desar_preferencies(command: DesarPreferencies,
                             uow_factory: Callable[..., NotificationsUnitOfWork]) -> PreferenciesView:
    chosen = command.preferencies()
    address = str(command.destinatari).lower()
    async with uow_factory() as uow:
        errors = []
        if chosen.poligons:
            unknown = [p for p in chosen.poligons if await uow.directory.poligon_nom(p) is None]
            if unknown:
                errors.append(FieldError(camp="poligons",
                                         motiu=f"polígons desconeguts al districte: {', '.join(unknown)}"))
        if "webhook" in chosen.canals and not await uow.webhooks.active_for(address):
            errors.append(FieldError(camp="canals", motiu="per rebre avisos per webhook, registreu-ne primer un"))
        if errors:
            raise Invalid(errors)
        await uow.preferencies.save(address, command.rol, chosen, datetime.now(UTC))
        await uow.commit()
    return _view(str(command.destinatari), command.rol, chosen)


async def registrar_destinatari(command: RegistrarDestinatari,
                               uow_factory: Callable[..., NotificationsUnitOfWork]) -> PreferenciesView:
    """Known by name from now on (staff users join the staff's recipients); their preferences stay."""
    address = str(command.destinatari).lower()
    async with uow_factory() as uow:
        await uow.destinataris.register(address, command.nom, command.rol, datetime.now(UTC))
        stored = await uow.preferencies.get(address)
        await uow.commit()
    return _view(address, command.rol, stored)


async def donar_de_baixa(command: DonarDeBaixa, signer: UnsubscribeSigner,
                         uow_factory: Callable[..., NotificationsUnitOfWork]) -> BaixaFeta:
    baixa = signer.verify(command.token)
    tipus = None if command.tot else baixa.tipus
    async with uow_factory() as uow:
        chosen = await uow.preferencies.get(baixa.destinatari) or defaults_for(baixa.rol)
        await uow.preferencies.save(baixa.destinatari, baixa.rol, without(chosen, tipus), datetime.now(UTC))
        await uow.commit()
    missatge = ("No rebreu cap més avís del Districte industrial de Terrassa." if tipus is None else
                "No rebreu més avisos d'aquest tipus. Podeu canviar què rebeu a les preferències del portal.")
    return BaixaFeta(destinatari=baixa.destinatari, tipus=tipus, missatge=missatge)


def _view(destinatari: str, rol: RolDestinatari, stored: Preferencies | None) -> PreferenciesView:
    chosen = stored or defaults_for(rol)
    return PreferenciesView(destinatari=destinatari.lower(), rol=rol, desades=stored is not None,
                            **chosen.model_dump())
