"""The signed-in user and the UI language, shared by every page.

The browser holds only an opaque session token, in an HttpOnly cookie that page scripts cannot read;
the server reads it from the Cookie header of the websocket's upgrade request (Reflex keeps that
header on the server) and looks up who it belongs to in every handler that needs it. No token, user
id or role is ever a client-visible var. Only HTTP responses set or clear the cookie: a sign-in over
the websocket hands the new session over with `hand_session_to_browser`, sign-out goes through
/auth/logout (see realsourcing.api.session_routes).
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import json
import time
from collections.abc import AsyncIterator, Callable, Iterator
from http.cookies import CookieError, SimpleCookie
from typing import Any, TypeVar
from urllib.parse import quote, urlencode

import reflex as rx
from starlette.concurrency import run_in_threadpool

from realsourcing.accounts import service as accounts
from realsourcing.accounts import session_exchange
from realsourcing.accounts.identity import CurrentUser
from realsourcing.config import get_settings
from realsourcing.core import i18n
from realsourcing.core.errors import DomainError, NotFound, PermissionDenied, ValidationFailed
from realsourcing.notifications import service as notifications
from realsourcing.ui.bell import BellState, show_in_bell

Handler = TypeVar("Handler", bound=Callable[..., Any])

LANG_COOKIE = "rs_lang"
LOGOUT_PATH = "/auth/logout"  # served by realsourcing.api.session_routes
# How long the user resolved by a page load serves the page's own on_load (the next event of the same
# navigation, milliseconds later). Every page load resolves afresh, so a revoked session stops there.
USER_REUSE_SECONDS = 3.0


class SignInRequired(Exception):
    """Raised by `SessionState.user()` when nobody is signed in; `refusals_shown` sends them to log in."""


def visit(url: str) -> rx.event.EventSpec:
    """A full page load of a URL on this site (rx.redirect navigates inside the single-page app,
    which never reaches the HTTP routes that set or clear the session cookie)."""
    return rx.call_script(f"window.location.assign({json.dumps(url)})")


def hand_session_to_browser(session_token: str, next_path: str | None = None) -> rx.event.EventSpec:
    """End a sign-in done over the websocket: the browser swaps a one-time code for its HttpOnly
    session cookie at /auth/session, then lands on `next_path` (a local path; anything else → "/").

    `session_token` is what `accounts.create_session` (or `authenticate`) returned for this browser
    a moment ago; it never reaches the browser itself.
    """
    return visit(session_exchange.exchange_url(session_token, next_path))


def token_fingerprint(session_token: str) -> str:
    """What the navigation's resolved user is remembered under (the token itself stays out of the state)."""
    return hashlib.sha256(session_token.encode()).hexdigest() if session_token else ""


def reusable_user(
    resolved: CurrentUser | None, resolved_for: str, resolved_at: float, fingerprint: str, now: float
) -> tuple[bool, CurrentUser | None]:
    """(True, user) when the page load's answer still holds for this token now, else (False, None)."""
    if fingerprint and fingerprint == resolved_for and 0 <= now - resolved_at <= USER_REUSE_SECONDS:
        return True, resolved
    return False, None


def sign_out_browser(next_path: str = "/") -> rx.event.EventSpec:
    """Send the browser through /auth/logout, which clears the session cookie, to `next_path`."""
    return visit(f"{LOGOUT_PATH}?{urlencode({'next': accounts.safe_return_path(next_path)})}")


