"""Accounts in a real browser: staff sign in to their dashboard, invite a management body, which
chooses its password from the mail and lands on its own page; CSRF refusals; each role's limits."""

from __future__ import annotations

import re

import httpx
import pytest
from axe_playwright_python.async_playwright import Axe
from playwright.async_api import Browser, Page, expect

from districte.demo_data import DEMO_EMAIL
from tests.browser.conftest import DEMO_PASSWORD, screenshot
from tests.browser.test_public_pages import AXE_RULES
from tests.support.district import District
from tests.support.waiting import eventually

pytestmark = [pytest.mark.slow, pytest.mark.asyncio(loop_scope="package")]
INVITEE = "gerencia@canpetit.example"


async def sign_in(page: Page, email: str, password: str) -> None:
    await page.get_by_label("Adreça electrònica").fill(email)
    await page.get_by_label("Contrasenya", exact=True).fill(password)
    await page.get_by_role("button", name="Entra").click()


async def test_staff_sign_in_to_their_dashboard_and_out_again(page: Page, portal: District) -> None:
    leaving = (await portal.http.get("/api/v1/empreses", params={"q": "Vidres Tècnics"})).json()["items"][0]
    left = await portal.http.post(f"/api/v1/empreses/{leaving['empresa_id']}/baixa", headers=portal.staff,
                                  json={"motiu": "tancament"})
    assert left.status_code == 200, left.text

    async def vacancies() -> int:
        return (await portal.http.get("/api/v1/vacants-possibles", headers=portal.staff,
                                      params={"estat": "per_verificar"})).json()["total"]

    waiting = await eventually(vacancies, what="the possible vacancy")  # location heard of the departure
    await page.goto("/personal")
    await expect(page).to_have_url(re.compile(r"/entrar\?seguent=/personal$"))
    await sign_in(page, DEMO_EMAIL, "no és la contrasenya")
    await expect(page.locator("#contrasenya-error")).to_have_text("L'adreça o la contrasenya no són correctes.")
    await expect(page.get_by_label("Adreça electrònica")).to_have_value(DEMO_EMAIL)  # what was typed stays

    await sign_in(page, DEMO_EMAIL, DEMO_PASSWORD)
    await expect(page).to_have_url(re.compile(r"/personal$"))
    await expect(page.get_by_role("heading", level=1)).to_have_text("Tauler del personal tècnic")
    await expect(page.locator("[data-xifra=vacants]")).to_have_text(str(waiting))
    unconfirmed = (await portal.http.get("/api/v1/empreses", headers=portal.staff,
                                         params={"sense_confirmar_mesos": 12})).json()["total"]
    await expect(page.locator("[data-xifra=sense-confirmar]")).to_have_text(str(unconfirmed))
    await screenshot(page, "tauler")
    for path in ("/personal", "/personal/usuaris", "/compte"):  # the signed-in pages pass the same check
        await page.goto(path)
        results = await Axe().run(page, options=AXE_RULES)
        assert results.violations_count == 0, (path, results.generate_report())
    await page.goto("/personal")

    await page.get_by_role("button", name="Surt").click()
    await expect(page).to_have_url(re.compile(r"/$"))
    await page.goto("/personal")
    await expect(page).to_have_url(re.compile(r"/entrar"))


