"""What a sample order costs and when it ships: destination regions, the currency, the default lead time.

Rules:
- Samples are priced and paid in US dollars, in integer cents.
- A factory sets one shipping fee per destination region; a country belongs to exactly one region.
- A sample ships within its product's lead time; a product without one ships within a week.

Pure: no database, no Reflex.
"""

from __future__ import annotations

CURRENCY = "USD"
DEFAULT_SAMPLE_LEAD_TIME_DAYS = 7

REGIONS = ("north_america", "europe", "asia_pacific", "rest_of_world")
EUROPE = frozenset(
    {
        "AT",
        "BE",
        "BG",
        "CH",
        "CY",
        "CZ",
        "DE",
        "DK",
        "EE",
        "ES",
        "FI",
        "FR",
        "GB",
        "GR",
        "HR",
        "HU",
        "IE",
        "IS",
        "IT",
        "LT",
        "LU",
        "LV",
        "MT",
        "NL",
        "NO",
        "PL",
        "PT",
        "RO",
        "SE",
        "SI",
        "SK",
    }
)
NORTH_AMERICA = frozenset({"US", "CA", "MX"})
ASIA_PACIFIC = frozenset({"AU", "NZ", "JP", "KR", "SG", "HK", "TW", "MY", "TH", "VN", "PH", "ID", "IN"})


def region_for(country: str) -> str:
    country = (country or "").upper()
    if country in NORTH_AMERICA:
        return "north_america"
    if country in EUROPE:
        return "europe"
    if country in ASIA_PACIFIC:
        return "asia_pacific"
    return "rest_of_world"


def sample_lead_time_days(product_lead_time_days: int | None) -> int:
    """Days from payment to shipping for one product's sample."""
    return product_lead_time_days or DEFAULT_SAMPLE_LEAD_TIME_DAYS
