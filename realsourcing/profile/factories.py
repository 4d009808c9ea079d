"""Factories: who may edit them, their profile, how complete it is, and what buyers see.

Rules:
- Only members of a factory read or change its dashboard data; the factory is always the actor's
  own (never an id sent by the client).
- A factory is Verified exactly when it has an approved business licence that has not expired.
- search_text (what the directory matches) is rebuilt whenever names, places or products change; the
  database's search index follows it (profile/search_text.py says what it holds).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import exists, func
from sqlmodel import Session, col, select

from realsourcing.accounts.email_address import normalize_email
from realsourcing.accounts.identity import CurrentUser
from realsourcing.core import divisions, responsive
from realsourcing.core.errors import NotFound, ValidationFailed
from realsourcing.db import id_of, session_scope, utcnow
from realsourcing.meetings.models import AvailabilityRule, Meeting, MeetingStatus, MeetingType
from realsourcing.orders.models import OrderStatus, SampleOrder, ShippingRate
from realsourcing.profile import bank_details
from realsourcing.profile.catalog_models import Product, ProductStatus
from realsourcing.profile.membership import require_member, team
from realsourcing.profile.models import Factory, FactoryDocument, MediaAsset, MediaKind, ReviewStatus
from realsourcing.profile.search_text import indexed_text
from realsourcing.profile.terms import CATEGORIES
from realsourcing.webinars.models import Webinar, WebinarStatus

# ---------------------------------------------------------------- verification and search


def document_is_current(doc: FactoryDocument, today: date) -> bool:
    """Approved and not expired: the only documents ever shown as verified."""
    return doc.status == ReviewStatus.APPROVED.value and (doc.valid_until is None or doc.valid_until >= today)


def refresh_verification(db: Session, factory: Factory) -> None:
    today = utcnow().date()
    licences = db.exec(
        select(FactoryDocument).where(
            FactoryDocument.factory_id == factory.id, FactoryDocument.kind == "business_license"
        )
    ).all()
    factory.is_verified = any(document_is_current(d, today) for d in licences)
    db.add(factory)


def refresh_search_text(db: Session, factory: Factory) -> None:
    products = db.exec(
        select(Product.name_en, Product.name_zh).where(
            Product.factory_id == factory.id,
            Product.status == ProductStatus.PUBLISHED.value,
            col(Product.deleted_at).is_(None),
        )
    ).all()
    parts = [
        factory.display_name_en,
        factory.display_name_zh,
        factory.legal_name_en,
        factory.legal_name_zh,
        *divisions.search_names(factory.city),  # Ningbo, 宁波市, 宁波: found in either language
        *divisions.search_names(factory.province),
        *(CATEGORIES.get(c, (c, c))[0] for c in factory.categories),
        *(CATEGORIES.get(c, (c, c))[1] for c in factory.categories),
        *(n for pair in products for n in pair),
    ]
    factory.search_text = indexed_text(parts)  # the directory's index follows (triggers / GIN index)
    db.add(factory)


def reindex_all() -> int:
    """Rebuild every factory's search text and verification (after migrations or bulk loads)."""
    with session_scope() as db:
        factories = db.exec(select(Factory)).all()
        for factory in factories:
            refresh_search_text(db, factory)
            refresh_verification(db, factory)
        return len(factories)


# ---------------------------------------------------------------- landing page and dashboard overview


@dataclass(frozen=True)
class FactoryCard:
    slug: str
    name_en: str
    name_zh: str
    city: str
    province: str
    category: str
    founded_year: int | None
    is_verified: bool
    product_count: int
    cover_key: str  # thumbnail of the cover photo in the media store; "" when there is none
    cover: responsive.CardImage = responsive.CardImage("")  # its WebP srcset and size too


def cover_images(db: Session, factory_ids: list[int]) -> dict[int, responsive.CardImage]:
    """Each factory's cover (or first) photo for its card: thumbnail and WebP derivatives (one statement)."""
    if not factory_ids:
        return {}
    rows = db.exec(
        select(MediaAsset)
        .where(
            col(MediaAsset.factory_id).in_(factory_ids),
            col(MediaAsset.product_id).is_(None),
            MediaAsset.kind == "image",
        )
        .order_by(col(MediaAsset.is_cover).desc(), col(MediaAsset.position), col(MediaAsset.id))
    ).all()
    covers: dict[int, responsive.CardImage] = {}
    for a in rows:
        if a.factory_id not in covers:
            covers[a.factory_id] = responsive.card_image(
                a.thumbnail_key, a.storage_key, a.derivative_widths, a.width, a.height
            )
    return covers


