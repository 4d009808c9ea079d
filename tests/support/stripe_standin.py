"""A local HTTP stand-in for the parts of the Stripe API we call, plus a stand-in hosted checkout page.

It records each request's form-encoded parameters, Idempotency-Key and API key, and honours
idempotency keys the way Stripe does (same key → same object).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl


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


@dataclass
class StripeStandIn:
    requests: list[Recorded] = field(default_factory=list)
    by_key: dict[str, dict] = field(default_factory=dict)
    url: str = ""

    def start(self) -> StripeStandIn:
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                heading = "<h1 id='standin-checkout'>Stand-in Stripe Checkout</h1>"
                body = f"<html><body>{heading}<p>{self.path}</p></body></html>".encode()
                self._send(200, body, "text/html")

            def do_POST(self):
                raw = self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode()
                params = dict(parse_qsl(raw, keep_blank_values=True))
                key = self.headers.get("Idempotency-Key", "")
                standin.requests.append(
                    Recorded(self.path, params, key, self.headers.get("Authorization", "").removeprefix("Bearer "))
                )
                if key and key in standin.by_key:
                    self._send(200, json.dumps(standin.by_key[key]).encode(), "application/json")
                    return
                if self.path == "/v1/checkout/sessions":
                    session_id = f"cs_test_{uuid.uuid4().hex[:16]}"
                    obj = {
                        "id": session_id,
                        "object": "checkout.session",
                        "url": f"{standin.url}/pay/{session_id}",
                        "client_reference_id": params.get("client_reference_id"),
                        "payment_status": "unpaid",
                        "status": "open",
                    }
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
