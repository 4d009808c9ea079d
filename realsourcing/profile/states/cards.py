"""Plain rows for factory cards (landing page, directory)."""

from __future__ import annotations

from typing import TypedDict

from realsourcing.profile.factories import FactoryCard


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


def card_row(card: FactoryCard) -> FactoryCardRow:
    return FactoryCardRow(
        slug=card.slug,
        name_en=card.name_en,
        name_zh=card.name_zh,
        place=", ".join(p for p in (card.city, card.province) if p),
        category=card.category,
        founded=str(card.founded_year or ""),
        verified=card.is_verified,
        products=card.product_count,
        cover=card.cover_key,
    )
