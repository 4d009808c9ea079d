"""The signed-in user and the UI language, shared by every page.

The browser holds only an opaque session token (cookie); who it belongs to is looked up on the
server in every handler that needs it. No user id or role is ever a client-visible var.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any, TypeVar
from urllib.parse import quote

import reflex as rx

from realsourcing.accounts import service as accounts
from realsourcing.accounts.identity import CurrentUser
from realsourcing.config import get_settings
from realsourcing.core import i18n
from realsourcing.core.errors import DomainError, NotFound, PermissionDenied, ValidationFailed
from realsourcing.notifications import service as notifications

Handler = TypeVar("Handler", bound=Callable[..., Any])

LANG_COOKIE = "rs_lang"
WATCH_INTERVAL_S = 4


class SignInRequired(Exception):
    """Raised by `SessionState.user()` when nobody is signed in; `refusals_shown` sends them to log in."""


class SessionState(rx.State):
    auth_token: str = rx.Cookie(
        "", name=accounts.SESSION_COOKIE, max_age=get_settings().session_days * 86400, same_site="lax"
    )
    lang: str = rx.Cookie("", name=LANG_COOKIE, max_age=365 * 86400, same_site="lax")

    # What the navigation needs; derived on the server, never trusted back from the client.
    signed_in: bool = False
    display_name: str = ""
    has_dashboard: bool = False
    has_admin: bool = False
    oidc_enabled: bool = False
    oidc_provider_name: str = ""
    unread: int = 0
    _watching: bool = False

    def current_user(self) -> CurrentUser | None:
        """Whoever is signed in, or None (pages that anonymous visitors may see)."""
        return accounts.resolve_session(self.auth_token)

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

    def show_user(self, user: CurrentUser | None) -> None:
        self.signed_in = user is not None
        self.display_name = user.full_name if user else ""
        self.has_dashboard = bool(user and user.is_factory_member)
        self.has_admin = bool(user and user.is_admin)

    @rx.event
    def load(self):
        """on_load of every page: who is signed in, which language, which sign-in buttons."""
        settings = get_settings()
        self.oidc_enabled = settings.oidc_enabled
        self.oidc_provider_name = settings.oidc_provider_name
        user = self.current_user()
        if self.lang not in i18n.LANGUAGES:
            self.lang = user.language if user else i18n.from_accept_language(self.router.headers.accept_language)
        self.show_user(user)
        self.unread = notifications.unread_count(user) if user is not None else 0
        if self.auth_token and user is None:
            self.auth_token = ""  # expired or revoked elsewhere: forget it
        if user is not None and not self._watching:
            return SessionState.watch_notifications

    @rx.event(background=True)
    async def watch_notifications(self):
        """Keep the bell's count fresh while this tab is open (a new notification shows up without reload)."""
        async with self:
            if self._watching:
                return
            self._watching = True
        try:
            for _ in range(720):  # an hour at most; the next page load starts it again
                await asyncio.sleep(WATCH_INTERVAL_S)
                async with self:
                    user = self.current_user()
                    if user is None:
                        return
                    self.unread = notifications.unread_count(user)
        finally:
            async with self:
                self._watching = False

    @rx.event
    def toggle_language(self):
        self.lang = "en" if self.lang == "zh" else "zh"
        if user := self.current_user():
            accounts.set_language(user, self.lang)

    @rx.event
    def logout(self):
        accounts.revoke_session(self.auth_token)
        self.auth_token = ""
        self.show_user(None)
        return rx.redirect("/")

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