def published_product_counts(db: Session, factory_ids: list[int]) -> dict[int, int]:
    if not factory_ids:
        return {}
    return dict(
        db.exec(
            select(Product.factory_id, func.count())
            .where(
                col(Product.factory_id).in_(factory_ids),
                Product.status == ProductStatus.PUBLISHED.value,
                col(Product.deleted_at).is_(None),
            )
            .group_by(col(Product.factory_id))
        ).all()
    )


def to_cards(db: Session, factories: list[Factory]) -> list[FactoryCard]:
    ids = [id_of(f) for f in factories]
    covers, counts = cover_images(db, ids), published_product_counts(db, ids)
    return [
        FactoryCard(
            slug=f.slug,
            name_en=f.display_name_en,
            name_zh=f.display_name_zh or f.display_name_en,
            city=f.city,
            province=f.province,
            category=f.category,
            founded_year=f.founded_year,
            is_verified=f.is_verified,
            product_count=counts.get(factory_id, 0),
            cover_key=covers[factory_id].thumb if factory_id in covers else "",
            cover=covers.get(factory_id, responsive.CardImage("")),
        )
        for f, factory_id in zip(factories, ids, strict=True)
    ]


def featured_factories(limit: int = 6) -> list[FactoryCard]:
    """Factories for the landing page: verified first, then the newest."""
    with session_scope() as db:
        factories = db.exec(
            select(Factory)
            .order_by(col(Factory.is_verified).desc(), col(Factory.created_at).desc(), col(Factory.id).desc())
            .limit(limit)
        ).all()
        return to_cards(db, list(factories))


@dataclass(frozen=True)
class TeamMember:
    name: str
    email: str
    role: str


@dataclass(frozen=True)
class CompletenessStep:
    key: str  # i18n key of the next step, e.g. "step.logo"
    done: bool
    href: str


@dataclass(frozen=True)
class FactoryOverview:
    slug: str
    name_en: str
    name_zh: str
    city: str
    province: str
    is_verified: bool
    published_products: int
    pending_documents: int
    approved_documents: int
    team: list[TeamMember]
    completeness_pct: int
    steps: list[CompletenessStep] = field(default_factory=list)
    upcoming_webinars: list[tuple[int, str, str, datetime]] = field(default_factory=list)  # id, titles EN/ZH, start
    open_meeting_requests: int = 0
    open_orders: int = 0
    # "Verification pending" only while a business licence waits for review; before any is sent, "not verified yet"
    licence_under_review: bool = False


def upcoming_webinars(db: Session, factory_id: int, limit: int = 5) -> list[Webinar]:
    """Scheduled or live webinars of a factory, soonest first (one still running counts)."""
    return list(
        db.exec(
            select(Webinar)
            .where(
                Webinar.factory_id == factory_id,
                col(Webinar.status).in_([WebinarStatus.SCHEDULED.value, WebinarStatus.LIVE.value]),
                Webinar.starts_at > utcnow() - timedelta(hours=4),
            )
            .order_by(col(Webinar.starts_at))
            .limit(limit)
        ).all()
    )


STEP_KEYS = (
    "step.licence",
    "step.names",
    "step.location",
    "step.size",
    "step.capacity",
    "step.story",
    "step.contact",
    "step.logo",
    "step.certificate",
    "step.photos",
    "step.products",
    "step.meetings",
    "step.shipping",
    "step.bank",
)


