"""A local HTTP stand-in for the parts of the Stripe API we call, plus a stand-in hosted checkout page.

It records each request's path, parameters (form-encoded body, or the query string of a GET),
Idempotency-Key and API key, and honours idempotency keys the way Stripe does (same key → same
object). It speaks:
- POST /v1/checkout/sessions: a session with Stripe's amount_total and currency from the line items;
- POST /v1/checkout/sessions/{id}/expire: expires an open session (Stripe's 400 invalid_request_error for
  one that is not open, 404 resource_missing for one it never made); GET /v1/checkout/sessions/{id} reads one;
- POST /v1/refunds: a refund of the payment intent;
- GET /v1/events: the events a test published (`publish`), newest first, filtered by created[gte]
  and types[], paginated with limit / starting_after / has_more as Stripe does.
The hosted page at a session's url has a cancel link back to its cancel_url, as Stripe Checkout's back link;
`complete` marks a session paid, as Stripe does when the buyer pays on that page.
`publish` builds events exactly as Stripe's webhook delivers them; `sign` signs a body with Stripe's scheme.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, unquote, urlsplit


def sign(payload: str, secret: str, timestamp: int | None = None) -> str:
    """Stripe's webhook signature header: t=<ts>,v1=hex(HMAC-SHA256(secret, "<ts>.<payload>"))."""
    timestamp = timestamp or int(time.time())
    digest = hmac.new(secret.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


@dataclass
class Recorded:
    path: str
    params: dict[str, str]
    idempotency_key: str
    api_key: str
    method: str = "POST"


def _error(code: str, message: str) -> dict:
    return {"error": {"type": "invalid_request_error", "code": code, "message": message}}


SESSION_PATH = "/v1/checkout/sessions/"


def _amount_total(params: dict[str, str]) -> int:
    """What Stripe charges for a session: the sum of unit_amount × quantity over its line items."""
    total, index = 0, 0
    while f"line_items[{index}][price_data][unit_amount]" in params:
        unit = int(params[f"line_items[{index}][price_data][unit_amount]"])
        total += unit * int(params.get(f"line_items[{index}][quantity]", "1"))
        index += 1
    return total


@dataclass
class StripeStandIn:
    requests: list[Recorded] = field(default_factory=list)
    by_key: dict[str, dict] = field(default_factory=dict)
    events: list[dict] = field(default_factory=list)  # what GET /v1/events lists (see `publish`)
    sessions: dict[str, dict] = field(default_factory=dict)  # Checkout Sessions by id, as Stripe keeps them
    url: str = ""

    def publish(self, event_type: str, obj: dict, created: int | None = None) -> dict:
        """An event as Stripe records it (listed by GET /v1/events) and sends it to webhooks."""
        event = {
            "id": f"evt_{uuid.uuid4().hex[:24]}",
            "object": "event",
            "api_version": "2025-03-31.basil",
            "created": created if created is not None else int(time.time()),
            "livemode": False,
            "pending_webhooks": 1,
            "type": event_type,
            "data": {"object": obj},
        }
        self.events.append(event)
        return event

    def complete(self, session_id: str, payment_intent: str) -> dict:
        """The buyer paid on the hosted page: the session is complete and names its payment intent."""
        session = self.sessions[session_id]
        session.update(status="complete", payment_status="paid", payment_intent=payment_intent)
        return dict(session)

    def expire_requests(self) -> list[Recorded]:
        return [r for r in self.requests if r.path.startswith("/v1/checkout/sessions/") and r.path.endswith("/expire")]

    def _expire(self, session_id: str) -> tuple[int, dict]:
        session = self.sessions.get(session_id)
        if session is None:
            return 404, _error("resource_missing", f"No such checkout.session: '{session_id}'")
        if session["status"] != "open":
            message = 'Only Checkout Sessions with a status in ["open"] can be expired.'
            return 400, _error("checkout_session_not_open", message)
        session["status"] = "expired"
        return 200, session

    def refund_requests(self) -> list[Recorded]:
        return [r for r in self.requests if r.path == "/v1/refunds"]

    def _list_events(self, query: dict[str, str]) -> dict:
        since = int(query.get("created[gte]", "0"))
        types = {v for k, v in query.items() if k.startswith("types[")}
        newest_first = sorted(
            (e for e in reversed(self.events) if e["created"] >= since and (not types or e["type"] in types)),
            key=lambda e: -e["created"],
        )
        after = query.get("starting_after")
        if after:
            ids = [e["id"] for e in newest_first]
            newest_first = newest_first[ids.index(after) + 1 :] if after in ids else []
        limit = int(query.get("limit", "10"))
        return {
            "object": "list",
            "url": "/v1/events",
            "data": newest_first[:limit],
            "has_more": len(newest_first) > limit,
        }

    def start(self) -> StripeStandIn:
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _record(self, method: str, path: str, params: dict[str, str]) -> str:
                key = self.headers.get("Idempotency-Key", "")
                api_key = self.headers.get("Authorization", "").removeprefix("Bearer ")
                standin.requests.append(Recorded(path, params, key, api_key, method))
                return key

            def do_GET(self):
                parts = urlsplit(self.path)
                if parts.path == "/v1/events":
                    query = dict(parse_qsl(parts.query, keep_blank_values=True))
                    self._record("GET", parts.path, query)
                    self._send(200, json.dumps(standin._list_events(query)).encode(), "application/json")
                    return
                if parts.path.startswith(SESSION_PATH):
                    self._record("GET", parts.path, dict(parse_qsl(parts.query, keep_blank_values=True)))
                    session = standin.sessions.get(unquote(parts.path[len(SESSION_PATH) :]))
                    status, obj = (200, session) if session else (404, _error("resource_missing", "No such session"))
                    self._send(status, json.dumps(obj).encode(), "application/json")
                    return
                session = standin.sessions.get(parts.path.removeprefix("/pay/"), {})
                heading = "<h1 id='standin-checkout'>Stand-in Stripe Checkout</h1>"
                back = f"<a id='standin-cancel' href='{escape(session.get('cancel_url') or '')}'>Back</a>"
                body = f"<html><body>{heading}<p>{escape(self.path)}</p>{back}</body></html>".encode()
                self._send(200, body, "text/html")

            def do_POST(self):
                raw = self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode()
                params = dict(parse_qsl(raw, keep_blank_values=True))
                key = self._record("POST", self.path, params)
                if key and key in standin.by_key:
                    self._send(200, json.dumps(standin.by_key[key]).encode(), "application/json")
                    return
                path = urlsplit(self.path).path
                if path.startswith(SESSION_PATH) and path.endswith("/expire"):
                    # the id as the SDK sends it: percent-encoded in the path; the body is form-encoded
                    status, obj = standin._expire(unquote(path[len(SESSION_PATH) : -len("/expire")]))
                    if key and status == 200:
                        standin.by_key[key] = obj
                    self._send(status, json.dumps(obj).encode(), "application/json")
                    return
                if self.path == "/v1/checkout/sessions":
                    session_id = f"cs_test_{uuid.uuid4().hex[:16]}"
                    obj = {
                        "id": session_id,
                        "object": "checkout.session",
                        "url": f"{standin.url}/pay/{session_id}",
                        "client_reference_id": params.get("client_reference_id"),
                        "metadata": {
                            k[len("metadata[") : -1]: v for k, v in params.items() if k.startswith("metadata[")
                        },
                        "amount_total": _amount_total(params),
                        "currency": params.get("line_items[0][price_data][currency]", "usd"),
                        "payment_intent": None,
                        "payment_status": "unpaid",
                        "status": "open",
                        "success_url": params.get("success_url"),
                        "cancel_url": params.get("cancel_url"),
                    }
                    standin.sessions[session_id] = obj
                elif self.path == "/v1/refunds":
                    obj = {
                        "id": f"re_{uuid.uuid4().hex[:16]}",
                        "object": "refund",
                        "payment_intent": params.get("payment_intent"),
                        "status": "pending",
                    }
                else:
                    self._send(404, b'{"error": {"message": "no such route"}}', "application/json")
                    return
                if key:
                    standin.by_key[key] = obj
                self._send(200, json.dumps(obj).encode(), "application/json")

            def _send(self, status, body, content_type):
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
