"""Registering companies as a patient client does through an outage."""

from __future__ import annotations

import asyncio

import httpx

from tests.support.district import District
from tests.support.identifiers import valid_cif


async def register_until_accepted(district: District, n: int) -> int:
    """Retry through the outage like a patient client; 409 means an earlier try landed."""
    body = {"nif": valid_cif(n), "rao_social": f"Empresa {n:04d} SL", "cnae": "2511",
            "poligon_id": "els-bellots"}
    attempts = 0
    while True:
        attempts += 1
        try:
            response = await district.register_empresa(**body)
        except httpx.TransportError:
            response = None
        if response is not None and response.status_code in (201, 409):
            return attempts
        assert response is None or response.status_code == 503, response.text
        await asyncio.sleep(0.2)
