"""Estates, management bodies and companies, and the rules for registering them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any, Literal

from services.census.domain import record_fields
from services.census.domain.cnae_2025 import activity
from shared.contracts.census import (
    CanviCamp,
    Coordenades,
    EmpresaActualitzada,
    EmpresaDonadaDeBaixa,
    EmpresaRegistrada,
    EmpresaTraslladada,
    EnsGestorActualitzat,
    EnsGestorRegistrat,
    MotiuBaixa,
    PoligonActualitzat,
    PoligonRegistrat,
)
from shared.contracts.census_api import FontDada, Tinenca
from shared.contracts.census_estates import FONT_INICIAL, CanvisPoligon, FitxaPoligon
from shared.errors import Conflict, FieldError, Invalid
from shared.identifiers import parse_nif


@dataclass(frozen=True)
class Poligon:
    poligon_id: str
    nom: str
    estat: Literal["operatiu", "planificat"]
    superficie_m2: int
    lat: float
    lon: float
    # The sheet's checked data: field → {"valor", "comprovat_el" (ISO date), "font"} (see CanvisPoligon).
    fitxa: dict[str, Any] = field(default_factory=dict)

    def registrat(self) -> PoligonRegistrat:
        return PoligonRegistrat(
            poligon_id=self.poligon_id, nom=self.nom, estat=self.estat,
            superficie_m2=self.superficie_m2, centroide=Coordenades(lat=self.lat, lon=self.lon),
        )

    def actualitzat(self) -> PoligonActualitzat:
        return PoligonActualitzat(**self.registrat().model_dump())

    def actualitza(self, canvis: CanvisPoligon, today: date, font: str) -> Poligon:
        """The estate with what staff checked: each field given takes its value, checked on the day given."""
        given = canvis.model_dump(exclude={"comprovat_el", "font"}, exclude_unset=True)
        if not given:
            raise Invalid([FieldError(camp="cos", motiu="no hi ha cap dada a actualitzar")])
        checked = canvis.comprovat_el or today
        if checked > today:
            raise Invalid([FieldError(camp="comprovat_el", motiu="no pot ser posterior a avui")])
        nom = given.pop("nom", self.nom)
        if not (nom or "").strip():
            raise Invalid([FieldError(camp="nom", motiu="el nom no pot quedar buit")])
        nulls = [name for name, value in given.items() if value is None]
        if nulls:
            raise Invalid([FieldError(camp=name, motiu="no es pot buidar: indiqueu-ne el valor comprovat")
                           for name in nulls])
        sheet = dict(self.fitxa) | {name: {"valor": value, "comprovat_el": checked.isoformat(),
                                           "font": canvis.font or font} for name, value in given.items()}
        return replace(self, nom=nom.strip(), estat=given.get("estat", self.estat),
                       superficie_m2=given.get("superficie_m2", self.superficie_m2), fitxa=sheet)

    def full_sheet(self) -> FitxaPoligon:
        """The sheet, with the source's state and surface where nobody has checked them since."""
        initial = {name: {"valor": getattr(self, name), "font": FONT_INICIAL} for name in ("estat", "superficie_m2")}
        return FitxaPoligon.model_validate(initial | self.fitxa)


@dataclass(frozen=True)
class EnsGestor:
    ens_gestor_id: uuid.UUID
    nom: str
    email: str
    poligons: tuple[str, ...]

    @classmethod
    def nou(cls, nom: str, email: str, poligons: list[str], known: set[str]) -> EnsGestor:
        unknown = [p for p in poligons if p not in known]
        if unknown:
            raise Invalid([FieldError(camp="poligons", motiu=f"polígon desconegut: {', '.join(unknown)}")])
        return cls(uuid.uuid4(), nom.strip(), email.lower(), tuple(dict.fromkeys(poligons)))

    def actualitza(self, changes: dict[str, Any], known: set[str]) -> EnsGestor:
        """The body with ``changes`` (only those given; none may be emptied)."""
        for name in ("nom", "email", "poligons"):
            if name in changes and not changes[name]:
                raise Invalid([FieldError(camp=name, motiu="no pot quedar buit")])
        poligons = changes.get("poligons", list(self.poligons))
        changed = EnsGestor.nou(changes.get("nom", self.nom), str(changes.get("email", self.email)), poligons, known)
        return replace(changed, ens_gestor_id=self.ens_gestor_id)

    def actualitzat(self) -> EnsGestorActualitzat:
        return EnsGestorActualitzat(ens_gestor_id=self.ens_gestor_id, nom=self.nom, email=self.email,
                                    poligons=list(self.poligons))

    def registrat(self) -> EnsGestorRegistrat:
        return EnsGestorRegistrat(ens_gestor_id=self.ens_gestor_id, nom=self.nom,
                                  email=self.email, poligons=list(self.poligons))


