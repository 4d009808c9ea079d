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
from typing import Any

from sqlalchemy import and_, func, or_
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from realsourcing.accounts.email_address import normalize_email
from realsourcing.accounts.identity import CurrentUser
from realsourcing.accounts.models import User
from realsourcing.core import divisions, responsive
from realsourcing.core.errors import NotFound, PermissionDenied, ValidationFailed
from realsourcing.db import id_of, session_scope, utcnow
from realsourcing.meetings.models import AvailabilityRule, Meeting, MeetingStatus, MeetingType
from realsourcing.orders.models import OrderStatus, SampleOrder, ShippingRate
from realsourcing.profile.catalog_models import Product, ProductStatus
from realsourcing.profile.membership import require_member, team
from realsourcing.profile.models import (
    Factory,
    FactoryBankDetails,
    FactoryDocument,
    MediaAsset,
    MediaKind,
    ReviewStatus,
)
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


@dataclass(frozen=True)
class FactoryFacts:
    """What the dashboard counts about a factory, read in one statement (see `factory_facts`)."""

    pending_documents: int = 0
    approved_documents: int = 0
    licence_under_review: bool = False
    current_licence: bool = False
    current_certificate: bool = False
    photos: int = 0
    published_products: int = 0
    has_shipping: bool = False
    has_bank_details: bool = False
    offers_meetings: bool = False  # an active meeting type
    has_hours: bool = False  # weekly hours buyers can book in
    open_meeting_requests: int = 0
    open_orders: int = 0
    media_bytes: int = 0
    document_bytes: int = 0
    documents: int = 0


def factory_facts(db: Session, factory_id: int) -> tuple[Factory, FactoryFacts]:
    """The factory and every count its dashboard shows, in one statement (one scalar subquery per count)."""
    today = utcnow().date()
    doc = FactoryDocument
    current = and_(
        col(doc.status) == ReviewStatus.APPROVED.value,
        or_(col(doc.valid_until).is_(None), col(doc.valid_until) >= today),
    )
    licence = col(doc.kind) == "business_license"

    def count(model: Any, *where: Any) -> Any:
        return sa_select(func.count()).select_from(model).where(*where).scalar_subquery()

    def total(column: Any, *where: Any) -> Any:
        return sa_select(func.coalesce(func.sum(column), 0)).where(*where).scalar_subquery()

    of_doc = col(doc.factory_id) == factory_id
    open_orders = [s.value for s in (OrderStatus.PAID, OrderStatus.ACCEPTED, OrderStatus.SHIPPED)]
    counts = {
        "pending_documents": count(doc, of_doc, col(doc.status) == ReviewStatus.PENDING.value),
        "approved_documents": count(doc, of_doc, col(doc.status) == ReviewStatus.APPROVED.value),
        "licence_under_review": count(doc, of_doc, licence, col(doc.status) == ReviewStatus.PENDING.value),
        "current_licence": count(doc, of_doc, licence, current),
        "current_certificate": count(doc, of_doc, ~licence, current),
        "photos": count(
            MediaAsset,
            col(MediaAsset.factory_id) == factory_id,
            col(MediaAsset.product_id).is_(None),
            col(MediaAsset.kind) == MediaKind.IMAGE.value,
        ),
        "published_products": count(
            Product,
            col(Product.factory_id) == factory_id,
            col(Product.status) == ProductStatus.PUBLISHED.value,
            col(Product.deleted_at).is_(None),
        ),
        "has_shipping": count(ShippingRate, col(ShippingRate.factory_id) == factory_id),
        "has_bank_details": count(FactoryBankDetails, col(FactoryBankDetails.factory_id) == factory_id),
        "offers_meetings": count(
            MeetingType, col(MeetingType.factory_id) == factory_id, col(MeetingType.is_active).is_(True)
        ),
        "has_hours": count(AvailabilityRule, col(AvailabilityRule.factory_id) == factory_id),
        "open_meeting_requests": count(
            Meeting, col(Meeting.factory_id) == factory_id, col(Meeting.status) == MeetingStatus.REQUESTED.value
        ),
        "open_orders": count(
            SampleOrder, col(SampleOrder.factory_id) == factory_id, col(SampleOrder.status).in_(open_orders)
        ),
        "media_bytes": total(col(MediaAsset.size_bytes), col(MediaAsset.factory_id) == factory_id),
        "document_bytes": total(col(doc.size_bytes), of_doc),
        "documents": count(doc, of_doc),
    }
    row = db.exec(
        sa_select(Factory, *(value.label(name) for name, value in counts.items())).where(  # type: ignore[call-overload]
            col(Factory.id) == factory_id
        )
    ).first()
    if row is None:
        raise PermissionDenied()
    factory, *values = row
    read: dict[str, Any] = {
        name: (bool(value) if isinstance(FactoryFacts.__dataclass_fields__[name].default, bool) else int(value))
        for name, value in zip(counts, values, strict=True)
    }
    facts = FactoryFacts(**read)
    return factory, facts


