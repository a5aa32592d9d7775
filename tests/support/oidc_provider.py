"""A real OpenID Connect provider over HTTP for the tests: discovery, an authorization endpoint that
signs in whoever the test says (as if they had typed their city credentials), a token endpoint that
checks the client and the PKCE verifier, and a JWKS with an RSA key. It can be told to misbehave."""

from __future__ import annotations

import base64
import hashlib
import secrets
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from districte.nats_server import free_port
from tests.support.http_server import serving

CLIENT_ID = "districte-portal"
CLIENT_SECRET = "secret-del-client-de-proves"


@dataclass
class OidcTestProvider:
    email: str = "personal.tecnic@districte.example"
    # "": a well-behaved provider; else one of "audience", "nonce", "signature", "expired", "unverified".
    misbehave: str = ""
    port: int = field(default_factory=free_port)
    authorizations: list[dict[str, str]] = field(default_factory=list)
    _codes: dict[str, dict[str, str]] = field(default_factory=dict)
    _key: rsa.RSAPrivateKey = field(default_factory=lambda: rsa.generate_private_key(65537, 2048))

    @property
    def issuer(self) -> str:
        return f"http://127.0.0.1:{self.port}/realms/terrassa"

    def environment(self) -> dict[str, str]:
        return {"DISTRICTE_OIDC_ISSUER": self.issuer, "DISTRICTE_OIDC_CLIENT_ID": CLIENT_ID,
                "DISTRICTE_OIDC_CLIENT_SECRET": CLIENT_SECRET, "DISTRICTE_OIDC_NOM": "VÀLid (proves)"}

    async def _discovery(self, _: Request) -> Response:
        base = self.issuer
        return JSONResponse({"issuer": base, "authorization_endpoint": f"{base}/auth",
                             "token_endpoint": f"{base}/token", "jwks_uri": f"{base}/certs",
                             "id_token_signing_alg_values_supported": ["RS256"]})

    async def _authorize(self, request: Request) -> Response:
        params = dict(request.query_params)
        self.authorizations.append(params)
        code = secrets.token_urlsafe(16)
        self._codes[code] = {**params, "email": self.email}
        back = urlencode({"code": code, "state": params.get("state", "")})
        return RedirectResponse(f"{params['redirect_uri']}?{back}", status_code=302)

    async def _token(self, request: Request) -> Response:
        form = await request.form()
        expected = "Basic " + base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        granted = self._codes.pop(str(form.get("code")), None)  # a code is good once
        if request.headers.get("authorization") != expected or granted is None:
            return JSONResponse({"error": "invalid_grant"}, status_code=400)
        challenge = base64.urlsafe_b64encode(hashlib.sha256(str(form.get("code_verifier")).encode()).digest())
        if challenge.rstrip(b"=").decode() != granted["code_challenge"] or form.get("redirect_uri") != granted[
                "redirect_uri"]:
            return JSONResponse({"error": "invalid_grant"}, status_code=400)
        return JSONResponse({"access_token": secrets.token_urlsafe(16), "token_type": "Bearer",
                             "id_token": self._id_token(granted)})

    def _id_token(self, granted: dict[str, str]) -> str:
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": self.issuer, "sub": hashlib.sha256(granted["email"].encode()).hexdigest(),
            "aud": "un-altre-client" if self.misbehave == "audience" else CLIENT_ID,
            "iat": now, "exp": now - 3600 if self.misbehave == "expired" else now + 300,
            "nonce": "un-altre-nonce" if self.misbehave == "nonce" else granted["nonce"],
            "email": granted["email"], "email_verified": self.misbehave != "unverified"}
        key = rsa.generate_private_key(65537, 2048) if self.misbehave == "signature" else self._key
        return jwt.encode(claims, key, algorithm="RS256", headers={"kid": "clau-1"})

    async def _certs(self, _: Request) -> Response:
        public = jwt.algorithms.RSAAlgorithm.to_jwk(self._key.public_key(), as_dict=True)
        return JSONResponse({"keys": [{**public, "kid": "clau-1", "use": "sig", "alg": "RS256"}]})

    async def __aenter__(self) -> OidcTestProvider:
        prefix = "/realms/terrassa"
        app = Starlette(routes=[
            Route(f"{prefix}/.well-known/openid-configuration", self._discovery),
            Route(f"{prefix}/auth", self._authorize), Route(f"{prefix}/token", self._token, methods=["POST"]),
            Route(f"{prefix}/certs", self._certs)])
        self._serving = serving(app, self.port)
        await self._serving.__aenter__()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._serving.__aexit__(None, None, None)
