"""1:1 meetings: free slots from the database, reservation without double booking, and the lifecycle.

Rules:
- A buyer books a slot the slot engine offers; confirming re-checks it inside one transaction that
  first takes the factory's lock row (an UPDATE: a row lock on PostgreSQL, the write lock on SQLite),
  and the database refuses two active meetings at the same start (partial unique index).
- A buyer may hold at most `max_pending_per_buyer` unanswered requests with one factory.
- A booking request carries the booking form's idempotency key: the same key books one meeting
  (`core.idempotency`).
- Every status change is a move of the table in `meetings.lifecycle` (who may, from which status, to
  which); a reschedule makes a new meeting that replaces the old one, keeping the calendar UID with a
  higher SEQUENCE.
- Only the buyer and the factory's members see or change a meeting; every change is recorded as a
  typed MeetingEvent (`meetings.events`) and sends both sides a notification with an .ics invitation
  or cancellation.
- Attendance comes from the video service's webhook: who joined is recorded as typed events, and when
  the room closes the meeting becomes completed or a no-show.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from livekit.api import WebhookEvent
from sqlalchemy import func, or_, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from realsourcing.accounts.identity import CurrentUser
from realsourcing.accounts.models import User
from realsourcing.config import get_settings
from realsourcing.core import idempotency
from realsourcing.core.errors import DomainError, NotFound, PermissionDenied
from realsourcing.core.video import Grant, LiveKitGateway
from realsourcing.db import session_scope, utcnow
from realsourcing.meetings import events, lifecycle, rooms
from realsourcing.meetings.events import Happening
from realsourcing.meetings.lifecycle import (
    ACTIVE_STATUSES,
    Action,
    BookingRefused,
    MeetingEventKind,
    MeetingStatus,
    Move,
    Side,
)
from realsourcing.meetings.models import (
    AvailabilityRule,
    AvailabilitySettings,
    DateOverride,
    Meeting,
    MeetingEvent,
    MeetingProduct,
    MeetingType,
    stored_id,
)
from realsourcing.meetings.slots import Busy, Range, Rules, free_slots
from realsourcing.notifications import reminders
from realsourcing.notifications.calendar_ics import meeting_ics
from realsourcing.notifications.service import notify
from realsourcing.orders.models import ProviderEvent  # the webhook log shared by every provider
from realsourcing.profile import membership
from realsourcing.profile.catalog_models import Product, ProductStatus
from realsourcing.profile.models import Factory
from realsourcing.webinars.models import Webinar, WebinarStatus


class SlotTaken(DomainError):
    def __init__(self) -> None:
        super().__init__("err.slot_taken")


# ---------------------------------------------------------------- rules and slots from the database


def settings_for(db: Session, factory_id: int) -> AvailabilitySettings:
    settings = db.exec(select(AvailabilitySettings).where(AvailabilitySettings.factory_id == factory_id)).first()
    if settings is None:
        settings = AvailabilitySettings(factory_id=factory_id)
        db.add(settings)
        db.flush()
    return settings


def rules_for(db: Session, factory_id: int) -> Rules:
    settings = settings_for(db, factory_id)
    weekly: dict[int, tuple[Range, ...]] = {}
    for rule in db.exec(select(AvailabilityRule).where(AvailabilityRule.factory_id == factory_id)).all():
        weekly[rule.weekday] = weekly.get(rule.weekday, ()) + ((rule.start_minute, rule.end_minute),)
    closed: set[date] = set()
    extra: dict[date, tuple[Range, ...]] = {}
    for override in db.exec(select(DateOverride).where(DateOverride.factory_id == factory_id)).all():
        if override.closed:
            closed.add(override.day)
        elif override.start_minute is not None and override.end_minute is not None:
            extra[override.day] = extra.get(override.day, ()) + ((override.start_minute, override.end_minute),)
    return Rules(
        timezone=settings.timezone,
        weekly=weekly,
        closed_dates=frozenset(closed),
        extra_hours=extra,
        buffer_before_min=settings.buffer_before_min,
        buffer_after_min=settings.buffer_after_min,
        min_notice=timedelta(hours=settings.min_notice_hours),
        horizon_days=settings.horizon_days,
        max_per_day=settings.max_per_day,
    )


def busy_for(db: Session, factory_id: int, start: datetime, end: datetime) -> list[Busy]:
    meetings = db.exec(
        select(Meeting.starts_at, Meeting.ends_at).where(
            Meeting.factory_id == factory_id,
            col(Meeting.status).in_(ACTIVE_STATUSES),
            Meeting.starts_at < end,
            Meeting.ends_at > start,
        )
    ).all()
    webinars = db.exec(
        select(Webinar.starts_at, Webinar.duration_min).where(
            Webinar.factory_id == factory_id,
            col(Webinar.status).in_([WebinarStatus.SCHEDULED.value, WebinarStatus.LIVE.value]),
            Webinar.starts_at < end,
            Webinar.starts_at > start - timedelta(hours=5),
        )
    ).all()
    return [Busy(s, e) for s, e in meetings] + [
        Busy(s, s + timedelta(minutes=d), is_meeting=False) for s, d in webinars
    ]


def _slots(
    db: Session, factory_id: int, duration_min: int, first_day: date, last_day: date, now: datetime
) -> list[datetime]:
    rules = rules_for(db, factory_id)
    tz = ZoneInfo(rules.timezone)
    window_start = datetime(first_day.year, first_day.month, first_day.day, tzinfo=tz) - timedelta(days=1)
    window_end = datetime(last_day.year, last_day.month, last_day.day, tzinfo=tz) + timedelta(days=2)
    return free_slots(rules, duration_min, busy_for(db, factory_id, window_start, window_end), now, first_day, last_day)


@dataclass(frozen=True)
class MeetingTypeInfo:
    id: int
    name_en: str
    name_zh: str
    duration_min: int
    description: str


@dataclass(frozen=True)
class BookingContext:
    factory_id: int
    factory_slug: str
    factory_name_en: str
    factory_name_zh: str
    factory_verified: bool
    factory_timezone: str
    types: list[MeetingTypeInfo]
    products: list[tuple[int, str, str]]  # id, name EN, name ZH (published products)


def booking_context(slug: str) -> BookingContext:
    """What the booking page shows about a factory (anyone may look; booking itself needs a signed-in buyer)."""
    with session_scope() as db:
        factory = db.exec(select(Factory).where(Factory.slug == slug)).first()
        if factory is None:
            raise NotFound()
        factory_id = stored_id(factory)
        types = db.exec(
            select(MeetingType)
            .where(MeetingType.factory_id == factory_id, col(MeetingType.is_active).is_(True))
            .order_by(col(MeetingType.duration_min).desc())
        ).all()
        products = db.exec(
            select(Product.id, Product.name_en, Product.name_zh).where(
                Product.factory_id == factory_id,
                Product.status == ProductStatus.PUBLISHED.value,
                col(Product.deleted_at).is_(None),
            )
        ).all()
        return BookingContext(
            factory_id,
            factory.slug,
            factory.display_name_en,
            factory.display_name_zh or factory.display_name_en,
            factory.is_verified,
            settings_for(db, factory_id).timezone,
            [
                MeetingTypeInfo(stored_id(t), t.name_en, t.name_zh or t.name_en, t.duration_min, t.description)
                for t in types
            ],
            [(p, en, zh or en) for p, en, zh in products if p is not None],
        )


def slots_for(
    factory_id: int, meeting_type_id: int, first_day: date, last_day: date, now: datetime | None = None
) -> list[datetime]:
    """Free slots (UTC) for a meeting type, on factory-local dates first_day..last_day."""
    with session_scope() as db:
        meeting_type = db.get(MeetingType, meeting_type_id)
        if meeting_type is None or meeting_type.factory_id != factory_id or not meeting_type.is_active:
            raise NotFound()
        return _slots(db, factory_id, meeting_type.duration_min, first_day, last_day, now or utcnow())


# ---------------------------------------------------------------- reservation


@dataclass(frozen=True)
class BookingRequest:
    factory_id: int
    meeting_type_id: int
    starts_at: datetime
    agenda: str = ""
    product_ids: tuple[int, ...] = ()
    origin_webinar_id: int | None = None
    origin_product_id: int | None = None


def _lock_factory(db: Session, factory_id: int) -> None:
    """Serialize reservations per factory: every booking first writes this one row."""
    db.exec(
        update(AvailabilitySettings)
        .where(col(AvailabilitySettings.factory_id) == factory_id)
        .values(max_pending_per_buyer=AvailabilitySettings.max_pending_per_buyer)
    )


BOOKING_NOTICE = {MeetingStatus.REQUESTED: "meeting_requested", MeetingStatus.CONFIRMED: "meeting_confirmed"}


BOOKING_KIND = "meeting_request"


@idempotency.once(BOOKING_KIND)
def reserve(actor: CurrentUser, request: BookingRequest, now: datetime | None = None, *, key: str) -> int:
    """Book a slot for the actor (a buyer). Returns the meeting id (the first one's for a repeated key);
    SlotTaken if someone was faster."""
    now = now or utcnow()
    agenda = (request.agenda or "").strip()[:2000]
    try:
        with session_scope() as db:
            if membership.is_member(db, request.factory_id, actor.id):
                raise BookingRefused("err.own_factory")
            meeting_type = db.get(MeetingType, request.meeting_type_id)
            if meeting_type is None or meeting_type.factory_id != request.factory_id or not meeting_type.is_active:
                raise NotFound()
            _lock_factory(db, request.factory_id)
            settings = settings_for(db, request.factory_id)
            pending = db.exec(
                select(func.count()).where(
                    Meeting.factory_id == request.factory_id,
                    Meeting.buyer_id == actor.id,
                    Meeting.status == MeetingStatus.REQUESTED.value,
                )
            ).one()
            if pending >= settings.max_pending_per_buyer:
                raise BookingRefused("err.too_many_pending", limit=settings.max_pending_per_buyer)
            local_day = request.starts_at.astimezone(ZoneInfo(settings.timezone)).date()
            if request.starts_at not in _slots(
                db, request.factory_id, meeting_type.duration_min, local_day, local_day, now
            ):
                raise SlotTaken()
            products = db.exec(
                select(Product.id).where(
                    col(Product.id).in_(request.product_ids or [0]), Product.factory_id == request.factory_id
                )
            ).all()
            status = lifecycle.booked_status(settings.auto_confirm, Side.BUYER)
            meeting = Meeting(
                factory_id=request.factory_id,
                buyer_id=actor.id,
                meeting_type_id=meeting_type.id,
                starts_at=request.starts_at,
                ends_at=request.starts_at + timedelta(minutes=meeting_type.duration_min),
                status=status.value,
                agenda=agenda,
                origin_webinar_id=request.origin_webinar_id,
                origin_product_id=request.origin_product_id,
                responded_at=now if status == MeetingStatus.CONFIRMED else None,
            )
            db.add(meeting)
            db.flush()
            meeting_id = stored_id(meeting)
            meeting.ics_uid = rooms.ics_uid(meeting_id)
            meeting.room_name = rooms.room_name(meeting_id)
            for product_id in [p for p in products if p is not None][:10]:
                db.add(MeetingProduct(meeting_id=meeting_id, product_id=product_id))
            _record(db, meeting, events.booked(), actor, from_status="")
            # An auto-confirmed booking is confirmed by the factory's rule, not by the buyer: both hear.
            _tell_both(db, meeting, BOOKING_NOTICE[status], actor if status == MeetingStatus.REQUESTED else None)
            idempotency.remember(db, meeting_id)
            return meeting_id
    except IntegrityError:
        raise SlotTaken() from None


# ---------------------------------------------------------------- lifecycle


def _load(db: Session, actor: CurrentUser, meeting_id: int) -> tuple[Meeting, Side]:
    """The meeting and the actor's side of it; PermissionDenied for strangers."""
    meeting = db.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound()
    if membership.is_member(db, meeting.factory_id, actor.id):
        return meeting, Side.FACTORY
    if meeting.buyer_id == actor.id:
        return meeting, Side.BUYER
    raise PermissionDenied("err.not_your_meeting")


def _record(
    db: Session, meeting: Meeting, happening: Happening, actor: CurrentUser | None, *, from_status: str
) -> None:
    """Add the meeting's history entry (actor None: the system, e.g. the video webhook)."""
    db.add(
        MeetingEvent(
            meeting_id=stored_id(meeting),
            kind=happening.kind,
            data=happening.data,
            from_status=from_status,
            to_status=meeting.status,
            actor_user_id=actor.id if actor else None,
        )
    )


def _make(db: Session, meeting: Meeting, found: Move, actor: CurrentUser | None, happening: Happening) -> None:
    """Apply a move of the lifecycle table to the row and record it."""
    before = meeting.status
    meeting.status = found.to_status.value
    meeting.updated_at = utcnow()
    db.add(meeting)
    _record(db, meeting, happening, actor, from_status=before)


def act(actor: CurrentUser, meeting_id: int, action: str, reason: str = "") -> None:
    """One side's answer on the meeting page: confirm, decline or cancel (by the action's name, as a
    client sends it). Who may, from which status, and whether a reason is needed come from the
    lifecycle table; a reschedule goes through `reschedule` (it needs the new time)."""
    chosen = lifecycle.parse_action(action)
    with session_scope() as db:
        meeting, side = _load(db, actor, meeting_id)
        found = lifecycle.move(meeting.status, chosen, side)
        if chosen == Action.RESCHEDULE:
            raise BookingRefused("err.meeting_bad_transition")
        reason = lifecycle.clean_reason(reason) if found.needs_reason else ""
        if found.answers_request:
            meeting.responded_at = meeting.responded_at or utcnow()
        if found.needs_reason:
            meeting.cancel_reason, meeting.cancelled_by_id = reason, actor.id
        _make(db, meeting, found, actor, events.of_move(found, reason))
        _tell_both(db, meeting, found.notice, actor)


def confirm(actor: CurrentUser, meeting_id: int) -> None:
    act(actor, meeting_id, Action.CONFIRM)


def decline(actor: CurrentUser, meeting_id: int, reason: str) -> None:
    act(actor, meeting_id, Action.DECLINE, reason)


def cancel(actor: CurrentUser, meeting_id: int, reason: str) -> None:
    act(actor, meeting_id, Action.CANCEL, reason)


def reschedule(actor: CurrentUser, meeting_id: int, new_start: datetime, now: datetime | None = None) -> int:
    """Move a meeting: a new meeting replaces it (same calendar UID, SEQUENCE + 1). Returns the new id."""
    now = now or utcnow()
    try:
        with session_scope() as db:
            old, side = _load(db, actor, meeting_id)
            found = lifecycle.move(old.status, Action.RESCHEDULE, side)
            _lock_factory(db, old.factory_id)
            settings = settings_for(db, old.factory_id)
            duration = old.ends_at - old.starts_at
            before = old.status
            old.status, old.updated_at = found.to_status.value, utcnow()
            db.add(old)
            db.flush()  # frees its slot for the check below
            local_day = new_start.astimezone(ZoneInfo(settings.timezone)).date()
            if new_start not in _slots(
                db, old.factory_id, int(duration.total_seconds() // 60), local_day, local_day, now
            ):
                raise SlotTaken()
            new = Meeting(
                factory_id=old.factory_id,
                buyer_id=old.buyer_id,
                meeting_type_id=old.meeting_type_id,
                starts_at=new_start,
                ends_at=new_start + duration,
                agenda=old.agenda,
                origin_webinar_id=old.origin_webinar_id,
                origin_product_id=old.origin_product_id,
                rescheduled_from_id=meeting_id,
                ics_uid=old.ics_uid,
                ics_sequence=old.ics_sequence + 1,
                responded_at=old.responded_at or (now if side == Side.FACTORY else None),
                status=lifecycle.booked_status(settings.auto_confirm, side).value,
            )
            db.add(new)
            db.flush()
            new_id = stored_id(new)
            new.room_name = rooms.room_name(new_id)
            for product_id in db.exec(
                select(MeetingProduct.product_id).where(MeetingProduct.meeting_id == meeting_id)
            ).all():
                db.add(MeetingProduct(meeting_id=new_id, product_id=product_id))
            # Recorded once the new meeting has an id: each side of the move points at the other.
            _record(db, old, events.rescheduled(new_id, new_start), actor, from_status=before)
            _record(db, new, events.moved_from(meeting_id, old.starts_at), actor, from_status=old.status)
            _tell_both(db, new, "meeting_rescheduled", actor)
            return new_id
    except IntegrityError:
        raise SlotTaken() from None


def _settle_attendance(db: Session, meeting: Meeting, joined_user_ids: set[int]) -> None:
    buyer_joined = meeting.buyer_id in joined_user_ids
    factory_joined = bool(set(membership.member_ids(db, meeting.factory_id)) & joined_user_ids)
    try:
        found = lifecycle.move(meeting.status, lifecycle.attendance_action(buyer_joined, factory_joined), Side.SYSTEM)
    except BookingRefused:
        return  # never confirmed, or already settled by an earlier delivery
    _make(db, meeting, found, None, events.of_move(found))


def record_attendance(meeting_id: int, joined_user_ids: set[int]) -> None:
    """When the room closes: completed if the buyer and a factory member both joined, else no-show."""
    with session_scope() as db:
        meeting = db.get(Meeting, meeting_id)
        if meeting is not None:
            _settle_attendance(db, meeting, joined_user_ids)


# ---------------------------------------------------------------- notifications


def _invitation(db: Session, meeting: Meeting) -> tuple[str, str]:
    """(title, .ics invitation) of a meeting, for its emails and its "Add to calendar" download."""
    meeting_id = stored_id(meeting)
    factory = db.exec(select(Factory).where(Factory.id == meeting.factory_id)).one()
    buyer = db.exec(select(User).where(User.id == meeting.buyer_id)).one()
    meeting_type = db.get(MeetingType, meeting.meeting_type_id) if meeting.meeting_type_id else None
    members = membership.members(db, meeting.factory_id)
    type_name = meeting_type.name_en if meeting_type else "Meeting"
    title = f"{type_name} · {buyer.company_name or buyer.full_name} × {factory.display_name_en}"
    ics = meeting_ics(
        uid=meeting.ics_uid or rooms.ics_uid(meeting_id),
        sequence=meeting.ics_sequence,
        cancelled=meeting.status not in ACTIVE_STATUSES,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        summary=title,
        description=meeting.agenda,
        url=f"{get_settings().app_url}/meetings/{meeting_id}/room",
        organizer_email=get_settings().mail_from.split("<")[-1].rstrip(">"),
        attendees=[(buyer.full_name, buyer.email)] + [(m.full_name, m.email) for m in members],
    )
    return title, ics


def calendar_file(actor: CurrentUser, meeting_id: int) -> str:
    """The meeting's .ics ("Add to calendar"), for its buyer and the factory's members only."""
    with session_scope() as db:
        meeting, _side = _load(db, actor, meeting_id)
        return _invitation(db, meeting)[1]


def _tell_both(db: Session, meeting: Meeting, kind: str, actor: CurrentUser | None) -> None:
    """Notify the buyer and every member of the factory (with the .ics), except whoever acted, and
    schedule reminders once confirmed. Each reader's message names the OTHER party: the buyer reads
    the factory's name, the factory's members read the buyer's name and company."""
    meeting_id = stored_id(meeting)
    if meeting.status == MeetingStatus.CONFIRMED.value:
        reminders.for_meeting(db, meeting, [meeting.buyer_id, *membership.member_ids(db, meeting.factory_id)])
    factory = db.exec(select(Factory).where(Factory.id == meeting.factory_id)).one()
    buyer = db.exec(select(User).where(User.id == meeting.buyer_id)).one()
    meeting_type = db.get(MeetingType, meeting.meeting_type_id) if meeting.meeting_type_id else None
    members = membership.members(db, meeting.factory_id)
    title, ics = _invitation(db, meeting)
    link = f"/meetings/{meeting_id}"
    by = actor.full_name if actor else "RealSourcing"
    buyer_name = f"{buyer.full_name} ({buyer.company_name})" if buyer.company_name else buyer.full_name
    factory_zh = factory.display_name_zh or factory.display_name_en
    type_en = meeting_type.name_en if meeting_type else "meeting"
    type_zh = (meeting_type.name_zh or meeting_type.name_en) if meeting_type else "会议"
    payload = {
        "meeting_id": meeting_id,
        "title": title,
        "title_zh": f"{type_zh} · {buyer.company_name or buyer.full_name} × {factory_zh}",
        "buyer": buyer_name,
        "factory": factory.display_name_en,
        "factory_zh": factory_zh,
        "meeting_type": type_en,
        "meeting_type_zh": type_zh,
        "when_utc": meeting.starts_at.strftime("%Y-%m-%d %H:%M"),  # read by messages stored before zones
        "starts_at": meeting.starts_at.isoformat(),
        "ends_at": meeting.ends_at.isoformat(),
        # Both sides' zones: each email shows its reader's time first, then the other side's.
        "zones": [buyer.timezone, factory.timezone],
        "reason": meeting.cancel_reason,
        "by": by,
    }
    actor_id = actor.id if actor else None
    notify(db, buyer, kind, {**payload, "other": factory.display_name_en, "other_zh": factory_zh}, link, ics, actor_id)
    for member in members:
        notify(db, member, kind, {**payload, "other": buyer_name, "other_zh": buyer_name}, link, ics, actor_id)


# ---------------------------------------------------------------- reading


@dataclass(frozen=True)
class MeetingSummary:
    id: int
    status: str
    starts_at: datetime
    ends_at: datetime
    type_name_en: str
    type_name_zh: str
    factory_slug: str
    factory_name_en: str
    factory_name_zh: str
    buyer_name: str
    buyer_company: str
    agenda: str
    cancel_reason: str
    side: Side  # the reader's side of this meeting
    buyer_timezone: str = "UTC"
    factory_timezone: str = "UTC"

    @property
    def is_factory_side(self) -> bool:
        return self.side == Side.FACTORY


def _summaries(
    db: Session, rows: list[tuple[Meeting, Factory, User, MeetingType | None]], actor: CurrentUser
) -> list[MeetingSummary]:
    member_of = {f.id: membership.is_member(db, f.id, actor.id) for _m, f, _u, _t in rows}
    return [
        MeetingSummary(
            stored_id(meeting),
            meeting.status,
            meeting.starts_at,
            meeting.ends_at,
            meeting_type.name_en if meeting_type else "Meeting",
            (meeting_type.name_zh or meeting_type.name_en) if meeting_type else "会议",
            factory.slug,
            factory.display_name_en,
            factory.display_name_zh or factory.display_name_en,
            buyer.full_name,
            buyer.company_name,
            meeting.agenda,
            meeting.cancel_reason,
            Side.FACTORY if member_of[factory.id] else Side.BUYER,
            buyer.timezone,
            factory.timezone,
        )
        for meeting, factory, buyer, meeting_type in rows
    ]


def _query():
    return (
        select(Meeting, Factory, User, MeetingType)
        .join(Factory, col(Factory.id) == Meeting.factory_id)
        .join(User, col(User.id) == Meeting.buyer_id)
        .outerjoin(MeetingType, col(MeetingType.id) == Meeting.meeting_type_id)
    )


def my_meetings(actor: CurrentUser) -> list[MeetingSummary]:
    """The actor's meetings: as the buyer, and as a member of their factory; soonest first."""
    with session_scope() as db:
        mine = [col(Meeting.buyer_id) == actor.id]
        if membership.is_member(db, actor.factory_id, actor.id):
            mine.append(col(Meeting.factory_id) == actor.factory_id)
        rows = db.exec(
            _query()
            .where(or_(*mine), Meeting.status != MeetingStatus.RESCHEDULED.value)
            .order_by(col(Meeting.starts_at))
            .limit(300)
        ).all()
        return _summaries(db, list(rows), actor)


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    status: str  # the status the meeting had after it
    text_key: str  # with text_params: what happened, in words (meetings.events.describe)
    text_params: dict[str, str]


@dataclass(frozen=True)
class MeetingDetail:
    summary: MeetingSummary
    products: list[tuple[int, str, str, dict]]  # id, name EN, name ZH, specifications
    history: list[HistoryEntry]
    origin_webinar_id: int | None


def meeting_detail(actor: CurrentUser, meeting_id: int) -> MeetingDetail:
    with session_scope() as db:
        meeting, _side = _load(db, actor, meeting_id)
        row = db.exec(_query().where(Meeting.id == meeting_id)).one()
        products = db.exec(
            select(Product)
            .join(MeetingProduct, col(MeetingProduct.product_id) == Product.id)
            .where(MeetingProduct.meeting_id == meeting_id)
        ).all()
        chain: list[int] = []
        cursor: Meeting | None = meeting
        while cursor is not None:  # the history of every version of this meeting
            chain.append(stored_id(cursor))
            cursor = db.get(Meeting, cursor.rescheduled_from_id) if cursor.rescheduled_from_id else None
        shown = db.exec(
            select(MeetingEvent)
            .where(
                col(MeetingEvent.meeting_id).in_(chain),
                col(MeetingEvent.kind).not_in(events.HIDDEN_FROM_HISTORY),
            )
            .order_by(col(MeetingEvent.created_at), col(MeetingEvent.id))
        ).all()
        return MeetingDetail(
            _summaries(db, [row], actor)[0],
            [(stored_id(p), p.name_en, p.name_zh or p.name_en, dict(p.specifications)) for p in products],
            [HistoryEntry(e.created_at, e.to_status, *events.describe(e.kind, e.data)) for e in shown],
            meeting.origin_webinar_id,
        )


def room_ticket(
    actor: CurrentUser, meeting_id: int, gateway: LiveKitGateway, now: datetime | None = None
) -> tuple[str, str]:
    """A video token (server URL, token) for the buyer or the factory's members, while the room is open."""
    now = now or utcnow()
    with session_scope() as db:
        meeting, side = _load(db, actor, meeting_id)
        refusal = lifecycle.join_refusal(meeting.status, meeting.starts_at, meeting.ends_at, now)
        if refusal is not None:
            raise BookingRefused(refusal)
        room = meeting.room_name or rooms.room_name(meeting_id)
    name = f"{actor.full_name} · {actor.company_name}" if actor.company_name else actor.full_name
    token = gateway.token(
        room=room,
        identity=str(actor.id),
        name=name[:120],
        grant=Grant(can_publish=True, room_admin=side == Side.FACTORY),
        metadata={"role": side.value},
    )
    return gateway.url, token


# ---------------------------------------------------------------- the video service's webhook


def _side_of(db: Session, meeting: Meeting, identity: str) -> Side | None:
    """Which side a room participant is on (identities are user ids); None for anyone else."""
    if not (identity.isascii() and identity.isdigit()):
        return None
    if int(identity) == meeting.buyer_id:
        return Side.BUYER
    return Side.FACTORY if membership.is_member(db, meeting.factory_id, int(identity)) else None


def _joined_user_ids(db: Session, meeting_id: int) -> set[int]:
    joined = db.exec(
        select(MeetingEvent.data).where(
            MeetingEvent.meeting_id == meeting_id, MeetingEvent.kind == MeetingEventKind.PARTICIPANT_JOINED
        )
    ).all()
    return {int(data["identity"]) for data in joined}


def handle_webhook(event: WebhookEvent) -> bool:
    """LiveKit events of a meeting room: joins are recorded; when the room closes, completed/no-show.
    Returns False for a duplicate delivery."""
    room = event.room.name if event.HasField("room") else ""
    meeting_id = rooms.meeting_id_of_room(room)
    with session_scope() as db:
        if db.exec(
            select(ProviderEvent.id).where(ProviderEvent.provider == "livekit", ProviderEvent.event_id == event.id)
        ).first():
            return False
        db.add(ProviderEvent(provider="livekit", event_id=event.id, event_type=event.event, payload={"room": room}))
        meeting = db.get(Meeting, meeting_id) if meeting_id is not None else None
        if meeting is None:
            return True
        if event.event == "participant_joined":
            identity = event.participant.identity
            side = _side_of(db, meeting, identity)
            if side is not None:
                at = datetime.fromtimestamp(event.created_at, UTC) if event.created_at else utcnow()
                _record(db, meeting, events.participant_joined(identity, side, at), None, from_status=meeting.status)
        elif event.event == "room_finished":
            _settle_attendance(db, meeting, _joined_user_ids(db, stored_id(meeting)))
        return True
