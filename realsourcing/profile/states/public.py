"""Buyer-facing pages: the directory, a factory's page, a product's page. Anyone may read them."""

from __future__ import annotations

from datetime import datetime
from typing import TypedDict
from urllib.parse import urlencode

import reflex as rx
from starlette.concurrency import run_in_threadpool

from realsourcing.accounts import zones
from realsourcing.accounts.identity import CurrentUser
from realsourcing.core import divisions, responsive, timefmt
from realsourcing.core.errors import NotFound
from realsourcing.core.money import format_money
from realsourcing.core.page_head import tab_title
from realsourcing.orders import reviews
from realsourcing.profile import directory, insights
from realsourcing.profile.media import MediaRow
from realsourcing.profile.states.cards import FactoryCardRow, card_row
from realsourcing.profile.terms import CATEGORIES, CERTIFICATE_KINDS
from realsourcing.ui.session import SessionState, refusals_shown
from realsourcing.ui.zone import ClientZoneState, reader_zone

ALL = "all"  # select value meaning "no filter" (Radix selects cannot hold "")
MOQ_CHOICES = ("100", "500", "1000", "5000")


def _choice(value: str | None, allowed) -> str:
    return value if value in allowed else ALL


class DirectoryState(SessionState):
    loaded: bool = False
    text: str = ""
    category: str = ALL
    province: str = ALL
    certification: str = ALL
    verified_only: bool = False
    max_moq: str = ALL
    sort: str = "relevance"
    page: int = 1
    results: list[FactoryCardRow] = []
    total: int = 0
    total_capped: bool = False  # counting stopped at the cap: "1,000+ factories", more pages follow
    total_label: str = "0"
    pages: int = 1

    @rx.event
    async def open(self):
        params = self.router.url.query_parameters
        self.text = str(params.get("q", ""))[:100]
        self.category = _choice(params.get("category"), CATEGORIES)
        self.province = divisions.match_province(str(params.get("province", ""))) or ALL  # old links: "Zhejiang"
        self.certification = _choice(params.get("cert"), CERTIFICATE_KINDS)
        self.verified_only = params.get("verified") == "1"
        self.max_moq = _choice(params.get("moq"), MOQ_CHOICES)
        self.sort = params.get("sort") if params.get("sort") in directory.SORTS else "relevance"
        page = str(params.get("page", "1"))
        self.page = max(1, int(page)) if page.isascii() and page.isdigit() else 1
        result = await run_in_threadpool(  # the search's statements: off the event loop
            directory.search,
            directory.SearchQuery(
                text=self.text,
                category="" if self.category == ALL else self.category,
                province="" if self.province == ALL else self.province,
                certification="" if self.certification == ALL else self.certification,
                verified_only=self.verified_only,
                max_moq=None if self.max_moq == ALL else int(self.max_moq),
                sort=self.sort,
                page=self.page,
            ),
        )
        self.results = [card_row(c) for c in result.cards]
        self.total, self.page, self.pages = result.total, result.page, result.pages
        self.total_capped = result.total_capped
        self.total_label = f"{result.total:,}{'+' if result.total_capped else ''}"
        self.loaded = True

    def _go(self, **changes):
        """Navigate to the directory URL for the current filters with changes (shareable, back-button friendly)."""
        state = {
            "q": self.text,
            "category": self.category,
            "province": self.province,
            "cert": self.certification,
            "verified": "1" if self.verified_only else "",
            "moq": self.max_moq,
            "sort": self.sort,
            "page": "1",
        }
        state.update({k: str(v) for k, v in changes.items()})
        query = {
            k: v
            for k, v in state.items()
            if v not in ("", ALL) and not (k == "sort" and v == "relevance") and not (k == "page" and v == "1")
        }
        return rx.redirect("/factories" + (f"?{urlencode(query)}" if query else ""))

    @rx.event
    def submit(self, form: dict):
        return self._go(q=str(form.get("q", ""))[:100])

    @rx.event
    def set_filter(self, name: str, value: str):
        if name in ("category", "province", "cert", "moq", "sort"):
            return self._go(**{name: value})

    @rx.event
    def set_verified(self, checked: bool):
        return self._go(verified="1" if checked else "")

    @rx.event
    def clear(self):
        return rx.redirect("/factories")

    @rx.event
    def goto_page(self, page: int):
        wanted = int(page) if isinstance(page, int) and not isinstance(page, bool) else 1
        last = wanted if self.total_capped else self.pages  # past the cap the server finds the last page
        return self._go(page=max(1, min(wanted, last)))


