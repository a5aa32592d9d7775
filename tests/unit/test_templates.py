"""Every notification template renders (subject, text, HTML) and says what it must."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from services.notifications.adapters.templates import TEMPLATES, Renderer
from services.notifications.domain.model import Destinatari
from shared.contracts import EmpresaRegistrada
from shared.contracts.ingest import OfertaExternaRebutjada
from shared.contracts.location import CoincidenciaTrobada, Contacte, Demanda, EmpresaDemandant, Oferta

NOW = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)
OFERTA = Oferta(oferta_id=uuid.uuid4(), tipus="nau", operacio="lloguer_o_venda", poligon_id="can-petit",
                adreca="Carrer del Vapor, 3", superficie_m2=2400, superficie_parcella_m2=3100,
                alcada_lliure_m=9.5, estat_conservacio="a_reformar", preu_eur=1_500_000, preu_lloguer_eur=9000,
                contacte=Contacte(nom="Agència", email="agencia@valles.example"), confirmada_el=NOW,
                caduca_el=NOW + timedelta(days=90), estat="disponible")
DEMANDA = Demanda(demanda_id=uuid.uuid4(), empresa=EmpresaDemandant(nom="Plàstics Egara SL",
                  email="direccio@plastics-egara.example", telefon="+34 937 000 001"),
                  tipus=["nau"], operacio="lloguer", superficie_min_m2=2000, superficie_max_m2=3000,
                  preu_max_eur=10_000, motiu="ampliacio")
LEAD = CoincidenciaTrobada(coincidencia_id=uuid.uuid4(), demanda_id=DEMANDA.demanda_id,
                           oferta_id=OFERTA.oferta_id, puntuacio=0.83, motius=["superfície dins del rang (2.400 m²)"],
                           versio=2)
TO = Destinatari("Destinatària", "a@b.example", "és una prova")
CASES = {
    "empresa_registrada": ({"poligon": "Els Bellots", "empresa": EmpresaRegistrada(
        empresa_id=uuid.uuid4(), nif="B64717838", rao_social="Metalls SL", cnae="2511", poligon_id="els-bellots")},
        "Nova empresa al polígon Els Bellots: Metalls SL", "Raó social: Metalls SL"),
    "nau_disponible": ({"oferta": OFERTA, "poligon": "Can Petit"},
                       "Nova nau disponible a Can Petit: 2.400 m², lloguer 9.000 €/mes o venda 1.500.000 €",
                       "Alçada lliure: 9,5 m"),
    "coincidencia_trobada": ({"oferta": OFERTA, "poligon": "Can Petit", "coincidencia": LEAD},
                             "Ha millorat una oferta per a vosaltres: 2.400 m² a Can Petit", "afinitat 83 %"),
    "oferta_retirada": ({"oferta": OFERTA, "poligon": "Can Petit", "motiu": "venuda"},
                        "Ja no està disponible: 2.400 m² a Can Petit", "s'ha venut"),
    "interes_expressat": ({"oferta": OFERTA, "poligon": "Can Petit", "empresa": DEMANDA.empresa},
                          "Una empresa s'interessa per la vostra oferta a Can Petit: Plàstics Egara SL",
                          "Telèfon: +34 937 000 001"),
    "oferta_per_caducar": ({"oferta": OFERTA, "poligon": "Can Petit", "caduca_el": NOW,
                            "enllac_confirmar": "https://x/enllac/A", "enllac_retirar": "https://x/enllac/B"},
                           "Encara està disponible? 2.400 m² a Can Petit", "29/11/2026"),
    "demanda_per_confirmar": ({"enllac": "https://x/enllac/C"},
                              "Confirmeu la vostra demanda d'espai al districte industrial de Terrassa",
                              "https://x/enllac/C"),
    "oferta_externa_rebutjada": ({"rebuig": OfertaExternaRebutjada(
        soci="agencia-valles", referencia="REF-1", contacte="it@a.example", motius=["superficie_m2: massa petit"])},
        "Oferta no publicada: REF-1", "- superficie_m2: massa petit"),
    "demanda_sense_coincidencies": ({"demanda": DEMANDA, "dies": 30},
                                    "Demanda sense cap coincidència en 30 dies: nau de 2.000 m²–3.000 m² "
                                    "(Plàstics Egara SL)", "Pressupost: 10.000 €/mes"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_template_renders_its_subject_and_text(name: str) -> None:
    context, subject, phrase = CASES[name]
    rendered_subject, text, html = Renderer("ca").render(name, destinatari=TO, **context)
    assert rendered_subject == subject
    assert phrase in text
    assert "Rebeu aquest missatge perquè és una prova." in text
    assert html.startswith("<!DOCTYPE html>") and "</html>" in html


def test_every_template_has_a_case() -> None:
    names = {path.name.split(".")[0] for path in (TEMPLATES / "ca").glob("*.subject.j2")}
    assert names == set(CASES)