def completeness(db: Session, factory: Factory) -> tuple[int, list[CompletenessStep]]:
    """How complete a profile is (0–100) and the steps, in the order a buyer cares about them.

    100 % means a buyer can order samples and pay: a published product, a shipping fee, bank details.
    """
    today = utcnow().date()
    docs = db.exec(select(FactoryDocument).where(FactoryDocument.factory_id == factory.id)).all()
    photos = db.exec(
        select(func.count()).where(
            MediaAsset.factory_id == factory.id,
            col(MediaAsset.product_id).is_(None),
            MediaAsset.kind == MediaKind.IMAGE.value,
        )
    ).one()
    published = published_product_counts(db, [id_of(factory)]).get(id_of(factory), 0)
    # A buyer can book only an offered meeting type in some weekly hours, and order only where a fee is set.
    offers_meetings, has_hours, ships = db.exec(
        select(
            exists().where(col(MeetingType.factory_id) == factory.id, col(MeetingType.is_active)),
            exists().where(col(AvailabilityRule.factory_id) == factory.id),
            exists().where(col(ShippingRate.factory_id) == factory.id),
        )
    ).one()
    steps = [
        CompletenessStep(
            "step.licence",
            any(d.kind == "business_license" and document_is_current(d, today) for d in docs),
            "/dashboard/documents",
        ),
        CompletenessStep(
            "step.names",
            bool(factory.display_name_en and factory.display_name_zh and factory.legal_name_zh),
            "/dashboard/profile",
        ),
        CompletenessStep(
            "step.location", bool(factory.city and factory.province and factory.address), "/dashboard/profile"
        ),
        CompletenessStep(
            "step.size",
            bool(factory.founded_year and factory.staff_count and factory.floor_area_m2),
            "/dashboard/profile",
        ),
        CompletenessStep(
            "step.capacity",
            bool(factory.categories and factory.monthly_capacity and factory.typical_moq and factory.lead_time_days),
            "/dashboard/profile",
        ),
        CompletenessStep("step.story", len(factory.about_en) >= 80, "/dashboard/profile"),
        CompletenessStep("step.contact", bool(factory.contact_name and factory.contact_email), "/dashboard/profile"),
        CompletenessStep("step.logo", factory.logo_asset_id is not None, "/dashboard/profile"),
        CompletenessStep(
            "step.certificate",
            any(d.kind != "business_license" and document_is_current(d, today) for d in docs),
            "/dashboard/documents",
        ),
        CompletenessStep("step.photos", photos >= 3, "/dashboard/media"),
        CompletenessStep("step.products", published >= 1, "/dashboard/products"),
        CompletenessStep("step.meetings", bool(offers_meetings and has_hours), "/dashboard/availability"),
        CompletenessStep("step.shipping", bool(ships), "/dashboard/orders"),
        CompletenessStep("step.bank", bank_details.are_set(db, id_of(factory)), "/dashboard/bank"),
    ]
    pct = round(100 * sum(s.done for s in steps) / len(steps))
    return pct, steps


def overview_for_member(actor: CurrentUser) -> FactoryOverview:
    """The dashboard summary of the actor's own factory; only its members may see it."""
    with session_scope() as db:
        factory = require_member(db, actor)
        factory_id = id_of(factory)
        doc_counts: dict[tuple[str, str], int] = {
            (kind, status): n
            for kind, status, n in db.exec(
                select(FactoryDocument.kind, FactoryDocument.status, func.count())
                .where(FactoryDocument.factory_id == factory_id)
                .group_by(col(FactoryDocument.kind), col(FactoryDocument.status))
            ).all()
        }
        people = team(db, factory_id)
        pct, steps = completeness(db, factory)
        webinars = upcoming_webinars(db, factory_id)
        open_requests = db.exec(
            select(func.count()).where(
                Meeting.factory_id == factory.id, Meeting.status == MeetingStatus.REQUESTED.value
            )
        ).one()
        open_orders = db.exec(
            select(func.count()).where(
                SampleOrder.factory_id == factory.id,
                col(SampleOrder.status).in_(
                    [s.value for s in (OrderStatus.PAID, OrderStatus.ACCEPTED, OrderStatus.SHIPPED)]
                ),
            )
        ).one()
        return FactoryOverview(
            slug=factory.slug,
            name_en=factory.display_name_en,
            name_zh=factory.display_name_zh or factory.display_name_en,
            city=factory.city,
            province=factory.province,
            is_verified=factory.is_verified,
            published_products=published_product_counts(db, [factory_id]).get(factory_id, 0),
            pending_documents=sum(n for (_, status), n in doc_counts.items() if status == ReviewStatus.PENDING.value),
            approved_documents=sum(n for (_, status), n in doc_counts.items() if status == ReviewStatus.APPROVED.value),
            licence_under_review=("business_license", ReviewStatus.PENDING.value) in doc_counts,
            team=[TeamMember(name=u.full_name, email=u.email, role=role) for u, role in people],
            completeness_pct=pct,
            steps=steps,
            upcoming_webinars=[(id_of(w), w.title_en, w.title_zh or w.title_en, w.starts_at) for w in webinars],
            open_meeting_requests=open_requests,
            open_orders=open_orders,
        )


# ---------------------------------------------------------------- profile editing

