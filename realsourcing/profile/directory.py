"""What buyers see: the factory directory (search), a factory's public page, a product's page.

Rules:
- Only published, non-deleted products are shown; drafts never leave the dashboard.
- The trust panel lists approved documents; an approved document past its validity is listed as
  expired, never as verified. Pending and rejected documents are not shown to buyers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, case, column, func, literal, or_, table, text, true
from sqlmodel import Session, col, select

from realsourcing.core import responsive
from realsourcing.core.errors import NotFound
from realsourcing.db import get_existing, id_of, session_scope, utcnow
from realsourcing.orders import reviews
from realsourcing.orders.reviews import ReviewView
from realsourcing.profile import media, trust
from realsourcing.profile.catalog import first_card_images
from realsourcing.profile.catalog_models import Product, ProductStatus
from realsourcing.profile.factories import FactoryCard, document_is_current, to_cards, upcoming_webinars
from realsourcing.profile.models import Factory, FactoryDocument, MediaAsset, ReviewStatus
from realsourcing.profile.search_text import fts5_query, indexed_form, search_terms

REVIEWS_SHOWN = 10  # the factory page lists this many latest reviews

PAGE_SIZE = 12
SORTS = ("relevance", "newest", "name", "established")
# Counting stops here (or just past the page asked for): a count of everything would read every match.
COUNT_CAP = 1000


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    category: str = ""
    province: str = ""
    certification: str = ""
    verified_only: bool = False
    max_moq: int | None = None
    sort: str = "relevance"
    page: int = 1


@dataclass(frozen=True)
class SearchResult:
    cards: list[FactoryCard]
    total: int  # exact, or the cap when total_capped ("1,000+ factories")
    page: int
    pages: int  # pages counted; more follow when total_capped
    total_capped: bool = False


def _like(expression: Any, fragment: str) -> ColumnElement[bool]:
    escaped = fragment.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return expression.like(f"%{escaped}%", escape="\\")


_FTS = table("factory_search", column("rowid"), column("rank"))


def _fts_matches(forms: list[str]) -> Any:
    """SQLite: the FTS5 trigram index's matches of every form, as (factory_id, rank)."""
    return (
        select(_FTS.c.rowid.label("factory_id"), _FTS.c.rank.label("rank"))
        .select_from(_FTS)
        .where(text("factory_search MATCH :match").bindparams(match=fts5_query(forms)))
        .subquery("fts")
    )


def _name_rank(terms: list[str]) -> Any:
    """0: the query is a factory's name; 1: its name holds every word; 2: only its other text does."""
    whole = " ".join(terms)
    name_en, name_zh = func.lower(Factory.display_name_en), func.lower(Factory.display_name_zh)
    return case(
        (or_(name_en == whole, name_zh == whole), 0),
        (and_(*(or_(_like(name_en, t), _like(name_zh, t)) for t in terms)), 1),
        else_=2,
    )


def _counted(db: Session, rows: Any, cap: int) -> int:
    """How many rows the select yields, counting no further than cap."""
    return db.exec(select(func.count()).select_from(rows.limit(cap).subquery())).one()


