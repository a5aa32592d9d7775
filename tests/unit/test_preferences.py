"""Who receives what by default, how a recipient's choice narrows it, who staff are."""

from __future__ import annotations

import pytest

from services.notifications.domain.model import STAFF_NAME, staff_team
from services.notifications.domain.preferences import channels_for, defaults_for, without
from shared.contracts.notifications_api import TIPUS_NOTIFICACIO


@pytest.mark.parametrize(("rol", "kinds", "canals"), [
    ("ens_gestor", {"empresa_registrada", "empresa_modificada", "empresa_baixa", "empresa_traslladada",
                    "importacio_empreses", "nau_disponible"},
     ["email", "app"]),
    ("personal_tecnic", {"empresa_registrada", "empresa_traslladada", "importacio_empreses", "vacant_possible", "nau_disponible",
                         "demanda_sense_coincidencies", "missatges_morts"}, ["email", "app"]),
    ("empresa", {"coincidencia_trobada", "resum_coincidencies", "oferta_retirada", "demanda_per_confirmar",
                 "revisio_empresa"},
     ["email"]),
    ("contacte", {"oferta_per_caducar", "interes_expressat", "oferta_externa_rebutjada",
                  "empresa_externa_rebutjada", "consulta_oferta"}, ["email"]),
])
def test_each_role_has_sensible_defaults(rol, kinds, canals) -> None:  # type: ignore[no-untyped-def]
    defaults = defaults_for(rol)
    assert set(defaults.tipus) == kinds and defaults.canals == canals
    assert (defaults.frequencia, defaults.hora_resum, defaults.idioma) == ("immediata", 8, "ca")
    assert set(defaults.tipus) <= set(TIPUS_NOTIFICACIO)


def test_companies_receive_alerts_only_with_consent() -> None:
    defaults = defaults_for("empresa")
    assert channels_for(defaults, "empresa", "coincidencia_trobada", None, consentiment=False) == []
    assert channels_for(defaults, "empresa", "coincidencia_trobada", None, consentiment=True) == ["email"]
    consented = defaults.model_copy(update={"consentiment": True})
    assert channels_for(consented, "empresa", "oferta_retirada", None) == ["email"]
    # What answers the company's own action goes out without it.
    assert channels_for(defaults, "empresa", "demanda_per_confirmar", None) == ["email"]


def test_estates_narrow_only_what_is_about_an_estate() -> None:
    chosen = defaults_for("personal_tecnic").model_copy(update={"poligons": ["can-petit"]})
    assert channels_for(chosen, "personal_tecnic", "nau_disponible", "els-bellots") == []
    assert channels_for(chosen, "personal_tecnic", "nau_disponible", "can-petit") == ["email", "app"]
    assert channels_for(chosen, "personal_tecnic", "demanda_sense_coincidencies", None) == ["email", "app"]


def test_unsubscribing_drops_one_kind_or_all() -> None:
    defaults = defaults_for("ens_gestor")
    assert without(defaults, "nau_disponible").tipus == ["empresa_registrada", "empresa_modificada", "empresa_baixa",
                                                         "empresa_traslladada", "importacio_empreses"]
    assert without(defaults, None).tipus == []
    assert without(defaults, None).canals == defaults.canals


def test_staff_are_the_mailbox_and_each_member_with_an_account_once() -> None:
    team = staff_team("Promocio@terrassa.example", [("Marta Puig", "marta@terrassa.example"),
                                                    ("Bústia", "promocio@terrassa.example")], "verificacio_vacants")
    assert [(d.nom, d.email, d.rol, d.motiu) for d in team] == [
        (STAFF_NAME, "Promocio@terrassa.example", "personal_tecnic", "verificacio_vacants"),
        ("Marta Puig", "marta@terrassa.example", "personal_tecnic", "verificacio_vacants")]
