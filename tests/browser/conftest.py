"""Browser tests: Playwright drives Debian's Chromium, headless, against the real services.

The stack starts once for the package (SQLite: the pages do not depend on the database) with the
sample district and the staff account `make demo` makes. Without Chromium the tests are skipped, unless
DISTRICTE_TEST_BROWSER=required (CI), where that is a failure."""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from playwright.async_api import Browser, Page, async_playwright

from districte import demo_data
from districte.nats_server import NatsServer
from tests.support.databases import SqliteDatabases
from tests.support.district import ADMIN_TOKEN, ROOT, District
from tests.support.oidc_provider import OidcTestProvider
from tests.support.smtp import SmtpSink

pytestmark = pytest.mark.slow
DEMO_PASSWORD = "contrasenya de la demostració"
ARTEFACTS = Path(os.environ.get("DISTRICTE_TEST_ARTEFACTS", ROOT / "tests" / "artefactes"))
# Flags for a sandboxed, offline machine: no GPU, no calls home.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


def chromium() -> str:
    found = os.environ.get("DISTRICTE_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if os.environ.get("DISTRICTE_TEST_BROWSER") == "required":
        pytest.fail("Chromium is not installed (apt-get install chromium; .ci/run does it)")
    pytest.skip("Chromium is not installed (apt-get install chromium)")


@pytest_asyncio.fixture(scope="package", loop_scope="package")
async def identity_provider() -> AsyncIterator[OidcTestProvider]:
    """The city's identity provider the portal is configured with (OpenID Connect)."""
    async with OidcTestProvider() as provider:
        yield provider


@pytest_asyncio.fixture(scope="package", loop_scope="package")
async def portal(tmp_path_factory: pytest.TempPathFactory,
                 identity_provider: OidcTestProvider) -> AsyncIterator[District]:
    workdir = tmp_path_factory.mktemp("browser")
    nats_server = NatsServer(workdir / "nats", log_file=workdir / "nats-server.log")
    nats_server.start()
    smtp = SmtpSink()
    smtp.start()
    district = District(nats_server, SqliteDatabases(workdir), smtp, workdir)
    try:
        await district.start_all("census", "location", "notifications")
        # Its own address: the identity provider sends browsers back to it.
        district.start("portal", DISTRICTE_SEED_DEMO="1", DISTRICTE_DEMO_PASSWORD=DEMO_PASSWORD,
                       DISTRICTE_PUBLIC_URL=str(district.http.base_url).rstrip("/"), **identity_provider.environment())
        await district.wait_ready("portal")
        await district.register_ens_gestor("els-bellots", "junta@bellots.example", "Junta del Polígon dels Bellots")
        assert await demo_data.seed(str(district.http.base_url), ADMIN_TOKEN) > 0
        yield district
    finally:
        await district.close()
        smtp.stop()
        nats_server.stop()
        for service in district.processes:  # shown when a test failed
            print(f"--- {service} log (tail) ---\n{district.log(service)}")


@pytest_asyncio.fixture(scope="package", loop_scope="package")
async def browser() -> AsyncIterator[Browser]:
    executable = chromium()
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        await launched.close()


@pytest_asyncio.fixture(loop_scope="package")
async def page(browser: Browser, portal: District) -> AsyncIterator[Page]:
    """A Catalan-speaking visitor, offline: map tiles never load, and the pages must work without them."""
    context = await browser.new_context(base_url=str(portal.http.base_url), locale="ca-ES",
                                        viewport={"width": 1280, "height": 900})
    await context.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    opened = await context.new_page()
    yield opened
    await context.close()


async def screenshot(page: Page, name: str) -> Path:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTEFACTS / f"{name}.png"
    await page.screenshot(path=path, full_page=True)
    return path
