"""HTTP routes outside Reflex's websocket: OIDC sign-in, private files, upload limits
(Stripe and LiveKit webhooks later)."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.routing import Mount, Route

from realsourcing.api.files import document_file
from realsourcing.api.upload_limits import upload_size_limit
from realsourcing.config import get_settings

__all__ = ["make_api", "upload_size_limit"]


def make_api() -> Starlette:
    """A fresh Starlette app each call: Reflex mounts its own backend inside it."""
    settings = get_settings()
    routes = [Route("/api/documents/{document_id}", document_file)]
    if settings.oidc_enabled:
        from realsourcing.api.oidc import make_oidc_app

        routes.append(Mount("/auth/oidc", app=make_oidc_app(settings)))
    return Starlette(routes=routes)
