"""A factory's bookable hours, as its members edit them: time zone, weekly ranges, date overrides,
meeting types and booking limits. Members only; every value is validated here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from zoneinfo import available_timezones

from sqlmodel import col, select

from realsourcing.accounts.identity import CurrentUser
from realsourcing.core.errors import NotFound, ValidationFailed
from realsourcing.db import session_scope
from realsourcing.meetings.booking import settings_for
from realsourcing.meetings.models import AvailabilityRule, DateOverride, MeetingType, stored_id
from realsourcing.profile.membership import require_member

TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


def parse_ranges(text: str) -> tuple[tuple[int, int], ...]:
    """'09:00-12:00, 13:30-17:30' → ((540, 720), (810, 1050)); raises ValueError when unreadable or overlapping."""
    ranges = []
    for part in (p.strip() for p in (text or "").replace("，", ",").split(",")):
        if not part:
            continue
        start_text, _, end_text = part.replace("–", "-").partition("-")
        start, end = TIME.match(start_text.strip()), TIME.match(end_text.strip())
        if not start or not end:
            raise ValueError(part)
        a, b = int(start[1]) * 60 + int(start[2]), int(end[1]) * 60 + int(end[2])
        if b <= a:
            raise ValueError(part)
        ranges.append((a, b))
    ranges.sort()
    if any(ranges[i][1] > ranges[i + 1][0] for i in range(len(ranges) - 1)):
        raise ValueError("overlap")
    return tuple(ranges)


def format_ranges(ranges) -> str:
    return ", ".join(f"{a // 60:02d}:{a % 60:02d}-{b // 60:02d}:{b % 60:02d}" for a, b in ranges)


@dataclass(frozen=True)
class ScheduleForm:
    timezone: str
    weekly: dict[int, str]  # weekday → "09:00-12:00, 13:30-17:30"
    buffer_before_min: str = "0"
    buffer_after_min: str = "0"
    min_notice_hours: str = "24"
    horizon_days: str = "60"
    max_per_day: str = "6"
    auto_confirm: bool = False


def schedule_form(actor: CurrentUser) -> dict:
    with session_scope() as db:
        factory_id = stored_id(require_member(db, actor))
        settings = settings_for(db, factory_id)
        weekly: dict[int, list] = {d: [] for d in range(7)}
        for rule in db.exec(select(AvailabilityRule).where(AvailabilityRule.factory_id == factory_id)).all():
            weekly[rule.weekday].append((rule.start_minute, rule.end_minute))
        return {
            "timezone": settings.timezone,
            "weekly": {d: format_ranges(sorted(r)) for d, r in weekly.items()},
            "buffer_before_min": str(settings.buffer_before_min),
            "buffer_after_min": str(settings.buffer_after_min),
            "min_notice_hours": str(settings.min_notice_hours),
            "horizon_days": str(settings.horizon_days),
            "max_per_day": str(settings.max_per_day),
            "auto_confirm": settings.auto_confirm,
        }


def save_schedule(actor: CurrentUser, form: ScheduleForm) -> None:
    with session_scope() as db:
        require_member(db, actor)
    errors: dict[str, str] = {}
    if form.timezone not in available_timezones():
        errors["timezone"] = "err.timezone"
    weekly: dict[int, tuple] = {}
    for day in range(7):
        try:
            weekly[day] = parse_ranges(form.weekly.get(day, ""))
        except ValueError:
            errors[f"day_{day}"] = "err.hours"
    numbers = {}
    for name, low, high in (
        ("buffer_before_min", 0, 120),
        ("buffer_after_min", 0, 120),
        ("min_notice_hours", 0, 24 * 14),
        ("horizon_days", 1, 365),
        ("max_per_day", 0, 48),
    ):
        raw = str(getattr(form, name)).strip()
        if not raw.isdigit() or not low <= int(raw) <= high:
            errors[name] = "err.out_of_range"
        else:
            numbers[name] = int(raw)
    if errors:
        raise ValidationFailed(errors)
    with session_scope() as db:
        factory_id = stored_id(require_member(db, actor))
        settings = settings_for(db, factory_id)
        settings.timezone = form.timezone
        for name, value in numbers.items():
            setattr(settings, name, value)  # fixed names above
        settings.auto_confirm = bool(form.auto_confirm)
        db.add(settings)
        for rule in db.exec(select(AvailabilityRule).where(AvailabilityRule.factory_id == factory_id)).all():
            db.delete(rule)
        db.flush()
        for day, ranges in weekly.items():
            for start, end in ranges:
                db.add(AvailabilityRule(factory_id=factory_id, weekday=day, start_minute=start, end_minute=end))


@dataclass(frozen=True)
class OverrideRow:
    id: int
    day: date
    closed: bool
    hours: str
    note: str


def overrides(actor: CurrentUser) -> list[OverrideRow]:
    with session_scope() as db:
        factory_id = stored_id(require_member(db, actor))
        rows = db.exec(
            select(DateOverride).where(DateOverride.factory_id == factory_id).order_by(col(DateOverride.day))
        ).all()
        return [
            OverrideRow(
                stored_id(o),
                o.day,
                o.closed,
                "" if o.closed else format_ranges([(o.start_minute, o.end_minute)]),
                o.note,
            )
            for o in rows
        ]


def add_override(actor: CurrentUser, day: str, closed: bool, hours: str = "", note: str = "") -> None:
    errors: dict[str, str] = {}
    try:
        parsed_day = date.fromisoformat(day)
    except (TypeError, ValueError):
        errors["override_day"] = "err.date"
    ranges: tuple = ()
    if not closed:
        try:
            ranges = parse_ranges(hours)
        except ValueError:
            ranges = ()
        if len(ranges) != 1:
            errors["override_hours"] = "err.hours"
    if errors:
        raise ValidationFailed(errors)
    with session_scope() as db:
        factory_id = stored_id(require_member(db, actor))
        db.add(
            DateOverride(
                factory_id=factory_id,
                day=parsed_day,
                closed=closed,
                start_minute=ranges[0][0] if ranges else None,
                end_minute=ranges[0][1] if ranges else None,
                note=" ".join(note.split())[:200],
            )
        )


def remove_override(actor: CurrentUser, override_id: int) -> None:
    with session_scope() as db:
        factory_id = stored_id(require_member(db, actor))
        override = db.get(DateOverride, override_id)
        if override is None or override.factory_id != factory_id:
            raise NotFound()
        db.delete(override)


@dataclass(frozen=True)
class TypeRow:
    id: int
    name_en: str
    name_zh: str
    duration_min: int
    description: str
    is_active: bool


def meeting_types(actor: CurrentUser) -> list[TypeRow]:
    with session_scope() as db:
        factory_id = stored_id(require_member(db, actor))
        rows = db.exec(
            select(MeetingType).where(MeetingType.factory_id == factory_id).order_by(col(MeetingType.id))
        ).all()
        return [TypeRow(stored_id(t), t.name_en, t.name_zh, t.duration_min, t.description, t.is_active) for t in rows]


def save_meeting_type(
    actor: CurrentUser,
    name_en: str,
    name_zh: str,
    duration_min: str,
    description: str = "",
    type_id: int | None = None,
) -> int:
    errors: dict[str, str] = {}
    name_en = " ".join((name_en or "").split())
    if len(name_en) < 3:
        errors["type_name_en"] = "err.required"
    if not str(duration_min).isdigit() or not 15 <= int(duration_min) <= 90:
        errors["type_duration"] = "err.meeting_duration"
    if errors:
        raise ValidationFailed(errors)
    with session_scope() as db:
        factory_id = stored_id(require_member(db, actor))
        if type_id:
            meeting_type = db.get(MeetingType, type_id)
            if meeting_type is None or meeting_type.factory_id != factory_id:
                raise NotFound()
        else:
            meeting_type = MeetingType(factory_id=factory_id, name_en=name_en)
        meeting_type.name_en, meeting_type.name_zh = name_en[:120], " ".join((name_zh or "").split())[:120]
        meeting_type.duration_min, meeting_type.description = int(duration_min), (description or "").strip()[:1000]
        db.add(meeting_type)
        db.flush()
        return stored_id(meeting_type)


def set_type_active(actor: CurrentUser, type_id: int, active: bool) -> None:
    with session_scope() as db:
        factory_id = stored_id(require_member(db, actor))
        meeting_type = db.get(MeetingType, type_id)
        if meeting_type is None or meeting_type.factory_id != factory_id:
            raise NotFound()
        meeting_type.is_active = active
        db.add(meeting_type)
