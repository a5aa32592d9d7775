"""Who is signed in (the session cookie), and the CSRF token every form carries.

The session cookie holds a random secret (only its digest is stored); it is HttpOnly, SameSite=Lax,
and Secure when the portal is served over HTTPS. Forms are protected by a double-submit token: a
random ``csrf`` cookie (SameSite=Strict) that every form repeats in a hidden field; a POST whose
field and cookie differ is refused. JavaScript-free pages need nothing else."""

from __future__ import annotations

import secrets
from urllib.parse import parse_qs

from starlette.requests import Request
from starlette.responses import Response

from services.portal.domain.accounts import SESSION_LIFETIME, Usuari

SESSION_COOKIE = "sessio"
CSRF_COOKIE = "csrf"
CSRF_FIELD = "csrf"
CSRF_HEADER = "X-CSRF-Token"
FORM_LIMIT = 64 * 1024


class CsrfRefused(Exception):
    pass


def csrf_token(request: Request) -> str:
    """The visitor's token: the cookie's, or a new one the response will set."""
    token = request.cookies.get(CSRF_COOKIE) or getattr(request.state, "new_csrf", None)
    if not token:
        token = request.state.new_csrf = secrets.token_urlsafe(32)
    return token


def keep_csrf_cookie(request: Request, response: Response, secure: bool) -> None:
    new = getattr(request.state, "new_csrf", None)
    if new:
        response.set_cookie(CSRF_COOKIE, new, httponly=True, samesite="strict", secure=secure)


async def read_form(request: Request) -> dict[str, str]:
    """An url-encoded form, checked against the CSRF cookie (raises CsrfRefused)."""
    body = await request.body()
    form = {name: values[0] for name, values in parse_qs(body[:FORM_LIMIT].decode("utf-8", "replace")).items()}
    expected = request.cookies.get(CSRF_COOKIE)
    if not expected or not secrets.compare_digest(form.pop(CSRF_FIELD, ""), expected):
        raise CsrfRefused
    return form


async def read_upload(request: Request, field: str) -> tuple[str, str, bytes]:
    """A form with one file (multipart), checked against the CSRF cookie like any other:
    (its name, its declared type, its content; empty when none was chosen)."""
    form = await request.form(max_files=1, max_fields=5)
    expected = request.cookies.get(CSRF_COOKIE)
    given = form.get(CSRF_FIELD)
    if not expected or not isinstance(given, str) or not secrets.compare_digest(given, expected):
        raise CsrfRefused
    upload = form.get(field)
    if upload is None or isinstance(upload, str):
        return "", "", b""
    return upload.filename or "", upload.content_type or "", await upload.read()


def csrf_header_ok(request: Request) -> bool:
    """For calls to the API made with the session cookie: the token in a header."""
    expected = request.cookies.get(CSRF_COOKIE)
    return bool(expected) and secrets.compare_digest(request.headers.get(CSRF_HEADER, ""), expected)


def start_session(response: Response, secret: str, secure: bool) -> None:
    response.set_cookie(SESSION_COOKIE, secret, max_age=int(SESSION_LIFETIME.total_seconds()), httponly=True,
                        samesite="lax", secure=secure)


def end_session(response: Response, secure: bool) -> None:
    response.delete_cookie(SESSION_COOKIE, httponly=True, samesite="lax", secure=secure)


async def signed_in(request: Request) -> Usuari | None:
    """The account of the session cookie, once per request."""
    if not hasattr(request.state, "usuari"):
        secret = request.cookies.get(SESSION_COOKIE)
        accounts = request.app.state.portal.accounts
        request.state.usuari = await accounts.session_holder(secret) if secret else None
    return request.state.usuari
