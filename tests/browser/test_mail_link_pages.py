"""The pages mails link to (a company's self-service review) speak the reader's language and show
each refused field beside itself, keeping what was typed."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import Page, expect

from tests.support.district import District
from tests.support.identifiers import valid_cif
from tests.support.waiting import eventually

pytestmark = [pytest.mark.slow, pytest.mark.asyncio(loop_scope="package")]
COMPANY = "administracio@foses-egara.example"


async def test_a_company_corrects_its_record_and_a_wrong_field_is_shown_beside_itself(
        page: Page, portal: District) -> None:
    registered = await portal.register_empresa(nif=valid_cif(77), rao_social="Foses Egara SL", cnae="2451",
                                               poligon_id="els-bellots", email=COMPANY)
    assert registered.status_code == 201, registered.text
    asked = await portal.http.post(f"/api/v1/empreses/{registered.json()['empresa_id']}/autoservei",
                                   headers=portal.staff, json={"idioma": "es"})
    assert asked.status_code == 202, asked.text
    [mail] = await eventually(lambda: _mails(portal), what="the review mail")
    link = re.search(r"https?://[^/\s]+(/autoservei/\S+)", mail.text)
    assert link is not None, mail.text

    await page.goto(link.group(1))
    await expect(page.get_by_role("heading", level=1)).to_have_text("La fitxa de la vostra empresa")
    await page.get_by_label("Activitat (CNAE-2009, 4 xifres)").fill("9999")
    await page.get_by_label("Telèfon").fill("937 000 777")
    await page.get_by_role("button", name="Desar les correccions").click()
    await expect(page.locator("#cnae-error")).to_be_visible()
    await expect(page.get_by_label("Activitat (CNAE-2009, 4 xifres)")).to_have_attribute("aria-invalid", "true")
    await expect(page.get_by_label("Telèfon")).to_have_value("937 000 777")  # nothing typed is lost
    record = (await portal.http.get(f"/api/v1/empreses/{registered.json()['empresa_id']}",
                                    headers=portal.staff)).json()
    assert record["telefon"] is None  # and nothing was saved

    await page.get_by_label("Activitat (CNAE-2009, 4 xifres)").fill("2451")
    await page.get_by_role("button", name="Desar les correccions").click()
    await expect(page.get_by_role("status")).to_have_text(
        "Hem desat les correccions: la fitxa de la vostra empresa és al dia.")


async def _mails(portal: District) -> list[object]:
    return portal.smtp.to(COMPANY)
