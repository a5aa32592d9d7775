"""What each recipient receives, where and how often: their choice, or their role's default."""

from __future__ import annotations

from shared.contracts.notifications_api import Preferencies, RolDestinatari, TipusNotificacio

# About an estate: a recipient may narrow them to the estates they follow.
ESTATE_KINDS: frozenset[str] = frozenset({"empresa_registrada", "empresa_modificada", "empresa_baixa",
                                          "empresa_traslladada", "importacio_empreses", "nau_disponible",
                                          "vacant_possible"})

# Alerts a company receives only with its recorded consent. The rest answer something it did
# (confirm the request it filed) and go out anyway, unless it unsubscribed.
CONSENTED_KINDS: frozenset[str] = frozenset({"coincidencia_trobada", "resum_coincidencies",
                                             "oferta_retirada"})

_DEFAULT_KINDS: dict[str, tuple[TipusNotificacio, ...]] = {
    "ens_gestor": ("empresa_registrada", "empresa_modificada", "empresa_baixa", "empresa_traslladada",
                   "importacio_empreses", "nau_disponible"),
    "personal_tecnic": ("empresa_registrada", "empresa_traslladada", "importacio_empreses", "vacant_possible", "nau_disponible",
                        "demanda_sense_coincidencies", "missatges_morts"),
    "empresa": ("coincidencia_trobada", "resum_coincidencies", "oferta_retirada",
                "demanda_per_confirmar", "revisio_empresa"),
    "contacte": ("oferta_per_caducar", "interes_expressat", "oferta_externa_rebutjada", "empresa_externa_rebutjada",
                 "consulta_oferta"),
}


def defaults_for(rol: RolDestinatari) -> Preferencies:
    """Management bodies and staff follow their estates in the portal and by mail; companies and
    offer contacts, who rarely log in, by mail."""
    desk = rol in ("ens_gestor", "personal_tecnic")
    return Preferencies(tipus=list(_DEFAULT_KINDS[rol]), canals=["email", "app"] if desk else ["email"])


def channels_for(preferencies: Preferencies, rol: RolDestinatari, tipus: TipusNotificacio,
                 poligon_id: str | None, consentiment: bool = False) -> list[str]:
    """The channels a notification of ``tipus`` reaches this recipient on; none if they do not want it.

    ``consentiment`` is consent recorded where the recipient came from (a request filed with it);
    consent given in the preferences counts the same.
    """
    if tipus not in preferencies.tipus:
        return []
    if (tipus in ESTATE_KINDS and poligon_id is not None and preferencies.poligons is not None
            and poligon_id not in preferencies.poligons):
        return []
    if rol == "empresa" and tipus in CONSENTED_KINDS and not (consentiment or preferencies.consentiment):
        return []
    return list(preferencies.canals)


def without(preferencies: Preferencies, tipus: TipusNotificacio | None) -> Preferencies:
    """The preferences after unsubscribing from one kind, or from every kind (``None``)."""
    kept = [] if tipus is None else [t for t in preferencies.tipus if t != tipus]
    return preferencies.model_copy(update={"tipus": kept})
