"""The pages anyone may read, for the sitemap: the home page, the directory, the webinar square, every
factory, every published product that is not deleted, every upcoming webinar (scheduled or live).

Drafts, deleted products and cancelled, ended or draft webinars are never listed; nor is anything that
needs a sign-in.
"""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import col, select

from realsourcing.core.sitemap import PublicPage
from realsourcing.db import session_scope, utcnow
from realsourcing.profile.catalog_models import Product, ProductStatus
from realsourcing.profile.models import Factory
from realsourcing.webinars.models import Webinar, WebinarStatus

STATIC_PATHS = ("/", "/factories", "/webinars")
STILL_RUNNING = timedelta(hours=4)  # as on a factory page: a webinar that started a while ago may still run


def public_pages() -> list[PublicPage]:
    """Every public page, in a stable order (static pages, factories, products, webinars, each by id)."""
    now = utcnow()
    with session_scope() as db:
        factories = db.exec(select(Factory.slug, Factory.updated_at).order_by(col(Factory.id))).all()
        products = db.exec(
            select(Product.id, Product.updated_at)
            .join(Factory, col(Factory.id) == col(Product.factory_id))
            .where(Product.status == ProductStatus.PUBLISHED.value, col(Product.deleted_at).is_(None))
            .order_by(col(Product.id))
        ).all()
        webinars = db.exec(
            select(Webinar.id, Webinar.updated_at)
            .where(
                col(Webinar.status).in_([WebinarStatus.SCHEDULED.value, WebinarStatus.LIVE.value]),
                Webinar.starts_at > now - STILL_RUNNING,
            )
            .order_by(col(Webinar.id))
        ).all()
    return [
        *(PublicPage(p) for p in STATIC_PATHS),
        *(PublicPage(f"/factories/{slug}", updated) for slug, updated in factories),
        *(PublicPage(f"/products/{pid}", updated) for pid, updated in products),
        *(PublicPage(f"/webinars/{wid}", updated) for wid, updated in webinars),
    ]