def completeness_of(factory: Factory, facts: FactoryFacts) -> tuple[int, list[CompletenessStep]]:
    """How complete a profile is (0–100) and the steps, in the order a buyer cares about them.

    100 % means a buyer can order samples and pay: a published product, a shipping fee, bank details.
    """
    steps = [
        CompletenessStep("step.licence", facts.current_licence, "/dashboard/documents"),
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
        CompletenessStep("step.certificate", facts.current_certificate, "/dashboard/documents"),
        CompletenessStep("step.photos", facts.photos >= 3, "/dashboard/media"),
        CompletenessStep("step.products", facts.published_products >= 1, "/dashboard/products"),
        # A buyer can book only an offered meeting type in some weekly hours, and order only where a fee is set.
        CompletenessStep("step.meetings", facts.offers_meetings and facts.has_hours, "/dashboard/availability"),
        CompletenessStep("step.shipping", facts.has_shipping, "/dashboard/orders"),
        CompletenessStep("step.bank", facts.has_bank_details, "/dashboard/bank"),
    ]
    pct = round(100 * sum(s.done for s in steps) / len(steps))
    return pct, steps


def completeness(db: Session, factory: Factory) -> tuple[int, list[CompletenessStep]]:
    """How complete a profile is (0–100) and its steps (see `completeness_of`)."""
    _, facts = factory_facts(db, id_of(factory))
    return completeness_of(factory, facts)


def member_team(db: Session, actor: CurrentUser) -> list[tuple[User, str]]:
    """The actor's factory's people (owner first); PermissionDenied for anyone who is not one of them.

    One statement: the team itself says whether the actor belongs to it.
    """
    if actor.factory_id is None:
        raise PermissionDenied()
    people = team(db, actor.factory_id)
    if not any(user.id == actor.id for user, _ in people):
        raise PermissionDenied()
    return people


def overview_in(db: Session, actor: CurrentUser) -> tuple[FactoryOverview, FactoryFacts]:
    """The dashboard summary of the actor's own factory (members only), and the facts it was made from.

    Four statements whatever the factory holds: the team (which is the membership check), the factory
    with all its counts, and its upcoming webinars.
    """
    people = member_team(db, actor)
    factory, facts = factory_facts(db, actor.factory_id or 0)
    pct, steps = completeness_of(factory, facts)
    webinars = upcoming_webinars(db, id_of(factory))
    overview = FactoryOverview(
        slug=factory.slug,
        name_en=factory.display_name_en,
        name_zh=factory.display_name_zh or factory.display_name_en,
        city=factory.city,
        province=factory.province,
        is_verified=factory.is_verified,
        published_products=facts.published_products,
        pending_documents=facts.pending_documents,
        approved_documents=facts.approved_documents,
        licence_under_review=facts.licence_under_review,
        team=[TeamMember(name=u.full_name, email=u.email, role=role) for u, role in people],
        completeness_pct=pct,
        steps=steps,
        upcoming_webinars=[(id_of(w), w.title_en, w.title_zh or w.title_en, w.starts_at) for w in webinars],
        open_meeting_requests=facts.open_meeting_requests,
        open_orders=facts.open_orders,
    )
    return overview, facts


def overview_for_member(actor: CurrentUser) -> FactoryOverview:
    """The dashboard summary of the actor's own factory; only its members may see it."""
    with session_scope() as db:
        return overview_in(db, actor)[0]


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