PROFILE_TEXT_FIELDS = {  # field: (max length, required)
    "legal_name_en": (200, True),
    "legal_name_zh": (200, False),
    "display_name_en": (120, True),
    "display_name_zh": (120, False),
    "address": (300, False),
    "monthly_capacity": (200, False),
    "about_en": (4000, False),
    "about_zh": (4000, False),
    "contact_name": (120, False),
    "contact_phone": (40, False),
}
PROFILE_INT_FIELDS = {  # field: (min, max)
    "founded_year": (1900, 2100),
    "staff_count": (1, 1_000_000),
    "floor_area_m2": (1, 10_000_000),
    "export_share_pct": (0, 100),
    "production_lines": (0, 10_000),
    "typical_moq": (1, 10_000_000),
    "lead_time_days": (1, 365),
}
PROFILE_LIST_FIELDS = ("main_markets", "languages")  # comma-separated in the form
PLACE_FIELDS = ("province", "city")  # division codes (core/divisions), chosen from pickers
PROFILE_FIELDS = (
    *PLACE_FIELDS,
    *PROFILE_TEXT_FIELDS,
    *PROFILE_INT_FIELDS,
    *PROFILE_LIST_FIELDS,
    "categories",
    "contact_email",
)


def _split_list(value: str, limit: int = 12) -> list[str]:
    items = [" ".join(p.split()) for p in re.split(r"[,，;；\n]", value or "")]
    seen: list[str] = []
    for item in items:
        if item and item.lower() not in (s.lower() for s in seen):
            seen.append(item[:60])
    return seen[:limit]


def profile_form(actor: CurrentUser) -> dict[str, str]:
    """The actor's factory profile as form values (strings)."""
    with session_scope() as db:
        factory = require_member(db, actor)
        values = {
            name: "" if getattr(factory, name) is None else str(getattr(factory, name))
            for name in (*PLACE_FIELDS, *PROFILE_TEXT_FIELDS, *PROFILE_INT_FIELDS)
        }
        values.update({name: ", ".join(getattr(factory, name)) for name in PROFILE_LIST_FIELDS})
        values["categories"] = ",".join(factory.categories)
        values["contact_email"] = factory.contact_email
        values["logo_key"] = ""
        if factory.logo_asset_id:
            logo = db.get(MediaAsset, factory.logo_asset_id)
            values["logo_key"] = logo.thumbnail_key if logo else ""
        return values


def update_profile(actor: CurrentUser, form: dict[str, str]) -> None:
    """Validate every field, then save them all in one transaction (or nothing)."""
    with session_scope() as db:
        require_member(db, actor)  # strangers learn nothing, not even what is invalid
    errors: dict[str, str] = {}
    clean: dict[str, object] = {}
    this_year = utcnow().year
    for name, (limit, required) in PROFILE_TEXT_FIELDS.items():
        text = (
            " ".join(str(form.get(name, "") or "").split())
            if not name.startswith("about")
            else str(form.get(name, "") or "").strip()
        )
        if required and len(text) < 2:
            errors[name] = "err.required"
        elif len(text) > limit:
            errors[name] = "err.too_long"
        clean[name] = text
    for name, (low, high) in PROFILE_INT_FIELDS.items():
        raw = str(form.get(name, "") or "").strip().replace(",", "")
        if not raw:
            clean[name] = None
            continue
        if not re.fullmatch(r"\d+", raw):
            errors[name] = "err.whole_number"
            continue
        number = int(raw)
        high = this_year if name == "founded_year" else high
        if not low <= number <= high:
            errors[name] = "err.out_of_range"
            continue
        clean[name] = number
    for name in PROFILE_LIST_FIELDS:
        clean[name] = _split_list(str(form.get(name, "") or ""))
    clean["province"], clean["city"] = (str(form.get(name, "") or "").strip() for name in PLACE_FIELDS)
    errors.update(divisions.place_errors(str(clean["province"]), str(clean["city"])))
    categories = [c for c in str(form.get("categories", "") or "").split(",") if c]
    if any(c not in CATEGORIES for c in categories):
        errors["categories"] = "err.unknown_category"
    elif not categories:
        errors["categories"] = "err.choose_category"
    clean["categories"] = categories[:5]
    email = str(form.get("contact_email", "") or "").strip()
    if email:
        try:
            email = normalize_email(email)
        except ValidationFailed:
            errors["contact_email"] = "err.email_invalid"
    clean["contact_email"] = email
    if errors:
        raise ValidationFailed(errors)
    with session_scope() as db:
        factory = require_member(db, actor)
        for name, value in clean.items():
            setattr(factory, name, value)  # names come from the fixed lists above, never from the client
        factory.category = categories[0]
        factory.updated_at = utcnow()
        refresh_search_text(db, factory)


def set_logo(actor: CurrentUser, asset_id: int) -> None:
    with session_scope() as db:
        factory = require_member(db, actor)
        asset = db.get(MediaAsset, asset_id)
        if asset is None or asset.factory_id != factory.id:
            raise NotFound()
        factory.logo_asset_id = asset.id
        db.add(factory)
