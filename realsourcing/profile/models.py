"""Factories, who works for them, and the evidence that they are real."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import JSON, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from realsourcing.core.columns import created_at_field, utc_field


class MemberRole(StrEnum):
    OWNER = "owner"  # everything, bank details and the team included
    STAFF = "staff"  # everything but bank details and the team


class InviteStatus(StrEnum):
    PENDING = "pending"  # sent, not used yet (shown as expired once past expires_at)
    ACCEPTED = "accepted"
    REVOKED = "revoked"  # withdrawn by an owner
    REPLACED = "replaced"  # resent: a newer invite (with a new link) took its place


class DocumentKind(StrEnum):
    BUSINESS_LICENSE = "business_license"
    ISO_9001 = "iso_9001"
    ISO_14001 = "iso_14001"
    ISO_45001 = "iso_45001"
    BSCI = "bsci"
    SEDEX = "sedex"
    CE = "ce"
    FCC = "fcc"
    ROHS = "rohs"
    FDA = "fda"
    GOTS = "gots"
    OEKO_TEX = "oeko_tex"
    OTHER = "other"


class ReviewStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class MediaKind(StrEnum):
    IMAGE = "image"
    VIDEO = "video"
    LOGO = "logo"
    WEBINAR_COVER = "webinar_cover"


class Factory(SQLModel, table=True):
    __tablename__ = "factories"
    __table_args__ = (Index("ix_factories_province_city", "province", "city"),)

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=80, unique=True, index=True)
    legal_name_en: str = Field(max_length=200)
    legal_name_zh: str = Field(default="", max_length=200)
    display_name_en: str = Field(max_length=120)
    display_name_zh: str = Field(default="", max_length=120)
    logo_asset_id: int | None = Field(default=None)  # media_assets.id; no FK to avoid a cycle
    founded_year: int | None = None
    province: str = Field(default="", max_length=60)
    city: str = Field(default="", max_length=60)
    address: str = Field(default="", max_length=300)
    staff_count: int | None = None
    floor_area_m2: int | None = None
    main_markets: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    export_share_pct: int | None = None
    category: str = Field(default="", max_length=60, index=True)  # main category, for filters
    categories: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    production_lines: int | None = None
    monthly_capacity: str = Field(default="", max_length=200)
    typical_moq: int | None = None
    lead_time_days: int | None = None
    languages: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    about_en: str = Field(default="", max_length=4000)
    about_zh: str = Field(default="", max_length=4000)
    contact_name: str = Field(default="", max_length=120)
    contact_email: str = Field(default="", max_length=254)
    contact_phone: str = Field(default="", max_length=40)
    timezone: str = Field(default="Asia/Shanghai", max_length=64)
    is_verified: bool = Field(default=False, index=True)  # kept in step with the approved business licence
    # Lower-case names, places, categories and published product names: what directory search matches.
    search_text: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    created_at: datetime = created_at_field()
    updated_at: datetime = created_at_field()


class FactoryMember(SQLModel, table=True):
    __tablename__ = "factory_members"
    __table_args__ = (UniqueConstraint("factory_id", "user_id", name="uq_factory_member"),)

    id: int | None = Field(default=None, primary_key=True)
    factory_id: int = Field(foreign_key="factories.id", index=True)
    # One factory per person: the unique index refuses a second membership, whatever raced to add it.
    user_id: int = Field(foreign_key="users.id", index=True, unique=True)
    role: str = Field(default=MemberRole.STAFF.value, max_length=16)
    created_at: datetime = created_at_field()


class FactoryInvite(SQLModel, table=True):
    """An owner's invitation of an email address to the factory's team, with the role it will have.

    The emailed link is a one-time link (accounts/one_time_links.py, purpose team_invite) whose payload
    names this row; `link_id` is that link (no foreign key: used links are deleted a day after expiry).
    """

    __tablename__ = "factory_invites"
    __table_args__ = (
        Index("ix_factory_invites_factory_created", "factory_id", "created_at"),
        Index("ix_factory_invites_factory_email", "factory_id", "email"),
    )

    id: int | None = Field(default=None, primary_key=True)
    factory_id: int = Field(foreign_key="factories.id")
    email: str = Field(max_length=254)  # normalised
    role: str = Field(default=MemberRole.STAFF.value, max_length=16)
    status: str = Field(default=InviteStatus.PENDING.value, max_length=16)
    invited_by_id: int = Field(foreign_key="users.id")
    language: str = Field(default="en", max_length=8)  # the email's language
    link_id: int | None = Field(default=None)
    accepted_by_id: int | None = Field(default=None, foreign_key="users.id")
    created_at: datetime = created_at_field()
    expires_at: datetime = utc_field(nullable=False)
    closed_at: datetime | None = utc_field()  # accepted, revoked or replaced


class FactoryDocument(SQLModel, table=True):
    """A business licence or certificate, reviewed by a platform admin before it counts."""

    __tablename__ = "factory_documents"
    __table_args__ = (
        Index("ix_factory_documents_factory_status", "factory_id", "status"),
        Index("ix_factory_documents_review_queue", "status", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    factory_id: int = Field(foreign_key="factories.id")
    kind: str = Field(max_length=32, index=True)
    certificate_number: str = Field(default="", max_length=120)
    issuing_body: str = Field(default="", max_length=200)
    valid_from: date | None = None
    valid_until: date | None = None
    storage_key: str = Field(max_length=200)  # generated name in the private store, never the client's
    original_filename: str = Field(default="", max_length=255)
    content_type: str = Field(max_length=100)
    size_bytes: int = 0
    status: str = Field(default=ReviewStatus.PENDING.value, max_length=16)
    rejection_reason: str = Field(default="", max_length=1000)
    uploaded_by_id: int | None = Field(default=None, foreign_key="users.id")
    reviewed_by_id: int | None = Field(default=None, foreign_key="users.id")
    reviewed_at: datetime | None = utc_field()
    # A business licence's legal names as the admin approved them: the only names a bank account may carry.
    licensed_name_en: str = Field(default="", max_length=200)
    licensed_name_zh: str = Field(default="", max_length=200)
    created_at: datetime = created_at_field()


class FactoryBankDetails(SQLModel, table=True):
    """Where buyers send a bank transfer (T/T): one account per factory, its holder the licensed company."""

    __tablename__ = "factory_bank_details"

    id: int | None = Field(default=None, primary_key=True)
    factory_id: int = Field(foreign_key="factories.id", unique=True)
    account_holder: str = Field(max_length=200)
    bank_name: str = Field(max_length=140)
    account_number: str = Field(max_length=34)  # an IBAN (compact, upper case) or a domestic account number
    swift_bic: str = Field(max_length=11)
    bank_address: str = Field(max_length=300)
    currency: str = Field(max_length=3)  # ISO 4217
    updated_by_id: int | None = Field(default=None, foreign_key="users.id")
    updated_at: datetime = created_at_field()


class FactoryBankDetailsChange(SQLModel, table=True):
    """Every time a factory's bank details were set or changed: who, when, and what they became."""

    __tablename__ = "factory_bank_details_changes"
    __table_args__ = (Index("ix_bank_details_changes_factory_time", "factory_id", "changed_at"),)

    id: int | None = Field(default=None, primary_key=True)
    factory_id: int = Field(foreign_key="factories.id")
    changed_by_id: int | None = Field(default=None, foreign_key="users.id")
    changed_at: datetime = created_at_field()
    replaced_earlier: bool = False  # False for the first details a factory set (nothing a buyer saw changed)
    details: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))  # the new values


