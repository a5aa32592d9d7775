"""The public portal in a real browser: the map, the searches, the language switch, accessibility."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.async_playwright import Axe
from playwright.async_api import Browser, Page, expect

from tests.browser.conftest import screenshot
from tests.support.district import District

pytestmark = [pytest.mark.slow, pytest.mark.asyncio(loop_scope="package")]
MAIN_PAGES = {"inici": "/", "poligon": "/poligons/els-bellots", "empreses": "/empreses", "espais": "/espais",
              "dades-obertes": "/dades-obertes", "entrar": "/entrar", "contrasenya": "/compte/contrasenya",
              "busco-espai": "/busco-espai"}
AXE_RULES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa"]}}


def whole(text: str) -> int:
    return int(re.sub(r"[^\d]", "", text))


async def test_the_home_page_maps_every_estate_and_sums_up_the_district(page: Page, portal: District) -> None:
    estates = (await portal.http.get("/api/v1/poligons")).json()
    companies = (await portal.http.get("/api/v1/empreses", params={"mida": 1})).json()["total"]
    offers = (await portal.http.get("/api/v1/ofertes", params={"mida": 1})).json()["total"]

    await page.goto("/")
    await expect(page.locator("path.leaflet-interactive")).to_have_count(len(estates))  # drawn without tiles
    assert whole(await page.locator("[data-xifra=empreses]").inner_text()) == companies
    assert whole(await page.locator("[data-xifra=poligons]").inner_text()) == len(estates)
    assert whole(await page.locator("[data-xifra=espais]").inner_text()) == offers
    await expect(page.locator("html")).to_have_attribute("lang", "ca")
    await expect(page.locator(".targeta")).to_have_count(6)
    await page.locator("path.leaflet-interactive").first.click()
    await expect(page.locator(".leaflet-popup-content a")).to_have_attribute("href", re.compile(r"^/poligons/"))
    await screenshot(page, "inici")


async def test_the_estate_sheet_shows_its_body_its_sectors_and_its_premises(page: Page, portal: District) -> None:
    offers = (await portal.http.get("/api/v1/ofertes", params={"poligon": "els-bellots"})).json()
    sections = {company["cnae"][:2] for company in (await portal.http.get(
        "/api/v1/empreses", params={"poligon": "els-bellots"})).json()["items"]}

    await page.goto("/poligons/els-bellots")
    await expect(page.get_by_role("heading", level=1)).to_have_text("Els Bellots")
    await expect(page.get_by_text("Junta del Polígon dels Bellots")).to_be_visible()
    assert 0 < await page.locator(".grafic tbody tr").count() <= len(sections)
    await expect(page.locator(".targeta")).to_have_count(min(6, offers["total"]))
    await expect(page.get_by_text(re.compile(r"Actualitzat el \d\d/\d\d/\d{4}"))).to_be_visible()
    await screenshot(page, "poligon")


async def test_the_directory_search_filters_by_name_and_estate(page: Page, portal: District) -> None:
    await page.goto("/empreses")
    await page.get_by_label("Nom de l'empresa").fill("egara")
    await page.get_by_role("button", name="Cerca").click()
    await expect(page).to_have_url(re.compile(r"q=egara"))
    expected = (await portal.http.get("/api/v1/empreses", params={"q": "egara"})).json()
    rows = page.locator("table.taula tbody tr")
    await expect(rows).to_have_count(expected["total"])
    assert expected["total"] >= 2
    for text in await rows.all_inner_texts():
        assert "egara" in text.lower()

    await page.get_by_label("Polígon").select_option("els-bellots")
    await page.get_by_role("button", name="Cerca").click()
    narrowed = (await portal.http.get("/api/v1/empreses", params={"q": "egara", "poligon": "els-bellots"})).json()
    await expect(rows).to_have_count(narrowed["total"])
    assert narrowed["total"] < expected["total"]
    await screenshot(page, "empreses")


async def test_the_premises_search_filters_and_keeps_what_was_typed(page: Page, portal: District) -> None:
    await page.goto("/espais")
    await page.get_by_label("Tipus").select_option("nau")
    await page.get_by_label("Superfície mínima").fill("1.200")
    await page.get_by_role("button", name="Cerca").click()
    expected = (await portal.http.get("/api/v1/ofertes", params={"tipus": "nau", "superficie_min": 1200})).json()
    cards = page.locator(".targeta h3")
    await expect(cards).to_have_count(expected["total"])
    for title in await cards.all_inner_texts():
        assert title.startswith("Nau") and whole(title) >= 1200
    await expect(page.locator("#mapa-espais path.leaflet-interactive")).to_have_count(
        len({offer["poligon_id"] for offer in expected["items"]}))
    await screenshot(page, "espais")

    await page.get_by_label("Superfície màxima").fill("molt gran")
    await page.get_by_role("button", name="Cerca").click()
    field = page.get_by_label("Superfície màxima")
    await expect(field).to_have_value("molt gran")  # nothing typed is lost
    await expect(field).to_have_attribute("aria-invalid", "true")
    await expect(page.locator("#superficie_max-error")).to_have_text(re.compile("nombre enter"))
    await expect(page.get_by_label("Superfície mínima")).to_have_value("1.200")

    await page.goto("/espais?tipus=nau")
    await page.locator(".targeta h3 a").first.click()
    await expect(page.get_by_role("heading", name="Dades tècniques")).to_be_visible()
    await expect(page.locator(".fitxa")).to_contain_text("Alçada lliure")


async def test_the_language_switch_keeps_the_page_and_is_remembered(page: Page) -> None:
    await page.goto("/espais?tipus=nau")
    await page.get_by_role("link", name="Español").click()
    await expect(page).to_have_url(re.compile(r"/espais\?tipus=nau$"))
    await expect(page.locator("html")).to_have_attribute("lang", "es")
    await expect(page.get_by_role("heading", level=1)).to_have_text("Espacios disponibles")
    await page.goto("/")
    await expect(page.get_by_role("link", name="Empresas", exact=True)).to_be_visible()
    await page.get_by_role("link", name="English").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("The Terrassa industrial district")
    await expect(page.locator("[data-xifra=m2]")).to_have_text(re.compile(r"^\d{1,3}(,\d{3})* m²$"))


@pytest.mark.parametrize("name", sorted(MAIN_PAGES))
async def test_the_main_pages_pass_an_accessibility_check(name: str, browser: Browser, portal: District) -> None:
    # axe is injected into the page: the check runs with the page's CSP set aside.
    context = await browser.new_context(base_url=str(portal.http.base_url), locale="ca-ES", bypass_csp=True)
    await context.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    page = await context.new_page()
    await page.goto(MAIN_PAGES[name])
    results = await Axe().run(page, options=AXE_RULES)
    assert results.violations_count == 0, results.generate_report()
    await page.keyboard.press("Tab")
    await expect(page.locator(":focus")).to_have_text("Vés al contingut")  # keyboard users skip the menus
    await context.close()


async def test_pages_answer_errors_as_pages_and_the_api_as_json(portal: District) -> None:
    browser_like = {"Accept": "text/html,application/xhtml+xml", "Accept-Language": "es-ES,es;q=0.9"}
    missing = await portal.http.get("/poligons/no-existeix", headers=browser_like)
    assert missing.status_code == 404 and "No hemos encontrado esta página" in missing.text
    assert "default-src 'self'" in missing.headers["content-security-policy"]
    api = await portal.http.get("/api/v1/poligons/no-existeix", headers=browser_like)
    assert api.status_code == 404 and api.json()["detail"]
    nowhere = await portal.http.get("/idioma", params={"idioma": "es", "tornar": "//evil.example/"})
    assert nowhere.status_code == 303 and nowhere.headers["location"] == "/"
    assert "idioma=es" in nowhere.headers["set-cookie"] and "HttpOnly" in nowhere.headers["set-cookie"]
    sole_trader = await portal.register_empresa(nif="12345678Z", rao_social="Joan Puig Soler", cnae="4321",
                                                poligon_id="els-bellots")
    assert sole_trader.status_code == 201, sole_trader.text
    hidden = await portal.http.get(f"/empreses/{sole_trader.json()['empresa_id']}", headers=browser_like)
    assert hidden.status_code == 404  # a natural person is never shown


async def test_a_visitor_writes_to_an_offers_contact_who_stays_hidden(page: Page, portal: District) -> None:
    offer = (await portal.http.get("/api/v1/ofertes", headers=portal.staff, params={"tipus": "oficina"})).json()["items"][0]
    contact = offer["contacte"]["email"]
    before = len(portal.smtp.to(contact))
    await page.goto(f"/espais/{offer['oferta_id']}")
    assert contact not in await page.content()  # the contact is passed on, never shown
    await page.get_by_role("button", name="Envia el missatge").click()
    await expect(page.locator("#missatge-error")).to_have_text("Cal omplir aquest camp.")
    await expect(page.locator("#consentiment-error")).to_be_visible()
    assert (await Axe().run(page, options=AXE_RULES)).violations_count == 0  # with its errors shown
    await page.get_by_label("Nom i empresa").fill("Marta Puig, Tallers Egara")
    await page.get_by_label("Adreça electrònica").fill("marta@tallers-egara.example")
    await page.get_by_label("Missatge").fill("Es pot visitar la setmana vinent?")
    await page.get_by_label("Accepto que el contacte de l'oferta rebi").check()
    await page.get_by_role("button", name="Envia el missatge").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("Missatge enviat")

    mail = (await portal.mails(contact, before + 1))[-1]
    assert mail.subject.startswith("Consulta des del portal: oficina de ")
    assert "Es pot visitar la setmana vinent?" in mail.text and "marta@tallers-egara.example" in mail.text

    token = next(c["value"] for c in await page.context.cookies() if c["name"] == "csrf")
    form = {"csrf": token, "nom": "Marta", "email": "marta@tallers-egara.example", "missatge": "Hola",
            "consentiment": "1"}
    statuses = [(await page.request.post(f"/espais/{offer['oferta_id']}/consulta", form=form)).status
                for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]  # five an hour from one client
