"""Booking a 1:1 meeting, the meetings list, one meeting, and its room."""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta
from typing import TypedDict
from zoneinfo import ZoneInfo

import reflex as rx
from starlette.concurrency import run_in_threadpool

from realsourcing.accounts import zones as account_zones
from realsourcing.accounts.identity import CurrentUser
from realsourcing.config import get_settings
from realsourcing.core import i18n, idempotency, timefmt
from realsourcing.core.errors import PermissionDenied, ValidationFailed
from realsourcing.core.video import LiveKitGateway
from realsourcing.db import utcnow
from realsourcing.meetings import booking, events, lifecycle
from realsourcing.meetings.booking import BookingRefused, BookingRequest, SlotTaken
from realsourcing.meetings.lifecycle import MeetingStatus
from realsourcing.meetings.slots import days_with_slots
from realsourcing.notifications.calendar_ics import google_calendar_url, outlook_calendar_url
from realsourcing.ui.session import SessionState, refusals_shown


def _title(type_name: str, is_reschedule: bool, lang: str) -> str:
    """A meeting's title: its type, or "Rescheduling <type>" for one made by a proposed new time."""
    return i18n.translate("meet.rescheduling_title", lang, title=type_name) if is_reschedule else type_name


class ZoneChoice(TypedDict):
    value: str
    label: str


class TypeOption(TypedDict):
    id: str
    label_en: str
    label_zh: str


class DayCell(TypedDict):
    iso: str
    label: str
    free: bool
    in_month: bool


class SlotOption(TypedDict):
    iso: str
    buyer_time: str
    factory_time: str


class ProductOption(TypedDict):
    id: str
    name_en: str
    name_zh: str


