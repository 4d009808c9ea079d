"""The landing page."""

from __future__ import annotations

from typing import TypedDict

import reflex as rx

from realsourcing.services import factories
from realsourcing.states.session import SessionState


class FactoryCardRow(TypedDict):
    slug: str
    name_en: str
    name_zh: str
    place: str
    category: str
    founded: str
    verified: bool
    products: int
    cover: str


class HomeState(SessionState):
    loaded: bool = False
    featured: list[FactoryCardRow] = []

    @rx.event
    def open(self):
        self.featured = [
            FactoryCardRow(
                slug=c.slug,
                name_en=c.name_en,
                name_zh=c.name_zh,
                place=", ".join(p for p in (c.city, c.province) if p),
                category=c.category.replace("_", " ").title() if c.category else "",
                founded=str(c.founded_year or ""),
                verified=c.is_verified,
                products=c.product_count,
                cover=c.cover_key,
            )
            for c in factories.featured_factories(limit=6)
        ]
        self.loaded = True
