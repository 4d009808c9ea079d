"""The factory's bookable hours, overrides, meeting types, and a preview of the resulting slots."""

from __future__ import annotations

from datetime import timedelta
from typing import TypedDict
from zoneinfo import ZoneInfo

import reflex as rx

from realsourcing.accounts import zones as account_zones
from realsourcing.accounts.identity import CurrentUser
from realsourcing.core import timefmt
from realsourcing.db import utcnow
from realsourcing.meetings import booking, schedule_setup
from realsourcing.meetings.slots import days_with_slots
from realsourcing.meetings.states.meetings import ZoneChoice
from realsourcing.ui.session import SessionState, refusals_shown

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class OverrideView(TypedDict):
    id: int
    day: str
    closed: bool
    hours: str
    note: str


class TypeView(TypedDict):
    id: int
    name_en: str
    name_zh: str
    duration: int
    active: bool


class AvailabilityState(SessionState):
    loaded: bool = False
    values: dict[str, str] = {}
    auto_confirm: bool = False
    timezone: str = "Asia/Shanghai"
    zones: list[ZoneChoice] = []
    errors: dict[str, str] = {}
    overrides: list[OverrideView] = []
    types: list[TypeView] = []
    preview: list[str] = []
    override_closed: bool = True

    def _reload(self, user: CurrentUser) -> None:
        form = schedule_setup.schedule_form(user)
        self.overrides = [
            OverrideView(id=o.id, day=o.day.isoformat(), closed=o.closed, hours=o.hours, note=o.note)
            for o in schedule_setup.overrides(user)
        ]
        self.types = [
            TypeView(
                id=t.id,
                name_en=t.name_en,
                name_zh=t.name_zh or t.name_en,
                duration=t.duration_min,
                active=t.is_active,
            )
            for t in schedule_setup.meeting_types(user)
        ]
        self.values = {
            **{f"day_{d}": form["weekly"][d] for d in range(7)},
            **{
                k: form[k]
                for k in ("buffer_before_min", "buffer_after_min", "min_notice_hours", "horizon_days", "max_per_day")
            },
        }
        self.timezone, self.auto_confirm = form["timezone"], form["auto_confirm"]
        self.zones = [ZoneChoice(value=z, label=label) for z, label in account_zones.choices(self.lang, self.timezone)]
        self._preview(user)
        self.loaded = True

    def _preview(self, user: CurrentUser) -> None:
        active = [t for t in self.types if t["active"]]
        if not active or user.factory_id is None:
            self.preview = []
            return
        zone = ZoneInfo(self.timezone)
        today = utcnow().astimezone(zone).date()
        slots = booking.slots_for(user.factory_id, active[0]["id"], today, today + timedelta(days=6))
        self.preview = [
            f"{timefmt.day(day_slots[0], self.timezone, self.lang, weekday=True)}: "
            + ", ".join(timefmt.clock(s, self.timezone, self.lang) for s in day_slots)
            for _day, day_slots in sorted(days_with_slots(slots, self.timezone).items())
        ]

    def _saved(self, user: CurrentUser):
        self._reload(user)
        return rx.toast.success(self.tr("avail.saved"))

    @rx.event
    @refusals_shown
    def open(self):
        self.loaded, self.errors = False, {}
        self._reload(self.user())

    @rx.event
    def set_timezone(self, value: str):
        self.timezone = value

    @rx.event
    def set_auto_confirm(self, value: bool):
        self.auto_confirm = bool(value)

    @rx.event
    def set_override_closed(self, value: bool):
        self.override_closed = bool(value)

    @rx.event
    @refusals_shown
    def save(self, form: dict):
        user = self.user()
        schedule_setup.save_schedule(
            user,
            schedule_setup.ScheduleForm(
                timezone=self.timezone,
                weekly={d: str(form.get(f"day_{d}", "")) for d in range(7)},
                buffer_before_min=str(form.get("buffer_before_min", "")),
                buffer_after_min=str(form.get("buffer_after_min", "")),
                min_notice_hours=str(form.get("min_notice_hours", "")),
                horizon_days=str(form.get("horizon_days", "")),
                max_per_day=str(form.get("max_per_day", "")),
                auto_confirm=self.auto_confirm,
            ),
        )
        self.errors = {}
        return self._saved(user)

    @rx.event
    @refusals_shown
    def add_override(self, form: dict):
        user = self.user()
        schedule_setup.add_override(
            user,
            str(form.get("override_day", "")),
            self.override_closed,
            str(form.get("override_hours", "")),
            str(form.get("override_note", "")),
        )
        return self._saved(user)

    @rx.event
    @refusals_shown
    def remove_override(self, override_id: int):
        user = self.user()
        schedule_setup.remove_override(user, int(override_id))
        self._reload(user)

    @rx.event
    @refusals_shown
    def add_type(self, form: dict):
        user = self.user()
        schedule_setup.save_meeting_type(
            user,
            str(form.get("type_name_en", "")),
            str(form.get("type_name_zh", "")),
            str(form.get("type_duration", "")),
        )
        return self._saved(user)

    @rx.event
    @refusals_shown
    def toggle_type(self, type_id: int, active: bool):
        user = self.user()
        schedule_setup.set_type_active(user, int(type_id), bool(active))
        self._reload(user)