class BookingState(SessionState):
    loaded: bool = False
    missing: bool = False
    factory_id: int = 0
    factory_slug: str = ""
    factory_en: str = ""
    factory_zh: str = ""
    factory_verified: bool = False
    factory_timezone: str = "Asia/Shanghai"
    buyer_timezone: str = "UTC"
    buyer_zone_label: str = "UTC"
    factory_zone_label: str = ""
    zones: list[ZoneChoice] = []
    types: list[TypeOption] = []
    type_id: str = ""
    month: str = ""  # YYYY-MM shown in the calendar
    month_label: str = ""
    month_label_zh: str = ""
    weeks: list[list[DayCell]] = []
    day: str = ""
    slots: list[SlotOption] = []
    chosen: str = ""
    products: list[ProductOption] = []
    interested: list[str] = []
    agenda: str = ""
    message: str = ""
    working: bool = False  # "Confirm" shows a spinner and takes no click while booking
    # Proposing a new time for a meeting (?reschedule=<id>): its type and agenda stay, only the time moves.
    rescheduling: bool = False
    reschedule_note_en: str = ""
    reschedule_note_zh: str = ""
    other_is_buyer: bool = False  # the slots' second clock is the buyer's (a factory member proposes)
    _other_en: str = ""
    _other_zh: str = ""
    _free: dict[str, list[str]] = {}
    _webinar_id: int = 0
    _product_id: int = 0
    _reschedule_id: int = 0
    _booking_key: idempotency.FormKey = idempotency.FormKey()  # one meeting per key, however often it is confirmed

    @rx.event
    @refusals_shown
    def open(self):
        self.loaded, self.missing, self.message, self.chosen = False, False, "", ""
        form = f"{self.router.url.path}?{self.router.url.query}"
        self.working, self._booking_key = False, self._booking_key.opened(form)
        user = self.user()
        self._reschedule_id = self._query_id("reschedule")
        self.rescheduling, self.other_is_buyer = bool(self._reschedule_id), False
        if self._reschedule_id:
            try:
                context = booking.reschedule_context(user, self._reschedule_id)
            except BookingRefused as exc:  # moved, cancelled or over meanwhile: back to the meeting, saying why
                return [rx.redirect(f"/meetings/{self._reschedule_id}"), rx.toast.error(self.explain(exc))]
            self._show_meeting_to_move(user, context)
        else:
            self._show_factory(booking.booking_context(self._query("factory")))
        self._webinar_id, self._product_id = self._query_id("webinar"), self._query_id("product")
        self.interested = (
            [str(self._product_id)] if any(p["id"] == str(self._product_id) for p in self.products) else []
        )
        if user.timezone and user.timezone != "UTC":
            self.buyer_timezone = user.timezone
        self.month = utcnow().astimezone(ZoneInfo(self.buyer_timezone)).strftime("%Y-%m")
        self._refresh()
        self.loaded = True
        # The browser knows its own time zone; ask it once (the buyer can still change it).
        return rx.call_script(
            "Intl.DateTimeFormat().resolvedOptions().timeZone", callback=BookingState.set_browser_timezone
        )

    def _show_meeting_to_move(self, user: CurrentUser, context: booking.RescheduleContext) -> None:
        """The meeting a new time is proposed for: its one type (its duration) and agenda, nothing to choose."""
        self.factory_id, self.factory_slug = context.factory_id, context.factory_slug
        self.factory_en, self.factory_zh, self.factory_verified = "", "", False
        self.factory_timezone = context.other_timezone  # the slots' second clock: the other side's
        self.other_is_buyer = context.side == lifecycle.Side.FACTORY
        self._other_en, self._other_zh = context.other_name_en, context.other_name_zh
        label = f"{context.duration_min} min", f"{context.duration_min} 分钟"
        self.types = [
            TypeOption(
                id=str(context.meeting_id),
                label_en=f"{context.type_name_en} · {label[0]}",
                label_zh=f"{context.type_name_zh} · {label[1]}",
            )
        ]
        self.type_id = self.types[0]["id"]
        self.products, self.agenda = [], context.agenda
        notes = []
        for lang, title, name in (
            ("en", context.type_name_en, context.other_name_en),
            ("zh", context.type_name_zh, context.other_name_zh),
        ):
            when = timefmt.span(context.starts_at, context.ends_at, user.timezone, lang)
            notes.append(i18n.translate("meet.propose_for", lang, title=title, name=name, when=when))
        self.reschedule_note_en, self.reschedule_note_zh = notes
        if context.proposal_pending:
            self.message = self.tr("err.proposal_pending")

    def _show_factory(self, context: booking.BookingContext) -> None:
        self.factory_id, self.factory_slug = context.factory_id, context.factory_slug
        self.factory_en, self.factory_zh = context.factory_name_en, context.factory_name_zh
        self.factory_verified, self.factory_timezone = context.factory_verified, context.factory_timezone
        self.types = [
            TypeOption(
                id=str(t.id),
                label_en=f"{t.name_en} · {t.duration_min} min",
                label_zh=f"{t.name_zh} · {t.duration_min} 分钟",
            )
            for t in context.types
        ]
        self.type_id = self.types[0]["id"] if self.types else ""
        self.products = [ProductOption(id=str(p), name_en=en, name_zh=zh) for p, en, zh in context.products]

    def _query(self, name: str) -> str:
        return str(self.router.url.query_parameters.get(name, ""))

    def _query_id(self, name: str) -> int:
        """A numeric query parameter (?webinar=12), or 0."""
        value = self._query(name)
        return int(value) if value.isascii() and value.isdigit() else 0

    @rx.event
    def set_browser_timezone(self, zone: str):
        if account_zones.is_zone(zone) and self.buyer_timezone == "UTC":
            self.set_timezone(zone)

    @rx.event
    def set_timezone(self, zone: str):
        if account_zones.is_zone(zone):
            self.buyer_timezone = zone
            self._refresh()

    @rx.event
    def set_type(self, type_id: str):
        if any(t["id"] == type_id for t in self.types):
            self.type_id = type_id
            self.chosen = ""
            self._refresh()

    @rx.event
    def shift_month(self, delta: int):
        year, month = (int(x) for x in self.month.split("-"))
        month += int(delta)
        year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
        self.month = f"{year:04d}-{month:02d}"
        self._refresh()

    @rx.event
    def pick_day(self, iso: str):
        if iso in self._free:
            self.day, self.chosen = iso, ""
            self._show_day()

    @rx.event
    def pick_slot(self, iso: str):
        if any(s["iso"] == iso for s in self.slots):
            self.chosen = iso

    @rx.event
    def toggle_product(self, product_id: str):
        self.interested = (
            [p for p in self.interested if p != product_id]
            if product_id in self.interested
            else [*self.interested, product_id]
        )

    @rx.event
    def set_agenda(self, value: str):
        self.agenda = str(value)[:2000]

    def _refresh(self) -> None:
        """Free slots for the shown month, grouped by the buyer's local date."""
        self._free, self.slots = {}, []
        if not self.type_id:
            self.weeks = []
            return
        year, month = (int(x) for x in self.month.split("-"))
        first, last = date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        # Factory dates covering the buyer's month, whatever the offset between the two zones.
        if self._reschedule_id:
            slots = booking.reschedule_slots(
                self.user(), self._reschedule_id, first - timedelta(days=1), last + timedelta(days=1)
            )
        else:
            slots = booking.slots_for(
                self.factory_id, int(self.type_id), first - timedelta(days=1), last + timedelta(days=1)
            )
        self._free = {
            day.isoformat(): [s.isoformat() for s in day_slots]
            for day, day_slots in days_with_slots(slots, self.buyer_timezone).items()
            if first <= day <= last
        }
        self.month_label, self.month_label_zh = first.strftime("%B %Y"), f"{first.year}年{first.month}月"
        self.weeks = [
            [
                DayCell(
                    iso=d.isoformat(), label=str(d.day), free=d.isoformat() in self._free, in_month=d.month == month
                )
                for d in week
            ]
            for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
        ]
        if self.day not in self._free:
            self.day = next(iter(sorted(self._free)), "")
        self._show_day()

    def _show_day(self) -> None:
        now = datetime.fromisoformat(self.day + "T12:00:00+00:00") if self.day else utcnow()
        self.zones = [
            ZoneChoice(value=z, label=label) for z, label in account_zones.choices(self.lang, self.buyer_timezone)
        ]
        self.buyer_zone_label = timefmt.zone_label(self.buyer_timezone, self.lang, now)
        self.factory_zone_label = timefmt.zone_label(self.factory_timezone, self.lang, now)
        self.slots = [
            SlotOption(
                iso=iso,
                buyer_time=timefmt.clock(datetime.fromisoformat(iso), self.buyer_timezone, self.lang),
                factory_time=timefmt.clock(datetime.fromisoformat(iso), self.factory_timezone, self.lang, weekday=True),
            )
            for iso in self._free.get(self.day, [])
        ]

    @rx.event
    async def confirm(self):
        self.working = True
        yield  # the button shows it is working before the slot is checked and booked
        try:
            yield await run_in_threadpool(self._confirm)  # the booking's transaction: off the event loop
        finally:
            self.working = False

    @refusals_shown
    def _confirm(self):
        user = self.user()
        if not self.chosen:
            self.message = self.tr("meet.choose_time")
            return
        start = datetime.fromisoformat(self.chosen)
        try:
            if self._reschedule_id:
                proposal_id = booking.propose_time(user, self._reschedule_id, start, key=self._booking_key.key)
                self._booking_key = self._booking_key.used_for(proposal_id)
            else:
                meeting_id = booking.reserve(user, self._request(start), key=self._booking_key.key)
                self._booking_key = self._booking_key.used_for(meeting_id)
        except SlotTaken:
            self.message, self.chosen = self.tr("err.slot_taken"), ""
            self._refresh()
            return
        except BookingRefused as exc:
            self.message = self.explain(exc)  # shown beside the button the visitor just pressed
            return
        if self._reschedule_id:  # back to the meeting, which shows the proposal; the toast names who was told
            told = self.tr("meet.proposed_toast", name=self._other_zh if self.lang == "zh" else self._other_en)
            return [rx.redirect(f"/meetings/{self._reschedule_id}"), rx.toast.success(told)]
        return [rx.redirect(f"/meetings/{meeting_id}"), rx.toast.success(self.tr("meet.booked"))]

    def _request(self, start: datetime) -> BookingRequest:
        return BookingRequest(
            factory_id=self.factory_id,
            meeting_type_id=int(self.type_id),
            starts_at=start,
            agenda=self.agenda,
            product_ids=tuple(int(p) for p in self.interested),
            origin_webinar_id=self._webinar_id or None,
            origin_product_id=self._product_id or None,
        )