@dataclass(frozen=True)
class Empresa:
    empresa_id: uuid.UUID
    nif: str
    persona_fisica: bool
    rao_social: str
    nom_comercial: str | None
    cnae: str
    poligon_id: str
    adreca: str | None
    email: str | None
    telefon: str | None
    treballadors: int | None
    registrada_el: datetime = field(default_factory=lambda: datetime.now(UTC))  # when it was identified
    # "fusionada": staff found it a duplicate of another record and kept that one (undoable).
    estat: Literal["activa", "baixa", "fusionada"] = "activa"
    font: FontDada = "personal_tecnic"
    actualitzada_el: datetime | None = None
    confirmada_el: datetime | None = None
    data_baixa: date | None = None
    motiu_baixa: MotiuBaixa | None = None
    municipi_desti: str | None = None
    # The legal entity beyond its name and main activity; the establishment (see record_fields).
    cnae_2025: str | None = None
    cnae_secundaries: tuple[str, ...] = ()
    any_treballadors: int | None = None
    web: str | None = None
    codi_postal: str | None = None
    referencia_cadastral: str | None = None
    lat: float | None = None
    lon: float | None = None
    tinenca: Tinenca | None = None
    superficie_ocupada_m2: int | None = None
    seu_social: bool = False

    @classmethod
    def nova(cls, *, nif: str, rao_social: str, nom_comercial: str | None, cnae: str | None,
             poligon_id: str, adreca: str | None, email: str | None, telefon: str | None,
             treballadors: int | None, known_poligons: set[str], font: FontDada = "personal_tecnic",
             cnae_2025: str | None = None, **further: Any) -> Empresa:
        """Validate everything at once so the caller learns every bad field in one answer."""
        errors: list[FieldError] = []
        parsed_nif = None
        try:
            parsed_nif = parse_nif(nif)
        except ValueError as exc:
            errors.append(FieldError(camp="nif", motiu=f"NIF/CIF no vàlid: {exc}"))
        cnae_code, cnae_2025_code, activity_errors = activity(cnae, cnae_2025)
        errors += activity_errors
        if poligon_id not in known_poligons:
            errors.append(FieldError(camp="poligon_id", motiu=f"el polígon '{poligon_id}' no existeix"))
        extra: dict[str, Any] = {}
        try:
            extra = record_fields.clean({name: further[name] for name in record_fields.FIELDS if name in further},
                                        cnae_code or "", datetime.now(UTC).date())
            record_fields.check_coordinates(extra.get("lat"), extra.get("lon"))
        except Invalid as exc:
            errors += exc.errors
        if errors:
            raise Invalid(errors)
        assert parsed_nif is not None and cnae_code is not None
        return cls(
            empresa_id=uuid.uuid4(), nif=parsed_nif.value, persona_fisica=parsed_nif.persona_fisica,
            rao_social=rao_social.strip(), nom_comercial=_blank_to_none(nom_comercial),
            cnae=cnae_code, cnae_2025=cnae_2025_code, poligon_id=poligon_id, adreca=_blank_to_none(adreca),
            email=email.lower() if email else None, telefon=_blank_to_none(telefon),
            treballadors=treballadors, font=font, **extra,
        )

    def modifica(self, changes: dict[str, Any]) -> tuple[Empresa, list[CanviCamp]]:
        """The company with ``changes`` applied, and what actually changed (maybe nothing)."""
        self._not_merged()
        if self.estat == "baixa":
            raise Conflict(f"Aquesta empresa consta de baixa des del {_date_text(self.data_baixa)}; "
                           "no es pot modificar.")
        if "rao_social" in changes and not (changes["rao_social"] or "").strip():
            raise Invalid([FieldError(camp="rao_social", motiu="la raó social no pot quedar buida")])
        cleaned = dict(changes)
        if "cnae" in changes and not changes["cnae"]:
            raise Invalid([FieldError(camp="cnae", motiu="l'activitat no pot quedar buida")])
        if "cnae" in changes or "cnae_2025" in changes:
            # A new activity in one classification is the activity: the other follows it where it can.
            given_2025 = changes.get("cnae_2025") if "cnae_2025" in changes else None
            code, code_2025, errors = activity(changes.get("cnae") or (None if given_2025 else self.cnae), given_2025)
            if errors and "cnae" not in changes and given_2025:  # one not derivable: the CNAE-2009 one stays
                code, code_2025, errors = activity(self.cnae, given_2025)
            if errors:
                raise Invalid(errors)
            cleaned["cnae"], cleaned["cnae_2025"] = code, code_2025
        for name in ("nom_comercial", "adreca", "telefon"):
            if name in cleaned:
                cleaned[name] = _blank_to_none(cleaned[name])
        if "rao_social" in cleaned:
            cleaned["rao_social"] = cleaned["rao_social"].strip()
        if cleaned.get("email"):
            cleaned["email"] = str(cleaned["email"]).lower()
        cleaned.update(record_fields.clean({name: cleaned[name] for name in record_fields.FIELDS if name in cleaned},
                                           cleaned.get("cnae") or self.cnae, datetime.now(UTC).date()))
        record_fields.check_coordinates(cleaned.get("lat", self.lat), cleaned.get("lon", self.lon))
        canvis = [CanviCamp(camp=name, abans=getattr(self, name), despres=value)
                  for name, value in cleaned.items() if getattr(self, name) != value]
        return replace(self, **cleaned, actualitzada_el=datetime.now(UTC) if canvis else self.actualitzada_el), canvis

    def actualitzada(self, canvis: list[CanviCamp], importacio_id: uuid.UUID | None = None) -> EmpresaActualitzada:
        return EmpresaActualitzada(empresa_id=self.empresa_id, poligon_id=self.poligon_id,
                                   rao_social=self.rao_social, nom_comercial=self.nom_comercial, canvis=canvis,
                                   importacio_id=importacio_id)

    def registrada(self, importacio_id: uuid.UUID | None = None) -> EmpresaRegistrada:
        return EmpresaRegistrada(
            empresa_id=self.empresa_id, nif=self.nif, rao_social=self.rao_social,
            nom_comercial=self.nom_comercial, cnae=self.cnae, cnae_2025=self.cnae_2025, poligon_id=self.poligon_id,
            adreca=self.adreca, email=self.email, telefon=self.telefon,
            treballadors=self.treballadors, importacio_id=importacio_id,
        )

    @property
    def nom_public(self) -> str | None:
        """The name the district may show: none for a natural person (personal data)."""
        return None if self.persona_fisica else (self.nom_comercial or self.rao_social)

    def dona_de_baixa(self, motiu: MotiuBaixa, municipi_desti: str | None, data_baixa: date) -> Empresa:
        """The company as it stands once it has left its estate."""
        self._not_merged()
        if self.estat == "baixa":
            raise Conflict(f"Aquesta empresa ja consta de baixa des del {_date_text(self.data_baixa)}.")
        if (motiu == "trasllat_fora") != bool(municipi_desti):
            reason = ("cal indicar el municipi on es trasllada" if motiu == "trasllat_fora"
                      else "només s'indica quan el motiu és trasllat_fora")
            raise Invalid([FieldError(camp="municipi_desti", motiu=reason)])
        return replace(self, estat="baixa", motiu_baixa=motiu, municipi_desti=municipi_desti,
                       data_baixa=data_baixa)

    def trasllada(self, poligon_id: str, adreca: str | None, known_poligons: set[str]) -> Empresa:
        """The company in its new estate of the district."""
        self._not_merged()
        if self.estat == "baixa":
            raise Conflict(f"Aquesta empresa consta de baixa des del {_date_text(self.data_baixa)}; "
                           "no es pot traslladar.")
        if poligon_id not in known_poligons:
            raise Invalid([FieldError(camp="poligon_id", motiu=f"el polígon '{poligon_id}' no existeix")])
        if poligon_id == self.poligon_id:
            raise Invalid([FieldError(camp="poligon_id", motiu="l'empresa ja és en aquest polígon")])
        return replace(self, poligon_id=poligon_id, adreca=_blank_to_none(adreca), actualitzada_el=datetime.now(UTC))

    def traslladada(self, origen: Empresa, data_trasllat: date) -> EmpresaTraslladada:
        return EmpresaTraslladada(empresa_id=self.empresa_id, nom=self.nom_public, poligon_origen=origen.poligon_id,
                                  adreca_origen=origen.adreca, poligon_desti=self.poligon_id,
                                  adreca_desti=self.adreca, data_trasllat=data_trasllat)

    def _not_merged(self) -> None:
        if self.estat == "fusionada":
            raise Conflict("Aquest registre s'ha fusionat amb un altre com a duplicat; modifiqueu el que es va "
                           "conservar, o desfeu la fusió.")

    def donada_de_baixa(self) -> EmpresaDonadaDeBaixa:
        assert self.motiu_baixa is not None and self.data_baixa is not None
        return EmpresaDonadaDeBaixa(
            empresa_id=self.empresa_id, poligon_id=self.poligon_id, adreca=self.adreca,
            nom=self.nom_public,
            motiu=self.motiu_baixa, municipi_desti=self.municipi_desti, data_baixa=self.data_baixa)


def _date_text(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "—"


def _blank_to_none(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None