class MediaAsset(SQLModel, table=True):
    """A workshop photo or video of a factory, or an image of one of its products."""

    __tablename__ = "media_assets"
    __table_args__ = (Index("ix_media_assets_factory_position", "factory_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    factory_id: int = Field(foreign_key="factories.id")
    product_id: int | None = Field(default=None, foreign_key="products.id", index=True)
    kind: str = Field(default=MediaKind.IMAGE.value, max_length=16)
    storage_key: str = Field(max_length=200)
    thumbnail_key: str = Field(default="", max_length=200)
    content_type: str = Field(max_length=100)
    size_bytes: int = 0
    width: int | None = None
    height: int | None = None
    # The WebP derivatives written beside it ("320,640,1280", core/responsive.py); "" = none yet.
    derivative_widths: str = Field(default="", max_length=60)
    caption_en: str = Field(default="", max_length=300)
    caption_zh: str = Field(default="", max_length=300)
    position: int = 0
    is_cover: bool = False
    created_at: datetime = created_at_field()


class Follow(SQLModel, table=True):
    """A buyer keeping an eye on a factory (their sourcing pipeline)."""

    __tablename__ = "follows"
    __table_args__ = (UniqueConstraint("buyer_id", "factory_id", name="uq_follow"),)

    id: int | None = Field(default=None, primary_key=True)
    buyer_id: int = Field(foreign_key="users.id", index=True)
    factory_id: int = Field(foreign_key="factories.id", index=True)
    created_at: datetime = created_at_field()


class ProfileViewDaily(SQLModel, table=True):
    """Profile views counted in memory and flushed per factory and day (no write per page view)."""

    __tablename__ = "profile_views_daily"
    __table_args__ = (UniqueConstraint("factory_id", "day", name="uq_profile_views_day"),)

    id: int | None = Field(default=None, primary_key=True)
    factory_id: int = Field(foreign_key="factories.id")
    day: date
    views: int = 0
