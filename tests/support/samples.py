"""Events' payloads as the location service publishes them, for notification tests."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

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