def search(query: SearchQuery) -> SearchResult:
    """Factories matching every word of the text (names, products, categories, city) and the filters.

    Words go through the trigram index (profile/search_text.py); only short non-Chinese words use LIKE,
    on the rows the rest leaves. The count stops at COUNT_CAP (or just past the page asked for) and says
    so. Relevance: when the matches are counted in full, the factory whose name is the query comes first,
    then names holding every word, then the text's rank (SQLite: FTS5 bm25; PostgreSQL: how early the
    words appear in the text, names first), then verified and recently updated factories; past the cap,
    exact names first, then verified and recently updated factories, so a common word never ranks every
    row."""
    terms = search_terms(query.text)
    conditions: list[ColumnElement[bool]] = []
    if query.category:
        conditions.append(col(Factory.category) == query.category)
    if query.province:
        conditions.append(col(Factory.province) == query.province)
    if query.verified_only:
        conditions.append(col(Factory.is_verified).is_(True))
    if query.max_moq is not None:
        conditions.append(col(Factory.typical_moq).is_not(None))
        conditions.append(col(Factory.typical_moq) <= query.max_moq)
    if query.certification:
        today = utcnow().date()
        # IN, not a correlated EXISTS: the certified factories are read once through the kind index.
        conditions.append(
            col(Factory.id).in_(
                select(col(FactoryDocument.factory_id)).where(
                    col(FactoryDocument.kind) == query.certification,
                    col(FactoryDocument.status) == ReviewStatus.APPROVED.value,
                    or_(col(FactoryDocument.valid_until).is_(None), col(FactoryDocument.valid_until) >= today),
                )
            )
        )
    forms = [f for f in (indexed_form(t) for t in terms) if f is not None]
    conditions += [_like(col(Factory.search_text), t) for t in terms if indexed_form(t) is None]
    orders: dict[str, list[Any]] = {  # column expressions of several kinds
        "newest": [col(Factory.created_at).desc(), col(Factory.id).desc()],
        "name": [func.lower(Factory.display_name_en), col(Factory.id)],
        "established": [col(Factory.founded_year).is_(None), col(Factory.founded_year), col(Factory.id)],
    }
    freshness: list[Any] = [col(Factory.is_verified).desc(), col(Factory.updated_at).desc(), col(Factory.id).desc()]
    page = max(1, query.page)
    with session_scope() as db:
        postgres = db.get_bind().dialect.name == "postgresql"
        cap = max(COUNT_CAP, page * PAGE_SIZE) + 1
        matched = None if postgres or not forms else _fts_matches(forms)
        counted = None
        if matched is not None and _counted(db, select(matched.c.factory_id), cap) >= cap:
            # Words found in very many rows: reading all their matches out of the index costs more than
            # testing rows in the page's order until it is full, which LIKE does (the index stops at cap).
            matched = None
            counted = cap if not conditions else None  # nothing else to narrow them: the index counted
        if postgres and forms:
            # The planner prices LIKE on a long text like any operator and reads every row instead of the
            # trigram index (measured at 10,000 factories: 42 ms against 5 ms). For this transaction only.
            db.exec(text("SET LOCAL enable_seqscan = off"))  # type: ignore[call-overload]
        in_index: list[ColumnElement[bool]] = (
            [] if matched is None else [col(Factory.id).in_(select(matched.c.factory_id))]
        )
        if matched is None:  # on PostgreSQL the pg_trgm GIN index serves these LIKEs
            conditions += [_like(col(Factory.search_text), f) for f in forms]
        if counted is None:
            counted = _counted(db, select(col(Factory.id)).where(*conditions, *in_index), cap)
        capped = counted >= cap
        total = cap - 1 if capped else counted
        pages = max(1, math.ceil(total / PAGE_SIZE))
        page = min(page, pages)
        offset = (page - 1) * PAGE_SIZE
        if query.sort in orders or not terms:
            rows = db.exec(
                select(Factory)
                .where(*conditions, *in_index)
                .order_by(*orders.get(query.sort, freshness))
                .offset(offset)
                .limit(PAGE_SIZE)
            ).all()
        elif not capped:
            ranked = select(Factory).where(*conditions)  # the join below keeps the index's matches only
            text_rank: list[Any] = []
            if matched is not None:
                ranked = ranked.join(matched, matched.c.factory_id == col(Factory.id))
                text_rank = [matched.c.rank]  # bm25: lower is better
            elif postgres and forms:
                # Where the words first appear: names come first in search_text, then places, categories
                # and products. (pg_trgm's similarity() rebuilds every row's trigrams: measured 10x slower.)
                text_rank = [sum((func.strpos(col(Factory.search_text), f) for f in forms), literal(0))]
            rows = db.exec(
                ranked.order_by(_name_rank(terms), *text_rank, *freshness).offset(offset).limit(PAGE_SIZE)
            ).all()
        else:
            rows = _exact_names_first(db, terms, conditions + in_index, freshness, offset)
        return SearchResult(to_cards(db, list(rows)), total, page, pages, capped)


