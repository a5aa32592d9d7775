"""Every refusal answers in Catalan, naming each offending field and why.

Body of every 4xx/5xx: ``{"detail": "...", "errors": [{"camp": "...", "motiu": "..."}]}``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from shared.errors import FieldError
from shared.validation_messages import catalan_reason, field_name


def problem(status: int, detail: str, errors: list[FieldError] | None = None,
            headers: dict[str, str] | None = None) -> JSONResponse:
    body = {"detail": detail, "errors": [e.model_dump() for e in errors or []]}
    return JSONResponse(body, status_code=status, headers=headers)


class ApiError(Exception):
    def __init__(self, status: int, detail: str, errors: list[FieldError] | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.status, self.detail, self.errors, self.headers = status, detail, errors, headers


STATUS_TEXT = {
    400: "Petició incorrecta.",
    401: "Cal autenticar-se.",
    403: "No teniu permís per fer aquesta acció.",
    404: "No s'ha trobat el recurs.",
    405: "Mètode no permès.",
    413: "El cos de la petició és massa gran.",
    415: "Tipus de contingut no admès.",
}


# Answers a browser's request for a page with a page (None: the JSON problem).
PageForError = Callable[[Request, int], Awaitable[Response | None]]


async def _no_page(request: Request, status: int) -> Response | None:
    return None


def install_error_handlers(app: FastAPI, page_for: PageForError = _no_page) -> None:
    @app.exception_handler(RequestValidationError)
    async def on_validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [FieldError(camp=field_name(e["loc"]), motiu=catalan_reason(e)) for e in exc.errors()]
        return problem(422, "Hi ha camps no vàlids.", errors)

    @app.exception_handler(ApiError)
    async def on_api_error(request: Request, exc: ApiError) -> Response:
        return await page_for(request, exc.status) or problem(exc.status, exc.detail, exc.errors, exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException) -> Response:
        return await page_for(request, exc.status_code) or problem(exc.status_code, STATUS_TEXT.get(exc.status_code, str(exc.detail)),
                       headers=getattr(exc, "headers", None))
