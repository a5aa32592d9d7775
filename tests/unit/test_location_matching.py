"""Matching rules: every hard filter, the score's order, the reasons given."""

from __future__ import annotations

import pytest

from services.location.domain.matching import avalua, millora_material
from tests.support.premises import demanda, oferta


def test_a_fitting_pair_is_a_lead_with_reasons_in_catalan() -> None:
    result = avalua(oferta(), demanda(alcada_min_m=8, acces_trailer=True))
    assert result is not None
    assert result.motius[0] == "superfície dins del rang (2.400 m²)"
    assert "lloguer 9.600 €/mes ≤ 10.000 €/mes" in result.motius
    assert "alçada lliure 10 m ≥ 8 m" in result.motius
    assert "accés per a tràiler" in result.motius
    assert 0 < result.puntuacio <= 1
    assert result.preu_referencia == 9600


@pytest.mark.parametrize(("offer", "request_"), [
    ({"tipus": "solar"}, {}),
    ({"operacio": "venda", "preu_eur": 900_000}, {}),
    ({"superficie_m2": 1999}, {}),
    ({"superficie_m2": 3001}, {}),
    ({"preu_eur": 10_001}, {}),
    ({}, {"poligons": ("els-bellots",)}),
    ({"alcada_lliure_m": 7.5}, {"alcada_min_m": 8}),
    ({"alcada_lliure_m": None}, {"alcada_min_m": 8}),
    ({"potencia_kw": 100}, {"potencia_min_kw": 150}),
    ({"molls_carrega": 1}, {"molls_min": 2}),
    ({"acces_trailer": False}, {"acces_trailer": True}),
    ({"acces_trailer": None}, {"acces_trailer": True}),
    ({"estat_conservacio": "a_reformar"}, {}),
    ({"estat_conservacio": "obsolet"}, {"accepta_estat": "a_reformar"}),
    ({"estat": "reservada"}, {}),
    ({"estat": "caducada"}, {}),
    ({}, {"estat": "tancada"}),
], ids=["type", "operation", "too-small", "too-big", "over-budget", "other-estate", "too-low",
        "height-unknown", "power", "docks", "no-trailer", "trailer-unknown", "condition",
        "obsolete", "reserved", "expired", "closed-demand"])
def test_each_hard_filter_rules_a_pair_out(offer: dict, request_: dict) -> None:
    # The base pair fits (first test); each case changes one thing.
    assert avalua(oferta(**offer), demanda(**request_)) is None


def test_obsolete_units_match_only_demands_that_accept_them() -> None:
    assert avalua(oferta(estat_conservacio="obsolet"), demanda()) is None
    assert avalua(oferta(estat_conservacio="obsolet"), demanda(accepta_estat="obsolet")) is not None


def test_rent_or_sale_offers_fit_either_way_within_its_own_budget() -> None:
    both = oferta(operacio="lloguer_o_venda", preu_eur=1_500_000, preu_lloguer_eur=9_000)
    assert avalua(both, demanda(operacio="lloguer")).preu_referencia == 9_000
    assert avalua(both, demanda(operacio="venda", preu_max_eur=1_400_000)) is None
    buyer = demanda(operacio="venda", preu_max_eur=1_600_000)
    assert avalua(both, buyer).preu_referencia == 1_500_000
    either = demanda(operacio="lloguer_o_venda", preu_max_eur=8_000, preu_max_venda_eur=1_600_000)
    result = avalua(both, either)
    assert result is not None and "venda 1.500.000 € ≤ 1.600.000 €" in result.motius


def test_closer_to_the_wanted_range_and_cheaper_scores_higher() -> None:
    wanted = demanda()
    middle = avalua(oferta(superficie_m2=2500), wanted).puntuacio
    edge = avalua(oferta(superficie_m2=2000), wanted).puntuacio
    cheaper = avalua(oferta(superficie_m2=2500, preu_eur=6000), wanted).puntuacio
    newer = avalua(oferta(superficie_m2=2500, estat_conservacio="nou"), wanted).puntuacio
    assert edge < middle < cheaper
    assert middle < newer


def test_a_price_drop_of_five_percent_is_material() -> None:
    assert millora_material(10_000, 9_500)
    assert not millora_material(10_000, 9_501)
    assert not millora_material(10_000, 10_500)