class SessionState(rx.State):
    lang: str = rx.Cookie("", name=LANG_COOKIE, max_age=365 * 86400, same_site="lax")

    # What the navigation needs; derived on the server, never trusted back from the client.
    signed_in: bool = False
    display_name: str = ""
    has_dashboard: bool = False
    has_admin: bool = False
    oidc_enabled: bool = False
    oidc_provider_name: str = ""
    # A message to show on the next page this tab loads (a sign-out reloads the page on the way).
    _notice: str = ""
    # Who the page load found, for which token and when: the page's own on_load reuses it instead of
    # resolving the session again. Page states inherit these from the one SessionState of the tab, so they
    # share them; only `load` sets them, so a handler's own writes (a new factory) are seen by the next one.
    _resolved_user: CurrentUser | None = None
    _resolved_for: str = ""
    _resolved_at: float = 0.0

    def current_user(self) -> CurrentUser | None:
        """Whoever is signed in, or None (pages that anonymous visitors may see)."""
        token = self._session_token()
        if not token:
            return None
        reused, user = reusable_user(
            self._resolved_user, self._resolved_for, self._resolved_at, token_fingerprint(token), time.time()
        )
        return user if reused else accounts.resolve_session(token)

    def _forget_resolved_user(self) -> None:
        if self._resolved_for:
            self._resolved_user, self._resolved_for, self._resolved_at = None, "", 0.0

    def _session_token(self) -> str:
        """The session cookie this tab's websocket was opened with (HttpOnly: the page cannot read it)."""
        cookies: SimpleCookie = SimpleCookie()
        try:
            cookies.load(self.router.headers.cookie or "")
        except CookieError:
            return ""
        morsel = cookies.get(accounts.SESSION_COOKIE)
        return morsel.value if morsel is not None else ""

    def user(self) -> CurrentUser:
        """Who is asking, resolved on the server from the session cookie; SignInRequired when nobody is."""
        user = self.current_user()
        if user is None:
            raise SignInRequired()
        return user

    # Private on purpose: Reflex turns a state's public methods into event handlers, and an inherited
    # handler runs bound to the SessionState instance, where the page's `missing` and `errors` vars are
    # not; a private method stays bound to the page state it is called on.
    def _show_refusal(self, exc: Exception):
        """How a refusal reaches the visitor (see `refusals_shown`); anything else is a bug and is re-raised."""
        if isinstance(exc, SignInRequired):
            return self.refuse(None)
        if isinstance(exc, PermissionDenied):
            return self.refuse(self.current_user())
        if isinstance(exc, NotFound) and "missing" in self.base_vars:
            setattr(self, "missing", True)  # noqa: B010 (a var of the page state, not of SessionState)
            if "loaded" in self.base_vars:
                setattr(self, "loaded", True)  # noqa: B010
            return None
        if isinstance(exc, ValidationFailed) and "errors" in self.base_vars:
            setattr(self, "errors", {f: self.tr(key) for f, key in exc.field_errors.items()})  # noqa: B010
            return rx.toast.error(self.explain(exc))
        if isinstance(exc, DomainError):
            return rx.toast.error(self.explain(exc))
        raise exc

    def client_ip(self) -> str:
        return self.router.session.client_ip or ""

    def user_agent(self) -> str:
        return self.router.headers.user_agent or ""

    def path_segment(self, index: int) -> str:
        """One segment of the current path ("/meetings/12/room" → 0: "meetings", 1: "12")."""
        parts = self.router.url.path.strip("/").split("/")
        return parts[index] if -len(parts) <= index < len(parts) else ""

    def path_id(self, index: int) -> int:
        """A numeric path segment, or 0 when it is missing or not a number."""
        segment = self.path_segment(index)
        return int(segment) if segment.isascii() and segment.isdigit() else 0

    def tr(self, key: str, **params: object) -> str:
        return i18n.translate(key, self.lang, **params)

    def _show_user(self, user: CurrentUser | None) -> None:
        self.signed_in = user is not None
        self.display_name = user.full_name if user else ""
        self.has_dashboard = bool(user and user.is_factory_member)
        self.has_admin = bool(user and user.is_admin)

    @rx.event
    async def load(self):
        """on_load of every page: who is signed in, which language, which sign-in buttons, the bell's count.

        The tab is recorded for the bell here: from now on its count is pushed when it changes.
        """
        settings = get_settings()
        self.oidc_enabled = settings.oidc_enabled
        self.oidc_provider_name = settings.oidc_provider_name
        token = self._session_token()
        user, unread = await run_in_threadpool(_who_and_unread, token)
        self._resolved_user, self._resolved_for, self._resolved_at = user, token_fingerprint(token), time.time()
        asked = self.router.url.query_parameters.get("lang")  # ?lang=zh|en: a link's (or a crawler's) choice
        if asked in i18n.LANGUAGES:
            self.lang = asked
        elif self.lang not in i18n.LANGUAGES:
            self.lang = user.language if user else i18n.from_accept_language(self.router.headers.accept_language)
        self._show_user(user)
        show_in_bell(self.router.session.client_token, user)
        bell = await self.get_state(BellState)
        if bell.unread != unread:
            bell.unread = unread
        if self._notice:
            notice, self._notice = self._notice, ""
            return rx.toast.success(notice)
        return None

    @rx.event
    async def toggle_language(self):
        self.lang = lang = "en" if self.lang == "zh" else "zh"
        if user := await run_in_threadpool(self.current_user):
            await run_in_threadpool(accounts.set_language, user, lang)  # remembered for emails: off the event loop
        self._forget_resolved_user()

    @rx.event
    async def logout(self):
        """Log out this browser: the session ends now; /auth/logout then clears the cookie.

        The navigation shows the page signed out once it has loaded, so a page that looks signed out
        never still holds the cookie.
        """
        self._forget_resolved_user()
        await run_in_threadpool(accounts.revoke_session, self._session_token())  # its statement: off the event loop
        return sign_out_browser("/")

    def act(self, action, reload, message_key: str = ""):
        """Run action(user) for whoever is signed in, then reload; refusals become messages.

        The service inside `action` decides whether this user may do it; this only translates
        its answer (PermissionDenied → leave the page, NotFound/DomainError → a toast). Called from
        a page state it runs bound to the SessionState (Reflex binds inherited public methods so), so
        it cannot fill the page's `errors` or `missing`: page handlers use `refusals_shown` instead.
        """
        try:
            action(self.user())
        except (SignInRequired, DomainError) as exc:
            if isinstance(exc, NotFound):
                return rx.toast.error(self.explain(exc))
            return self._show_refusal(exc)
        refused = reload()
        if refused is not None:
            return refused
        return rx.toast.success(self.tr(message_key)) if message_key else None

    def explain(self, exc: DomainError) -> str:
        """A refusal in the visitor's language (for a form, its first field's message)."""
        if isinstance(exc, ValidationFailed) and exc.field_errors:
            return self.tr(next(iter(exc.field_errors.values())))
        return self.tr(exc.key, **exc.params)

    def refuse(self, user: CurrentUser | None):
        """Where a page sends someone it is not for: the login page, or home with an explanation."""
        if user is None:
            here = self.router.url.path + (f"?{self.router.url.query}" if self.router.url.query else "")
            return rx.redirect(f"/login?next={quote(here)}")
        return [rx.redirect("/"), rx.toast.warning(self.tr("denied.title"))]