class DocView(TypedDict):
    kind: str
    number: str
    issuer: str
    valid_until: str
    expired: bool


class SignalView(TypedDict):
    key: str
    value: str
    known: bool


class GalleryView(TypedDict):
    kind: str
    key: str
    thumb: str
    caption_en: str
    caption_zh: str
    src: str  # keys (core/responsive.py): the page prefixes the upload URL
    srcset: str
    sizes: str
    width: int
    height: int


class ImageView(TypedDict):
    src: str
    srcset: str
    sizes: str
    width: int
    height: int


def _image_view(m: MediaRow, sizes: str) -> ImageView:
    found = responsive.sources(m.key, m.derivative_widths, sizes)
    return ImageView(src=found.src, srcset=found.srcset, sizes=found.sizes, width=m.width, height=m.height)


class ProductCardView(TypedDict):
    id: int
    name_en: str
    name_zh: str
    sample: str
    moq: str
    image: str
    image_srcset: str
    image_sizes: str
    image_width: int
    image_height: int


def money_or_blank(cents: int | None, currency: str, language: str) -> str:
    """An amount for people to read, or "" when there is none (e.g. samples not offered)."""
    return format_money(cents, currency, language) if cents is not None else ""


def product_card_view(card: directory.ProductCard, language: str) -> ProductCardView:
    return ProductCardView(
        id=card.id,
        name_en=card.name_en,
        name_zh=card.name_zh,
        sample=money_or_blank(card.sample_price_cents, card.currency, language),
        moq=f"{card.moq:,}" if card.moq else "",
        image=card.image_key,
        image_srcset=card.image.srcset,
        image_sizes=responsive.SIZES_CARD if card.image.srcset else "",
        image_width=card.image.width,
        image_height=card.image.height,
    )


class WebinarView(TypedDict):
    id: int
    title_en: str
    title_zh: str
    when: str


