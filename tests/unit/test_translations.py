"""Mails and the portal's pages speak Catalan, Spanish and English: every word of the templates is
in each catalog, translated, with the same placeholders; and every template renders in every language."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from services.notifications.adapters.templates import LOCALES, TEMPLATES, Renderer
from services.portal.entrypoints.web import rendering as portal
from shared.contracts.location import Rao
from tests.support.samples import LEAD
from tests.unit.test_templates import CASES, TO

TRANSLATED = ("es", "en")
FOOTER = {"es": "Recibís este", "en": "You receive this"}


# Where each set of templates and its catalogs live, and the templates' file pattern.
CATALOGS = {"notifications": (TEMPLATES, LOCALES, "**.j2"), "portal": (portal.TEMPLATES, portal.LOCALES, "**.html")}


def template_messages(templates: Path, pattern: str) -> set[str | tuple[str, ...]]:
    found = extract_from_dir(str(templates), method_map=[(pattern, "jinja2")],
                             options_map={pattern: {"extensions": "jinja2.ext.i18n", "newstyle_gettext": "true"}})
    return {message for _, _, message, _, _ in found}


@pytest.mark.parametrize("idioma", TRANSLATED)
@pytest.mark.parametrize("where", sorted(CATALOGS))
def test_the_catalog_translates_every_message_of_the_templates_and_nothing_else(where: str, idioma: str) -> None:
    templates, locales, pattern = CATALOGS[where]
    with (locales / idioma / "LC_MESSAGES" / "messages.po").open("rb") as po:
        catalog = read_po(po, locale=idioma)
    entries = {message.id: message for message in catalog if message.id}

    assert set(entries) == template_messages(templates, pattern)  # `make catalogs` brings them in step
    for message in entries.values():
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings) and not message.fuzzy, message.id
    problems = [(message.id, errors) for message, errors in catalog.check()]
    assert problems == []  # placeholders and plural forms agree with the Catalan


@pytest.mark.parametrize("idioma", TRANSLATED)
@pytest.mark.parametrize("name", sorted(CASES))
def test_each_template_renders_translated(name: str, idioma: str) -> None:
    context = dict(CASES[name][0], destinatari=TO, enllac_baixa="https://x/baixa/T")
    renderer = Renderer()
    subject, text, html = renderer.render(name, idioma, **context)
    assert subject and text != renderer.render(name, "ca", **context)[1]
    assert FOOTER[idioma] in text and FOOTER[idioma] in html
    assert f'<html lang="{idioma}">' in html


def test_a_leads_reasons_are_worded_in_the_companys_language() -> None:
    reasons = [Rao(codi="superficie_rang", valors={"superficie": 2400}),
               Rao(codi="preu", valors={"operacio": "lloguer", "preu": 9600, "pressupost": 10000}),
               Rao(codi="alcada", valors={"valor": 10, "minim": 8}), Rao(codi="trailer"),
               Rao(codi="estat", valors={"estat": "a_reformar"})]
    lead = LEAD.model_copy(update={"raons": reasons})
    context = dict(CASES["coincidencia_trobada"][0], coincidencia=lead, destinatari=TO, enllac_baixa=None)
    renderer = Renderer()
    catalan, english = renderer.render("coincidencia_trobada", "ca", **context)[1], \
        renderer.render("coincidencia_trobada", "en", **context)[1]
    assert ("  - superfície dins del rang (2.400 m²)\n  - lloguer 9.600 €/mes ≤ 10.000 €/mes\n"
            "  - alçada lliure 10 m ≥ 8 m\n  - accés per a tràiler\n  - estat de conservació: a reformar") in catalan
    assert ("  - floor area within the range (2,400 m²)\n  - rent 9,600 €/month ≤ 10,000 €/month\n"
            "  - clear height 10 m ≥ 8 m\n  - trailer access\n  - condition: needs refurbishment") in english
