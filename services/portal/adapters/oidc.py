"""Signing in with the city's identity provider (OpenID Connect, authorization code flow with PKCE).

Configuration only: the provider is found from its issuer's discovery document, and the portal is a
confidential client (client_secret_basic). The ID token is checked as OpenID Connect Core §3.1.3.7
says: signature by a key of the provider's JWKS, issuer, audience, expiry and the nonce this browser
was given. What the portal takes from it is a verified email address; who may do what stays with the
portal's own accounts (staff invite people; the provider only proves who they are)."""

from __future__ import annotations

import base64
import hashlib
import secrets
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import httpx
import jwt
from itsdangerous import BadSignature, URLSafeTimedSerializer

SIGNING_ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"]
METADATA_LIFETIME_S = 3600.0
LEEWAY_S = 60  # clocks drift between the provider and the portal


class OidcFailed(Exception):
    """The provider's answer cannot be trusted or used (the reason is for the logs, never the page)."""


@dataclass(frozen=True)
class Request:
    """What one sign-in attempt sends to the provider, and must find again when it comes back."""

    state: str
    nonce: str
    verifier: str

    @classmethod
    def new(cls) -> Request:
        return cls(secrets.token_urlsafe(24), secrets.token_urlsafe(24), secrets.token_urlsafe(48))

    @property
    def challenge(self) -> str:
        digest = hashlib.sha256(self.verifier.encode("ascii")).digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


@dataclass
class OidcProvider:
    issuer: str
    client_id: str
    client_secret: str
    redirect_uri: str
    scopes: str = "openid email profile"
    timeout_s: float = 10.0
    _metadata: dict[str, Any] | None = field(default=None, repr=False)
    _fetched_at: float = field(default=0.0, repr=False)
    _keys: jwt.PyJWKSet | None = field(default=None, repr=False)

    async def authorization_url(self, attempt: Request) -> str:
        metadata = await self._discovery()
        query = {"response_type": "code", "client_id": self.client_id, "redirect_uri": self.redirect_uri,
                 "scope": self.scopes, "state": attempt.state, "nonce": attempt.nonce,
                 "code_challenge": attempt.challenge, "code_challenge_method": "S256"}
        return f"{metadata['authorization_endpoint']}?{urlencode(query)}"

    async def verified_email(self, code: str, attempt: Request) -> str:
        """The email address the provider vouches for, from the code it sent back to this browser."""
        metadata = await self._discovery()
        try:
            async with httpx.AsyncClient(timeout=self.timeout_s) as client:
                answer = await client.post(metadata["token_endpoint"], auth=(self.client_id, self.client_secret), data={
                    "grant_type": "authorization_code", "code": code, "redirect_uri": self.redirect_uri,
                    "code_verifier": attempt.verifier})
            tokens = answer.json() if answer.status_code == 200 else {}
        except (httpx.HTTPError, ValueError) as exc:
            raise OidcFailed(f"token endpoint unusable: {exc!r}") from exc
        if not isinstance(tokens, dict) or not isinstance(tokens.get("id_token"), str):
            raise OidcFailed(f"token endpoint answered {answer.status_code} without an ID token")
        claims = await self._claims(tokens["id_token"], attempt.nonce)
        email = claims.get("email")
        if not isinstance(email, str) or "@" not in email or claims.get("email_verified") is False:
            raise OidcFailed("the ID token has no verified email address")
        return email.lower()

    async def _claims(self, id_token: str, nonce: str) -> dict[str, Any]:
        try:
            key = await self._signing_key(jwt.get_unverified_header(id_token).get("kid"))
            claims = jwt.decode(id_token, key, algorithms=SIGNING_ALGORITHMS, audience=self.client_id,
                                issuer=self.issuer, leeway=LEEWAY_S, options={"require": ["exp", "iat", "sub"]})
        except jwt.PyJWTError as exc:
            raise OidcFailed(f"ID token refused: {exc}") from exc
        if not secrets.compare_digest(str(claims.get("nonce", "")), nonce):
            raise OidcFailed("ID token for another sign-in (nonce)")
        if isinstance(claims["aud"], list) and len(claims["aud"]) > 1 and claims.get("azp") != self.client_id:
            raise OidcFailed("ID token issued to another party (azp)")
        return claims

    async def _signing_key(self, kid: str | None) -> Any:
        """The provider's key; its key set is fetched again once when it names a key not seen (rotation)."""
        for refresh in (False, True):
            if self._keys is None or refresh:
                self._keys = jwt.PyJWKSet.from_dict(await self._get((await self._discovery())["jwks_uri"]))
            usable = [k for k in self._keys.keys if kid is None or k.key_id == kid]
            if usable:
                return usable[0]
        raise OidcFailed(f"no key {kid!r} in the provider's key set")

    async def _discovery(self) -> dict[str, Any]:
        if self._metadata is None or time.monotonic() - self._fetched_at > METADATA_LIFETIME_S:
            metadata = await self._get(f"{self.issuer.rstrip('/')}/.well-known/openid-configuration")
            if metadata.get("issuer") != self.issuer:
                raise OidcFailed(f"discovery names another issuer: {metadata.get('issuer')!r}")
            self._metadata, self._fetched_at = metadata, time.monotonic()
        return self._metadata

    async def _get(self, url: str) -> dict[str, Any]:
        try:
            async with httpx.AsyncClient(timeout=self.timeout_s) as client:
                answer = await client.get(url)
                answer.raise_for_status()
                return answer.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise OidcFailed(f"{url} unusable: {exc!r}") from exc


@dataclass(frozen=True)
class OidcSignIn:
    """The provider, the words its button shows, and the seal on what one attempt must find again
    (kept in the visitor's own cookie, signed: no server-side state, any replica finishes it)."""

    provider: OidcProvider
    nom: str
    secret: str
    lifetime_s: int = 600

    def seal(self, attempt: Request, seguent: str) -> str:
        return self._serializer.dumps([attempt.state, attempt.nonce, attempt.verifier, seguent])

    def unseal(self, sealed: str) -> tuple[Request, str]:
        try:
            state, nonce, verifier, seguent = self._serializer.loads(sealed, max_age=self.lifetime_s)
        except (BadSignature, ValueError) as exc:
            raise OidcFailed("no sign-in attempt of this browser, or too old") from exc
        return Request(state, nonce, verifier), seguent

    @property
    def _serializer(self) -> URLSafeTimedSerializer:
        return URLSafeTimedSerializer(self.secret, salt="districte-oidc")
