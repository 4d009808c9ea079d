"""The HTTP edge in-process (httpx's ASGI transport through the same middleware the app mounts): every route
refuses an oversized body before reading it, and every id in a route is range-checked (404, never 500)."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import threading
from collections.abc import Iterator

import httpx
import pytest
from google.protobuf.json_format import MessageToJson
from livekit import api as lk
from sqlmodel import select
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Mount, Route

from realsourcing.accounts import service as accounts
from realsourcing.api import body_size_limit, make_api
from realsourcing.api.webhooks import MAX_WEBHOOK_BYTES
from realsourcing.config import get_settings
from realsourcing.core.uploads import MAX_REQUEST_BYTES
from realsourcing.db import session_scope
from realsourcing.profile.documents import DocumentForm, upload_document
from realsourcing.webinars.models import Webinar
from tests.support.builders import PASSWORD, a_factory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
BAD_IDS = ["99999999999999999999", str(2**31), str(2**63), "-1", "0", "abc", "1e3", "\u0661\u0662", "1.0", "%20"]


async def _read_whole_body(request: Request) -> PlainTextResponse:
    """Stands in for Reflex's upload endpoint, which reads the whole multipart body."""
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
    return PlainTextResponse(f"read {size}")


def the_app() -> Starlette:
    """The app's routes, plus an upload endpoint, behind the body limit — as realsourcing.py mounts them."""
    api = make_api()
    api.router.routes.append(Mount("/", routes=[Route("/_upload", _read_whole_body, methods=["POST"])]))
    return body_size_limit(api)


def call(method: str, path: str, content: bytes | Iterator[bytes] | None = None, **kwargs) -> httpx.Response:
    async def send() -> httpx.Response:
        body = content
        if content is not None and not isinstance(content, bytes):  # streamed, without a Content-Length
            chunks_in = content

            async def chunks():
                for chunk in chunks_in:
                    yield chunk

            body = chunks()
        transport = httpx.ASGITransport(app=the_app())
        async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
            return await client.request(method, path, content=body, **kwargs)

    box: dict = {}
    thread = threading.Thread(target=lambda: box.update(response=asyncio.run(send())))
    thread.start()
    thread.join()
    return box["response"]


def streamed(total: int, chunk: int = 256 * 1024) -> Iterator[bytes]:
    sent = 0
    while sent < total:
        piece = min(chunk, total - sent)
        sent += piece
        yield b"x" * piece


@pytest.fixture
def oidc_on(monkeypatch):
    """OIDC configured, so its routes are mounted (nothing is fetched until someone signs in)."""
    monkeypatch.setenv("OIDC_ISSUER", "http://127.0.0.1:9")
    monkeypatch.setenv("OIDC_CLIENT_ID", "edge-test")
    monkeypatch.setenv("OIDC_CLIENT_SECRET", "edge-secret")
    get_settings.cache_clear()
    yield
    monkeypatch.undo()
    get_settings.cache_clear()


@pytest.fixture
def stripe_on(monkeypatch):
    """Stripe configured, so its webhook route reads bodies (nothing is called at Stripe)."""
    monkeypatch.setenv("STRIPE_SECRET_KEY", "sk_test_edge")
    monkeypatch.setenv("STRIPE_WEBHOOK_SECRET", "whsec_edge")
    get_settings.cache_clear()
    yield
    monkeypatch.undo()
    get_settings.cache_clear()


@pytest.fixture
def a_webinar_id() -> int:
    with session_scope() as db:
        webinar = db.exec(select(Webinar)).first()
        assert webinar is not None and webinar.id is not None
        return webinar.id


NO_BODY_ROUTES = [
    "/api/documents/1",
    "/api/webinars/1/calendar.ics",
    "/api/meetings/1/calendar.ics",
    "/api/orders/1/proforma.pdf",
    "/api/orders/1/receipt.pdf",
    "/auth/session?code=abc",
    "/auth/logout",
    "/auth/oidc/login",
    "/auth/oidc/callback?code=x&state=y",
]


