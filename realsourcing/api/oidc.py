"""Sign in with Google / any OpenID Connect provider: authorization code + PKCE (S256) + nonce.

authlib keeps the state, nonce and PKCE verifier in a short-lived signed cookie between the two
requests; the callback checks them, verifies the ID token, then starts a normal session and sets
its HttpOnly cookie itself (it is an HTTP response already: no one-time code needed).
"""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from authlib.integrations.starlette_client import OAuth, OAuthError
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from realsourcing.accounts import service as accounts
from realsourcing.accounts.service import OidcRefused
from realsourcing.api.session_routes import set_session_cookie
from realsourcing.config import Settings


def make_oidc_app(settings: Settings) -> Starlette:
    oauth = OAuth()
    oauth.register(
        "provider",
        server_metadata_url=settings.oidc_issuer.rstrip("/") + "/.well-known/openid-configuration",
        client_id=settings.oidc_client_id,
        client_secret=settings.oidc_client_secret,
        client_kwargs={"scope": "openid email profile", "code_challenge_method": "S256"},
    )
    redirect_uri = f"{settings.app_url}/auth/oidc/callback"

    def fail(key: str) -> Response:
        return RedirectResponse("/login?" + urlencode({"error": key}), status_code=303)

    async def login(request: Request) -> Response:
        request.session["next"] = accounts.safe_return_path(request.query_params.get("next"))
        try:
            return await oauth.provider.authorize_redirect(request, redirect_uri)
        except Exception:  # provider unreachable or misconfigured: tell the user, log the rest
            request.app.state.logger.exception("OIDC provider discovery failed")
            return fail("err.oidc_failed")

    async def callback(request: Request) -> Response:
        try:
            token = await oauth.provider.authorize_access_token(request)  # checks state, PKCE, nonce, ID token
            claims = dict(token.get("userinfo") or {})
            if "email" not in claims or "email_verified" not in claims:
                extra = await oauth.provider.userinfo(token=token)
                if extra.get("sub") != claims.get("sub"):
                    return fail("err.oidc_failed")
                claims.update(extra)
        except OAuthError:
            return fail("err.oidc_failed")
        issuer = str(claims.get("iss") or settings.oidc_issuer)
        try:
            _user, session_token = await run_in_threadpool(
                accounts.sign_in_with_oidc,
                issuer,
                claims,
                ip=request.client.host if request.client else "",
                user_agent=request.headers.get("user-agent", ""),
            )
        except OidcRefused as exc:
            return fail(exc.key)
        response = RedirectResponse(request.session.pop("next", "/"), status_code=303)
        set_session_cookie(response, session_token, settings)
        return response

    app = Starlette(
        routes=[Route("/login", login), Route("/callback", callback)],
        middleware=[
            Middleware(
                SessionMiddleware,
                secret_key=settings.resolved_secret_key(),
                session_cookie="rs_oidc",
                max_age=600,
                same_site="lax",
                https_only=settings.app_url.startswith("https://"),
            )
        ],
    )
    app.state.logger = logging.getLogger("realsourcing.oidc")
    return app