def _exact_names_first(
    db: Session, terms: list[str], conditions: list[ColumnElement[bool]], freshness: list[Any], offset: int
) -> list[Factory]:
    """A page of many matches: factories named exactly as the query first (found through the name
    indexes), then the others, verified and recently updated first (read in the order of an index)."""
    whole = " ".join(terms)
    named = or_(func.lower(Factory.display_name_en) == whole, func.lower(Factory.display_name_zh) == whole)
    exact = list(db.exec(select(Factory).where(named, *conditions).order_by(*freshness).limit(PAGE_SIZE * 5)).all())
    head = exact[offset : offset + PAGE_SIZE]
    if len(head) == PAGE_SIZE:
        return head
    rest = db.exec(
        select(Factory)
        .where(*conditions, col(Factory.id).not_in([id_of(f) for f in exact]) if exact else true())
        .order_by(*freshness)
        .offset(max(0, offset - len(exact)))
        .limit(PAGE_SIZE - len(head))
    ).all()
    return head + list(rest)


@dataclass(frozen=True)
class TrustDocument:
    kind: str
    certificate_number: str
    issuing_body: str
    valid_from: date | None
    valid_until: date | None
    expired: bool


@dataclass(frozen=True)
class ProductCard:
    id: int
    name_en: str
    name_zh: str
    category: str
    sample_price_cents: int | None
    currency: str
    moq: int | None
    image_key: str
    image: responsive.CardImage = responsive.CardImage("")


@dataclass(frozen=True)
class UpcomingWebinar:
    id: int
    title_en: str
    title_zh: str
    starts_at: datetime
    duration_min: int


@dataclass(frozen=True)
class FactoryPage:
    id: int
    slug: str
    name_en: str
    name_zh: str
    legal_name_en: str
    legal_name_zh: str
    is_verified: bool
    city: str
    province: str
    founded_year: int | None
    years_in_business: int | None
    staff_count: int | None
    floor_area_m2: int | None
    main_markets: list[str]
    export_share_pct: int | None
    categories: list[str]
    production_lines: int | None
    monthly_capacity: str
    typical_moq: int | None
    lead_time_days: int | None
    languages: list[str]
    about_en: str
    about_zh: str
    logo_key: str
    documents: list[TrustDocument]
    signals: list[trust.Signal]
    gallery: list[media.MediaRow]
    products: list[ProductCard]
    webinars: list[UpcomingWebinar]
    reviews: list[ReviewView] = field(default_factory=list)  # the latest, from paid sample orders


def _product_cards(db: Session, factory_id: int, limit: int = 24) -> list[ProductCard]:
    products = db.exec(
        select(Product)
        .where(
            Product.factory_id == factory_id,
            Product.status == ProductStatus.PUBLISHED.value,
            col(Product.deleted_at).is_(None),
        )
        .order_by(col(Product.id))
        .limit(limit)
    ).all()
    images = first_card_images(db, [id_of(p) for p in products])
    return [
        ProductCard(
            id_of(p),
            p.name_en,
            p.name_zh or p.name_en,
            p.category,
            p.sample_price_cents,
            p.currency,
            p.moq,
            images[id_of(p)].thumb if id_of(p) in images else "",
            images.get(id_of(p), responsive.CardImage("")),
        )
        for p in products
    ]


