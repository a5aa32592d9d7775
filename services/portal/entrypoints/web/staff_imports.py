"""Staff's imports screen: upload a CSV or XLSX of companies, follow each import as it runs (the page
refreshes itself while one does, without JavaScript), read what was refused and download the report."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import RedirectResponse
from starlette.requests import Request
from starlette.responses import Response

from services.portal.entrypoints.http.dependencies import Context, call
from services.portal.entrypoints.http.errors import ApiError
from services.portal.entrypoints.http.importacions import file_format, start_import
from services.portal.entrypoints.web.refusals import GENERAL
from services.portal.entrypoints.web.rendering import pages
from services.portal.entrypoints.web.session import read_upload
from services.portal.entrypoints.web.staff import staff_member
from services.portal.entrypoints.web.typed_values import REQUIRED
from shared.contracts.census_api import SERVICE
from shared.contracts.census_imports import LlistarImportacions

router = APIRouter(include_in_schema=False)
RUNNING = ("en_cua", "en_curs")
FORMAT_REFUSED = "format_fitxer"
SHOWN = 20


@router.get("/personal/importacions")
async def imports(request: Request, ctx: Context) -> Response:
    await staff_member(request)
    return await _page(request, ctx, {}, {})


@router.post("/personal/importacions")
async def upload(request: Request, ctx: Context) -> Response:
    await staff_member(request)
    name, declared, content = await read_upload(request, "fitxer")
    format = file_format(declared, name)
    if not content:
        return await _page(request, ctx, {"fitxer": REQUIRED}, {}, 422)
    if format is None:
        return await _page(request, ctx, {"fitxer": FORMAT_REFUSED}, {}, 422)
    try:
        await start_import(ctx, content, name, format)
    except ApiError as refused:
        if refused.status not in (409, 422):
            raise
        return await _page(request, ctx, {}, {GENERAL: refused.detail}, 422)
    return RedirectResponse("/personal/importacions", status_code=303)


async def _page(request: Request, ctx: Context, errors: dict[str, str], reasons: dict[str, str],
                status: int = 200) -> Response:
    found = await call(ctx, SERVICE, "LlistarImportacions", LlistarImportacions(mida=SHOWN))
    running = any(job["estat"] in RUNNING for job in found["items"])
    return await pages.render(request, "personal/importacions.html", status, importacions=found["items"],
                              en_curs=running, errors=errors, motius=reasons)
