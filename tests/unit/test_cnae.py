"""CNAE-2009: 629 classes, each under one of the 88 divisions and 21 sections named in Catalan."""

from __future__ import annotations

from services.census.domain.cnae import CNAE_2009, normalise_cnae
from services.census.domain.cnae_labels import DIVISIONS, SECTIONS, division_name, section_of


def test_every_class_has_a_named_division_and_section() -> None:
    assert len(CNAE_2009) == 629 and len(DIVISIONS) == 88 and len(SECTIONS) == 21
    assert {code[:2] for code in CNAE_2009} == set(DIVISIONS)
    assert {section_of(code) for code in CNAE_2009} == set(SECTIONS)


def test_each_division_belongs_to_exactly_one_section() -> None:
    for division in DIVISIONS:
        assert sum(low <= int(division) <= high for _, low, high in SECTIONS.values()) == 1, division


def test_a_class_reads_as_its_activity() -> None:
    code = normalise_cnae("25.11")
    assert code == "2511" and section_of(code) == "C"
    assert division_name(code) == "Fabricació de productes metàl·lics, excepte maquinària i equips"
    assert (section_of("4321"), section_of("5210"), section_of("0111")) == ("F", "H", "A")
