"""The session cookie is set and cleared only by HTTP responses, so it can be HttpOnly.

- `GET /auth/session?code=…&next=…` swaps a one-time code (see accounts.session_exchange) for the
  cookie and sends the browser on to a local `next` (303).
- `GET /auth/logout?next=…` ends this browser's session on the server and clears the cookie. A GET,
  because the sign-out buttons are Reflex events, which can end in a navigation but cannot submit a
  form; it acts only on a navigation from this app's own pages, so another site cannot sign people
  out with a link or an image (the socket event behind the button has already ended the session).
- Both act only on same-origin navigations (Sec-Fetch-Site, else the Referer's origin): a code
  somebody else obtained cannot be planted in a victim's browser from another site.
- The cookie: HttpOnly, SameSite=Lax, Secure when APP_URL is https, Path=/, lives SESSION_DAYS.
  Routes that sign people in themselves (the OIDC callback, a one-time link route) call
  `set_session_cookie` on their response.
"""

from __future__ import annotations

from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from realsourcing.accounts import service as accounts
from realsourcing.accounts import session_exchange
from realsourcing.config import Settings, origin_of

LOGOUT_PATH = "/auth/logout"


def set_session_cookie(response: Response, token: str, settings: Settings) -> None:
    """Give the browser its session token in an HttpOnly cookie (scripts in the page never see it)."""
    response.set_cookie(
        accounts.SESSION_COOKIE,
        token,
        max_age=settings.session_days * 86400,
        path="/",
        httponly=True,
        secure=settings.uses_https,
        samesite="lax",
    )


def clear_session_cookie(response: Response, settings: Settings) -> None:
    response.delete_cookie(accounts.SESSION_COOKIE, path="/", httponly=True, secure=settings.uses_https, samesite="lax")


def is_same_origin_navigation(request: Request, settings: Settings) -> bool:
    """Did one of this app's own pages send the browser here?

    Sec-Fetch-Site is set by the browser and cannot be forged by a page; browsers too old to send
    it still send the Referer's origin (Referrer-Policy strict-origin-when-cross-origin keeps it).
    """
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None:
        return fetch_site == "same-origin"
    try:
        return origin_of(request.headers.get("referer", "")) in settings.allowed_origins
    except ValueError:
        return False


def _no_store(response: Response) -> Response:
    response.headers["cache-control"] = "no-store"
    return response


def make_session_routes(settings: Settings) -> list[Route]:
    async def exchange(request: Request) -> Response:
        next_path = accounts.safe_return_path(request.query_params.get("next"))
        token = None
        if is_same_origin_navigation(request, settings):
            token = await run_in_threadpool(session_exchange.redeem_code, request.query_params.get("code"))
        if token is None:
            query = urlencode({"error": session_exchange.EXCHANGE_FAILED_KEY, "next": next_path})
            return _no_store(RedirectResponse(f"/login?{query}", status_code=303))
        response = RedirectResponse(next_path, status_code=303)
        set_session_cookie(response, token, settings)
        return _no_store(response)

    async def logout(request: Request) -> Response:
        if not is_same_origin_navigation(request, settings):
            return _no_store(RedirectResponse("/", status_code=303))
        await run_in_threadpool(accounts.revoke_session, request.cookies.get(accounts.SESSION_COOKIE))
        response = RedirectResponse(accounts.safe_return_path(request.query_params.get("next")), status_code=303)
        clear_session_cookie(response, settings)
        return _no_store(response)

    return [
        Route(session_exchange.EXCHANGE_PATH, exchange, methods=["GET"]),
        Route(LOGOUT_PATH, logout, methods=["GET"]),
    ]