class MeetingRow(TypedDict):
    id: int
    status: str
    starts_utc: str
    when: str  # start–end in the reader's zone, with the zone named
    other_when: str  # the same in the other side's zone; "" when both clocks read alike
    type_en: str  # the title: the meeting's type, or "Rescheduling <type>"
    type_zh: str
    factory_en: str
    factory_zh: str
    factory_slug: str
    buyer: str
    factory_side: bool
    proposed_en: str  # "New time proposed: <when>" while a proposal waits; "" otherwise
    proposed_zh: str


def _other_zone(s: booking.MeetingSummary) -> str:
    return s.buyer_timezone if s.is_factory_side else s.factory_timezone


def _both_times(start: datetime, end: datetime, zone: str, other: str, lang: str) -> tuple[str, str]:
    """(the reader's start–end, the other side's; "" when both clocks read alike)."""
    both = timefmt.span_for_both(start, end, zone, [other], lang)
    mine = timefmt.span(start, end, zone, lang)
    return mine, "" if both == mine else timefmt.span(start, end, other, lang)


def _row(s: booking.MeetingSummary, zone: str, lang: str) -> MeetingRow:
    mine, theirs = _both_times(s.starts_at, s.ends_at, zone, _other_zone(s), lang)
    proposed = {"en": "", "zh": ""}
    if s.proposed_starts_at is not None:
        for language in proposed:
            when = timefmt.moment(s.proposed_starts_at, zone, language)
            proposed[language] = i18n.translate("meet.list_proposed", language, when=when)
    return MeetingRow(
        id=s.id,
        status=s.status,
        starts_utc=s.starts_at.isoformat(),
        when=mine,
        other_when=theirs,
        type_en=_title(s.type_name_en, s.is_reschedule, "en"),
        type_zh=_title(s.type_name_zh, s.is_reschedule, "zh"),
        factory_en=s.factory_name_en,
        factory_zh=s.factory_name_zh,
        factory_slug=s.factory_slug,
        buyer=f"{s.buyer_name} · {s.buyer_company}" if s.buyer_company else s.buyer_name,
        factory_side=s.is_factory_side,
        proposed_en=proposed["en"],
        proposed_zh=proposed["zh"],
    )


