"""Every notification template renders (subject, text, HTML) and says what it must."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest

from services.notifications.adapters.templates import TEMPLATES, Renderer
from services.notifications.domain.model import Destinatari
from shared.contracts import (
    EmpresaActualitzada,
    EmpresaDonadaDeBaixa,
    EmpresaRegistrada,
    EmpresaTraslladada,
    ImportacioCompletada,
)
from shared.contracts.census import CanviCamp, RevisioSollicitada
from shared.contracts.ingest import EmpresaExternaRebutjada, OfertaExternaRebutjada
from shared.contracts.notifications_api import EnviarConsulta, OfertaConsultada
from tests.support.samples import DEMANDA, LEAD, NOW, OFERTA

TO = Destinatari("Destinatària", "a@b.example", "contacte_oferta", "contacte")
BAIXA = EmpresaDonadaDeBaixa(empresa_id=uuid.uuid4(), poligon_id="els-bellots", adreca="C/ Argent 5",
                             nom="Metalls SL", motiu="trasllat_fora", municipi_desti="Sabadell",
                             data_baixa=date(2026, 11, 27))
ITEM = {"assumpte": "Nova empresa al polígon Els Bellots: Metalls SL", "cos_text": "Raó social: Metalls SL\n",
        "creada_el": NOW}
IMPORTACIO = ImportacioCompletada(importacio_id=uuid.uuid4(), nom_fitxer="cens-2026.csv", acceptades=25,
                                  rebutjades=2, poligons=[])

CASES = {
    "empresa_registrada": ({"poligon": "Els Bellots", "empresa": EmpresaRegistrada(
        empresa_id=uuid.uuid4(), nif="B64717838", rao_social="Metalls SL", cnae="2511", poligon_id="els-bellots")},
        "Nova empresa al polígon Els Bellots: Metalls SL", "Raó social: Metalls SL"),
    "nau_disponible": ({"oferta": OFERTA, "poligon": "Can Petit"},
                       "Nova nau disponible a Can Petit: 2.400 m², lloguer 9.000 €/mes o venda 1.500.000 €",
                       "Alçada lliure: 9,5 m"),
    "coincidencia_trobada": ({"oferta": OFERTA, "poligon": "Can Petit", "coincidencia": LEAD,
                              "enllacos": {"m_interessa": "https://x/enllac/M", "descartada": "https://x/enllac/D"}},
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
    "revisio_empresa": ({"revisio": RevisioSollicitada(
        empresa_id=uuid.uuid4(), rao_social="Tallers Egara SL", nom="Marta Puig", email="marta@egara.example",
        token="T0K", caduca_el=datetime(2026, 12, 29, 10, tzinfo=UTC)), "enllac": "https://x/autoservei/T0K"},
        "Reviseu la fitxa de Tallers Egara SL al cens del districte industrial",
        "L'enllaç funciona fins al 29/12/2026 i una sola vegada."),
    "empresa_externa_rebutjada": ({"rebuig": EmpresaExternaRebutjada(
        soci="llicencies", referencia="EXP-7", contacte="it@a.example", motius=["nif: NIF/CIF no vàlid"])},
        "Empresa no registrada: EXP-7", "- nif: NIF/CIF no vàlid"),
    "resum_coincidencies": ({"items": [{"coincidencia": LEAD, "oferta": OFERTA, "poligon": "Can Petit",
                                        "enllacos": None}] * 2,
                             "frequencia": "setmanal"},
                            "2 ofertes encaixen amb el que busqueu (resum setmanal)",
                            "2. Afinitat 83 %"),
    "empresa_modificada": ({"poligon": "Els Bellots", "empresa": EmpresaActualitzada(
        empresa_id=uuid.uuid4(), poligon_id="els-bellots", rao_social="Metalls SL", nom_comercial="Metabell",
        canvis=[CanviCamp(camp="cnae", abans="2511", despres="2550"),
                CanviCamp(camp="telefon", abans=None, despres="+34 937 000 000")])},
        "Dades actualitzades d'una empresa del polígon Els Bellots: Metabell",
        "Activitat (CNAE-2009): 2511 → 2550\n  Telèfon: — → +34 937 000 000"),
    "empresa_baixa": ({"poligon": "Els Bellots", "baixa": BAIXA},
                      "Una empresa ha deixat el polígon Els Bellots: Metalls SL",
                      "Motiu: trasllat fora de Terrassa (Sabadell)"),
    "importacio_empreses": ({"poligon": "Els Bellots, Can Petit", "importacio": IMPORTACIO, "poligons": [
        {"nom": "Els Bellots", "noves": 23, "actualitzades": 1, "mostra": ["Metalls SL", "Plàstics Egara SL"],
         "enllac": "https://x/empreses?poligon=els-bellots"},
        {"nom": "Can Petit", "noves": 1, "actualitzades": 0, "mostra": [], "enllac": "https://x/empreses"}]},
        "Importació del cens: 24 empreses noves a Els Bellots, Can Petit",
        "Entre les noves: Metalls SL, Plàstics Egara SL i 21 més"),
    "empresa_traslladada": ({"poligon": "Els Bellots", "origen": "Els Bellots", "desti": "Can Petit",
                             "trasllat": EmpresaTraslladada(
                                 empresa_id=uuid.uuid4(), nom="Metalls SL", poligon_origen="els-bellots",
                                 adreca_origen="C/ Argent 5", poligon_desti="can-petit", data_trasllat=date(2026, 11, 27))},
                            "Trasllat d'una empresa: Els Bellots → Can Petit: Metalls SL",
                            "Abans: Els Bellots, C/ Argent 5"),
    "vacant_possible": ({"poligon": "Els Bellots", "baixa": BAIXA, "enllac_vacants": "https://x/vacants"},
                        "Possible espai lliure al polígon Els Bellots: C/ Argent 5", "Data de la baixa: 27/11/2026"),
    "resum": ({"items": [ITEM, ITEM, ITEM], "frequencia": "diaria"},
              "Resum diari del Districte industrial: 3 avisos", "3. 29/11/2026"),
    "webhook_desactivat": ({"url": "https://bellots.example/avisos", "fallades": 10,
                            "error": "el receptor ha respost 500"},
                           "Hem desactivat un webhook vostre que no responia",
                           "Hem desactivat el webhook https://bellots.example/avisos: ha fallat 10 vegades seguides."),
    "missatges_morts": ({"serveis": {"census": 2, "location": 0}, "total": 2, "enllac": "https://x/dead-letters"},
                        "2 missatges morts esperen que els reviseu", "census: 2"),
    "demanda_sense_coincidencies": ({"demanda": DEMANDA, "dies": 30},
                                    "Demanda sense cap coincidència en 30 dies: nau de 2.000 m²–3.000 m² "
                                    "(Plàstics Egara SL)", "Pressupost: 10.000 €/mes"),
    "consulta_oferta": ({"poligon": "Can Petit", "consulta": EnviarConsulta(
        consulta_id=uuid.uuid4(), destinatari="agencia@valles.example", nom_destinatari="Agència Vallès",
        oferta=OfertaConsultada(oferta_id=uuid.uuid4(), tipus="nau", superficie_m2=2400, poligon="Can Petit"),
        nom="Marta Puig", email="marta@egara.example", telefon="937 000 111", missatge="Té accés per a tràilers?")},
        "Consulta des del portal: nau de 2.400 m² a Can Petit", "Té accés per a tràilers?"),
    "compte_invitacio": ({"enllac": "https://x/compte/invitacio/T", "caduca_el": datetime(2026, 12, 6, 10, tzinfo=UTC),
                          "convidat_per": "Anna Soler"},
                         "Us convidem al Portal de polígons i empreses del districte industrial de Terrassa",
                         "Anna Soler us ha obert un compte"),
    "compte_restabliment": ({"enllac": "https://x/compte/contrasenya/T", "caduca_el": datetime(2026, 12, 6, 10, tzinfo=UTC),
                             "convidat_per": None},
                            "Trieu una contrasenya nova per al Portal de polígons i empreses",
                            "L'enllaç funciona fins al 06/12/2026 11:00 i una sola vegada."),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_template_renders_its_subject_and_text(name: str) -> None:
    context, subject, phrase = CASES[name]
    rendered_subject, text, html = Renderer().render(name, destinatari=TO, enllac_baixa="https://x/baixa/T",
                                                     **context)
    assert rendered_subject == subject
    assert phrase in text
    assert "https://x/baixa/T" in text and 'href="https://x/baixa/T"' in html  # how to stop receiving it
    assert "Rebeu aquest" in text  # and why one receives it
    assert html.startswith("<!DOCTYPE html>") and "</html>" in html


def test_every_template_has_a_case() -> None:
    names = {path.name.split(".")[0] for path in TEMPLATES.glob("*.subject.j2")}
    assert names == set(CASES)


@pytest.mark.parametrize(("idioma", "lines"), [
    ("ca", ["Seu social: no → sí", "Altres activitats (CNAE-2009): — → 3312, 2562", "Latitud: 41.5605 → 41.5611"]),
    ("en", ["Head office: no → yes", "Other activities (NACE Rev. 2): — → 3312, 2562"])])
def test_a_changed_detail_reads_as_words_in_the_recipients_language(idioma: str, lines: list[str]) -> None:
    changed = EmpresaActualitzada(
        empresa_id=uuid.uuid4(), poligon_id="els-bellots", rao_social="Metalls SL", canvis=[
            CanviCamp(camp="seu_social", abans=False, despres=True),
            CanviCamp(camp="cnae_secundaries", abans=[], despres=["3312", "2562"]),
            CanviCamp(camp="lat", abans=41.5605, despres=41.5611)])
    _, text, html = Renderer().render("empresa_modificada", idioma, destinatari=TO, enllac_baixa="https://x/b",
                                      poligon="Els Bellots", empresa=changed)
    for line in lines:
        assert line in text and line in html
