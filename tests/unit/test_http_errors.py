"""Validation errors are explained in Catalan, per field."""

from __future__ import annotations

from shared.validation_messages import catalan_reason, field_name


def test_reasons_are_in_catalan_with_their_limits() -> None:
    assert catalan_reason({"type": "missing"}) == "camp obligatori"
    assert catalan_reason({"type": "string_too_long", "ctx": {"max_length": 200}}) == \
        "massa llarg (màxim 200 caràcters)"
    assert catalan_reason({"type": "string_too_short", "ctx": {"min_length": 1}}) == "no pot estar buit"
    assert catalan_reason({"type": "value_error", "msg": "value is not a valid email address"}) == \
        "adreça electrònica no vàlida"
    assert catalan_reason({"type": "something_new"}) == "valor no vàlid"


def test_field_names_drop_the_request_part() -> None:
    assert field_name(("body", "nif")) == "nif"
    assert field_name(("body", "centroide", "lat")) == "centroide.lat"
    assert field_name(("body",)) == "cos"
