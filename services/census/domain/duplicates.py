"""Likely duplicates: two records in one estate, under different NIFs, that may be one company.
They are suggested to staff with a score and the evidence; never merged without someone deciding.

Names are compared without case, accents, punctuation or the legal form ("Metalls Bellots, S.L."
and "METALLS BELLOTS SL" are one name), with the words in any order and a typo or two allowed
(rapidfuzz), or as an acronym of the other ("MB" for "Metalls Bellots"). Shared contact data — the
same phone, e-mail, address or cadastral reference — is evidence too, and makes a looser name enough.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz, process

from services.census.domain.names import slug

CodiEvidencia = Literal["nom_semblant", "sigles", "mateix_telefon", "mateix_email", "mateixa_adreca",
                        "mateixa_referencia_cadastral"]
# The legal forms and what is left of them once punctuation goes ("S.L." → "s", "l").
LEGAL_FORMS = frozenset({"sl", "slu", "sa", "sau", "sll", "slp", "slne", "sc", "scp", "cb", "sccl", "scoop",
                         "coop", "sal", "srl", "cia", "s", "l", "a", "u", "p", "c", "b", "ne", "lab"})
SIMILAR_NAME = 93  # rapidfuzz score, 0–100, for a name alone to make a suggestion (a typo in a short name: ~92)
LOOSE_NAME = 60  # ... when contact data is shared too


@dataclass(frozen=True)
class Registre:
    """What is compared of a company's record."""

    empresa_id: str
    nom: str
    adreca: str | None = None
    telefon: str | None = None
    email: str | None = None
    referencia_cadastral: str | None = None


@dataclass(frozen=True)
class Evidencia:
    codi: CodiEvidencia
    detall: str


@dataclass(frozen=True)
class Semblanca:
    puntuacio: float  # 0–1
    evidencies: tuple[Evidencia, ...]


def name_key(name: str) -> str:
    """The name without its legal form, as words: "Metalls Bellots, S.L." → "metalls bellots"."""
    words = [word for word in slug(name).split("-") if word]
    while len(words) > 1 and words[-1] in LEGAL_FORMS:
        words.pop()
    return " ".join(words)


def compare(a: Registre, b: Registre) -> Semblanca | None:
    """How likely ``a`` and ``b`` are one company; None if nothing suggests it."""
    key_a, key_b = name_key(a.nom), name_key(b.nom)
    name = max(fuzz.token_sort_ratio(key_a, key_b), fuzz.ratio(key_a, key_b))
    if _numbers(key_a) and _numbers(key_b) and _numbers(key_a) != _numbers(key_b):
        name = 0  # "Metalls 2000" and "Metalls 2001" differ by what names them: only contacts may tie them
    evidence = []
    if _acronym(key_a, key_b) or _acronym(key_b, key_a):
        evidence.append(Evidencia("sigles", f"«{a.nom}» i «{b.nom}»"))
        name = max(name, SIMILAR_NAME)
    elif name >= LOOSE_NAME:
        evidence.append(Evidencia("nom_semblant", f"«{a.nom}» i «{b.nom}» ({round(name)} %)"))
    shared = _shared_contact(a, b)
    if not (name >= SIMILAR_NAME or (name >= LOOSE_NAME and shared) or len(shared) >= 2):
        return None
    # The name counts most; each piece of shared contact data adds to it.
    score = min(1.0, name / 100 * 0.8 + 0.1 * len(shared) + (0.1 if name >= SIMILAR_NAME else 0.0))
    return Semblanca(round(score, 2), tuple(evidence + shared))


def _acronym(short: str, long: str) -> bool:
    words = long.split()
    return " " not in short and 2 <= len(short) <= 6 and len(words) == len(short) and \
        "".join(word[0] for word in words) == short


def _shared_contact(a: Registre, b: Registre) -> list[Evidencia]:
    shared = []
    if a.telefon and b.telefon and _digits(a.telefon)[-9:] == _digits(b.telefon)[-9:] and len(_digits(a.telefon)) >= 9:
        shared.append(Evidencia("mateix_telefon", a.telefon))
    if a.email and b.email and a.email.lower() == b.email.lower():
        shared.append(Evidencia("mateix_email", a.email.lower()))
    if a.adreca and b.adreca and slug(a.adreca) == slug(b.adreca):
        shared.append(Evidencia("mateixa_adreca", a.adreca))
    if a.referencia_cadastral and a.referencia_cadastral == b.referencia_cadastral:
        shared.append(Evidencia("mateixa_referencia_cadastral", a.referencia_cadastral))
    return shared


def _numbers(key: str) -> list[str]:
    return re.findall(r"\d+", key)


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


class DuplicateIndex:
    """The records of one estate, indexed so that a new one is compared only with those that may
    be it: names within rapidfuzz's reach (on word-sorted keys, so order does not matter), the same
    acronym, or the same phone, e-mail or address."""

    def __init__(self) -> None:
        self._records: list[Registre] = []
        self._sorted_keys: list[str] = []
        self._exact: dict[str, list[int]] = {}
        self._positions: dict[str, int] = {}

    def add(self, record: Registre) -> None:
        position = len(self._records)
        self._positions[record.empresa_id] = position
        self._records.append(record)
        self._sorted_keys.append(_sorted_words(record))
        for key in _exact_keys(record, looking=False):
            self._exact.setdefault(key, []).append(position)

    def names(self, empresa_ids: Iterable[str]) -> dict[str, str]:
        return {empresa_id: self._records[self._positions[empresa_id]].nom for empresa_id in empresa_ids}

    def likely_duplicates(self, record: Registre, limit: int = 5) -> list[tuple[Registre, Semblanca]]:
        # A name alone must be similar; a looser one counts only with shared contact data, which the
        # exact keys find. (Comparing every loosely similar name would cost most of an import.)
        positions = {position for _, _, position in process.extract(
            _sorted_words(record), self._sorted_keys, scorer=fuzz.ratio, score_cutoff=SIMILAR_NAME, limit=limit)}
        for key in _exact_keys(record, looking=True):
            positions.update(self._exact.get(key, ()))
        found = []
        for position in sorted(positions):
            other = self._records[position]
            if other.empresa_id != record.empresa_id and (likely := compare(record, other)) is not None:
                found.append((other, likely))
        return sorted(found, key=lambda pair: -pair[1].puntuacio)[:limit]


def _sorted_words(record: Registre) -> str:
    return " ".join(sorted(name_key(record.nom).split()))


def _exact_keys(record: Registre, looking: bool) -> list[str]:
    """Keys two records that may be one share exactly: contact data, and an acronym with what it
    stands for — a short one-word name looks for the names with those initials and the other way
    round (two long names with the same initials are nothing alike)."""
    key = name_key(record.nom)
    words = key.split()
    if len(words) > 1:
        keys = [f"{'sigles' if looking else 'inicials'}:{''.join(word[0] for word in words)}"]
    else:
        keys = [f"{'inicials' if looking else 'sigles'}:{key}"] if 2 <= len(key) <= 6 else []
    if record.telefon and len(_digits(record.telefon)) >= 9:
        keys.append(f"tel:{_digits(record.telefon)[-9:]}")
    if record.email:
        keys.append(f"email:{record.email.lower()}")
    if record.adreca:
        keys.append(f"adreca:{slug(record.adreca)}")
    if record.referencia_cadastral:
        keys.append(f"cadastre:{record.referencia_cadastral}")
    return keys
