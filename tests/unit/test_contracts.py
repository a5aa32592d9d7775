"""Event contracts: envelope, subjects, and the generated AsyncAPI document."""

from __future__ import annotations

import uuid
from pathlib import Path

import orjson

from shared.contracts import EVENTS, EmpresaRegistrada, new_event
from shared.contracts.asyncapi import check_or_write, render
from shared.contracts.envelope import caused_by
from shared.messaging.decoding import Undecodable, decode_event

ROOT = Path(__file__).resolve().parents[2]
EMPRESA = EmpresaRegistrada(empresa_id=uuid.uuid4(), nif="B64717838", rao_social="Metalls SL",
                            cnae="2511", poligon_id="els-bellots")


def test_the_committed_asyncapi_document_matches_the_code() -> None:
    assert (ROOT / "docs" / "asyncapi.json").read_text("utf-8") == render(), \
        "docs/asyncapi.json is stale: run `make asyncapi`"


def test_the_asyncapi_check_fails_on_a_stale_document(tmp_path: Path) -> None:
    stale = tmp_path / "asyncapi.json"
    stale.write_text("{}")
    assert check_or_write(stale, check=True) == 1
    assert check_or_write(stale, check=False) == 0
    assert check_or_write(stale, check=True) == 0


def test_every_event_travels_on_its_own_versioned_subject() -> None:
    assert set(EVENTS) == {
        "districte.census.PoligonRegistrat.v1", "districte.census.EnsGestorRegistrat.v1",
        "districte.census.EmpresaRegistrada.v1", "districte.census.EmpresaDonadaDeBaixa.v1",
        "districte.census.EmpresaActualitzada.v1", "districte.census.ImportacioCompletada.v1",
        "districte.census.EnsGestorActualitzat.v1", "districte.census.EmpresaTraslladada.v1",
        "districte.census.EmpresaExternaRebutjada.v1", "districte.census.ContacteSuprimit.v1",
        "districte.census.RevisioSollicitada.v1", "districte.census.PoligonActualitzat.v1",
        "districte.notifications.NotificacioEnviada.v1", "districte.notifications.NotificacioFallida.v1",
        *(f"districte.location.{name}.v1" for name in (
            "NauDisponible", "OfertaActualitzada", "OfertaRetirada", "OfertaPerCaducar",
            "DemandaPerConfirmar", "DemandaRegistrada", "DemandaSenseCoincidencies", "OfertaExternaRebutjada",
            "DemandaTancada", "CoincidenciaTrobada", "InteresExpressat")),
        "districte.ingest.OfertaExterna.v1", "districte.ingest.EmpresaExterna.v1"}


def test_an_event_is_a_cloudevent_whose_type_is_its_subject() -> None:
    event = new_event(EMPRESA, correlation_id="corr-1")
    document = orjson.loads(orjson.dumps(event.model_dump(mode="json")))
    assert document["specversion"] == "1.0"
    assert document["type"] == "districte.census.EmpresaRegistrada.v1"
    assert document["source"] == "districte/census"
    assert document["subject"] == str(EMPRESA.empresa_id)
    assert document["datacontenttype"] == "application/json"
    assert document["correlationid"] == "corr-1" and document["causationid"] is None
    assert document["time"].endswith("Z") or document["time"].endswith("+00:00")


def test_a_caused_event_keeps_the_correlation_and_names_its_cause() -> None:
    cause = new_event(EMPRESA)
    effect = caused_by(EMPRESA, cause)
    assert effect.correlationid == cause.correlationid == str(cause.id)
    assert effect.causationid == str(cause.id) and effect.id != cause.id


def test_decoding_gives_the_reason_a_payload_can_never_be_handled() -> None:
    models = {EmpresaRegistrada.event_type(): EmpresaRegistrada}
    subject = EmpresaRegistrada.event_type()
    good = orjson.dumps(new_event(EMPRESA).model_dump(mode="json"))
    assert decode_event(good, subject, models).data == EMPRESA  # type: ignore[union-attr]

    not_json = decode_event(b"{nope", subject, models)
    assert isinstance(not_json, Undecodable) and "JSON no vàlid" in not_json.reason
    wrong_subject = decode_event(good, "districte.census.Altre.v1", models)
    assert isinstance(wrong_subject, Undecodable) and "no coincideix" in wrong_subject.reason
    broken = orjson.loads(good)
    broken["data"]["cnae"] = "25.11"
    bad_data = decode_event(orjson.dumps(broken), subject, models)
    assert isinstance(bad_data, Undecodable) and "data.cnae" in bad_data.reason
    del broken["specversion"]
    bad_envelope = decode_event(orjson.dumps(broken), subject, models)
    assert isinstance(bad_envelope, Undecodable) and "specversion" in bad_envelope.reason
