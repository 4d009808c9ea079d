"""Plain rows for factory cards (landing page, directory)."""

from __future__ import annotations

from typing import TypedDict

from realsourcing.core import divisions, responsive
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
    cover_srcset: str  # WebP candidates (keys; core/responsive.py)
    cover_sizes: str
    cover_width: int
    cover_height: int


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
        cover_srcset=card.cover.srcset,
        cover_sizes=responsive.SIZES_CARD if card.cover.srcset else "",
        cover_width=card.cover.width,
        cover_height=card.cover.height,
    )
