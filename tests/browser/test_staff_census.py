"""Staff keep the census from their screens: an import uploaded and followed to its end, the likely
duplicates it flags merged, dismissed and undone, a company registered, corrected, confirmed, moved
and recorded as gone — each checked against the API, each refusal shown beside its field."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from axe_playwright_python.async_playwright import Axe
from playwright.async_api import Page, expect

from districte.demo_data import DEMO_EMAIL
from tests.browser.conftest import DEMO_PASSWORD
from tests.browser.test_account_pages import sign_in
from tests.browser.test_public_pages import AXE_RULES
from tests.support.district import District
from tests.support.identifiers import valid_cif

pytestmark = [pytest.mark.slow, pytest.mark.asyncio(loop_scope="package")]
HEADER = "CIF;Raó social;CNAE;Polígon;Telèfon\r\n"
LINES = [f"{valid_cif(701)};Estampacions Rosella SL;2550;els-bellots;937 100 701",
         f"{valid_cif(702)};Estampacions Rosella S.L.;2550;els-bellots;937 100 702",
         "B12345678;NIF dolent SL;2550;els-bellots;"]


async def staff_page(page: Page, path: str) -> None:
    await page.goto(f"/entrar?seguent={path}")
    await sign_in(page, DEMO_EMAIL, DEMO_PASSWORD)
    await expect(page).to_have_url(re.compile(f"{path}$"))


async def test_staff_upload_an_import_follow_it_and_review_the_duplicates_it_flags(
        page: Page, portal: District, tmp_path: Path) -> None:
    await staff_page(page, "/personal/importacions")
    await page.get_by_role("button", name="Importa").click()
    await expect(page.locator("#fitxer-error")).to_have_text("Cal omplir aquest camp.")
    notes = tmp_path / "notes.txt"
    notes.write_text("no és un cens")
    await page.get_by_label("Fitxer (CSV o XLSX").set_input_files(notes)
    await page.get_by_role("button", name="Importa").click()
    await expect(page.locator("#fitxer-error")).to_have_text("Ha de ser un fitxer CSV o XLSX.")

    census = tmp_path / "cens-rosella.csv"
    census.write_bytes((HEADER + "\r\n".join(LINES) + "\r\n").encode("cp1252"))
    await page.get_by_label("Fitxer (CSV o XLSX").set_input_files(census)
    await page.get_by_role("button", name="Importa").click()
    job = page.locator("section.importacio", has_text="cens-rosella.csv")
    await expect(job).to_have_attribute("data-estat", "completada", timeout=30_000)  # the page refreshes itself
    await expect(job.locator("[data-xifra=noves]")).to_have_text("2")
    await expect(job.locator("[data-xifra=rebutjades]")).to_have_text("1")
    await expect(job.locator("[data-xifra=duplicats]")).to_have_text("1")
    report = job.get_by_role("link", name="Descarrega les incidències (CSV)")
    async with page.expect_download() as download:
        await report.click()
    lines = Path(await (await download.value).path()).read_text(encoding="utf-8")
    assert "B12345678" not in lines and "rebutjada" in lines and "nif" in lines  # the refused line, by field
    assert (await Axe().run(page, options=AXE_RULES)).violations_count == 0

    await page.goto("/personal/duplicats")
    pair = page.locator("section.duplicat", has_text="Estampacions Rosella")
    await expect(pair).to_contain_text("Noms semblants")
    listed = (await portal.http.get("/api/v1/duplicats", headers=portal.staff)).json()["items"]
    flagged = next(d for d in listed if d["empresa"]["rao_social"].startswith("Estampacions Rosella"))
    kept = flagged["altra"]
    await pair.get_by_role("button", name=re.compile(f"conserva «{re.escape(kept['rao_social'])}»")).click()
    await expect(page.get_by_role("status")).to_contain_text("Fitxes fusionades")
    retired = (await portal.http.get(f"/api/v1/empreses/{flagged['empresa']['empresa_id']}",
                                     headers=portal.staff)).json()
    assert retired["estat"] == "fusionada"
    assert (await Axe().run(page, options=AXE_RULES)).violations_count == 0

    await page.goto("/personal/duplicats?estat=fusionada")
    await page.locator("section.duplicat", has_text="Estampacions Rosella").get_by_role(
        "button", name="Desfés la decisió").click()
    await expect(page.get_by_role("status")).to_contain_text("Decisió desfeta")
    await page.locator("section.duplicat", has_text="Estampacions Rosella").get_by_role(
        "button", name="Són empreses diferents").click()
    await expect(page.get_by_role("status")).to_contain_text("són empreses diferents")
    decided = (await portal.http.get("/api/v1/duplicats", headers=portal.staff,
                                     params={"estat": "descartada"})).json()["items"]
    assert [d["duplicat_id"] for d in decided if d["duplicat_id"] == flagged["duplicat_id"]]
    back = (await portal.http.get(f"/api/v1/empreses/{flagged['empresa']['empresa_id']}",
                                  headers=portal.staff)).json()
    assert back["estat"] == "activa"  # undone: it came back


async def test_staff_register_correct_confirm_move_and_record_a_departure(page: Page, portal: District) -> None:
    await staff_page(page, "/personal/empreses")
    form = page.locator("form[aria-labelledby=registrar]")
    await form.get_by_label("NIF/CIF").fill("B12345678")
    await form.get_by_label("Raó social").fill("Cistelleria Vallès SL")
    await form.get_by_role("button", name="Registra").click()
    await expect(page.locator("#nif-error")).to_have_text("No és un NIF/CIF vàlid.")
    await expect(page.locator("#cnae-error")).to_have_text("Cal omplir aquest camp.")
    await expect(page.locator("#poligon_id-error")).to_have_text("Cal omplir aquest camp.")
    await expect(form.get_by_label("Raó social")).to_have_value("Cistelleria Vallès SL")  # nothing typed is lost
    await form.get_by_label("NIF/CIF").fill(valid_cif(711))
    await form.get_by_label("Polígon").select_option("els-bellots")
    await form.get_by_label("Activitat: classe CNAE-2009").fill("9999")
    await form.get_by_role("button", name="Registra").click()
    await expect(page.locator("#cnae-error")).to_contain_text("no és una classe CNAE-2009")  # census's own rule
    await form.get_by_label("Activitat: classe CNAE-2009").fill("1623")
    await form.get_by_role("button", name="Registra").click()
    await expect(page.get_by_role("status")).to_contain_text("Empresa registrada")
    empresa_id = page.url.rsplit("/", 1)[1].split("?")[0]

    await page.get_by_label("Telèfon (opcional)").fill("truqueu-me")
    await page.get_by_role("button", name="Desa els canvis").click()
    await expect(page.locator("#telefon-error")).to_have_text("No és un telèfon vàlid (xifres, espais i +).")
    await page.get_by_label("Telèfon (opcional)").fill("937 331 711")
    await page.get_by_label("Treballadors (opcional)").fill("1.250")
    await page.get_by_role("button", name="Desa els canvis").click()
    await expect(page.get_by_role("status")).to_contain_text("Fitxa corregida")
    record = (await portal.http.get(f"/api/v1/empreses/{empresa_id}", headers=portal.staff)).json()
    assert (record["telefon"], record["treballadors"]) == ("937 331 711", 1250)
    history = (await portal.http.get(f"/api/v1/empreses/{empresa_id}/historial", headers=portal.staff)).json()
    assert [(e["accio"], e["qui"]) for e in history][-1] == ("modificacio", "Personal tècnic (demo)")
    assert {c["camp"] for c in history[-1]["detall"]["canvis"]} == {"telefon", "treballadors"}  # only what changed
    await expect(page.get_by_role("row", name=re.compile("Correcció"))).to_contain_text("telefon, treballadors")

    await page.get_by_role("button", name="Confirma que la fitxa és al dia").click()
    await expect(page.get_by_role("status")).to_contain_text("Fitxa confirmada")
    confirmed = (await portal.http.get(f"/api/v1/empreses/{empresa_id}", headers=portal.staff)).json()
    assert confirmed["confirmada_el"] is not None

    await page.get_by_label("Polígon nou").select_option("can-petit")
    await page.get_by_label("Data del trasllat (si no, avui)").fill("2026-11-02")
    await page.get_by_role("button", name="Registra el trasllat").click()
    await expect(page.get_by_role("status")).to_contain_text("Trasllat registrat")
    moved = (await portal.http.get(f"/api/v1/empreses/{empresa_id}", headers=portal.staff)).json()
    assert moved["poligon_id"] == "can-petit"

    await page.get_by_role("button", name="Registra la baixa").click()
    await expect(page.locator("#baixa_motiu-error")).to_have_text("Cal omplir aquest camp.")
    await page.get_by_label("Motiu", exact=True).select_option("trasllat_fora")
    await page.get_by_label("Municipi on va (opcional)").fill("Sabadell")
    await page.get_by_role("button", name="Registra la baixa").click()
    await expect(page.get_by_role("status")).to_contain_text("Baixa registrada")
    gone = (await portal.http.get(f"/api/v1/empreses/{empresa_id}", headers=portal.staff)).json()
    assert (gone["estat"], gone["motiu_baixa"], gone["municipi_desti"]) == ("baixa", "trasllat_fora", "Sabadell")
    assert (await Axe().run(page, options=AXE_RULES)).violations_count == 0

    await page.goto(f"/personal/empreses?q={valid_cif(711)}")
    await expect(page.get_by_role("heading", level=2, name=re.compile("fitx"))).to_be_visible()
    assert (await Axe().run(page, options=AXE_RULES)).violations_count == 0
