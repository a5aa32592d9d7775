"""A company's contact person receives the link to review its record, the company corrects it from the
mailed page, and the person's rights work across services: access as JSON, erasure everywhere."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.support.district import District
from tests.support.identifiers import valid_cif
from tests.support.settling import settled
from tests.support.waiting import eventually

ADDRESS = "martina.quintana@tallersegara.example"


@pytest.mark.one_database
async def test_review_by_the_company_then_access_and_erasure_of_its_contact(district: District) -> None:
    await district.start_all("census", "notifications", "portal")
    staff = district.staff
    registered = await district.http.post("/api/v1/empreses", headers=staff, json={
        "nif": valid_cif(80), "rao_social": "Tallers Egara SL", "cnae": "2511", "poligon_id": "els-bellots"})
    empresa_id = registered.json()["empresa_id"]
    contactes = f"/api/v1/empreses/{empresa_id}/contactes"

    nobody = await district.http.post(contactes, headers=staff, json={"nom": "Sense Contacte"})
    assert nobody.status_code == 422
    assert nobody.json()["errors"] == [{"camp": "email", "motiu": "cal una adreça electrònica o un telèfon professional"}]
    assert (await district.http.post(contactes, json={"nom": "X", "email": ADDRESS})).status_code == 401
    added = await district.http.post(contactes, headers=staff, json={
        "nom": "Martina Quintana", "carrec": "Gerent", "email": ADDRESS, "telefon": "937 000 123"})
    assert added.status_code == 201, added.text
    contacte_id = added.json()["contacte_id"]

    asked = await district.http.post(f"/api/v1/empreses/{empresa_id}/autoservei", headers=staff,
                                     json={"contacte_id": contacte_id})
    assert asked.status_code == 202 and asked.json()["destinatari"] == "Martina Quintana", asked.text
    [mail] = await eventually(lambda: _mails(district), what="the review mail")
    assert mail.subject == "Reviseu la fitxa de Tallers Egara SL al cens del districte industrial"
    link = re.search(r"http://\S+/autoservei/(\S+)", mail.text)
    assert link is not None, mail.text
    page = await district.http.get(f"/autoservei/{link.group(1)}")
    assert page.status_code == 200 and "Tallers Egara SL" in page.text
    sent = await district.http.post(f"/autoservei/{link.group(1)}", content="rao_social=Tallers+Egara+SL&cnae=2511&"
                                    "telefon=937+111+222&treballadors=23",
                                    headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert sent.status_code == 200 and "Hem desat les correccions" in sent.text, sent.text
    record = (await district.http.get(f"/api/v1/empreses/{empresa_id}", headers=staff)).json()
    assert (record["telefon"], record["treballadors"], record["font"]) == ("937 111 222", 23, "autoservei")
    again = await district.http.post(f"/api/v1/autoservei/{link.group(1)}/confirmacio")
    assert again.status_code == 409 and "ja s'ha fet servir" in again.json()["detail"]

    export = await district.http.get(f"{contactes}/{contacte_id}/exportacio", headers=staff)
    assert export.status_code == 200 and "attachment" in export.headers["content-disposition"]
    assert export.json()["contacte"]["email"] == ADDRESS and export.json()["tractament"]["responsable"]

    erased = await district.http.post(f"{contactes}/{contacte_id}/supressio", headers=staff)
    assert erased.status_code == 200 and erased.json()["email"] is None, erased.text
    await settled(district, ("CENSUS", "notifications-census"))
    log = (await district.http.get("/api/v1/notificacions", headers=staff,
                                   params={"tipus": "revisio_empresa", "canal": "email"})).json()["items"]
    assert [n["destinatari"] for n in log] == [f"suprimit:{contacte_id}"]
    assert (await district.http.get("/api/v1/notificacions", headers=staff,
                                    params={"destinatari": ADDRESS})).json()["total"] == 0


async def _mails(district: District) -> list[Any]:
    return district.smtp.to(ADDRESS)
