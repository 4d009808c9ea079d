"""Factories as their members and buyers see them (issue 3 adds the profile editor and documents)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import col, select

from realsourcing.db import session_scope
from realsourcing.models import (
    Factory,
    FactoryDocument,
    FactoryMember,
    MediaAsset,
    Product,
    ProductStatus,
    ReviewStatus,
    User,
)
from realsourcing.services.accounts import CurrentUser
from realsourcing.services.errors import PermissionDenied


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


@dataclass(frozen=True)
class TeamMember:
    name: str
    email: str
    role: str


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


def featured_factories(limit: int = 6) -> list[FactoryCard]:
    """Factories for the landing page: verified first, then the newest."""
    with session_scope() as db:
        counts = (
            select(Product.factory_id, func.count().label("n"))
            .where(Product.status == ProductStatus.PUBLISHED.value, col(Product.deleted_at).is_(None))
            .group_by(Product.factory_id)
            .subquery()
        )
        covers = (
            select(MediaAsset.factory_id, func.min(MediaAsset.thumbnail_key).label("thumb"))
            .where(col(MediaAsset.is_cover).is_(True), col(MediaAsset.product_id).is_(None))
            .group_by(MediaAsset.factory_id)
            .subquery()
        )
        rows = db.exec(
            select(Factory, func.coalesce(counts.c.n, 0), func.coalesce(covers.c.thumb, ""))
            .outerjoin(counts, counts.c.factory_id == Factory.id)
            .outerjoin(covers, covers.c.factory_id == Factory.id)
            .order_by(col(Factory.is_verified).desc(), col(Factory.created_at).desc(), col(Factory.id).desc())
            .limit(limit)
        ).all()
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
                product_count=n,
                cover_key=cover,
            )
            for f, n, cover in rows
        ]


def overview_for_member(actor: CurrentUser) -> FactoryOverview:
    """The dashboard summary of the actor's own factory; only its members may see it."""
    if actor.factory_id is None:
        raise PermissionDenied()
    with session_scope() as db:
        member = db.exec(
            select(FactoryMember).where(
                FactoryMember.factory_id == actor.factory_id, FactoryMember.user_id == actor.id
            )
        ).first()
        if member is None:
            raise PermissionDenied()
        factory = db.get(Factory, actor.factory_id)
        doc_counts = dict(
            db.exec(
                select(FactoryDocument.status, func.count())
                .where(FactoryDocument.factory_id == factory.id)
                .group_by(FactoryDocument.status)
            ).all()
        )
        published = db.exec(
            select(func.count()).where(
                Product.factory_id == factory.id,
                Product.status == ProductStatus.PUBLISHED.value,
                col(Product.deleted_at).is_(None),
            )
        ).one()
        team = db.exec(
            select(User, FactoryMember.role)
            .join(FactoryMember, col(FactoryMember.user_id) == User.id)
            .where(FactoryMember.factory_id == factory.id)
            .order_by(col(FactoryMember.id))
        ).all()
        return FactoryOverview(
            slug=factory.slug,
            name_en=factory.display_name_en,
            name_zh=factory.display_name_zh or factory.display_name_en,
            city=factory.city,
            province=factory.province,
            is_verified=factory.is_verified,
            published_products=published,
            pending_documents=doc_counts.get(ReviewStatus.PENDING.value, 0),
            approved_documents=doc_counts.get(ReviewStatus.APPROVED.value, 0),
            team=[TeamMember(name=u.full_name, email=u.email, role=role) for u, role in team],
        )
