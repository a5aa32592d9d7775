"""CNAE-2025 (Real Decreto 10/2025) at class level, and its correspondence with CNAE-2009.

CNAE-2025's classes are NACE Rev. 2.1's (Spain details them in a fifth level, subclasses, which the
census does not use). They come from ISTAT's ATECO 2025 (the ``ateco`` package, CC BY 4.0), which is
NACE Rev. 2.1 down to the class, as ATECO 2022 is NACE Rev. 2. The correspondence is ISTAT's table
between the two, kept only where a class has exactly one counterpart each way: only then can one
classification be derived from the other. A NACE class Spain split into several CNAE-2009 classes
(domain.cnae.SPLIT_BY_SPAIN) has none.
"""

from __future__ import annotations

import re
from functools import cache

import ateco

from services.census.domain.cnae import CNAE_2009, SPLIT_BY_SPAIN, normalise_cnae
from shared.errors import FieldError

_CLASS = re.compile(r"\d\d\.\d\d")


def _dotted(code: str) -> str:
    return f"{code[:2]}.{code[2:]}"


def _digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


def normalise_cnae_2025(value: str) -> str | None:
    """'62.10' or '6210' → '6210' when it is a CNAE-2025 class, else None."""
    code = _digits(value)
    if len(code) != 4:
        return None
    node = ateco.lookup(_dotted(code), edition="2025")
    return code if node is not None and node.level == "class" else None


@cache
def _counterparts(code: str, from_edition: str, to_edition: str) -> tuple[str, ...]:
    targets = ateco.map_code(_dotted(code), from_edition, to_edition).targets
    return tuple(_digits(target) for target in targets if _CLASS.fullmatch(target))


@cache
def to_2009(code_2025: str) -> str | None:
    """The CNAE-2009 class of a CNAE-2025 class, when the correspondence is one-to-one."""
    targets = _counterparts(code_2025, "2025", "2022")
    if len(targets) != 1 or _counterparts(targets[0], "2022", "2025") != (code_2025,):
        return None
    return targets[0] if targets[0] in CNAE_2009 and targets[0] not in SPLIT_BY_SPAIN else None


@cache
def to_2025(code_2009: str) -> str | None:
    """The CNAE-2025 class of a CNAE-2009 class, when the correspondence is one-to-one."""
    if code_2009 not in CNAE_2009:
        return None
    targets = _counterparts(code_2009, "2022", "2025")
    if len(targets) != 1 or _counterparts(targets[0], "2025", "2022") != (code_2009,):
        return None
    return targets[0]


def activity(cnae: str | None, cnae_2025: str | None) -> tuple[str | None, str | None, list[FieldError]]:
    """A company's main activity in both classifications, from either or both as given: (CNAE-2009,
    CNAE-2025, what is wrong). One derives the other where the correspondence is one-to-one; both
    given must agree where it is."""
    code = normalise_cnae(cnae) if cnae else None
    code_2025 = normalise_cnae_2025(cnae_2025) if cnae_2025 else None
    errors = []
    if cnae and code is None:
        errors.append(FieldError(camp="cnae", motiu="no és una classe CNAE-2009 (4 xifres, p. ex. 2511)"))
    if cnae_2025 and code_2025 is None:
        errors.append(FieldError(camp="cnae_2025", motiu="no és una classe CNAE-2025 (4 xifres, p. ex. 2511)"))
    if errors:
        return None, None, errors
    if code is None and code_2025 is None:
        return None, None, [FieldError(camp="cnae", motiu="cal la classe CNAE-2009 o la CNAE-2025 de l'activitat")]
    if code is None:
        assert code_2025 is not None
        code = to_2009(code_2025)
        if code is None:
            return None, None, [FieldError(camp="cnae", motiu=f"la classe CNAE-2025 {code_2025} correspon a més "
                                                              "d'una classe CNAE-2009: indiqueu-la també")]
        return code, code_2025, []
    derived = to_2025(code)
    if code_2025 is not None and derived is not None and derived != code_2025:
        return None, None, [FieldError(camp="cnae_2025", motiu=f"no correspon a la classe CNAE-2009 {code}, que "
                                                               f"a la CNAE-2025 és la {derived}")]
    return code, code_2025 or derived, []
