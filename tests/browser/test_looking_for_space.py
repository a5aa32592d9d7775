""""Busco espai" end to end: the form (a wrong field beside itself, nothing typed lost), the mail
that confirms the address, a nau that fits published by staff, the lead mailed and answered."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import Page, expect

from tests.support.district import District
from tests.support.premises import oferta_body

pytestmark = [pytest.mark.slow, pytest.mark.asyncio(loop_scope="package")]
COMPANY = "direccio@plastics-egara.example"


def link_in(text: str, path: str) -> str:
    found = re.findall(rf"https?://[^/\s]+({path}\S+)", text)
    assert found, text
    return found[0]


async def test_a_company_files_its_request_confirms_it_and_answers_a_lead(page: Page, portal: District) -> None:
    await page.goto("/busco-espai")
    await page.get_by_label("Nom de l'empresa").fill("Plàstics Egara SL")
    await page.get_by_label("Adreça electrònica").fill("no és una adreça")
    await page.get_by_label("Nau").check()
    await page.get_by_label("Superfície mínima (m²)").fill("6.000")  # more than any sample nau: no lead yet
    await page.get_by_label("Superfície màxima (m², opcional)").fill("1.500")
    await page.get_by_role("button", name="Envia la demanda").click()
    await expect(page.locator("#empresa_email-error")).to_have_text("No és una adreça electrònica vàlida.")
    await expect(page.locator("#superficie_max_m2-error")).to_have_text("No pot ser més petit que el mínim.")
    await expect(page.locator("#consentiment-error")).to_be_visible()
    await expect(page.locator("#motiu-error")).to_have_text("Cal omplir aquest camp.")
    await expect(page.get_by_label("Nom de l'empresa")).to_have_value("Plàstics Egara SL")  # nothing typed is lost
    await expect(page.get_by_label("Nau")).to_be_checked()

    await page.get_by_label("Adreça electrònica").fill(COMPANY)
    await page.get_by_label("Superfície màxima (m², opcional)").fill("7.000")
    await page.get_by_label("Pressupost màxim (€ al mes si és lloguer; € si és compra)").fill("30.000")
    await page.get_by_label("Per què busqueu espai").select_option("ampliacio")
    await page.get_by_label("Accepto que em facin arribar les ofertes").check()
    await page.get_by_role("button", name="Envia la demanda").click()
    await expect(page.get_by_role("status")).to_contain_text(f"us hem enviat un correu a {COMPANY}")

    [confirmation] = await portal.mails(COMPANY, 1)
    await page.goto(link_in(confirmation.text, "/enllac/"))
    await page.get_by_role("button", name="Confirmar").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("Fet")

    offer = await portal.http.post("/api/v1/ofertes", headers=portal.staff, json=oferta_body(superficie_m2=6500, preu_eur=26000))
    assert offer.status_code == 201, offer.text
    lead = (await portal.mails(COMPANY, 2))[1]
    assert "6.500 m²" in lead.subject, lead.subject
    await page.goto(link_in(lead.text, "/enllac/"))  # the first link of a lead: "m'interessa"
    await page.get_by_role("button", name="Confirmar").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("Fet")
    leads = (await portal.http.get("/api/v1/demandes", headers=portal.staff)).json()["items"]
    mine = [d for d in leads if d["empresa"]["email"] == COMPANY]
    assert len(mine) == 1 and mine[0]["estat"] == "activa"
    answered = (await portal.http.get(f"/api/v1/demandes/{mine[0]['demanda_id']}/coincidencies",
                                      headers=portal.staff)).json()
    assert [c["resposta"] for c in answered] == ["m_interessa"]
