"""HTTP routes outside Reflex's websocket (OIDC now; Stripe and LiveKit webhooks later)."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.routing import Mount

from realsourcing.config import get_settings


def make_api() -> Starlette:
    """A fresh Starlette app each call: Reflex mounts its own backend inside it."""
    settings = get_settings()
    routes = []
    if settings.oidc_enabled:
        from realsourcing.api.oidc import make_oidc_app

        routes.append(Mount("/auth/oidc", app=make_oidc_app(settings)))
    return Starlette(routes=routes)
