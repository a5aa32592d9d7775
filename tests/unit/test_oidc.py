"""The pieces of an OpenID Connect sign-in the browser carries: the PKCE challenge and the sealed
attempt (state, nonce, verifier), which nobody else can make, change or reuse once old."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from services.portal.adapters.oidc import OidcFailed, OidcProvider, OidcSignIn, Request
from services.portal.bootstrap import PortalSettings

PROVIDER = OidcProvider(issuer="https://idp.example/realms/terrassa", client_id="portal", client_secret="s",
                        redirect_uri="https://portal.example/entrar/oidc/retorn")


def test_the_pkce_challenge_is_rfc_7636s() -> None:
    attempt = Request("state", "nonce", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
    assert attempt.challenge == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"


def test_a_sealed_attempt_comes_back_whole_and_only_from_whoever_sealed_it() -> None:
    sign_in = OidcSignIn(PROVIDER, "VÀLid", "un secret prou llarg per signar-ho tot")
    attempt = Request.new()
    sealed = sign_in.seal(attempt, "/personal")
    assert sign_in.unseal(sealed) == (attempt, "/personal")
    assert len({attempt.state, attempt.nonce, attempt.verifier}) == 3
    with pytest.raises(OidcFailed):
        sign_in.unseal(sealed[:-2] + ("A" if sealed[-2] != "A" else "B") + sealed[-1])
    with pytest.raises(OidcFailed):
        OidcSignIn(PROVIDER, "VÀLid", "un altre secret, d'un altre lloc").unseal(sealed)
    with pytest.raises(OidcFailed):
        OidcSignIn(PROVIDER, "VÀLid", sign_in.secret, lifetime_s=-1).unseal(sealed)  # too old
    with pytest.raises(OidcFailed):
        sign_in.unseal("")


def test_the_identity_provider_is_configured_whole_or_not_at_all(monkeypatch: pytest.MonkeyPatch,
                                                                   tmp_path: Path) -> None:
    monkeypatch.setenv("DISTRICTE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("DISTRICTE_OIDC_ISSUER", "https://idp.example/realms/terrassa")
    with pytest.raises(ValidationError, match="DISTRICTE_OIDC_CLIENT_ID"):
        PortalSettings()
    monkeypatch.setenv("DISTRICTE_OIDC_CLIENT_ID", "portal")
    monkeypatch.setenv("DISTRICTE_OIDC_CLIENT_SECRET", "secret")
    assert PortalSettings().oidc_client_id == "portal"
