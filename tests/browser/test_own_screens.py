"""A company's and an owner's own screens: each sees and acts on its own requests, leads and offers,
and nothing of another's, whatever it sends."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from axe_playwright_python.async_playwright import Axe
from playwright.async_api import Browser, BrowserContext, Page, expect

from tests.browser.test_public_pages import AXE_RULES
from tests.support.district import District
from tests.support.identifiers import valid_cif
from tests.support.premises import oferta_body
from tests.support.waiting import eventually

pytestmark = [pytest.mark.slow, pytest.mark.asyncio(loop_scope="package")]
PASSWORD = "una contrasenya prou llarga"
COMPANY = "compres@tallers-colom.example"
OTHER_COMPANY = "direccio@altra-empresa.example"
OWNER = "lloguers@propietat-colom.example"


def demand(email: str, name: str) -> dict:
    return {"empresa": {"nom": name, "email": email}, "consentiment": True, "tipus": ["nau"], "operacio": "lloguer",
            "superficie_min_m2": 8000, "superficie_max_m2": 9000, "motiu": "ampliacio"}


async def signed_in_account(browser: Browser, portal: District, rol: str, email: str, nif: str | None = None,
                            poligons: tuple[str, ...] = ()) -> BrowserContext:
    """An account invited through the API, its password chosen from the mail: a browser signed in as it."""
    invited = await portal.http.post("/api/v1/admin/usuaris", headers=portal.staff, json={
        "nom": f"Compte {rol}", "email": email, "rol": rol, "nif": nif, "poligons": list(poligons)})
    assert invited.status_code == 201, invited.text

    async def invitation() -> re.Match[str] | None:
        found = [re.search(r"https?://[^/\s]+(/compte/invitacio/\S+)", m.text) for m in portal.smtp.to(email)]
        return next((match for match in found if match), None)

    link = await eventually(invitation, what=f"the invitation to {email}")
    context = await browser.new_context(base_url=str(portal.http.base_url), locale="ca-ES")
    page = await context.new_page()
    await page.goto(link.group(1))
    await page.get_by_label("Contrasenya nova").fill(PASSWORD)
    await page.get_by_label("Repetiu la contrasenya").fill(PASSWORD)
    await page.get_by_role("button", name="Desa la contrasenya i entra").click()
    await page.wait_for_url(re.compile(r"/(empresa|propietari|ens-gestor)$"))
    return context


@pytest_asyncio.fixture(scope="module", loop_scope="package")
async def market(portal: District) -> AsyncIterator[dict]:
    """Two companies' requests (filed by staff: active at once) and an offer of the owner's that fits both."""
    ids = {}
    for email, name in ((COMPANY, "Tallers Colom SL"), (OTHER_COMPANY, "Altra Empresa SL")):
        filed = await portal.http.post("/api/v1/demandes", headers=portal.staff, json=demand(email, name))
        assert filed.status_code == 201, filed.text
        ids[email] = filed.json()["demanda_id"]
    offer = await portal.http.post("/api/v1/ofertes", headers=portal.staff, json=oferta_body(
        superficie_m2=8500, preu_eur=30000, contacte={"nom": "Propietat Colom", "email": OWNER}))
    assert offer.status_code == 201, offer.text
    await portal.mails(COMPANY, 1)  # the lead
    await portal.mails(OTHER_COMPANY, 1)
    yield {"demandes": ids, "oferta_id": offer.json()["oferta_id"]}


async def test_a_company_answers_its_own_leads_and_no_one_elses(browser: Browser, portal: District,
                                                               market: dict) -> None:
    context = await signed_in_account(browser, portal, "empresa", COMPANY, "B64717838")
    page: Page = context.pages[0]
    await expect(page.get_by_role("heading", level=1)).to_have_text("Les meves demandes")
    rows = page.locator("table.taula tbody tr")
    await expect(rows).to_have_count(1)
    await expect(rows.first).to_contain_text("8.500 m²")
    await rows.first.get_by_role("button", name="Descarta").click()
    await expect(page.get_by_role("status")).to_contain_text("no us tornarem a proposar")
    await expect(rows.first).to_contain_text("Descartada")
    assert (await Axe().run(page, options=AXE_RULES)).violations_count == 0

    others = (await portal.http.get(f"/api/v1/demandes/{market['demandes'][OTHER_COMPANY]}/coincidencies",
                                    headers=portal.staff)).json()
    token = next(c["value"] for c in await context.cookies() if c["name"] == "csrf")
    refused = await page.request.post(f"/empresa/coincidencies/{others[0]['coincidencia_id']}",
                                      form={"csrf": token, "resposta": "m_interessa"})
    assert refused.status == 404
    again = (await portal.http.get(f"/api/v1/demandes/{market['demandes'][OTHER_COMPANY]}/coincidencies",
                                   headers=portal.staff)).json()
    assert again[0]["resposta"] == "nova"  # the other company's lead is untouched
    assert (await page.request.get("/propietari")).status == 403
    await context.close()


async def test_an_owner_confirms_its_own_offer_and_no_one_elses(browser: Browser, portal: District,
                                                                 market: dict) -> None:
    context = await signed_in_account(browser, portal, "propietari", OWNER, "B64717838")
    page: Page = context.pages[0]
    await expect(page.get_by_role("heading", level=1)).to_have_text("Les meves ofertes")
    rows = page.locator("table.taula tbody tr")
    await expect(rows).to_have_count(1)
    await expect(rows.first).to_contain_text("8.500 m²")
    await rows.first.get_by_role("button", name="Continua disponible").click()
    await expect(page.get_by_role("status")).to_contain_text("continua disponible")
    assert (await Axe().run(page, options=AXE_RULES)).violations_count == 0

    listed = (await portal.http.get("/api/v1/ofertes", params={"mida": 50})).json()["items"]
    someone_elses = next(o for o in listed if o["oferta_id"] != market["oferta_id"])
    token = next(c["value"] for c in await context.cookies() if c["name"] == "csrf")
    refused = await page.request.post(f"/propietari/ofertes/{someone_elses['oferta_id']}/confirmacio",
                                      form={"csrf": token})
    assert refused.status == 404
    assert (await page.request.get("/empresa")).status == 403
    await context.close()


async def test_a_company_token_reads_and_answers_only_its_own_requests_through_the_api(
        portal: District, market: dict) -> None:
    mine, theirs = market["demandes"][COMPANY], market["demandes"][OTHER_COMPANY]
    company = await portal.token("empresa", COMPANY)
    listed = (await portal.http.get("/api/v1/demandes", headers=company)).json()
    assert [d["demanda_id"] for d in listed["items"]] == [mine]
    by_nif = await portal.http.post("/api/v1/admin/tokens", headers=portal.staff, json={
        "nom": "ERP d'Altra Empresa", "rol": "empresa", "nif": "b64717838"})
    assert by_nif.status_code == 201 and by_nif.json()["nif"] == "B64717838", by_nif.text
    assert (await portal.http.get(f"/api/v1/demandes/{mine}", headers=company)).status_code == 200
    for path in (f"/api/v1/demandes/{theirs}", f"/api/v1/demandes/{theirs}/coincidencies"):
        assert (await portal.http.get(path, headers=company)).status_code == 404, path
    theirs_lead = (await portal.http.get(f"/api/v1/demandes/{theirs}/coincidencies", headers=portal.staff)).json()[0]
    refused = await portal.http.post(f"/api/v1/coincidencies/{theirs_lead['coincidencia_id']}/resposta",
                                     headers=company, json={"resposta": "m_interessa"})
    assert refused.status_code == 404
    after = (await portal.http.get(f"/api/v1/demandes/{theirs}/coincidencies", headers=portal.staff)).json()[0]
    assert after["resposta"] == "nova"  # untouched
    nobody = await portal.token("empresa")  # known by neither address nor NIF: owns nothing
    assert (await portal.http.get("/api/v1/demandes", headers=nobody)).json()["total"] == 0
    assert (await portal.http.get("/api/v1/demandes/estadistiques", headers=company)).status_code == 403


async def test_an_owner_token_sees_its_contact_and_confirms_only_its_own_offers(portal: District,
                                                                              market: dict) -> None:
    owner = await portal.token("propietari", OWNER)
    own = (await portal.http.get(f"/api/v1/ofertes/{market['oferta_id']}", headers=owner)).json()
    assert own["contacte"]["email"] == OWNER
    listed = (await portal.http.get("/api/v1/ofertes", params={"mida": 50})).json()["items"]
    someone_elses = next(o for o in listed if o["oferta_id"] != market["oferta_id"])
    other = (await portal.http.get(f"/api/v1/ofertes/{someone_elses['oferta_id']}", headers=owner)).json()
    assert other["contacte"] is None
    confirmed = await portal.http.post(f"/api/v1/ofertes/{market['oferta_id']}/confirmacio", headers=owner)
    assert confirmed.status_code == 200, confirmed.text
    for action, body in (("confirmacio", None), ("retirada", {"motiu": "llogada"})):
        refused = await portal.http.post(f"/api/v1/ofertes/{someone_elses['oferta_id']}/{action}", headers=owner,
                                         json=body)
        assert refused.status_code == 404, action
    assert (await portal.http.get(f"/api/v1/ofertes/{someone_elses['oferta_id']}")).json()["estat"] == "disponible"


async def test_a_management_body_token_reads_only_its_estates_vacancies(portal: District) -> None:
    for poligon, nif in (("els-bellots-ii", valid_cif(731)), ("can-palet", valid_cif(732))):
        registered = await portal.register_empresa(nif=nif, rao_social=f"Sortint {poligon} SL", cnae="2511",
                                                   poligon_id=poligon)
        left = await portal.http.post(f"/api/v1/empreses/{registered.json()['empresa_id']}/baixa",
                                      headers=portal.staff, json={"motiu": "tancament"})
        assert left.status_code == 200, left.text

    async def heard() -> int:
        found = (await portal.http.get("/api/v1/vacants-possibles", headers=portal.staff,
                                       params={"poligon": "can-palet"})).json()
        return found["total"]

    await eventually(heard, what="the vacancy in Can Palet")
    body = await portal.http.post("/api/v1/admin/tokens", headers=portal.staff, json={
        "nom": "ERP de la junta", "rol": "ens_gestor", "email": "erp@bellots2.example", "poligons": ["els-bellots-ii"]})
    assert body.status_code == 201, body.text
    headers = {"Authorization": f"Bearer {body.json()['token']}"}

    async def own() -> list[str]:
        found = (await portal.http.get("/api/v1/vacants-possibles", headers=headers)).json()["items"]
        return [v["poligon_id"] for v in found]

    assert set(await eventually(own, what="its estate's vacancy")) == {"els-bellots-ii"}
    elsewhere = await portal.http.get("/api/v1/vacants-possibles", headers=headers, params={"poligon": "can-palet"})
    assert elsewhere.status_code == 403 and "els-bellots-ii" in elsewhere.json()["detail"]
    unscoped = await portal.token("ens_gestor", "junta@sense-poligons.example")
    assert (await portal.http.get("/api/v1/vacants-possibles", headers=unscoped)).status_code == 403
    unknown = await portal.http.post("/api/v1/admin/tokens", headers=portal.staff, json={
        "nom": "x", "rol": "ens_gestor", "poligons": ["enlloc"]})
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["camp"] == "poligons"
