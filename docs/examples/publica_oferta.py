"""Example: how a partner system publishes, updates and withdraws an offer in Districte.

    pip install nats-py
    python publica_oferta.py --nats nats://districte.example:4222 --soci agencia-valles

Each offer travels as a CloudEvent on districte.ingest.<soci>.OfertaExterna.v1; the envelope
``subject`` is your own id for the offer (publish it again to update it). Publishing waits for
JetStream's acknowledgement, so when this script returns the offer is stored, not just sent.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import uuid
from datetime import UTC, datetime

import nats


def envelope(soci: str, referencia: str, data: dict) -> bytes:
    subject = f"districte.ingest.{soci}.OfertaExterna.v1"
    return json.dumps({
        "specversion": "1.0",
        "id": str(uuid.uuid4()),               # a new id per publication
        "source": f"https://{soci}.example",   # who you are (a URI)
        "type": subject,                        # always equal to the NATS subject
        "time": datetime.now(UTC).isoformat(),
        "subject": referencia,                  # your id for this offer
        "datacontenttype": "application/json",
        "correlationid": str(uuid.uuid4()),
        "data": data,
    }).encode()


OFERTA = {
    "tipus": "nau", "operacio": "lloguer", "poligon_id": "can-parellada-industrial",
    "adreca": "Carrer de la Mineria, 4", "ref_cadastral": "9872023VH5797S0001WX",
    "superficie_m2": 2400, "alcada_lliure_m": 10, "acces_trailer": True, "molls_carrega": 2,
    "estat_conservacio": "bo", "preu_eur": 9600,
    "contacte": {"nom": "Agència Vallès", "email": "lloguers@agenciavalles.example"},
}


async def main(nats_url: str, soci: str) -> None:
    nc = await nats.connect(nats_url)
    js = nc.jetstream()
    subject = f"districte.ingest.{soci}.OfertaExterna.v1"
    ack = await js.publish(subject, envelope(soci, "REF-2026-0042", OFERTA))
    print("publicada:", ack.stream, ack.seq)
    ack = await js.publish(subject, envelope(soci, "REF-2026-0042", OFERTA | {"preu_eur": 9100}))
    print("actualitzada (mateixa referència):", ack.seq)
    ack = await js.publish(subject, envelope(soci, "REF-2026-0042", OFERTA | {"estat": "llogada"}))
    print("retirada:", ack.seq)
    await nc.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nats", default="nats://127.0.0.1:4222")
    parser.add_argument("--soci", default="agencia-valles")
    arguments = parser.parse_args()
    asyncio.run(main(arguments.nats, arguments.soci))
