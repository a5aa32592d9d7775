"""Signing in with the city's identity provider (OpenID Connect, configured only by environment):
an account's holder gets its session; a stranger, a forged or replayed answer, or an ID token that
fails any check gets none."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
import pytest_asyncio
from playwright.async_api import Page, expect

from districte.demo_data import DEMO_EMAIL
from tests.support.district import District
from tests.support.oidc_provider import CLIENT_ID, OidcTestProvider

pytestmark = [pytest.mark.slow, pytest.mark.asyncio(loop_scope="package")]
NO_ACCOUNT = "Aquesta identitat no té cap compte actiu al portal"
FAILED = "No s'ha pogut completar l'entrada amb la identitat digital"


@pytest_asyncio.fixture(loop_scope="package")
async def provider(identity_provider: OidcTestProvider) -> AsyncIterator[OidcTestProvider]:
    yield identity_provider
    identity_provider.email, identity_provider.misbehave = DEMO_EMAIL, ""


@pytest_asyncio.fixture(loop_scope="package")
async def visitor(portal: District) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=str(portal.http.base_url), headers={"Accept": "text/html"}) as client:
        yield client


async def test_staff_sign_in_with_the_identity_provider_and_land_where_they_were_going(
        page: Page, provider: OidcTestProvider) -> None:
    await page.goto("/personal/empreses")
    await expect(page).to_have_url(re.compile(r"/entrar\?seguent=/personal/empreses$"))
    await page.get_by_role("link", name="Entra amb VÀLid (proves)").click()
    await expect(page).to_have_url(re.compile(r"/personal/empreses$"))
    await expect(page.get_by_role("heading", level=1)).to_have_text("Cens d'empreses")
    asked = provider.authorizations[-1]
    assert (asked["client_id"], asked["response_type"], asked["code_challenge_method"]) == (CLIENT_ID, "code", "S256")
    assert asked["redirect_uri"].endswith("/entrar/oidc/retorn") and asked["nonce"] and asked["state"]


async def test_an_identity_without_an_account_gets_no_session(visitor: httpx.AsyncClient,
                                                              provider: OidcTestProvider) -> None:
    provider.email = "algu@desconegut.example"
    answer = await visitor.get("/entrar/oidc", follow_redirects=True)
    assert answer.status_code == 403 and NO_ACCOUNT in answer.text
    assert "sessio" not in visitor.cookies
    assert (await visitor.get("/personal")).headers["location"].startswith("/entrar")


@pytest.mark.parametrize("misbehave", ["audience", "nonce", "signature", "expired", "unverified"])
async def test_an_id_token_that_fails_a_check_gets_no_session(visitor: httpx.AsyncClient, provider: OidcTestProvider,
                                                              misbehave: str) -> None:
    provider.misbehave = misbehave
    answer = await visitor.get("/entrar/oidc", follow_redirects=True)
    assert answer.status_code == 403 and FAILED in answer.text
    assert "sessio" not in visitor.cookies


async def test_a_forged_or_replayed_answer_gets_no_session(visitor: httpx.AsyncClient,
                                                           provider: OidcTestProvider) -> None:
    to_provider = (await visitor.get("/entrar/oidc")).headers["location"]
    back = (await visitor.get(to_provider)).headers["location"]
    code, state = (parse_qs(urlsplit(back).query)[name][0] for name in ("code", "state"))
    path = urlsplit(back).path
    forged = await visitor.get(path, params={"code": code, "state": state + "x"})
    assert forged.status_code == 403 and FAILED in forged.text  # another attempt's state
    assert "sessio" not in visitor.cookies

    to_provider = (await visitor.get("/entrar/oidc")).headers["location"]
    back = (await visitor.get(to_provider)).headers["location"]
    signed_in = await visitor.get(back)
    assert signed_in.status_code == 303 and "sessio" in signed_in.cookies
    async with httpx.AsyncClient(base_url=visitor.base_url, headers={"Accept": "text/html"}) as stranger:
        replayed = await stranger.get(back)  # the same answer in a browser that did not ask for it
        assert replayed.status_code == 403 and "sessio" not in replayed.cookies
