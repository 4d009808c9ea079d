"""Each person's own time zone: remembered on the account, first from their browser, then by their choice."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from realsourcing.accounts.identity import CurrentUser
from realsourcing.accounts.models import User
from realsourcing.core import timefmt
from realsourcing.core.errors import ValidationFailed
from realsourcing.db import get_existing, session_scope

UNSET = "UTC"  # what a new account has until its browser or its owner says otherwise

# The zones offered in pickers (a person's own zone is always added when it is not one of these).
COMMON_ZONES = (
    "America/Los_Angeles",
    "America/Denver",
    "America/Chicago",
    "America/New_York",
    "America/Toronto",
    "America/Mexico_City",
    "America/Sao_Paulo",
    "Europe/London",
    "Europe/Paris",
    "Europe/Berlin",
    "Europe/Madrid",
    "Europe/Istanbul",
    "Asia/Dubai",
    "Asia/Kolkata",
    "Asia/Bangkok",
    "Asia/Singapore",
    "Asia/Shanghai",
    "Asia/Hong_Kong",
    "Asia/Tokyo",
    "Asia/Seoul",
    "Australia/Sydney",
    "Pacific/Auckland",
    "UTC",
)


def is_zone(zone: object) -> bool:
    return isinstance(zone, str) and timefmt.known_zone(zone) == zone


def choices(lang: str, current: str = "") -> list[tuple[str, str]]:
    """(zone, label) pairs for a picker, west to east, labelled as people know them."""
    now = datetime.now(UTC)
    zones = set(COMMON_ZONES) | ({current} if is_zone(current) else set())
    ordered = sorted(zones, key=lambda z: (now.astimezone(ZoneInfo(z)).utcoffset(), z))
    return [(z, timefmt.zone_label(z, lang, now)) for z in ordered]


def set_timezone(actor: CurrentUser, zone: str) -> None:
    if not is_zone(zone):
        raise ValidationFailed({"timezone": "err.unknown_timezone"})
    with session_scope() as db:
        user = get_existing(db, User, actor.id)
        user.timezone = zone
        db.add(user)


def remember_browser_zone(actor: CurrentUser, zone: object) -> bool:
    """Take the browser's zone for an account that has none yet; True when it was taken."""
    if actor.timezone != UNSET or not is_zone(zone) or zone == UNSET:
        return False
    with session_scope() as db:
        user = get_existing(db, User, actor.id)
        if user.timezone != UNSET:  # chosen meanwhile, in another tab
            return False
        user.timezone = str(zone)
        db.add(user)
    return True