def factory_page(slug: str) -> FactoryPage:
    today = utcnow().date()
    with session_scope() as db:
        factory = db.exec(select(Factory).where(Factory.slug == slug)).first()
        if factory is None:
            raise NotFound()
        docs = db.exec(
            select(FactoryDocument)
            .where(FactoryDocument.factory_id == factory.id, FactoryDocument.status == ReviewStatus.APPROVED.value)
            .order_by(col(FactoryDocument.kind) != "business_license", col(FactoryDocument.kind))
        ).all()
        factory_id = id_of(factory)
        webinars = upcoming_webinars(db, factory_id)
        logo = db.get(MediaAsset, factory.logo_asset_id) if factory.logo_asset_id else None
        return FactoryPage(
            id=factory_id,
            slug=factory.slug,
            name_en=factory.display_name_en,
            name_zh=factory.display_name_zh or factory.display_name_en,
            legal_name_en=factory.legal_name_en,
            legal_name_zh=factory.legal_name_zh,
            is_verified=factory.is_verified,
            city=factory.city,
            province=factory.province,
            founded_year=factory.founded_year,
            years_in_business=(today.year - factory.founded_year) if factory.founded_year else None,
            staff_count=factory.staff_count,
            floor_area_m2=factory.floor_area_m2,
            main_markets=list(factory.main_markets),
            export_share_pct=factory.export_share_pct,
            categories=list(factory.categories),
            production_lines=factory.production_lines,
            monthly_capacity=factory.monthly_capacity,
            typical_moq=factory.typical_moq,
            lead_time_days=factory.lead_time_days,
            languages=list(factory.languages),
            about_en=factory.about_en,
            about_zh=factory.about_zh or factory.about_en,
            logo_key=logo.thumbnail_key if logo else "",
            documents=[
                TrustDocument(
                    d.kind,
                    d.certificate_number,
                    d.issuing_body,
                    d.valid_from,
                    d.valid_until,
                    not document_is_current(d, today),
                )
                for d in docs
            ],
            signals=trust.signals(db, factory_id),
            gallery=media.public_gallery(db, factory_id),
            products=_product_cards(db, factory_id),
            webinars=[
                UpcomingWebinar(id_of(w), w.title_en, w.title_zh or w.title_en, w.starts_at, w.duration_min)
                for w in webinars
            ],
            reviews=reviews.latest(db, factory_id, REVIEWS_SHOWN),
        )


@dataclass(frozen=True)
class ProductPage:
    id: int
    name_en: str
    name_zh: str
    category: str
    description_en: str
    description_zh: str
    specifications: dict[str, str]
    currency: str
    price_min_cents: int | None
    price_max_cents: int | None
    moq: int | None
    sample_price_cents: int | None
    sample_max_qty: int
    sample_lead_time_days: int | None
    customization: list[str]
    images: list[media.MediaRow]
    factory_slug: str
    factory_name_en: str
    factory_name_zh: str
    factory_verified: bool
    factory_city: str  # division codes (or a place typed before the pickers): core/divisions names them
    factory_province: str


def product_page(product_id: int) -> ProductPage:
    with session_scope() as db:
        product = db.get(Product, product_id)
        if product is None or product.status != ProductStatus.PUBLISHED.value or product.deleted_at is not None:
            raise NotFound()
        factory = get_existing(db, Factory, product.factory_id)
        return ProductPage(
            id=id_of(product),
            name_en=product.name_en,
            name_zh=product.name_zh or product.name_en,
            category=product.category,
            description_en=product.description_en,
            description_zh=product.description_zh or product.description_en,
            specifications=dict(product.specifications),
            currency=product.currency,
            price_min_cents=product.price_min_cents,
            price_max_cents=product.price_max_cents,
            moq=product.moq,
            sample_price_cents=product.sample_price_cents,
            sample_max_qty=product.sample_max_qty,
            sample_lead_time_days=product.sample_lead_time_days,
            customization=list(product.customization),
            images=media.product_images(db, id_of(product)),
            factory_slug=factory.slug,
            factory_name_en=factory.display_name_en,
            factory_name_zh=factory.display_name_zh or factory.display_name_en,
            factory_verified=factory.is_verified,
            factory_city=factory.city,
            factory_province=factory.province,
        )
