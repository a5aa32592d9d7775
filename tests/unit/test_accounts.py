"""Account rules: which passwords are refused and why, and what an invitation must say."""

from __future__ import annotations

import pytest

from services.portal.adapters.passwords import hash_password, verify_password
from services.portal.domain.accounts import password_problem
from services.portal.entrypoints.web.staff import invitation_errors


@pytest.mark.parametrize(("password", "problem"), [
    ("curta", "massa_curta"), ("x" * 257, "massa_llarga"), ("junta@bellots.example!!", "com_adreca"),
    ("aaaaaaaaaaaaaaaa", "massa_simple"), ("ababababababab", "massa_simple"),
    ("una frase llarga de muntanya", None), ("Tr3s-paraules-soles", None)])
def test_passwords_are_judged_by_length_not_by_composition(password: str, problem: str | None) -> None:
    assert password_problem(password, "junta@bellots.example") == problem


def test_a_password_is_stored_as_an_argon2id_hash_that_only_it_verifies() -> None:
    stored = hash_password("una frase llarga de muntanya")
    assert stored.startswith("$argon2id$")
    assert verify_password(stored, "una frase llarga de muntanya")
    assert not verify_password(stored, "una frase llarga de muntanyA")
    assert not verify_password(None, "una frase llarga de muntanya")  # no account: never verified
    assert not verify_password("no és un hash", "x")


def invitation(**typed: str) -> dict[str, str]:
    return {"nom": "Junta", "email": "junta@bellots.example", "rol": "ens_gestor", "idioma": "ca", "nif": ""} | typed


@pytest.mark.parametrize(("typed", "poligons", "errors"), [
    (invitation(), ("els-bellots",), {}),
    (invitation(), (), {"poligons": "cal_poligon"}),
    (invitation(nom="", email="no-es-adreca"), ("els-bellots",), {"nom": "obligatori", "email": "email_no_valid"}),
    (invitation(rol="administrador", idioma="fr"), (), {"rol": "opcio", "idioma": "opcio"}),
    (invitation(rol="empresa", nif="B64717839"), (), {"nif": "nif_no_valid"}),
    (invitation(rol="empresa", nif="B64717838"), (), {}),
    (invitation(), ("enlloc",), {"poligons": "opcio"}),
    (invitation(rol="personal_tecnic"), (), {})])
def test_an_invitation_names_each_missing_or_wrong_field(typed: dict[str, str], poligons: tuple[str, ...],
                                                         errors: dict[str, str]) -> None:
    assert invitation_errors(typed, poligons, {"els-bellots"}) == errors