async def test_staff_invite_a_management_body_which_chooses_its_password_from_the_mail(
        page: Page, browser: Browser, portal: District) -> None:
    elsewhere = (await portal.http.get("/api/v1/empreses", params={"q": "Mecanitzats Egara"})).json()["items"][0]
    assert elsewhere["poligon_id"] == "els-bellots"
    left = await portal.http.post(f"/api/v1/empreses/{elsewhere['empresa_id']}/baixa", headers=portal.staff,
                                  json={"motiu": "tancament"})
    assert left.status_code == 200, left.text

    async def heard() -> int:
        return (await portal.http.get("/api/v1/vacants-possibles", headers=portal.staff, params={
            "estat": "per_verificar", "poligon": "els-bellots"})).json()["total"]

    await eventually(heard, what="a possible vacancy in Els Bellots")
    await page.goto("/entrar")
    await sign_in(page, DEMO_EMAIL, DEMO_PASSWORD)
    await page.goto("/personal/usuaris")
    await page.get_by_role("button", name="Convida").click()
    await expect(page.locator("#nom-error")).to_have_text("Cal omplir aquest camp.")
    await page.get_by_label("Nom", exact=True).fill("Gerència de Can Petit")
    await page.get_by_label("Adreça electrònica").fill(INVITEE)
    await page.get_by_label("Rol").select_option("ens_gestor")
    await page.get_by_label("Idioma dels correus").select_option("es")
    await page.get_by_role("button", name="Convida").click()
    await expect(page.locator("#poligons-error")).to_have_text("Trieu almenys un polígon.")
    await expect(page.get_by_label("Nom", exact=True)).to_have_value("Gerència de Can Petit")
    await page.get_by_label("Can Petit").check()
    await page.get_by_role("button", name="Convida").click()
    await expect(page.get_by_role("status")).to_have_text("Hem enviat la invitació.")
    await expect(page.get_by_role("row", name=re.compile("Gerència de Can Petit"))).to_contain_text("Convidat")

    [mail] = await portal.mails(INVITEE, 1)
    assert mail.subject == "Os invitamos al Portal de polígonos y empresas del distrito industrial de Terrassa"
    link = re.search(r"https?://[^/\s]+(/compte/invitacio/\S+)", mail.text)
    assert link is not None, mail.text

    invitee = await browser.new_context(base_url=str(portal.http.base_url), locale="es-ES")
    own = await invitee.new_page()
    await own.goto(link.group(1))
    await own.get_by_label("Contraseña nueva").fill("curta")
    await own.get_by_label("Repetid la contraseña").fill("curta")
    await own.get_by_role("button", name="Guardar la contraseña y entrar").click()
    await expect(own.locator("#contrasenya-error")).to_have_text("Debe tener al menos 12 caracteres.")
    await own.get_by_label("Contraseña nueva").fill("una frase llarga per a can petit")
    await own.get_by_label("Repetid la contraseña").fill("una frase llarga per a can petit")
    await own.get_by_role("button", name="Guardar la contraseña y entrar").click()
    await expect(own).to_have_url(re.compile(r"/ens-gestor$"))  # its own estates, and no other
    await expect(own.get_by_role("heading", level=2, name="Can Petit")).to_be_visible()
    await expect(own.get_by_role("heading", level=2, name="Els Bellots")).to_have_count(0)
    pending = (await portal.http.get("/api/v1/vacants-possibles", headers=portal.staff, params={
        "estat": "per_verificar", "poligon": "can-petit"})).json()["items"]
    listed = await own.locator("section[aria-labelledby=poligon-can-petit] ul li").all_inner_texts()
    assert len(listed) == len(pending)
    assert not [text for text in listed if "Mecanitzats Egara" in text]  # left Els Bellots: not its estate
    results = await Axe().run(own, options=AXE_RULES)
    assert results.violations_count == 0, results.generate_report()
    await own.goto("/compte")
    await expect(own.locator(".fitxa")).to_contain_text("Can Petit")
    staff_only = await own.request.get("/api/v1/vacants-possibles?poligon=els-bellots")
    assert staff_only.status == 403  # its session reaches only what its role may
    await own.goto("/personal")
    await expect(own.get_by_role("heading", level=1)).to_have_text("No tenéis acceso")  # not staff
    await own.goto(link.group(1))
    await expect(own.get_by_role("heading", level=1)).to_have_text("Enlace no válido")  # used once

    await page.reload()
    await page.get_by_role("row", name=re.compile("Gerència de Can Petit")).get_by_role(
        "button", name="Desactiva").click()
    await expect(page.get_by_role("status")).to_contain_text("Compte desactivat")
    await own.goto("/compte")
    await expect(own).to_have_url(re.compile(r"/entrar"))  # the session ended with the account
    await invitee.close()


