"""Census rules: NIF/CIF, CNAE-2009, estates, and what a new company must have."""

from __future__ import annotations

from datetime import date

import pytest

from services.census.domain.cnae import CNAE_2009, SPANISH_CLASSES, SPLIT_BY_SPAIN, normalise_cnae
from services.census.domain.model import Empresa
from services.census.service_layer.seed import terrassa_poligons
from shared.errors import Conflict, Invalid
from shared.identifiers import parse_nif


def test_cnae_2009_has_its_629_classes() -> None:
    assert len(CNAE_2009) == 629
    assert not SPLIT_BY_SPAIN & CNAE_2009.keys()
    assert set(SPANISH_CLASSES) <= CNAE_2009.keys()


@pytest.mark.parametrize(("raw", "code"), [("25.11", "2511"), ("2511", "2511"), (" 10.21 ", "1021"),
                                           ("10.20", None), ("9999", None), ("25", None)])
def test_cnae_codes_are_normalised_or_refused(raw: str, code: str | None) -> None:
    assert normalise_cnae(raw) == code


def test_a_cif_is_a_legal_entity_and_a_dni_or_nie_a_natural_person() -> None:
    assert parse_nif("b-64717838").value == "B64717838"
    assert parse_nif("B64717838").persona_fisica is False
    assert parse_nif("12345678Z").persona_fisica is True
    assert parse_nif("X1234567L").persona_fisica is True


@pytest.mark.parametrize(("raw", "reason"), [("B64717839", "control"), ("B647", "9 caràcters"),
                                             ("ZZZZZZZZZ", "format")])
def test_a_bad_nif_says_why_in_catalan(raw: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_nif(raw)


def test_a_new_company_reports_every_bad_field_at_once() -> None:
    with pytest.raises(Invalid) as refused:
        Empresa.nova(nif="B1", rao_social="x", nom_comercial=None, cnae="0000", poligon_id="cap",
                     adreca=None, email=None, telefon=None, treballadors=None,
                     known_poligons={"els-bellots"})
    assert [e.camp for e in refused.value.errors] == ["nif", "cnae", "poligon_id"]


def test_a_new_company_is_normalised() -> None:
    empresa = Empresa.nova(nif="b64717838", rao_social="  Metalls SL ", nom_comercial="  ",
                           cnae="25.11", poligon_id="els-bellots", adreca=None,
                           email="INFO@Metalls.example", telefon=None, treballadors=4,
                           known_poligons={"els-bellots"})
    assert (empresa.nif, empresa.rao_social, empresa.nom_comercial, empresa.cnae, empresa.email) == (
        "B64717838", "Metalls SL", None, "2511", "info@metalls.example")
    assert empresa.registrada().poligon_id == "els-bellots"


def test_terrassa_has_19_estates_with_unique_slugs() -> None:
    poligons = terrassa_poligons()
    assert len(poligons) == 19
    assert len({p.poligon_id for p in poligons}) == 19
    bellots = next(p for p in poligons if p.poligon_id == "els-bellots")
    assert (bellots.nom, bellots.estat, bellots.superficie_m2) == ("Els Bellots", "operatiu", 188517)
    assert {p.estat for p in poligons} == {"operatiu", "planificat"}


def _company(nif: str = "B64717838") -> Empresa:
    return Empresa.nova(nif=nif, rao_social="Metalls SL", nom_comercial="Metalls", cnae="2511",
                        poligon_id="els-bellots", adreca="Carrer de la Forja, 3", email=None, telefon=None,
                        treballadors=4, known_poligons={"els-bellots"})


def test_a_departure_is_announced_once_and_says_where_to_only_when_it_moved_away() -> None:
    left = _company().dona_de_baixa("trasllat_fora", "Sabadell", date(2026, 11, 2))
    event = left.donada_de_baixa()
    assert (left.estat, event.motiu, event.municipi_desti, event.nom, event.adreca) == (
        "baixa", "trasllat_fora", "Sabadell", "Metalls", "Carrer de la Forja, 3")
    with pytest.raises(Conflict, match="02/11/2026"):
        left.dona_de_baixa("tancament", None, date(2026, 11, 3))
    for motiu, town in (("trasllat_fora", None), ("tancament", "Sabadell")):
        with pytest.raises(Invalid) as refused:
            _company().dona_de_baixa(motiu, town, date(2026, 11, 2))
        assert [e.camp for e in refused.value.errors] == ["municipi_desti"]


def test_a_sole_traders_departure_does_not_carry_their_name() -> None:
    left = _company(nif="12345678Z").dona_de_baixa("tancament", None, date(2026, 11, 2))
    assert left.donada_de_baixa().nom is None


def test_a_change_says_what_changed_field_by_field_and_nothing_when_nothing_did() -> None:
    changed, canvis = _company().modifica({"cnae": "25.50", "telefon": " +34 937 000 000 ", "adreca": "  ",
                                           "nom_comercial": "Metalls", "email": "INFO@Metalls.example"})
    assert (changed.cnae, changed.telefon, changed.adreca, changed.email) == (
        "2550", "+34 937 000 000", None, "info@metalls.example")
    assert sorted((c.camp, c.abans, c.despres) for c in canvis) == [
        ("adreca", "Carrer de la Forja, 3", None), ("cnae", "2511", "2550"), ("cnae_2025", "2511", "2540"),
        ("email", None, "info@metalls.example"), ("telefon", None, "+34 937 000 000")]  # CNAE-2025 follows
    event = changed.actualitzada(canvis)
    assert (event.poligon_id, event.rao_social, len(event.canvis)) == ("els-bellots", "Metalls SL", 5)
    assert _company().modifica({"rao_social": " Metalls SL ", "treballadors": 4})[1] == []


@pytest.mark.parametrize(("changes", "field"), [({"cnae": "9999"}, "cnae"), ({"rao_social": "  "}, "rao_social"),
                                                ({"rao_social": None}, "rao_social")])
def test_a_bad_change_is_refused_with_its_field(changes: dict, field: str) -> None:
    with pytest.raises(Invalid) as refused:
        _company().modifica(changes)
    assert [e.camp for e in refused.value.errors] == [field]


def test_a_company_that_left_cannot_be_changed() -> None:
    left = _company().dona_de_baixa("tancament", None, date(2026, 11, 2))
    with pytest.raises(Conflict, match="02/11/2026"):
        left.modifica({"cnae": "2550"})