class CalendarLinks(TypedDict):
    ics: str
    google: str
    outlook: str


def _calendar_links(s: booking.MeetingSummary, lang: str) -> CalendarLinks:
    """Add to calendar: the .ics download and Google / Outlook web links, all from the UTC times."""
    type_name = s.type_name_zh if lang == "zh" else s.type_name_en
    factory = s.factory_name_zh if lang == "zh" else s.factory_name_en
    other = factory if not s.is_factory_side else (s.buyer_company or s.buyer_name)
    room = f"{get_settings().app_url}/meetings/{s.id}/room"
    event = {
        "title": f"{type_name} · {other}",
        "starts_at": s.starts_at,
        "ends_at": s.ends_at,
        "details": f"{s.agenda}\n\n{room}".strip(),
        "location": room,
    }
    return CalendarLinks(
        ics=f"/api/meetings/{s.id}/calendar.ics",
        google=google_calendar_url(**event),
        outlook=outlook_calendar_url(**event),
    )


class MeetingsState(SessionState):
    loaded: bool = False
    upcoming: list[MeetingRow] = []
    past: list[MeetingRow] = []

    @rx.event
    @refusals_shown
    async def open(self):
        self.loaded = False
        user = await run_in_threadpool(self.user)
        rows = await run_in_threadpool(booking.my_meetings, user)  # its statements: off the event loop
        now = utcnow()
        upcoming = [s for s in rows if lifecycle.is_upcoming(s.status, s.ends_at, now)]
        past = [s for s in reversed(rows) if not lifecycle.is_upcoming(s.status, s.ends_at, now)]
        self.upcoming = [_row(s, user.timezone, self.lang) for s in upcoming]
        self.past = [_row(s, user.timezone, self.lang) for s in past]
        self.loaded = True


class HistoryRow(TypedDict):
    when: str
    status: str
    text_en: str
    text_zh: str


class InterestRow(TypedDict):
    id: int
    name_en: str
    name_zh: str
    specs: str


class OtherVersion(TypedDict):
    """Another version of this meeting shown on its page: a proposal waiting, the original of a
    proposal, or the meeting that replaced this one."""

    id: int
    note_en: str  # what it is, with its time in the reader's zone
    note_zh: str
    when: str  # start–end in the reader's zone
    other_when: str  # in the other side's zone ("" when alike)


