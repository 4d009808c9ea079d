"""Money: integer minor units (cents) in the data, one formatter for people (Babel, per language).

Amounts are never floats: they are stored and computed as integer cents with their currency, and
turned into text only at the edge, in the reader's language with Babel's locale data (USD reads
"$54.00" in English and "US$54.00" in Chinese; EUR "€12.50").
"""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_currency, get_currency_precision

LOCALES = {"en": "en_US", "zh": "zh_Hans_CN"}


def to_major(cents: int, currency: str) -> Decimal:
    """Minor units to a Decimal amount in the currency's own precision (JPY has none, USD two)."""
    return Decimal(cents).scaleb(-get_currency_precision(currency.upper()))


def format_money(cents: int, currency: str, language: str = "en") -> str:
    """An amount as people read it in their language, e.g. format_money(5400, "USD") == "$54.00"."""
    return format_currency(to_major(cents, currency), currency.upper(), locale=LOCALES.get(language, "en_US"))