class FactoryPageState(SessionState):
    loaded: bool = False
    missing: bool = False
    following: bool = False
    can_follow: bool = False
    _factory_id: int = 0
    info: dict[str, str] = {}
    verified: bool = False
    categories: list[str] = []
    documents: list[DocView] = []
    signals: list[SignalView] = []
    gallery: list[GalleryView] = []
    products: list[ProductCardView] = []
    webinars: list[WebinarView] = []
    reviews: list[dict[str, str]] = []  # the latest, from paid sample orders (orders/reviews.py)
    _webinar_starts: list[tuple[int, str, str, str]] = []  # id, titles, start (ISO, UTC)
    _browser_zone: str = ""

    @rx.var
    def page_title(self) -> str:
        """The tab's title: the factory's name (the server sent the same in the page's head)."""
        return tab_title(
            self.lang, self.info.get("name_en", ""), self.info.get("name_zh", ""), "Factory · RealSourcing"
        )

    def _show_webinars(self, user: CurrentUser | None) -> None:
        zone = reader_zone(user, self._browser_zone)
        self.webinars = [
            WebinarView(
                id=i, title_en=en, title_zh=zh, when=timefmt.moment(datetime.fromisoformat(iso), zone, self.lang)
            )
            for i, en, zh, iso in self._webinar_starts
        ]

    @rx.event
    async def show_in_zone(self, zone: str):
        """The browser's zone, reported after the page mounts: visitors read the open days in it."""
        if zones.is_zone(zone) and zone != self._browser_zone:
            self._browser_zone = zone
            if self._webinar_starts:
                self._show_webinars(await run_in_threadpool(self.current_user))
        return ClientZoneState.report(zone)

    @rx.event
    async def open(self):
        self.loaded, self.missing = False, False
        slug = self.path_segment(1)
        try:
            page = await run_in_threadpool(directory.factory_page, slug)  # its statements: off the event loop
        except NotFound:
            self.missing, self.loaded = True, True
            return
        user = await run_in_threadpool(self.current_user)  # anyone may read a factory's page
        await run_in_threadpool(insights.record_view, page.id, user, self.user_agent())
        following = user is not None and await run_in_threadpool(insights.is_following, user, page.id)
        self._factory_id = page.id
        self.can_follow = user is None or user.factory_id != page.id
        self.following = following
        number = lambda v: f"{v:,}" if v is not None else ""  # noqa: E731
        self.info = {
            "slug": page.slug,
            "name_en": page.name_en,
            "name_zh": page.name_zh,
            "legal_en": page.legal_name_en,
            "legal_zh": page.legal_name_zh or page.legal_name_en,
            "place_en": divisions.place(page.city, page.province, "en"),
            "place_zh": divisions.place(page.city, page.province, "zh"),
            "years": str(page.years_in_business or ""),
            "founded": str(page.founded_year or ""),
            "staff": number(page.staff_count),
            "area": number(page.floor_area_m2),
            "markets": ", ".join(page.main_markets),
            "export": f"{page.export_share_pct} %" if page.export_share_pct is not None else "",
            "lines": number(page.production_lines),
            "capacity": page.monthly_capacity,
            "moq": number(page.typical_moq),
            "lead": str(page.lead_time_days or ""),
            "languages": ", ".join(page.languages),
            "about_en": page.about_en,
            "about_zh": page.about_zh,
            "logo": page.logo_key,
        }
        self.verified = page.is_verified
        self.categories = page.categories
        self.documents = [
            DocView(
                kind=d.kind,
                number=d.certificate_number,
                issuer=d.issuing_body,
                valid_until=timefmt.calendar_day(d.valid_until, self.lang) if d.valid_until else "",
                expired=d.expired,
            )
            for d in page.documents
        ]
        self.signals = [SignalView(key=s.key, value=s.value or "", known=s.value is not None) for s in page.signals]
        self.gallery = [
            GalleryView(
                kind=m.kind,
                key=m.key,
                thumb=m.thumbnail_key,
                caption_en=m.caption_en,
                caption_zh=m.caption_zh or m.caption_en,
                **_image_view(m, responsive.SIZES_GALLERY),
            )
            for m in page.gallery
        ]
        self.products = [product_card_view(p, self.lang) for p in page.products]
        self.reviews = [reviews.shown(r) for r in page.reviews]
        self._webinar_starts = [(w.id, w.title_en, w.title_zh, w.starts_at.isoformat()) for w in page.webinars]
        self._show_webinars(user)
        self.loaded = True

    @rx.event
    @refusals_shown
    def toggle_follow(self):
        insights.set_following(self.user(), self._factory_id, not self.following)
        self.following = not self.following


class SpecView(TypedDict):
    name: str
    value: str


class ProductPageState(SessionState):
    loaded: bool = False
    missing: bool = False
    info: dict[str, str] = {}
    factory_verified: bool = False
    specs: list[SpecView] = []
    options: list[str] = []
    images: list[ImageView] = []
    product_id: int = 0

    @rx.var
    def page_title(self) -> str:
        return tab_title(
            self.lang, self.info.get("name_en", ""), self.info.get("name_zh", ""), "Product · RealSourcing"
        )

    @rx.event
    def open(self):
        self.loaded, self.missing = False, False
        try:
            page = directory.product_page(self.path_id(1))
        except NotFound:
            self.missing, self.loaded = True, True
            return
        price = lambda cents: money_or_blank(cents, page.currency, self.lang)  # noqa: E731
        self.info = {
            "name_en": page.name_en,
            "name_zh": page.name_zh,
            "category": page.category,
            "description_en": page.description_en,
            "description_zh": page.description_zh,
            "price_min": price(page.price_min_cents),
            "price_max": price(page.price_max_cents),
            "moq": f"{page.moq:,}" if page.moq else "",
            "sample_price": price(page.sample_price_cents),
            "sample_max": str(page.sample_max_qty),
            "sample_lead": str(page.sample_lead_time_days or ""),
            "factory_slug": page.factory_slug,
            "factory_en": page.factory_name_en,
            "factory_zh": page.factory_name_zh,
            "factory_place_en": divisions.place(page.factory_city, page.factory_province, "en"),
            "factory_place_zh": divisions.place(page.factory_city, page.factory_province, "zh"),
        }
        self.factory_verified = page.factory_verified
        self.product_id = page.id
        self.specs = [SpecView(name=k, value=v) for k, v in page.specifications.items()]
        self.options = page.customization
        self.images = [_image_view(m, responsive.SIZES_PRODUCT) for m in page.images]
        self.loaded = True
