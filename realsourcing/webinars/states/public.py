"""Buyer-facing webinar pages: the square, a webinar's page, and its live room."""

from __future__ import annotations

from typing import TypedDict
from urllib.parse import quote

import reflex as rx

from realsourcing.core.errors import DomainError, NotFound, PermissionDenied
from realsourcing.core.video import LiveKitGateway
from realsourcing.profile import directory
from realsourcing.profile.catalog import cents_to_text
from realsourcing.profile.states.public import DocView, ProductCardView, SignalView
from realsourcing.profile.terms import CATEGORIES
from realsourcing.ui.session import SessionState
from realsourcing.webinars import service as webinars
from realsourcing.webinars.service import WebinarCard


class WebinarCardView(TypedDict):
    id: int
    title_en: str
    title_zh: str
    kind: str
    status: str
    starts_utc: str  # ISO 8601, shown in the viewer's own time zone by the browser
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


def card_view(card: WebinarCard) -> WebinarCardView:
    return WebinarCardView(
        id=card.id,
        title_en=card.title_en,
        title_zh=card.title_zh,
        kind=card.kind,
        status=card.status,
        starts_utc=card.starts_at.isoformat(),
        duration=card.duration_min,
        language=card.language,
        factory_slug=card.factory_slug,
        factory_en=card.factory_name_en,
        factory_zh=card.factory_name_zh,
        verified=card.factory_verified,
        place=card.factory_place,
        seats=f"{card.registered}/{card.capacity}",
        cover=card.cover_key,
        verified_docs=card.verified_documents,
    )


def trust_views(factory: directory.FactoryPage) -> tuple[list[DocView], list[SignalView]]:
    documents = [
        DocView(
            kind=d.kind,
            number=d.certificate_number,
            issuer=d.issuing_body,
            valid_until=d.valid_until.isoformat() if d.valid_until else "",
            expired=d.expired,
        )
        for d in factory.documents
    ]
    return documents, [SignalView(key=s.key, value=s.value or "", known=s.value is not None) for s in factory.signals]


def featured_products(factory: directory.FactoryPage, product_ids: list[int]) -> list[ProductCardView]:
    featured = set(product_ids)
    return [
        ProductCardView(
            id=p.id,
            name_en=p.name_en,
            name_zh=p.name_zh,
            sample=cents_to_text(p.sample_price_cents),
            moq=f"{p.moq:,}" if p.moq else "",
            image=p.image_key,
        )
        for p in factory.products
        if p.id in featured
    ]


class WebinarSquareState(SessionState):
    loaded: bool = False
    category: str = "all"
    language: str = "all"
    verified_only: bool = False
    live: list[WebinarCardView] = []
    upcoming: list[WebinarCardView] = []
    past: list[WebinarCardView] = []

    @rx.event
    def open(self):
        result = webinars.square(
            category=self.category if self.category in CATEGORIES else "",
            language=self.language if self.language in webinars.LANGUAGES else "",
            verified_only=self.verified_only,
        )
        self.live = [card_view(c) for c in result.live]
        self.upcoming = [card_view(c) for c in result.upcoming]
        self.past = [card_view(c) for c in result.past]
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

    def _load(self):
        user = self.current_user()
        info = webinars.detail(self.path_id(1), user)
        factory = directory.factory_page(info.card.factory_slug)
        self.card = card_view(info.card)
        self.description, self.cancel_reason = info.description, info.cancel_reason
        self.registered, self.is_host = info.viewer_registered, info.viewer_is_host
        self.documents, self.signals = trust_views(factory)
        self.products = featured_products(factory, info.product_ids)

    @rx.event
    def open(self):
        self.loaded, self.missing, self.message = False, False, ""
        try:
            self._load()
        except NotFound:
            self.missing = True
        self.loaded = True

    @rx.event
    def register(self):
        user = self.current_user()
        if user is None:
            return rx.redirect(f"/login?next={quote(self.router.url.path)}")
        try:
            webinars.register(user, self.card["id"])
        except (DomainError, NotFound) as exc:
            self.message = self.tr(exc.key)
            return
        self._load()
        return rx.toast.success(self.tr("web.registered"))

    @rx.event
    def unregister(self):
        user = self.current_user()
        if user is None:
            return
        webinars.unregister(user, self.card["id"])
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

    def _ticket(self):
        user = self.current_user()
        self.refusal, self.token = "", ""
        try:
            info = webinars.detail(self.webinar_id, user)
            self.title_en, self.title_zh, self.status = info.card.title_en, info.card.title_zh, info.card.status
            self.factory_slug = info.card.factory_slug
            factory = directory.factory_page(info.card.factory_slug)
            self.products = featured_products(factory, info.product_ids)
            self.documents, self.signals = trust_views(factory)
            ticket = webinars.join_ticket(user, self.webinar_id, LiveKitGateway.from_settings())
        except NotFound:
            self.refusal = self.tr("err.not_found")
            return
        except (PermissionDenied, DomainError) as exc:
            self.refusal = self.tr(exc.key)
            return
        self.server_url, self.token, self.is_host = ticket.url, ticket.token, ticket.is_host
        if ticket.is_host:
            self.audience = [{"identity": i, "name": n} for i, n in webinars.registered_people(user, self.webinar_id)]

    @rx.event
    def open(self):
        self.loaded, self.video_error, self.host_message = False, "", ""
        self.webinar_id = self.path_id(1)
        if self.current_user() is None:
            return rx.redirect(f"/login?next={quote(self.router.url.path)}")
        self._ticket()
        self.loaded = True

    @rx.event
    def video_failed(self, message: str = ""):
        self.video_error = self.tr("err.video_unavailable")

    @rx.event
    async def host_action(self, action: str, identity: str = ""):
        """Go live, end, or moderate one participant; the service checks the actor is the host."""
        user = self.current_user()
        gateway = LiveKitGateway.from_settings()
        try:
            if action == "go_live":
                await webinars.go_live(user, self.webinar_id, gateway)
            elif action == "end":
                await webinars.end(user, self.webinar_id, gateway)
            else:
                await webinars.moderate(user, self.webinar_id, str(identity), action, gateway)
        except (PermissionDenied, NotFound):
            return rx.toast.error(self.tr("err.permission_denied"))
        except DomainError as exc:
            self.host_message = self.tr(exc.key)
            return
        self.host_message = ""
        self._ticket()
        return rx.toast.success(self.tr("web.done"))
