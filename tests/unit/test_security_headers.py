"""The browser edge without a server: exact origins, the Content-Security-Policy, and the header middleware."""

from __future__ import annotations

import base64
import hashlib

import pytest
from pydantic import ValidationError
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from realsourcing.api.security import content_security_policy, inline_script_hashes, security_headers
from realsourcing.config import Settings, origin_of


def settings(**env: str) -> Settings:
    return Settings(**{"APP_URL": "http://localhost:3000", "LIVEKIT_URL": "wss://video.example.com", **env})


def directives(policy: str) -> dict[str, list[str]]:
    return {name: sources for name, *sources in (part.split() for part in policy.split("; "))}


def test_origins_are_exact_and_never_a_wildcard():
    assert origin_of("https://App.Example.com:443/dashboard?x=1") == "https://app.example.com"
    assert origin_of("http://localhost:3000/") == "http://localhost:3000"
    for bad in ("*", "https://*.example.com", "example.com", "ftp://example.com", ""):
        with pytest.raises(ValueError):
            origin_of(bad)


def test_allowed_origins_are_the_app_and_the_configured_extras(monkeypatch):
    monkeypatch.setenv("EXTRA_ORIGINS", "https://www.example.com/, https://partner.example.org:8443")
    configured = Settings(APP_URL="https://app.example.com/")
    assert configured.allowed_origins == [
        "https://app.example.com",
        "https://www.example.com",
        "https://partner.example.org:8443",
    ]
    monkeypatch.setenv("EXTRA_ORIGINS", "*")
    with pytest.raises(ValidationError):
        Settings()


def test_policy_allows_own_assets_the_websocket_and_livekit_and_nothing_else():
    policy = directives(content_security_policy(settings(), ["'sha256-abc='"]))
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'", "'unsafe-eval'", "'sha256-abc='"]  # no 'unsafe-inline' for scripts
    assert policy["connect-src"] == [
        "'self'",
        "ws://localhost:3000",
        "wss://video.example.com",
        "https://video.example.com",
    ]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["img-src"] == ["'self'", "data:", "blob:"]
    assert not any("*" in source for sources in policy.values() for source in sources)
    https = directives(content_security_policy(settings(APP_URL="https://app.example.com")))
    assert "wss://app.example.com" in https["connect-src"]


def test_inline_scripts_of_the_built_pages_are_allowed_by_hash(tmp_path):
    (tmp_path / "login").mkdir()
    (tmp_path / "index.html").write_text(
        '<html><script>window.a = 1;</script><script type="module" src="/assets/x.js"></script></html>'
    )
    (tmp_path / "login" / "index.html").write_text("<SCRIPT async>window.a = 1;</SCRIPT ><script>$RC('B:1')</script>")
    expected = {
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
        for body in ("window.a = 1;", "$RC('B:1')")
    }
    assert set(inline_script_hashes(tmp_path)) == expected
    assert inline_script_hashes(tmp_path / "missing") == [] and inline_script_hashes(None) == []


def test_every_response_carries_the_headers_and_replaces_weaker_ones(tmp_path):
    def page(request):
        return PlainTextResponse("hi", headers={"X-Frame-Options": "SAMEORIGIN"})

    app = security_headers(settings(), tmp_path)(Starlette(routes=[Route("/", page)]))
    response = TestClient(app).get("/")
    assert response.headers.get_list("x-frame-options") == ["DENY"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert "camera=(self), microphone=(self)" in response.headers["permissions-policy"]
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert "strict-transport-security" not in response.headers  # http: HSTS would be ignored and misleading
    assert TestClient(app).get("/missing").headers["x-frame-options"] == "DENY"  # errors too

    secure = security_headers(settings(APP_URL="https://app.example.com"), None)(Starlette(routes=[Route("/", page)]))
    assert TestClient(secure).get("/").headers["strict-transport-security"] == "max-age=31536000"
