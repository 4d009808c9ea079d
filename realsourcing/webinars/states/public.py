"""Buyer-facing webinar pages: the square, a webinar's page, and its live room."""

from __future__ import annotations

from datetime import timedelta
from typing import TypedDict

import reflex as rx
from starlette.concurrency import run_in_threadpool

from realsourcing.accounts import zones
from realsourcing.accounts.identity import CurrentUser
from realsourcing.core import timefmt
from realsourcing.core.errors import DomainError, NotFound, PermissionDenied
from realsourcing.core.page_head import tab_title
from realsourcing.core.video import LiveKitGateway
from realsourcing.profile import directory
from realsourcing.profile.states.public import DocView, ProductCardView, SignalView, product_card_view
from realsourcing.profile.terms import CATEGORIES
from realsourcing.ui.session import SessionState, refusals_shown
from realsourcing.ui.zone import ClientZoneState, reader_zone
from realsourcing.webinars import service as webinars
from realsourcing.webinars.service import WebinarCard


class WebinarCardView(TypedDict):
    id: int
    title_en: str
    title_zh: str
    kind: str
    status: str
    starts_utc: str  # ISO 8601 (the countdown)
    when: str  # start, in the viewer's zone, the zone named
    span: str  # start–end, likewise
    host_span: str  # start–end in the factory's zone; "" when it reads like the viewer's
    duration: int
    language: str
    factory_slug: str
    factory_en: str
    factory_zh: str
    verified: bool
    place: str
    seats: str
    cover: str
    verified_docs: int


def card_view(card: WebinarCard, zone: str, lang: str) -> WebinarCardView:
    end = card.starts_at + timedelta(minutes=card.duration_min)
    span = timefmt.span(card.starts_at, end, zone, lang)
    both = timefmt.span_for_both(card.starts_at, end, zone, [card.factory_timezone], lang)
    return WebinarCardView(
        id=card.id,
        title_en=card.title_en,
        title_zh=card.title_zh,
        kind=card.kind,
        status=card.status,
        starts_utc=card.starts_at.isoformat(),
        when=timefmt.moment(card.starts_at, zone, lang),
        span=span,
        host_span="" if both == span else timefmt.span(card.starts_at, end, card.factory_timezone, lang),
        duration=card.duration_min,
        language=card.language,
        factory_slug=card.factory_slug,
        factory_en=card.factory_name_en,
        factory_zh=card.factory_name_zh,
        verified=card.factory_verified,
        place=card.factory_place_zh if lang == "zh" else card.factory_place_en,
        seats=f"{card.registered}/{card.capacity}",
        cover=card.cover_key,
        verified_docs=card.verified_documents,
    )


def trust_views(factory: directory.FactoryPage, lang: str) -> tuple[list[DocView], list[SignalView]]:
    documents = [
        DocView(
            kind=d.kind,
            number=d.certificate_number,
            issuer=d.issuing_body,
            valid_until=timefmt.calendar_day(d.valid_until, lang) if d.valid_until else "",
            expired=d.expired,
        )
        for d in factory.documents
    ]
    return documents, [SignalView(key=s.key, value=s.value or "", known=s.value is not None) for s in factory.signals]


def featured_products(factory: directory.FactoryPage, product_ids: list[int], language: str) -> list[ProductCardView]:
    featured = set(product_ids)
    return [product_card_view(p, language) for p in factory.products if p.id in featured]


class WebinarSquareState(SessionState):
    loaded: bool = False
    category: str = "all"
    language: str = "all"
    verified_only: bool = False
    live: list[WebinarCardView] = []
    upcoming: list[WebinarCardView] = []
    past: list[WebinarCardView] = []
    _browser_zone: str = ""

    @rx.event
    async def show_in_zone(self, zone: str):
        """The browser's zone, reported after the page mounts: visitors read the times in it."""
        if zones.is_zone(zone) and zone != self._browser_zone:
            user, before = await run_in_threadpool(self.current_user), self._browser_zone
            self._browser_zone = zone
            if self.loaded and reader_zone(user, zone) != reader_zone(user, before):
                await self._fill(reader_zone(user, zone))
        return ClientZoneState.report(zone)

    @rx.event
    async def open(self):
        await self._fill(reader_zone(await run_in_threadpool(self.current_user), self._browser_zone))

    async def _fill(self, zone: str) -> None:
        result = await run_in_threadpool(  # the square's statements: off the event loop
            webinars.square,
            category=self.category if self.category in CATEGORIES else "",
            language=self.language if self.language in webinars.LANGUAGES else "",
            verified_only=self.verified_only,
        )
        self.live = [card_view(c, zone, self.lang) for c in result.live]
        self.upcoming = [card_view(c, zone, self.lang) for c in result.upcoming]
        self.past = [card_view(c, zone, self.lang) for c in result.past]
        self.loaded = True

    @rx.event
    def set_category(self, value: str):
        self.category = value if value in CATEGORIES else "all"
        return WebinarSquareState.open

    @rx.event
    def set_language(self, value: str):
        self.language = value if value in webinars.LANGUAGES else "all"
        return WebinarSquareState.open

    @rx.event
    def set_verified(self, checked: bool):
        self.verified_only = bool(checked)
        return WebinarSquareState.open


