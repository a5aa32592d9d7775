"""A company's record as legal entity and establishment: legal form from the CIF, postal code,
cadastral reference, coordinates in Terrassa, tenure, surface, head office, other activities, the
headcount's year, the website — validated at once, read from a census file as people type them."""

from __future__ import annotations

from typing import Any

import pytest

from services.census.domain.duplicates import Registre, compare
from services.census.domain.imports import EstateNames, map_columns
from services.census.domain.model import Empresa
from services.census.service_layer.import_lines import LineReader
from shared.errors import Invalid
from shared.identifiers import forma_juridica, parse_codi_postal, parse_nif

CADASTRE = "7837301VG8173B0001TT"
KNOWN = {"els-bellots"}


def empresa(**fields: Any) -> Empresa:
    base = {"nif": "B64717838", "rao_social": "Metalls Bellots SL", "nom_comercial": None, "cnae": "2511",
            "poligon_id": "els-bellots", "adreca": None, "email": None, "telefon": None, "treballadors": 12}
    return Empresa.nova(**base | fields, known_poligons=KNOWN)


@pytest.mark.parametrize(("nif", "form"), [("B64717838", "societat de responsabilitat limitada"),
                                           ("A08000143", "societat anònima"),
                                           ("12345678Z", "persona física (empresari individual)")])
def test_the_legal_form_is_what_the_cif_says(nif: str, form: str) -> None:
    assert forma_juridica(parse_nif(nif)) == form


@pytest.mark.parametrize(("raw", "reason"), [("8223", "5 xifres"), ("99223", "província"), ("0822A", "5 xifres")])
def test_a_postal_code_is_five_digits_of_a_province(raw: str, reason: str) -> None:
    assert parse_codi_postal("08223") == "08223"
    with pytest.raises(ValueError, match=reason):
        parse_codi_postal(raw)


def test_an_establishment_with_every_detail() -> None:
    record = empresa(codi_postal="08223", referencia_cadastral="7837301-VG8173B-0001 TT", lat=41.5605, lon=2.0336,
                     tinenca="lloguer", superficie_ocupada_m2=2400, seu_social=True, cnae_secundaries=["33.12", "2511"],
                     any_treballadors=2025, web="https://metallsbellots.example/")
    assert (record.codi_postal, record.referencia_cadastral, record.tinenca, record.seu_social) == (
        "08223", CADASTRE, "lloguer", True)
    assert record.cnae_secundaries == ("3312",)  # normalised; the main activity is not a secondary one
    assert record.web == "https://metallsbellots.example/"


def test_every_bad_detail_is_named_at_once() -> None:
    with pytest.raises(Invalid) as refused:
        empresa(codi_postal="8223", referencia_cadastral="7837301VG8173B0001TX", cnae_secundaries=["99.99"],
                any_treballadors=2999)
    assert {e.camp for e in refused.value.errors} == {"codi_postal", "referencia_cadastral", "cnae_secundaries",
                                                      "any_treballadors"}
    with pytest.raises(Invalid) as half:
        empresa(lat=41.56)
    assert half.value.errors[0].camp == "lon"
    with pytest.raises(Invalid) as far:
        empresa(lat=41.39, lon=2.17)  # Barcelona
    assert "Terrassa" in far.value.errors[0].motiu


def test_a_change_keeps_the_coordinates_whole_and_says_what_changed() -> None:
    record = empresa(lat=41.5605, lon=2.0336)
    moved, canvis = record.modifica({"lat": 41.5611, "seu_social": True, "cnae_secundaries": ["3312"]})
    assert {c.camp: c.despres for c in canvis} == {"lat": 41.5611, "seu_social": True, "cnae_secundaries": ["3312"]}
    assert moved.lon == 2.0336
    with pytest.raises(Invalid):
        record.modifica({"lon": None})
    with pytest.raises(Invalid):
        record.modifica({"seu_social": None})


def test_a_census_file_gives_the_details_as_people_type_them() -> None:
    headers = ["NIF", "Raó social", "CNAE", "Polígon", "CP", "Referència cadastral", "Latitud", "Longitud",
               "Règim de tinença", "Superfície", "Seu social", "Web", "Altres CNAE"]
    reader = LineReader(map_columns(headers, {}), EstateNames({"els-bellots": "Els Bellots"}), KNOWN)
    read = reader.read(2, ["B64717838", "Metalls Bellots SL", "2511", "Els Bellots", "08223", CADASTRE, "41,5605",
                           "2,0336", "Alquiler", "1.200", "Sí", "https://mb.example", "3312; 2562"])
    assert not hasattr(read, "resultat"), read
    record = read.empresa  # type: ignore[union-attr]
    assert (record.lat, record.lon, record.tinenca, record.superficie_ocupada_m2, record.seu_social) == (
        41.5605, 2.0336, "lloguer", 1200, True)
    assert record.cnae_secundaries == ("3312", "2562")
    bad = reader.read(3, ["B64717838", "Metalls Bellots SL", "2511", "Els Bellots", "", "", "nord", "", "cessió",
                          "", "potser", "", ""])
    assert {e.camp for e in bad.errors} == {"lat", "tinenca", "seu_social"}  # type: ignore[union-attr]


def test_the_same_cadastral_reference_is_evidence_of_one_company() -> None:
    a = Registre("a", "Metalls Bellots SL", referencia_cadastral=CADASTRE)
    b = Registre("b", "Bellots Metall i Forja SL", referencia_cadastral=CADASTRE)
    likely = compare(a, b)
    assert likely is not None and "mateixa_referencia_cadastral" in {e.codi for e in likely.evidencies}
    assert compare(a, Registre("c", "Bellots Metall i Forja SL")) is None