NO_VERSION = OtherVersion(id=0, note_en="", note_zh="", when="", other_when="")


class MeetingState(SessionState):
    loaded: bool = False
    missing: bool = False
    meeting: MeetingRow = MeetingRow(
        id=0,
        status="",
        starts_utc="",
        when="",
        other_when="",
        type_en="",
        type_zh="",
        factory_en="",
        factory_zh="",
        factory_slug="",
        buyer="",
        factory_side=False,
        proposed_en="",
        proposed_zh="",
    )
    calendar_links: CalendarLinks = CalendarLinks(ics="", google="", outlook="")
    can_add_to_calendar: bool = False
    actions: list[str] = []  # what the visitor may do now (lifecycle.available_actions), in display order
    reason_needed: bool = False
    agenda: str = ""
    cancel_reason: str = ""
    history: list[HistoryRow] = []
    interests: list[InterestRow] = []
    reason: str = ""
    message: str = ""
    working: bool = False  # an answer to a proposal is on its way: its buttons take no second click
    # A proposed time waiting on this meeting, with what the visitor may do about it (accept / decline,
    # or withdraw for its proposer); the original of a proposal; the meeting that replaced this one.
    proposal: OtherVersion = NO_VERSION
    proposal_actions: list[str] = []
    proposal_help_en: str = ""  # whose answer it waits for, or that the meeting stays unless you accept
    proposal_help_zh: str = ""
    original: OtherVersion = NO_VERSION
    moved_to: OtherVersion = NO_VERSION
    _proposal_id: int = 0
    _other_en: str = ""
    _other_zh: str = ""
    # the room
    room_refusal: str = ""
    server_url: str = ""
    token: str = ""
    video_error: str = ""
    first_product: str = ""

    def _load(self, user: CurrentUser) -> None:
        detail = booking.meeting_detail(user, self.path_id(1))
        summary = detail.summary
        self.meeting = _row(summary, user.timezone, self.lang)
        self.calendar_links = _calendar_links(summary, self.lang)
        self.can_add_to_calendar = summary.status in (MeetingStatus.REQUESTED.value, MeetingStatus.CONFIRMED.value)
        self.agenda, self.cancel_reason = summary.agenda, summary.cancel_reason
        now = utcnow()
        offered = lifecycle.available_actions(
            summary.status,
            summary.side,
            summary.ends_at,
            now,
            proposer=summary.proposer,
            proposal_pending=detail.open_proposal is not None,
        )
        self.actions = [action.value for action in offered]
        self.reason_needed = lifecycle.needs_reason(offered, summary.status)
        factory_side = summary.is_factory_side
        buyer_name = f"{summary.buyer_name} ({summary.buyer_company})" if summary.buyer_company else summary.buyer_name
        self._other_en = buyer_name if factory_side else summary.factory_name_en
        self._other_zh = buyer_name if factory_side else summary.factory_name_zh
        self._show_versions(user, detail, now)
        self.history = [
            HistoryRow(
                when=timefmt.moment(entry.at, user.timezone, self.lang),
                status=entry.status,
                text_en=events.in_words(entry.text_key, entry.text_params, user.timezone, "en"),
                text_zh=events.in_words(entry.text_key, entry.text_params, user.timezone, "zh"),
            )
            for entry in detail.history
        ]
        self.first_product = str(detail.products[0][0]) if detail.products else ""
        self.interests = [
            InterestRow(id=i, name_en=en, name_zh=zh, specs=" · ".join(f"{k}: {v}" for k, v in specs.items()))
            for i, en, zh, specs in detail.products
        ]

    def _version(
        self,
        user: CurrentUser,
        summary: booking.MeetingSummary,
        related: booking.RelatedMeeting,
        key: str,
        **params: str,
    ) -> OtherVersion:
        other = _other_zone(summary)
        mine, theirs = _both_times(related.starts_at, related.ends_at, user.timezone, other, self.lang)
        texts = []
        for lang in ("en", "zh"):
            when = timefmt.moment(related.starts_at, user.timezone, lang)
            texts.append(i18n.translate(key, lang, when=when, **params))
        return OtherVersion(id=related.id, note_en=texts[0], note_zh=texts[1], when=mine, other_when=theirs)

    def _show_versions(self, user: CurrentUser, detail: booking.MeetingDetail, now: datetime) -> None:
        summary = detail.summary
        self.proposal, self.original, self.moved_to, self.proposal_actions = NO_VERSION, NO_VERSION, NO_VERSION, []
        self._proposal_id = 0
        waiting = detail.open_proposal
        if waiting is not None:
            mine = waiting.proposer == summary.side
            if mine:
                self.proposal = self._version(user, summary, waiting, "meet.proposal_you")
            else:
                self.proposal = self._version(user, summary, waiting, "meet.proposal_by", name=waiting.proposer_name)
            offered = lifecycle.available_actions(
                MeetingStatus.PROPOSED.value, summary.side, waiting.ends_at, now, proposer=waiting.proposer
            )
            self.proposal_actions = [action.value for action in offered]
            self._proposal_id = waiting.id
            if mine:
                self.proposal_help_en = i18n.translate("meet.proposal_waiting", "en", name=self._other_en)
                self.proposal_help_zh = i18n.translate("meet.proposal_waiting", "zh", name=self._other_zh)
            else:
                self.proposal_help_en = i18n.translate("meet.proposal_answer", "en")
                self.proposal_help_zh = i18n.translate("meet.proposal_answer", "zh")
        if detail.original is not None and summary.proposer is not None:
            key = "meet.proposal_for_meeting" if summary.status == MeetingStatus.PROPOSED.value else ""
            closed = summary.status in (MeetingStatus.DECLINED.value, MeetingStatus.WITHDRAWN.value)
            if closed and detail.original.status in lifecycle.STANDING_STATUSES:  # it still stands at its time
                key = "meet.proposal_closed"
            if key:
                self.original = self._version(user, summary, detail.original, key)
        if detail.replaced_by is not None:
            self.moved_to = self._version(user, summary, detail.replaced_by, "meet.moved_to")

    @rx.event
    @refusals_shown
    def open(self):
        self.loaded, self.missing, self.message, self.reason = False, False, "", ""
        try:
            self._load(self.user())
        except PermissionDenied:
            self.missing = True  # "not your meeting": the same page as a missing one
        self.loaded = True

    @rx.event
    @refusals_shown
    def open_room(self):
        self.loaded, self.missing, self.video_error = False, False, ""
        user = self.user()
        try:
            self._load(user)
            self.server_url, self.token = booking.room_ticket(user, self.path_id(1), LiveKitGateway.from_settings())
            self.room_refusal = ""
        except PermissionDenied:
            self.missing = True
        except BookingRefused as exc:
            self.room_refusal, self.token = self.tr(exc.key), ""
        self.loaded = True

    @rx.event
    def set_reason(self, value: str):
        self.reason = str(value)[:1000]

    @rx.event
    @refusals_shown
    def change(self, action: str):
        user = self.user()
        try:
            booking.act(user, self.path_id(1), str(action), self.reason)
        except (BookingRefused, ValidationFailed) as exc:
            self.message = self.explain(exc)  # beside the reason box, where the visitor is looking
            return
        self.message, self.reason = "", ""
        self._load(user)
        return rx.toast.success(self._told())

    def _told(self) -> str:
        """The toast after a change: it names who was told (never "the factory" to the factory itself)."""
        return self.tr("meet.told_toast", name=self._other_zh if self.lang == "zh" else self._other_en)

    @rx.event
    async def answer_proposal(self, action: str):
        """Accept, decline or withdraw the time proposed for this meeting (from the meeting's own page)."""
        self.working = True
        yield  # the buttons show they are working before the answer is saved
        try:
            yield await run_in_threadpool(self._answer, str(action))  # its transaction: off the event loop
        finally:
            self.working = False

    @refusals_shown
    def _answer(self, action: str):
        user = self.user()
        target = self._proposal_id if self._proposal_id else self.path_id(1)
        try:
            booking.act(user, target, action)
        except (BookingRefused, ValidationFailed) as exc:
            self.message = self.explain(exc)
            self._load(user)
            return
        self.message = ""
        told = self._told()
        if action == lifecycle.Action.ACCEPT_TIME.value:  # the accepted time is the meeting now: go there
            return [rx.redirect(f"/meetings/{target}"), rx.toast.success(told)]
        self._load(user)
        return rx.toast.success(told)

    @rx.event
    def video_failed(self, message: str = ""):
        self.video_error = self.tr("err.video_unavailable")
