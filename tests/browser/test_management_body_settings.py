"""A management body chooses what it is told, about which of its estates, where and how often, and
registers, tries and deletes a webhook — from its own screens, each refusal beside its field."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.async_playwright import Axe
from playwright.async_api import Browser, expect

from tests.browser.test_own_screens import signed_in_account
from tests.browser.test_public_pages import AXE_RULES
from tests.support.district import District
from tests.support.webhook_receiver import WebhookReceiver

pytestmark = [pytest.mark.slow, pytest.mark.asyncio(loop_scope="package")]
BODY = "junta@colom.example"


@pytest.mark.parametrize(("fields", "refused"), [
    ({"rol": "ens_gestor", "poligons": []}, {"poligons": "un ens gestor ha de tenir almenys un polígon"}),
    ({"rol": "ens_gestor", "poligons": ["enlloc"]}, {"poligons": "polígon desconegut"}),
    ({"rol": "empresa", "nif": "B12345678"}, {"nif": "cal el NIF/CIF vàlid de l'empresa o la propietat"})])
async def test_an_invitation_through_the_api_names_each_refused_field(portal: District, fields: dict,
                                                                      refused: dict[str, str]) -> None:
    answer = await portal.http.post("/api/v1/admin/usuaris", headers=portal.staff,
                                    json={"nom": "Algú", "email": "algu@empresa.example", **fields})
    assert answer.status_code == 422
    assert {e["camp"]: e["motiu"] for e in answer.json()["errors"]} == refused


async def test_a_management_body_chooses_its_notices_and_keeps_its_webhooks(browser: Browser,
                                                                           portal: District) -> None:
    context = await signed_in_account(browser, portal, "ens_gestor", BODY, poligons=("colom-ii", "can-guitard"))
    page = context.pages[0]
    await page.get_by_role("link", name="Els meus avisos: què, d'on, on i quan").click()
    await expect(page.get_by_label("Canvien les dades d'una empresa")).to_be_checked()  # its role's defaults
    await expect(page.get_by_label("Colom II", exact=True)).to_be_checked()
    for channel in ("Correu electrònic", "Al portal"):
        await page.get_by_label(channel).uncheck()
    await page.get_by_role("button", name="Desa les preferències").click()
    await expect(page.locator("#canals-error")).to_have_text("Trieu almenys un lloc on rebre'ls.")

    await page.get_by_label("Al portal").check()
    await page.get_by_label("Canvien les dades d'una empresa").uncheck()
    await page.get_by_label("Colom II", exact=True).uncheck()
    await page.get_by_label("Amb quina freqüència").select_option("diaria")
    await page.get_by_label("Hora del resum").select_option("7")
    await page.get_by_role("button", name="Desa les preferències").click()
    await expect(page.get_by_role("status")).to_contain_text("Preferències desades")
    saved = await (await page.request.get("/api/v1/preferencies")).json()
    assert (saved["canals"], saved["poligons"], saved["frequencia"], saved["hora_resum"]) == (
        ["app"], ["can-guitard"], "diaria", 7)
    assert "empresa_modificada" not in saved["tipus"] and "empresa_registrada" in saved["tipus"]
    await expect(page.get_by_label("Colom II", exact=True)).not_to_be_checked()  # shown as saved
    assert (await Axe().run(page, options=AXE_RULES)).violations_count == 0

    await page.get_by_role("link", name="Els meus webhooks").click()
    await page.get_by_label("Adreça (https://...)").fill("ftp://erp.colom.example/avisos")
    await page.get_by_role("button", name="Registra").click()
    await expect(page.locator("#url-error")).to_have_text("cal una adreça http:// o https://")
    await expect(page.get_by_label("Adreça (https://...)")).to_have_value("ftp://erp.colom.example/avisos")
    async with WebhookReceiver() as receiver:
        await page.get_by_label("Adreça (https://...)").fill(receiver.url)
        await page.get_by_label("Descripció (opcional)").fill("ERP de la junta")
        await page.get_by_role("button", name="Registra").click()
        await expect(page.locator("[data-secret]")).to_have_text(re.compile(r"^whsec_"))
        section = page.locator("section", has=page.get_by_role("heading", name="ERP de la junta"))
        await section.get_by_role("button", name="Envia-hi un avís de prova").click()
        await expect(page.locator("[data-prova]")).to_have_text("Avís de prova lliurat (HTTP 200).")
        assert len(receiver.received) == 1
    await expect(page.locator("[data-secret]")).to_have_count(0)  # shown once, never again
    assert (await Axe().run(page, options=AXE_RULES)).violations_count == 0
    await page.locator("section", has=page.get_by_role("heading", name="ERP de la junta")).get_by_role(
        "button", name="Esborra").click()
    await expect(page.get_by_role("status")).to_contain_text("Webhook esborrat")
    assert await (await page.request.get("/api/v1/webhooks")).json() == []

    neighbour = await portal.token("ens_gestor", "junta@canguitard.example")
    staffs = await portal.http.post("/api/v1/webhooks", headers=neighbour,
                                    json={"url": "http://127.0.0.1:9/districte"})
    assert staffs.status_code == 201, staffs.text
    for accio in ("esborrar", "prova"):  # another's webhook: untouched, whatever this body sends
        refused = await page.request.post(f"/ens-gestor/webhooks/{staffs.json()['webhook_id']}/{accio}",
                                          form={"csrf": await page.locator("input[name=csrf]").first.input_value()})
        assert refused.status == 404
    kept = (await portal.http.get("/api/v1/webhooks", headers=neighbour)).json()
    assert [w["webhook_id"] for w in kept] == [staffs.json()["webhook_id"]]
    await context.close()

