"""CNAE-2025 classes accepted beside CNAE-2009 ones: each derived from the other where the
correspondence is one-to-one, never guessed where it is not."""

from __future__ import annotations

import pytest

from services.census.domain.cnae import SPANISH_CLASSES
from services.census.domain.cnae_2025 import activity, normalise_cnae_2025, to_2009, to_2025
from services.census.domain.imports import MappingError, map_columns
from services.census.domain.model import Empresa
from services.census.service_layer.queries import correspondencia_cnae
from shared.contracts.census_api import CorrespondenciaCnae
from shared.errors import Invalid


def test_cnae_2025_classes_are_nace_rev_2_1_classes() -> None:
    assert normalise_cnae_2025("62.10") == "6210"
    assert normalise_cnae_2025("6201") is None  # a CNAE-2009 class that CNAE-2025 renumbered
    assert normalise_cnae_2025("62.1") is None  # a group, not a class


def test_the_correspondence_is_kept_only_where_it_is_one_to_one() -> None:
    assert (to_2025("6201"), to_2009("6210")) == ("6210", "6201")  # programming: renumbered, one to one
    assert (to_2025("2511"), to_2009("2511")) == ("2511", "2511")
    assert to_2025("4711") is None and to_2009("4711") is None  # retail: split and merged in NACE Rev. 2.1
    assert all(to_2025(code) is None for code in SPANISH_CLASSES)  # Spain's own splits of a NACE class


def test_an_activity_given_either_way_or_both() -> None:
    assert activity(None, "62.10") == ("6201", "6210", [])
    assert activity("2511", None) == ("2511", "2511", [])
    assert activity("4711", None) == ("4711", None, [])  # no single CNAE-2025 class: left unknown
    for given, camp in (((None, "4711"), "cnae"), (("2511", "6210"), "cnae_2025"), ((None, None), "cnae"),
                        (("99", None), "cnae"), ((None, "9999"), "cnae_2025")):
        code, code_2025, errors = activity(*given)
        assert (code, code_2025, [e.camp for e in errors]) == (None, None, [camp]), given


def test_a_company_registered_or_changed_by_its_cnae_2025_class() -> None:
    empresa = Empresa.nova(nif="B64717838", rao_social="Codi Egara SL", nom_comercial=None, cnae=None,
                           cnae_2025="6210", poligon_id="els-bellots", adreca=None, email=None, telefon=None,
                           treballadors=None, known_poligons={"els-bellots"})
    assert (empresa.cnae, empresa.cnae_2025) == ("6201", "6210")
    retail, canvis = empresa.modifica({"cnae": "4711"})
    assert (retail.cnae, retail.cnae_2025) == ("4711", None) and {c.camp for c in canvis} == {"cnae", "cnae_2025"}
    stated, _ = retail.modifica({"cnae_2025": "4711"})  # not derivable: the CNAE-2009 class stays
    assert (stated.cnae, stated.cnae_2025) == ("4711", "4711")
    with pytest.raises(Invalid):
        empresa.modifica({"cnae": None})


def test_a_census_file_may_name_the_activity_in_either_classification() -> None:
    assert "cnae_2025" in map_columns(["NIF", "Raó social", "CNAE-2025", "Polígon"], {}).columns
    with pytest.raises(MappingError, match="cnae"):
        map_columns(["NIF", "Raó social", "Polígon"], {})


def test_the_correspondence_query() -> None:
    found = correspondencia_cnae(CorrespondenciaCnae(cnae_2025="62.10"))
    assert (found.cnae, found.cnae_2025) == ("6201", "6210") and found.nom
    with pytest.raises(Invalid):
        correspondencia_cnae(CorrespondenciaCnae())
