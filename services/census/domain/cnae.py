"""CNAE-2009 classes: NACE Rev. 2 as python-stdnum ships it, with Spain's own splits.

Spain replaced 11 NACE classes with 25 finer ones; the result is the 629 classes of
CNAE-2009 (Real Decreto 475/2007).
"""

from __future__ import annotations

from stdnum import numdb

SPLIT_BY_SPAIN = frozenset(
    {"1020", "1041", "1051", "3511", "4120", "5911", "5913", "8542", "8730", "8810", "9101"}
)

SPANISH_CLASSES = {
    "1021": "Processament de peix, crustacis i mol·luscs",
    "1022": "Fabricació de conserves de peix",
    "1043": "Fabricació d'oli d'oliva",
    "1044": "Fabricació d'altres olis i greixos",
    "1053": "Fabricació de formatges",
    "1054": "Preparació de llet i altres productes lactis",
    "3515": "Producció d'energia hidroelèctrica",
    "3516": "Producció d'energia elèctrica d'origen tèrmic convencional",
    "3517": "Producció d'energia elèctrica d'origen nuclear",
    "3518": "Producció d'energia elèctrica d'origen eòlic",
    "3519": "Producció d'energia elèctrica d'altres tipus",
    "4121": "Construcció d'edificis residencials",
    "4122": "Construcció d'edificis no residencials",
    "5915": "Activitats de producció cinematogràfica i de vídeo",
    "5916": "Activitats de produccions de programes de televisió",
    "5917": "Activitats de distribució cinematogràfica i de vídeo",
    "5918": "Activitats de distribució de programes de televisió",
    "8543": "Educació universitària",
    "8544": "Educació terciària no universitària",
    "8731": "Assistència en establiments residencials per a gent gran",
    "8732": "Assistència en establiments residencials per a persones amb discapacitat física",
    "8811": "Activitats de serveis socials sense allotjament per a gent gran",
    "8812": "Activitats de serveis socials sense allotjament per a persones amb discapacitat",
    "9105": "Activitats de biblioteques",
    "9106": "Activitats d'arxius",
}


def _nace_classes() -> dict[str, str]:
    """Walk stdnum's NACE Rev. 2.0 tree (section, division, group, class)."""
    classes: dict[str, str] = {}

    def walk(nodes, prefix: str) -> None:  # type: ignore[no-untyped-def]
        for _length, low, _high, props, children in nodes:
            code = prefix + low
            if len(code) == 4 and code.isdigit():
                classes[code] = props["label"]
            walk(children, code if code.isdigit() else "")

    walk(numdb.get("eu/nace20").prefixes, "")
    return classes


def _cnae_classes() -> dict[str, str]:
    classes = {code: label for code, label in _nace_classes().items() if code not in SPLIT_BY_SPAIN}
    classes.update(SPANISH_CLASSES)
    return dict(sorted(classes.items()))


CNAE_2009: dict[str, str] = _cnae_classes()


def normalise_cnae(value: str) -> str | None:
    """'25.11', '2511' or ' 25 11 ' → '2511' when it is a CNAE-2009 class, else None."""
    code = "".join(ch for ch in value if ch.isdigit())
    return code if code in CNAE_2009 else None