@pytest.mark.parametrize("path", NO_BODY_ROUTES)
def test_routes_that_take_no_body_refuse_one_announced_or_chunked(oidc_on, path):
    assert call("GET", path).status_code != 413  # the route itself answers an ordinary request
    assert call("GET", path, content=b"x" * 100).status_code == 413
    assert call("POST", path, content=b"x" * (5 * 1024 * 1024)).status_code == 413
    assert call("GET", path, content=streamed(10)).status_code == 413  # chunked: refused before reading


@pytest.mark.parametrize("path", ["/api/webhooks/stripe", "/api/webhooks/livekit"])
def test_webhooks_refuse_more_than_a_megabyte_announced_or_streamed(stripe_on, path):
    assert call("POST", path, content=b"{}").status_code != 413
    assert call("POST", path, content=b"x" * (MAX_WEBHOOK_BYTES + 1)).status_code == 413
    assert call("POST", path, content=streamed(MAX_WEBHOOK_BYTES + 1)).status_code == 413
    assert call("POST", path, content=streamed(1024)).status_code != 413


def test_uploads_are_refused_past_the_largest_file_announced_or_streamed():
    assert call("POST", "/_upload", content=streamed(3 * 1024 * 1024)).text == f"read {3 * 1024 * 1024}"
    announced = call("POST", "/_upload", content=b"x", headers={"Content-Length": str(MAX_REQUEST_BYTES + 1)})
    assert announced.status_code == 413
    assert call("POST", "/_upload", content=streamed(MAX_REQUEST_BYTES + 1, chunk=1024 * 1024)).status_code == 413


def test_a_content_length_that_is_no_number_is_refused(stripe_on):
    for bogus in ("-1", "abc", "1e9"):
        response = call("POST", "/api/webhooks/stripe", content=b"{}", headers={"Content-Length": bogus})
        assert response.status_code == 413, bogus


@pytest.mark.parametrize("bad_id", BAD_IDS)
def test_a_calendar_file_for_an_id_no_webinar_can_have_is_not_found(a_webinar_id, bad_id):
    assert call("GET", f"/api/webinars/{a_webinar_id}/calendar.ics").status_code == 200  # a real one is served
    assert call("GET", f"/api/webinars/{bad_id}/calendar.ics").status_code == 404


def test_a_meeting_calendar_file_for_an_id_no_meeting_can_have_is_not_found():
    owner = a_factory(name="Edge Calendar Works")
    _, token = accounts.authenticate(owner.email, PASSWORD, ip="10.11.0.2")
    for bad_id in BAD_IDS:
        response = call("GET", f"/api/meetings/{bad_id}/calendar.ics", cookies={accounts.SESSION_COOKIE: token})
        assert response.status_code == 404, bad_id


def test_a_private_document_for_an_id_no_document_can_have_is_not_found():
    owner = a_factory(name="Edge Licence Works")
    document_id = upload_document(owner, DocumentForm("business_license", "LIC-HTTP-EDGE", "AMR"), "licence.pdf", PDF)
    _, token = accounts.authenticate(owner.email, PASSWORD, ip="10.11.0.1")
    cookies = {accounts.SESSION_COOKIE: token}
    assert call("GET", f"/api/documents/{document_id}", cookies=cookies).content == PDF  # the owner reads it
    for bad_id in BAD_IDS:
        assert call("GET", f"/api/documents/{bad_id}", cookies=cookies).status_code == 404, bad_id


@pytest.mark.parametrize("room", ["meeting-99999999999999999999", "webinar-99999999999999999999", "meeting-0"])
def test_a_signed_livekit_event_for_a_room_no_row_can_have_is_acknowledged_and_ignored(room):
    settings = get_settings()
    event = lk.WebhookEvent(event="room_finished", id=f"EV-{room}", room=lk.Room(name=room))
    body = MessageToJson(event)
    digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
    token = lk.AccessToken(settings.livekit_api_key, settings.livekit_api_secret).with_sha256(digest).to_jwt()
    response = call("POST", "/api/webhooks/livekit", content=body.encode(), headers={"Authorization": token})
    assert response.status_code == 200
    assert response.json() == {"ok": True, "duplicate": False}
