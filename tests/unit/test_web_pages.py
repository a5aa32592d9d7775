"""The portal's pages: language choice, search forms read as typed, the words for every value."""

from __future__ import annotations

import typing

import pytest

from services.portal.entrypoints.web import search_form
from services.portal.entrypoints.web.estates import sectors
from services.portal.entrypoints.web.language import from_accept_language, safe_return_path
from services.portal.entrypoints.web.rendering import environment
from shared.contracts import census_estates, location
from shared.i18n import LANGUAGES


@pytest.mark.parametrize(("header", "expected"), [
    ("ca-ES,ca;q=0.9,es;q=0.8", "ca"), ("es-ES,es;q=0.9,en;q=0.8", "es"), ("en-GB", "en"),
    ("fr-FR,fr;q=0.9,en;q=0.5,es;q=0.7", "es"), ("de-DE", None), ("", None), ("es;q=abc,en", "en")])
def test_the_browsers_language_is_the_first_of_ours_by_quality(header: str, expected: str | None) -> None:
    assert from_accept_language(header) == expected


@pytest.mark.parametrize(("asked", "expected"), [
    ("/espais?tipus=nau", "/espais?tipus=nau"), ("//evil.example/x", "/"), ("https://evil.example", "/"),
    ("/\\evil.example", "/"), (None, "/"), ("", "/")])
def test_switching_language_only_returns_to_a_page_of_this_site(asked: str | None, expected: str) -> None:
    assert safe_return_path(asked) == expected


def test_a_search_form_keeps_what_was_typed_and_names_each_wrong_field() -> None:
    form = search_form.read({"superficie_min": "1.200", "superficie_max": "800", "alcada_min": "7,5",
                             "preu_max": "molt", "tipus": "castell", "poligon": "els-bellots"},
                            whole=("superficie_min", "superficie_max", "preu_max"), decimal=("alcada_min",),
                            choices={"tipus": ("nau", "solar"), "poligon": ("els-bellots",)},
                            ranges=(("superficie_min", "superficie_max"),))
    assert form.values == {"superficie_min": 1200, "alcada_min": 7.5, "poligon": "els-bellots"}
    assert form.errors == {"superficie_max": search_form.RANGE, "preu_max": search_form.WHOLE_NUMBER,
                           "tipus": search_form.CHOICE}
    assert form.typed["preu_max"] == "molt" and not form.valid


def test_an_empty_search_form_is_valid_and_searches_everything() -> None:
    form = search_form.read({}, whole=("preu_max",), choices={"tipus": ("nau",)})
    assert form.valid and form.values == {}


def test_negative_numbers_are_refused() -> None:
    assert search_form.read({"preu_max": "-5"}, whole=("preu_max",)).errors == {"preu_max": search_form.WHOLE_NUMBER}


# Each label set of the templates, and the values the services send for it.
LABELS = {"TIPUS": location.TipusImmoble, "OPERACIO": location.Operacio, "CONSERVACIO": location.EstatConservacio,
          "ESTAT_OFERTA": location.EstatOferta, "USOS": census_estates.UsPermes}


@pytest.mark.parametrize("idioma", LANGUAGES)
def test_every_value_the_services_send_has_words_in_each_language(idioma: str) -> None:
    labels = environment(idioma).get_template("_etiquetes.html").module
    for name, literal in LABELS.items():
        words = getattr(labels, name)
        assert set(words) == set(typing.get_args(literal)), name
        assert all(words.values()), name
    if idioma == "es":
        assert labels.TIPUS["nau"] == "Nave"


@pytest.mark.parametrize(("idioma", "expected"), [("ca", "9.600 €/mes"), ("es", "9.600 €/mes"), ("en", "9,600 €/month")])
def test_prices_are_written_per_language(idioma: str, expected: str) -> None:
    labels = environment(idioma).get_template("_etiquetes.html").module
    assert str(labels.preu({"operacio": "lloguer", "preu_eur": 9600})).strip() == expected


def test_sectors_are_ordered_by_companies_with_bars_relative_to_the_largest() -> None:
    sections = [{"lletra": "C", "nom": "Indústries manufactureres"}, {"lletra": "H", "nom": "Transport"}]
    assert sectors({"C": 8, "H": 2, "G": 0}, sections) == [
        {"lletra": "C", "nom": "Indústries manufactureres", "empreses": 8, "percentatge": 100.0},
        {"lletra": "H", "nom": "Transport", "empreses": 2, "percentatge": 25.0}]


def test_dates_read_as_the_services_send_them_in_json() -> None:
    from shared.i18n import day, moment
    assert day("2026-11-29") == "29/11/2026"
    assert day("2026-11-29T23:30:00+00:00") == "30/11/2026"  # already the next day in Terrassa
    assert moment("2026-07-01T10:00:00+00:00") == "01/07/2026 12:00"


def test_a_request_form_is_read_as_typed_with_each_wrong_field_named() -> None:
    from services.portal.entrypoints.web.demand_form import read_demand
    form = read_demand({"empresa_nom": "Plàstics Egara SL", "empresa_email": "direccio@egara.example",
                        "tipus_nau": "1", "operacio": "lloguer", "superficie_min_m2": "2.000",
                        "superficie_max_m2": "1.500", "molls_min": "0", "alcada_min_m": "7,5", "motiu": "ampliacio",
                        "poligon_els-bellots": "1", "poligon_nowhere": "1"}, ("els-bellots", "can-petit"))
    assert form.errors == {"superficie_max_m2": "interval", "consentiment": "consentiment"}
    fixed = read_demand({**{k: v for k, v in form.typed.items() if isinstance(v, str)}, "tipus_nau": "1",
                         "poligon_els-bellots": "1", "superficie_max_m2": "3.000", "consentiment": "1"},
                        ("els-bellots",))
    assert not fixed.errors
    assert fixed.request["superficie_min_m2"] == 2000 and fixed.request["alcada_min_m"] == 7.5
    assert fixed.request["molls_min"] == 0 and fixed.request["poligons"] == ["els-bellots"]
    assert "preu_max_venda_eur" not in fixed.request


def test_an_offer_form_refuses_zero_areas_but_not_zero_docks() -> None:
    from services.portal.entrypoints.web.offer_form import read_offer
    base = {"tipus": "nau", "operacio": "lloguer", "poligon_id": "colom-ii", "superficie_m2": "0",
            "estat_conservacio": "bo", "preu_eur": "9.600", "contacte_nom": "Finques", "contacte_email": "f@colom.example",
            "molls_carrega": "0", "contacte_telefon": "93 abc"}
    _, errors, body = read_offer(base, ("colom-ii",))
    assert errors == {"superficie_m2": "nombre_enter", "contacte_telefon": "telefon_no_valid"} and body == {}
    _, errors, body = read_offer(base | {"superficie_m2": "3.150", "contacte_telefon": ""}, ("colom-ii",))
    assert errors == {} and body["superficie_m2"] == 3150 and body["molls_carrega"] == 0