def _who_and_unread(session_token: str) -> tuple[CurrentUser | None, int]:
    """A page load's database work (run in a thread): who holds the token, and their unread count."""
    user = accounts.resolve_session(session_token)
    return user, notifications.unread_count(user) if user is not None else 0


def id_from_client(value: object) -> int:
    """An object id the browser sent: a whole number, else NotFound (no object has such an id).

    Reflex passes a handler's arguments through unconverted when they do not fit its annotations,
    so an id is checked here rather than trusted to be an int.
    """
    text = str(value) if isinstance(value, (int, str)) and not isinstance(value, bool) else ""
    if not (text.isascii() and text.isdigit()):
        raise NotFound()
    return int(text)


def refusals_shown(handler: Handler) -> Handler:
    """Decorate an event handler (under `@rx.event`) so the domain's refusals reach the visitor.

    Nobody signed in → the login page (and back here afterwards); PermissionDenied → home with a
    notice; NotFound → the page's own not-found state when it has a `missing` var, else a toast;
    ValidationFailed → the form's `errors` (when the page has them) and a toast; any other
    DomainError → a toast in the visitor's language with the error's parameters. Anything else is a
    bug: it propagates to Reflex's backend exception handler, which logs it and shows a generic error.

    Plain, generator (`yield`), async and async-generator handlers keep their kind, so Reflex runs
    them as before and a refusal raised after a `yield` or an `await` is shown too.
    """
    refused = (SignInRequired, DomainError)

    if inspect.isasyncgenfunction(handler):

        @functools.wraps(handler)
        async def run_async_generator(self: SessionState, *args: Any, **kwargs: Any) -> AsyncIterator[Any]:
            try:
                async for event in handler(self, *args, **kwargs):
                    yield event
            except refused as exc:
                yield self._show_refusal(exc)

        return run_async_generator  # type: ignore[return-value]

    if inspect.iscoroutinefunction(handler):

        @functools.wraps(handler)
        async def run_async(self: SessionState, *args: Any, **kwargs: Any) -> Any:
            try:
                return await handler(self, *args, **kwargs)
            except refused as exc:
                return self._show_refusal(exc)

        return run_async  # type: ignore[return-value]

    if inspect.isgeneratorfunction(handler):

        @functools.wraps(handler)
        def run_generator(self: SessionState, *args: Any, **kwargs: Any) -> Iterator[Any]:
            try:
                return (yield from handler(self, *args, **kwargs))
            except refused as exc:
                return self._show_refusal(exc)

        return run_generator  # type: ignore[return-value]

    @functools.wraps(handler)
    def run(self: SessionState, *args: Any, **kwargs: Any) -> Any:
        try:
            return handler(self, *args, **kwargs)
        except refused as exc:
            return self._show_refusal(exc)

    return run  # type: ignore[return-value]