async def test_forms_from_elsewhere_and_session_calls_without_the_token_are_refused(portal: District) -> None:
    async with httpx.AsyncClient(base_url=portal.http.base_url, timeout=15.0) as http:  # its own cookie jar
        page = await http.get("/entrar")
        token = http.cookies["csrf"]
        assert f'name="csrf" value="{token}"' in page.text and "samesite=strict" in page.headers["set-cookie"].lower()
        credentials = {"email": DEMO_EMAIL, "contrasenya": DEMO_PASSWORD}
        no_field = await http.post("/entrar", data=credentials, headers={"Accept": "text/html"})
        assert no_field.status_code == 403 and "No s'ha fet res" in no_field.text
        forged = await http.post("/entrar", data=credentials | {"csrf": "un altre"})
        assert forged.status_code == 403 and "sessio" not in http.cookies

        signed = await http.post("/entrar", data=credentials | {"csrf": token})
        assert signed.status_code == 303 and signed.headers["location"] == "/personal"
        cookie = signed.headers["set-cookie"].lower()
        assert "sessio=" in cookie and "httponly" in cookie and "samesite=lax" in cookie
        body = {"nom": "Junta de prova", "email": "junta@prova.example", "poligons": ["colom-ii"]}
        without = await http.post("/api/v1/ens-gestors", json=body)
        assert without.status_code == 403 and "X-CSRF-Token" in without.json()["detail"]
        allowed = await http.post("/api/v1/ens-gestors", json=body, headers={"X-CSRF-Token": token})
        assert allowed.status_code == 201, allowed.text


async def test_an_api_token_is_revoked_at_once_and_never_listed_in_clear(portal: District) -> None:
    issued = await portal.http.post("/api/v1/admin/tokens", headers=portal.staff,
                                    json={"nom": "Sistema de l'agència", "rol": "propietari", "email": "it@agencia.example"})
    assert issued.status_code == 201, issued.text
    token, token_id = issued.json()["token"], issued.json()["token_id"]
    holder = {"Authorization": f"Bearer {token}"}
    assert (await portal.http.get("/api/v1/preferencies", headers=holder)).status_code == 200
    listed = (await portal.http.get("/api/v1/admin/tokens", headers=portal.staff)).json()
    assert token_id in [t["token_id"] for t in listed] and token not in str(listed)

    assert (await portal.http.delete(f"/api/v1/admin/tokens/{token_id}", headers=holder)).status_code == 403
    revoked = await portal.http.delete(f"/api/v1/admin/tokens/{token_id}", headers=portal.staff)
    assert revoked.status_code == 204
    assert (await portal.http.get("/api/v1/preferencies", headers=holder)).status_code == 401
    again = await portal.http.delete(f"/api/v1/admin/tokens/{token_id}", headers=portal.staff)
    assert again.status_code == 404


