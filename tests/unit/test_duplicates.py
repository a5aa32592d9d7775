"""Likely duplicates on a labelled sample of the name variants a census holds: legal forms written
differently, accents, typos, word order, acronyms, shared contact data — and near names that are
other companies. Precision and recall are computed on the sample, and must stay high."""

from __future__ import annotations

import pytest

from services.census.domain.duplicates import DuplicateIndex, Registre, compare, name_key

SAME = [
    ("Metalls Bellots, S.L.", "METALLS BELLOTS SL"),
    ("Gràfiques Egara SL", "Grafiques Egara S.L."),
    ("Transports Puig i Fills SL", "Transports Puig Fills SL"),
    ("Mecanitzats Vallès SA", "Mecanitzats Valles, S.A.U."),
    ("Plàstics Terrassa SL", "Plastics Terrasa SL"),
    ("Components Electrònics del Vallès SL", "Components Electronics Valles SL"),
    ("MB", "Metalls Bellots SL"),
    ("Tèxtil Rius SL", "Textil Rius SA"),
    ("Fusteria Colom SL", "Colom Fusteria SL"),
    ("Química Farell SA", "Quimica Farrell SA"),
    ("Logística Integral Terrassa SL", "Logistica Integral de Terrassa SL"),
    ("Recobriments Egara SCCL", "Recobriments Egara S.C.C.L."),
]
OTHERS = [
    ("Metalls Bellots SL", "Plàstics Bellots SL"),
    ("Transports Puig SL", "Transports Vidal SL"),
    ("Gràfiques Egara SL", "Gràfiques Terrassa SL"),
    ("Mecanitzats Vallès SL", "Motlles Vallès SL"),
    ("Components Egara SL", "Envasos Egara SL"),
    ("Química Farell SA", "Química Ferrer SA"),
    ("Serveis Industrials SL", "Serveis Informàtics SL"),
    ("ABC Components SL", "Components ABC Mecànica i Automatismes SL"),
    ("Tallers Martí SL", "Tallers Marín SL"),
    ("Egara Logística SL", "Vallès Logística SL"),
    ("Fusteria Colom SL", "Fusteria Colomer SL"),
    ("Plàstics del Vallès SL", "Plàstics Vallesans SA"),
    ("Metalls 2000 SL", "Metalls 2001 SL"),
    ("Empresa de prova 00123 SL", "Empresa de prova 00124 SL"),
]


def suggested(a: str, b: str, **contact: str) -> bool:
    return compare(Registre("a", a, **contact), Registre("b", b)) is not None if not contact else \
        compare(Registre("a", a, **contact), Registre("b", b, **contact)) is not None


def test_precision_and_recall_on_the_labelled_sample() -> None:
    found_same = [pair for pair in SAME if suggested(*pair)]
    found_others = [pair for pair in OTHERS if suggested(*pair)]
    precision = len(found_same) / (len(found_same) + len(found_others))
    recall = len(found_same) / len(SAME)
    assert precision >= 0.9, found_others
    assert recall >= 0.9, [pair for pair in SAME if pair not in found_same]


def test_the_legal_form_is_not_part_of_the_name() -> None:
    assert name_key("Metalls Bellots, S.L.U.") == name_key("metalls bellots sl") == "metalls bellots"
    assert name_key("SL") == "sl"  # a name that is only a legal form stays a name


def test_shared_contact_data_makes_a_looser_name_enough_and_is_shown_as_evidence() -> None:
    a = Registre("a", "Envasos Egara SL", telefon="+34 937 001 122", email="info@envasos.example")
    b = Registre("b", "Envasos i Embalatges Egara SL", telefon="937001122", email="INFO@envasos.example")
    likely = compare(a, b)
    assert likely is not None and likely.puntuacio > (compare(Registre("a", a.nom), Registre("b", b.nom)) or
                                                       type("none", (), {"puntuacio": 0})).puntuacio
    assert [e.codi for e in likely.evidencies] == ["nom_semblant", "mateix_telefon", "mateix_email"]
    assert compare(Registre("a", "Metalls SL", telefon="937001122"), Registre("b", "Plàstics SA")) is None


@pytest.mark.parametrize(("a", "b"), [("MB", "Metalls Bellots SL"), ("Metalls Bellots SL", "MB")])
def test_an_acronym_either_way(a: str, b: str) -> None:
    likely = compare(Registre("a", a), Registre("b", b))
    assert likely is not None and likely.evidencies[0].codi == "sigles"


def test_the_index_finds_a_likely_duplicate_among_many_and_only_compares_those_within_reach() -> None:
    index = DuplicateIndex()
    for n in range(2000):
        index.add(Registre(f"e{n}", f"Empresa número {n} SL", telefon=f"93{n:07d}"))
    index.add(Registre("mb", "Metalls Bellots SL"))
    index.add(Registre("fc", "Fusteria Colom SL", telefon="937 001 122"))

    [(found, likely)] = index.likely_duplicates(Registre("new", "METALLS BELLOTS, S.L."))
    assert found.empresa_id == "mb" and likely.puntuacio >= 0.9
    assert [r.empresa_id for r, _ in index.likely_duplicates(Registre("new", "MB"))] == ["mb"]
    assert [r.empresa_id for r, _ in index.likely_duplicates(
        Registre("new", "Colom Fusteries i Fills SA", telefon="+34 937001122"))] == ["fc"]
    assert index.likely_duplicates(Registre("new", "Química Ferrer SA")) == []
