"""HTTP routes outside Reflex's websocket: the session cookie, OIDC sign-in, private files, calendar
files, order PDFs, webhooks; and the ASGI middleware around the whole backend (body limits, the
websocket's event rate limit, security headers)."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.routing import BaseRoute, Mount, Route

from realsourcing.api.body_limits import body_size_limit
from realsourcing.api.calendar import meeting_calendar, webinar_calendar
from realsourcing.api.event_rate_limit import event_rate_limit
from realsourcing.api.files import document_file
from realsourcing.api.oidc import make_oidc_app
from realsourcing.api.order_documents import proforma_pdf, receipt_pdf
from realsourcing.api.public_index import robots, sitemap_file, sitemap_root
from realsourcing.api.security import security_headers
from realsourcing.api.session_routes import make_session_routes
from realsourcing.api.webhooks import livekit_webhook, stripe_webhook
from realsourcing.config import get_settings

__all__ = ["event_rate_limit", "make_api", "security_headers", "body_size_limit"]


def make_api() -> Starlette:
    """A fresh Starlette app each call: Reflex mounts its own backend inside it."""
    settings = get_settings()
    routes: list[BaseRoute] = [
        Route("/robots.txt", robots),
        Route("/sitemap.xml", sitemap_root),
        Route("/sitemap-{number:int}.xml", sitemap_file),
        Route("/api/documents/{document_id}", document_file),
        Route("/api/webinars/{webinar_id}/calendar.ics", webinar_calendar),
        Route("/api/meetings/{meeting_id}/calendar.ics", meeting_calendar),
        Route("/api/orders/{order_id}/proforma.pdf", proforma_pdf),
        Route("/api/orders/{order_id}/receipt.pdf", receipt_pdf),
        Route("/api/webhooks/livekit", livekit_webhook, methods=["POST"]),
        Route("/api/webhooks/stripe", stripe_webhook, methods=["POST"]),
        *make_session_routes(settings),
    ]
    if settings.oidc_enabled:
        routes.append(Mount("/auth/oidc", app=make_oidc_app(settings)))
    return Starlette(routes=routes)
