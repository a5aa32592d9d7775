"""A company's contact persons: professional contact data of a named person, kept no longer than
the person lets us (erasure leaves a tombstone with no personal data)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from shared.contracts.census import ContacteSuprimit
from shared.contracts.census_contacts import NouContacte, Tractament
from shared.errors import FieldError, Invalid

# Said to the person when they ask what we hold about them (GDPR art. 15.1).
TRACTAMENT = Tractament(
    responsable="Ajuntament de Terrassa (districte industrial)",
    finalitat="Mantenir el cens d'empreses dels polígons i poder contactar amb l'empresa per a qüestions "
              "del polígon, de l'oferta d'espais i dels serveis del districte industrial.",
    base_juridica="Missió d'interès públic en l'exercici de competències municipals de promoció econòmica "
                  "(art. 6.1.e RGPD; art. 8 LOPDGDD).",
    destinataris="Personal tècnic municipal i, per a les comunicacions del districte, el servei de "
                 "notificacions. No es publiquen ni es cedeixen a tercers.",
    conservacio="Mentre l'empresa consti al cens o fins que en demaneu la supressió.",
    origen="Facilitades per l'empresa o per vós mateix.",
    drets="Accés, rectificació, supressió, oposició i limitació: davant el personal tècnic del districte; "
          "reclamació davant l'Autoritat Catalana de Protecció de Dades.",
)


@dataclass(frozen=True)
class Contacte:
    contacte_id: uuid.UUID
    empresa_id: uuid.UUID
    nom: str | None
    carrec: str | None
    email: str | None
    telefon: str | None
    creat_el: datetime = field(default_factory=lambda: datetime.now(UTC))
    suprimit_el: datetime | None = None

    @classmethod
    def nou(cls, empresa_id: uuid.UUID, dades: NouContacte) -> Contacte:
        if dades.email is None and dades.telefon is None:
            raise Invalid([FieldError(camp="email", motiu="cal una adreça electrònica o un telèfon professional")])
        return cls(uuid.uuid4(), empresa_id, dades.nom, dades.carrec, str(dades.email).lower() if dades.email else None,
                   dades.telefon)

    def suprimeix(self, now: datetime) -> Contacte:
        """Every personal field gone; only that someone was here, and when they left, remains."""
        return replace(self, nom=None, carrec=None, email=None, telefon=None, suprimit_el=self.suprimit_el or now)

    def suprimit(self) -> ContacteSuprimit:
        assert self.suprimit_el is not None
        return ContacteSuprimit(contacte_id=self.contacte_id, empresa_id=self.empresa_id, suprimit_el=self.suprimit_el)
