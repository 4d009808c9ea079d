"""Plain rows for factory cards (landing page, directory)."""

from __future__ import annotations

from typing import TypedDict

from realsourcing.core import divisions
from realsourcing.profile.factories import FactoryCard


class FactoryCardRow(TypedDict):
    slug: str
    name_en: str
    name_zh: str
    place_en: str  # "Ningbo, Zhejiang"
    place_zh: str  # "浙江省宁波市"
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
        place_en=divisions.place(card.city, card.province, "en"),
        place_zh=divisions.place(card.city, card.province, "zh"),
        category=card.category,
        founded=str(card.founded_year or ""),
        verified=card.is_verified,
        products=card.product_count,
        cover=card.cover_key,
    )
