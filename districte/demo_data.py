"""Sample companies and premises for `make demo`, so that a newcomer finds a district to look at.

Fictional firms with valid, made-up CIFs, published through the portal's API like any staff
member would; nothing is added once the census holds a company."""

from __future__ import annotations

import asyncio
import random
from typing import Any

import httpx
from stdnum.es import cif

DEMO_EMAIL = "personal.tecnic@districte.example"  # the portal's demo staff account (DISTRICTE_SEED_DEMO)
ESTATES = ("els-bellots", "can-parellada-industrial", "santa-margarida-i", "can-petit", "colom-ii",
           "sector-montserrat", "palau-nord", "can-guitard", "la-gripia", "segle-xx")
# (commercial name, legal form letter, CNAE-2009 class, headcount)
COMPANIES = (
    ("Mecanitzats Egara", "B", "2562", 34), ("Tèxtils del Vallès", "A", "1320", 120),
    ("Plàstics Terrassa", "B", "2229", 48), ("Transports Bellots", "B", "4941", 22),
    ("Arts Gràfiques Montserrat", "B", "1812", 15), ("Logística Vallès Occidental", "A", "5210", 210),
    ("Estructures Metàl·liques Palau", "B", "2511", 41), ("Químiques Catalanes", "A", "2059", 86),
    ("Fusteria Can Petit", "B", "1623", 9), ("Electrònica Terrassenca", "B", "2612", 27),
    ("Recanvis Industrials Colom", "B", "4669", 12), ("Motlles i Matrius Gripia", "B", "2573", 19),
    ("Alimentació Segle XX", "B", "1085", 63), ("Envasos Sostenibles", "B", "2222", 38),
    ("Instal·lacions Elèctriques Nord", "B", "4321", 17), ("Tallers Mecànics Parellada", "B", "4520", 8),
    ("Cartonatges Santa Margarida", "A", "1721", 95), ("Pintures i Recobriments", "B", "2030", 24),
    ("Serveis Logístics Guitard", "B", "5229", 52), ("Enginyeria Industrial Egara", "B", "7112", 14),
    ("Farmacèutica del Vallès", "A", "2120", 310), ("Maquinària Tèxtil Terrassa", "B", "2894", 44),
    ("Reciclatges Bellots", "B", "3832", 29), ("Vidres Tècnics", "B", "2319", 11),
)
STREETS = ("Carrer de la Mineria", "Carrer del Vapor", "Avinguda de Can Parellada", "Carrer de la Indústria",
           "Carrer de Colom", "Carrer de Galileu", "Carrer de Watt", "Carrer de Volta")


def made_up_cif(letter: str, index: int) -> str:
    body = f"{letter}{6471000 + 1303 * index:07d}"
    check = cif.calc_check_digits(body)
    return body + check[0]  # companies (A, B) take the digit


def companies() -> list[dict[str, Any]]:
    shuffle = random.Random(2026)
    return [{"nif": made_up_cif(letter, i), "rao_social": f"{name} {'SA' if letter == 'A' else 'SL'}",
             "nom_comercial": name, "cnae": cnae, "treballadors": staff, "poligon_id": ESTATES[i % len(ESTATES)],
             "adreca": f"{shuffle.choice(STREETS)}, {shuffle.randint(1, 120)}", "codi_postal": "08223"}
            for i, (name, letter, cnae, staff) in enumerate(COMPANIES)]


def offers() -> list[dict[str, Any]]:
    shuffle = random.Random(29)
    made = []
    for i in range(14):
        kind = ("nau", "nau", "nau", "solar", "oficina")[i % 5]
        area = shuffle.choice((450, 800, 1200, 1800, 2400, 3500, 5200)) if kind != "oficina" else shuffle.choice((120, 240, 380))
        operation = ("lloguer", "venda", "lloguer")[i % 3]
        monthly = int(area * shuffle.choice((3.5, 4.0, 4.5, 5.2)) / 50) * 50
        offer = {"tipus": kind, "operacio": operation, "poligon_id": ESTATES[(i * 3) % len(ESTATES)],
                 "adreca": f"{shuffle.choice(STREETS)}, {shuffle.randint(1, 120)}", "superficie_m2": area,
                 "estat_conservacio": ("bo", "nou", "a_reformar")[i % 3],
                 "preu_eur": monthly if operation == "lloguer" else monthly * 180,
                 "contacte": {"nom": "Agència Vallès", "email": "lloguers@agenciavalles.example"}}
        if kind == "nau":
            offer.update(alcada_lliure_m=shuffle.choice((6, 8, 9.5, 12)), molls_carrega=shuffle.randint(0, 4),
                         acces_trailer=shuffle.random() > 0.4, potencia_kw=shuffle.choice((50, 100, 250)))
        made.append(offer)
    return made


async def seed(portal: str, token: str, timeout_s: float = 60.0) -> int:
    """Publish the sample district if the census is empty; how many records were added."""
    async with httpx.AsyncClient(base_url=portal, timeout=15.0,
                                 headers={"Authorization": f"Bearer {token}"}) as http:
        deadline = asyncio.get_running_loop().time() + timeout_s
        while (census := await http.get("/api/v1/empreses", params={"mida": 1})).status_code == 503:
            if asyncio.get_running_loop().time() > deadline:
                census.raise_for_status()
            await asyncio.sleep(0.5)  # the services may still be starting
        if census.json()["total"]:
            return 0
        added = 0
        for path, records in (("/api/v1/empreses", companies()), ("/api/v1/ofertes", offers())):
            for record in records:
                response = await http.post(path, json=record)
                response.raise_for_status()
                added += 1
        return added
