"""Times as people read them: in their own zone, named as they know it, in their language (Babel).

Everything is stored in UTC; these functions are the edge where an instant becomes text for one reader.
A zone is shown as people know it — "New York, EST, UTC−5" / "纽约，北美东部标准时间，UTC−5" — never
as a raw IANA id. Unknown or empty zones fall back to UTC, so a bad value never breaks a page.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from babel import Locale
from babel.dates import format_skeleton, get_timezone_location, get_timezone_name

LOCALES = {"en": "en_US", "zh": "zh_Hans_CN"}


@cache
def _zones() -> frozenset[str]:
    return frozenset(available_timezones())


def known_zone(zone: str | None) -> str:
    """`zone` when it is a real IANA zone, else "UTC"."""
    return zone if zone and zone in _zones() else "UTC"


def _locale(lang: str) -> str:
    return LOCALES.get(lang, LOCALES["en"])


def _offset(at: datetime) -> str:
    """UTC−5, UTC+8, UTC+5:30, UTC (with a real minus sign)."""
    offset = at.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    if minutes == 0:
        return "UTC+0"
    sign = "+" if minutes > 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def zone_label(zone: str | None, lang: str, at: datetime | None = None) -> str:
    """The zone as its people know it, at `at` (daylight saving changes the name and offset)."""
    name = known_zone(zone)
    local = (at or datetime.now(UTC)).astimezone(ZoneInfo(name))
    offset = _offset(local)
    if name in ("UTC", "Etc/UTC", "Etc/GMT", "GMT"):
        return "UTC"
    locale = _locale(lang)
    city = get_timezone_location(ZoneInfo(name), locale=locale, return_city=True)
    if lang == "zh":
        long_name = get_timezone_name(local, width="long", locale=locale)
        return f"{city}，{long_name}，{offset}"
    short = get_timezone_name(local, width="short", locale=locale)
    # Babel gives a letter abbreviation only where English speakers use one (EST, PST, GMT…).
    has_abbreviation = short.isalpha() and short not in ("UTC", "GMT")
    return f"{city}, {short}, {offset}" if has_abbreviation else f"{city}, {offset}"


def _date_and_time(local: datetime, lang: str, *, weekday: bool = True) -> str:
    locale = _locale(lang)
    day = format_skeleton("yMMMEd" if weekday else "yMMMd", local, locale=locale)
    return Locale.parse(locale).datetime_formats["medium"].format(_clock(local, lang), day)


def _clock(local: datetime, lang: str) -> str:
    return format_skeleton("Hm" if lang == "zh" else "hm", local, locale=_locale(lang))


def moment(at: datetime, zone: str | None, lang: str, *, with_zone: bool = True) -> str:
    """ "Mon, Nov 30, 2026, 8:00 PM (New York, EST, UTC−5)": one instant for one reader."""
    local = at.astimezone(ZoneInfo(known_zone(zone)))
    text = _date_and_time(local, lang)
    return _with_zone(text, zone, lang, at) if with_zone else text


def _with_zone(text: str, zone: str | None, lang: str, at: datetime) -> str:
    label = zone_label(zone, lang, at)
    return f"{text}（{label}）" if lang == "zh" else f"{text} ({label})"


def span(start: datetime, end: datetime, zone: str | None, lang: str, *, with_zone: bool = True) -> str:
    """Start–end in one zone; the date is written once when both fall on the same local day."""
    name = known_zone(zone)
    local_start, local_end = start.astimezone(ZoneInfo(name)), end.astimezone(ZoneInfo(name))
    if local_start.date() == local_end.date():
        text = f"{_date_and_time(local_start, lang)}–{_clock(local_end, lang)}"
    else:
        text = f"{_date_and_time(local_start, lang)} – {_date_and_time(local_end, lang)}"
    return _with_zone(text, zone, lang, start) if with_zone else text


def day(at: datetime, zone: str | None, lang: str, *, weekday: bool = False) -> str:
    """The reader's calendar day of an instant: "Nov 30, 2026" / "2026年11月30日"; with the weekday
    and without the year (a week ahead): "Mon, Nov 30" / "11月30日周一"."""
    skeleton = "MMMEd" if weekday else "yMMMd"
    return format_skeleton(skeleton, at.astimezone(ZoneInfo(known_zone(zone))), locale=_locale(lang))


def span_for_both(start: datetime, end: datetime, reader_zone: str | None, other_zones: list[str], lang: str) -> str:
    """Where two parties meet: the reader's start–end first, then each other zone that reads differently."""
    mine = known_zone(reader_zone)
    parts = [span(start, end, mine, lang)]
    seen = {_offset(start.astimezone(ZoneInfo(mine)))}
    for zone in other_zones:
        other = known_zone(zone)
        offset = _offset(start.astimezone(ZoneInfo(other)))
        if offset not in seen:  # the same clock on both sides is written once
            seen.add(offset)
            parts.append(span(start, end, other, lang))
    return "；".join(parts) if lang == "zh" else " / ".join(parts)


def clock(at: datetime, zone: str | None, lang: str, *, weekday: bool = False) -> str:
    """The reader's wall clock of an instant: "8:00 PM" / "20:00"; with the weekday: "Mon 8:00 PM" / "周一 20:00"."""
    local = at.astimezone(ZoneInfo(known_zone(zone)))
    time = _clock(local, lang)
    if not weekday:
        return time
    name = format_skeleton("E", local, locale=_locale(lang))
    return f"{name} {time}"


def calendar_day(value: date, lang: str) -> str:
    """A date that is not an instant (a certificate's expiry, a ship-by day): "Dec 31, 2028" / "2028年12月31日"."""
    return format_skeleton("yMMMd", datetime(value.year, value.month, value.day), locale=_locale(lang))