class WebinarPageState(SessionState):
    loaded: bool = False
    missing: bool = False
    card: WebinarCardView = WebinarCardView(
        id=0,
        title_en="",
        title_zh="",
        kind="",
        status="",
        starts_utc="",
        when="",
        span="",
        host_span="",
        duration=0,
        language="",
        factory_slug="",
        factory_en="",
        factory_zh="",
        verified=False,
        place="",
        seats="",
        cover="",
        verified_docs=0,
    )
    description: str = ""
    cancel_reason: str = ""
    registered: bool = False
    is_host: bool = False
    documents: list[DocView] = []
    signals: list[SignalView] = []
    products: list[ProductCardView] = []
    message: str = ""
    _browser_zone: str = ""

    @rx.var
    def page_title(self) -> str:
        """The tab's title: the webinar's (the server sent the same in the page's head)."""
        return tab_title(self.lang, self.card["title_en"], self.card["title_zh"], "Webinar · RealSourcing")

    @rx.event
    async def show_in_zone(self, zone: str):
        """The browser's zone, reported after the page mounts: visitors read the times in it."""
        if zones.is_zone(zone) and zone != self._browser_zone:
            user, before = await run_in_threadpool(self.current_user), self._browser_zone
            self._browser_zone = zone
            if self.loaded and not self.missing and reader_zone(user, zone) != reader_zone(user, before):
                await run_in_threadpool(self._load)
        return ClientZoneState.report(zone)

    def _load(self) -> None:
        user = self.current_user()  # a webinar's page is public; signed-in viewers also see whether they registered
        info = webinars.detail(self.path_id(1), user)
        factory = directory.factory_page(info.card.factory_slug)
        self.card = card_view(info.card, reader_zone(user, self._browser_zone), self.lang)
        self.description, self.cancel_reason = info.description, info.cancel_reason
        self.registered, self.is_host = info.viewer_registered, info.viewer_is_host
        self.documents, self.signals = trust_views(factory, self.lang)
        self.products = featured_products(factory, info.product_ids, self.lang)

    @rx.event
    def open(self):
        self.loaded, self.missing, self.message = False, False, ""
        try:
            self._load()
        except NotFound:
            self.missing = True
        self.loaded = True

    @rx.event
    @refusals_shown
    def register(self):
        try:
            webinars.register(self.user(), self.card["id"])
        except DomainError as exc:  # full, over, their own webinar…: said on the page, by the button
            self.message = self.explain(exc)
            return
        self._load()
        return rx.toast.success(self.tr("web.registered"))

    @rx.event
    @refusals_shown
    def unregister(self):
        webinars.unregister(self.user(), self.card["id"])
        self._load()


class WebinarRoomState(SessionState):
    loaded: bool = False
    webinar_id: int = 0
    title_en: str = ""
    title_zh: str = ""
    status: str = ""
    factory_slug: str = ""
    refusal: str = ""  # why there is no token (translated)
    server_url: str = ""
    token: str = ""
    is_host: bool = False
    video_error: str = ""
    audience: list[dict[str, str]] = []
    host_message: str = ""
    products: list[ProductCardView] = []
    documents: list[DocView] = []
    signals: list[SignalView] = []

    def _ticket(self, user: CurrentUser) -> None:
        self.refusal, self.token = "", ""
        try:
            info = webinars.detail(self.webinar_id, user)
            self.title_en, self.title_zh, self.status = info.card.title_en, info.card.title_zh, info.card.status
            self.factory_slug = info.card.factory_slug
            factory = directory.factory_page(info.card.factory_slug)
            self.products = featured_products(factory, info.product_ids, self.lang)
            self.documents, self.signals = trust_views(factory, self.lang)
            ticket = webinars.join_ticket(user, self.webinar_id, LiveKitGateway.from_settings())
        except DomainError as exc:  # not registered, too early, over, no such webinar: the room page says why
            self.refusal = self.explain(exc)
            return
        self.server_url, self.token, self.is_host = ticket.url, ticket.token, ticket.is_host
        if ticket.is_host:
            self.audience = [{"identity": i, "name": n} for i, n in webinars.registered_people(user, self.webinar_id)]

    @rx.event
    @refusals_shown
    def open(self):
        self.loaded, self.video_error, self.host_message = False, "", ""
        self.webinar_id = self.path_id(1)
        self._ticket(self.user())
        self.loaded = True

    @rx.event
    def video_failed(self, message: str = ""):
        self.video_error = self.tr("err.video_unavailable")

    @rx.event
    @refusals_shown
    async def host_action(self, action: str, identity: str = ""):
        """Go live, end, or moderate one participant; the service checks the actor is the host."""
        user = self.user()
        gateway = LiveKitGateway.from_settings()
        try:
            if action == "go_live":
                await webinars.go_live(user, self.webinar_id, gateway)
            elif action == "end":
                await webinars.end(user, self.webinar_id, gateway)
            else:
                await webinars.moderate(user, self.webinar_id, str(identity), str(action), gateway)
        except (PermissionDenied, NotFound):
            raise  # not the host, or no such webinar: refusals_shown says so
        except DomainError as exc:  # not live yet, too early…: said in the host's panel
            self.host_message = self.explain(exc)
            return
        self.host_message = ""
        self._ticket(user)
        return rx.toast.success(self.tr("web.done"))