async def test_staff_publish_confirm_and_withdraw_premises(page: Page, portal: District) -> None:
    await page.goto("/entrar?seguent=/personal/espais")
    await sign_in(page, DEMO_EMAIL, DEMO_PASSWORD)
    await expect(page.get_by_role("heading", level=1)).to_have_text("Espais: gestió")
    await page.get_by_role("button", name="Publica").click()
    await expect(page.locator("#superficie_m2-error")).to_have_text("Cal omplir aquest camp.")
    await expect(page.locator("#contacte_email-error")).to_have_text("Cal omplir aquest camp.")

    await page.get_by_label("Tipus").select_option("nau")
    await page.get_by_label("Operació").select_option("lloguer")
    await page.get_by_label("Polígon", exact=True).select_option("colom-ii")
    await page.get_by_label("Adreça", exact=True).fill("Carrer de Colom, 200")
    await page.get_by_label("Superfície construïda (m²)").fill("3.150")
    await page.get_by_label("Alçada lliure (m, opcional)").fill("9,5")
    await page.get_by_label("Estat de conservació").select_option("bo")
    await page.get_by_label("Preu (€ al mes").fill("12.600")
    await page.get_by_label("Contacte: nom").fill("Finques Colom")
    await page.get_by_label("Contacte: adreça electrònica").fill("no-es-una-adreca")
    await page.get_by_role("button", name="Publica").click()
    await expect(page.locator("#contacte_email-error")).to_have_text("No és una adreça electrònica vàlida.")
    await expect(page.get_by_label("Superfície construïda (m²)")).to_have_value("3.150")  # nothing typed is lost
    await page.get_by_label("Contacte: adreça electrònica").fill("finques@colom.example")
    await page.get_by_role("button", name="Publica").click()
    await expect(page.get_by_role("status")).to_contain_text("Oferta publicada")

    published = (await portal.http.get("/api/v1/ofertes", params={"poligon": "colom-ii", "superficie_min": 3150,
                                                                  "superficie_max": 3150})).json()["items"]
    assert [(o["superficie_m2"], o["alcada_lliure_m"], o["preu_eur"]) for o in published] == [(3150, 9.5, 12600)]
    row = page.get_by_role("row", name=re.compile("3.150 m²"))
    await row.get_by_label("Motiu de la retirada").select_option("llogada")
    await row.get_by_role("button", name="Retira").click()
    await expect(page.get_by_role("status")).to_have_text("Oferta retirada del mercat.")
    withdrawn = (await portal.http.get(f"/api/v1/ofertes/{published[0]['oferta_id']}", headers=portal.staff)).json()
    assert withdrawn["estat"] == "llogada"
    assert (await Axe().run(page, options=AXE_RULES)).violations_count == 0


async def test_staff_register_a_management_body_and_change_its_estates(page: Page, portal: District) -> None:
    await page.goto("/entrar?seguent=/personal/ens-gestors")
    await sign_in(page, DEMO_EMAIL, DEMO_PASSWORD)
    await expect(page.get_by_role("heading", level=1)).to_have_text("Ens gestors")
    form = page.locator("form[aria-labelledby=registrar]")
    await form.get_by_label("Nom", exact=True).fill("Associació de Santa Margarida")
    await form.get_by_label("Adreça electrònica").fill("associacio@santamargarida.example")
    await form.get_by_role("button", name="Registra").click()
    await expect(page.locator("#poligons-error")).to_have_text("Trieu almenys un polígon.")
    await expect(form.get_by_label("Nom", exact=True)).to_have_value("Associació de Santa Margarida")
    await form.get_by_label("Santa Margarida I", exact=True).check()
    await form.get_by_role("button", name="Registra").click()
    await expect(page.get_by_role("status")).to_contain_text("Ens gestor registrat")

    registered = [e for e in (await portal.http.get("/api/v1/ens-gestors")).json()
                  if e["email"] == "associacio@santamargarida.example"]
    assert [e["poligons"] for e in registered] == [["santa-margarida-i"]]
    section = page.locator(f"section[aria-labelledby=ens-{registered[0]['ens_gestor_id']}]")
    await section.get_by_label("Santa Margarida II", exact=True).check()
    await section.get_by_label("Adreça electrònica (on rep els avisos)").fill("")
    await section.get_by_role("button", name="Desa els canvis de Associació de Santa Margarida").click()
    await expect(page.locator(f"#email_{registered[0]['ens_gestor_id']}-error")).to_have_text(
        "Cal omplir aquest camp.")
    await section.get_by_label("Nom", exact=True).fill("Associació d'Empreses de Santa Margarida")
    await section.get_by_label("Adreça electrònica (on rep els avisos)").fill("gerencia@santamargarida.example")
    await section.get_by_role("button", name="Desa els canvis de Associació de Santa Margarida").click()
    await expect(page.get_by_role("status")).to_contain_text("Ens gestor actualitzat")
    changed = [e for e in (await portal.http.get("/api/v1/ens-gestors")).json()
               if e["ens_gestor_id"] == registered[0]["ens_gestor_id"]]
    assert [(e["nom"], e["email"], sorted(e["poligons"])) for e in changed] == [
        ("Associació d'Empreses de Santa Margarida", "gerencia@santamargarida.example",
         ["santa-margarida-i", "santa-margarida-ii"])]
    assert (await Axe().run(page, options=AXE_RULES)).violations_count == 0
