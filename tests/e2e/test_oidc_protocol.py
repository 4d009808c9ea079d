"""What our OIDC client sends: the local provider accepts anything, so PKCE and nonce are checked here."""

from __future__ import annotations

import base64
import hashlib
import json
from urllib.parse import parse_qs, urlparse

import httpx

from tests.e2e.conftest import OIDC_CLIENT_ID


def _handshake(app_url: str, next_path: str = "/account") -> tuple[dict, dict]:
    response = httpx.get(f"{app_url}/auth/oidc/login", params={"next": next_path}, follow_redirects=False)
    assert response.status_code == 302
    query = {k: v[0] for k, v in parse_qs(urlparse(response.headers["location"]).query).items()}
    cookie = response.cookies["rs_oidc"]
    payload = cookie.split(".")[0]  # Starlette's session cookie: base64(JSON) . timestamp . signature
    session = json.loads(base64.b64decode(payload + "=" * (-len(payload) % 4)))
    return query, session


def test_authorization_request_uses_pkce_s256_state_and_nonce(app_url: str, oidc_provider: str):
    query, session = _handshake(app_url)
    assert query["response_type"] == "code"
    assert query["client_id"] == OIDC_CLIENT_ID
    assert query["redirect_uri"] == f"{app_url}/auth/oidc/callback"
    assert set(query["scope"].split()) == {"openid", "email", "profile"}
    assert query["code_challenge_method"] == "S256"
    assert len(query["state"]) >= 20 and len(query["nonce"]) >= 16
    saved = session[f"_state_provider_{query['state']}"]["data"]
    verifier = saved["code_verifier"]
    expected = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    assert query["code_challenge"] == expected  # the challenge is the S256 of a verifier only we hold
    assert saved["nonce"] == query["nonce"]
    assert session["next"] == "/account"


def test_each_sign_in_gets_fresh_secrets(app_url: str):
    first, _ = _handshake(app_url)
    second, _ = _handshake(app_url)
    for key in ("state", "nonce", "code_challenge"):
        assert first[key] != second[key]


def test_callback_without_the_handshake_cookie_is_refused(app_url: str):
    query, _ = _handshake(app_url)
    forged = httpx.get(
        f"{app_url}/auth/oidc/callback", params={"code": "stolen", "state": query["state"]}, follow_redirects=False
    )
    assert forged.status_code == 303
    assert forged.headers["location"].startswith("/login?error=err.oidc_failed")
    assert "rs_session" not in forged.cookies


def test_return_path_cannot_point_off_site(app_url: str):
    _, session = _handshake(app_url, next_path="//evil.example/phish")
    assert session["next"] == "/"
