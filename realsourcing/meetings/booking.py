"""1:1 meetings: free slots from the database, reservation without double booking, and the lifecycle.

Rules:
- A buyer books a slot the slot engine offers; confirming re-checks it inside one transaction that
  first takes the factory's lock row (an UPDATE: a row lock on PostgreSQL, the write lock on SQLite),
  and the database refuses two active meetings at the same start (partial unique index).
- A buyer may hold at most `max_pending_per_buyer` unanswered requests with one factory.
- A booking request carries the booking form's idempotency key: the same key books one meeting
  (`core.idempotency`).
- Every status change is a move of the table in `meetings.lifecycle` (who may, from which status, to
  which).
- A reschedule is a proposal (`propose_time`): a new meeting `proposed` with the same type, agenda and
  products, holding its slot under the same lock and unique index as a booking, while the original
  stays as it was. The other side accepts (the proposal is confirmed and replaces the original, which
  becomes `rescheduled`; the calendar UID stays, with a higher SEQUENCE) or declines; the proposer may
  withdraw. Proposals carry no calendar invitation until accepted.
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
from sqlalchemy import and_, func, or_, update
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


def busy_for(db: Session, factory_id: int, start: datetime, end: datetime, ignoring: int | None = None) -> list[Busy]:
    """What keeps the factory busy between start and end: meetings holding a slot (`ignoring` one: the
    meeting a new time is proposed for, which gives its slot up if the proposal is accepted) and webinars."""
    meetings = db.exec(
        select(Meeting.starts_at, Meeting.ends_at).where(
            Meeting.factory_id == factory_id,
            col(Meeting.status).in_(ACTIVE_STATUSES),
            Meeting.starts_at < end,
            Meeting.ends_at > start,
            col(Meeting.id) != (ignoring or 0),
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
    db: Session,
    factory_id: int,
    duration_min: int,
    first_day: date,
    last_day: date,
    now: datetime,
    ignoring: int | None = None,
) -> list[datetime]:
    rules = rules_for(db, factory_id)
    tz = ZoneInfo(rules.timezone)
    window_start = datetime(first_day.year, first_day.month, first_day.day, tzinfo=tz) - timedelta(days=1)
    window_end = datetime(last_day.year, last_day.month, last_day.day, tzinfo=tz) + timedelta(days=2)
    busy = busy_for(db, factory_id, window_start, window_end, ignoring)
    return free_slots(rules, duration_min, busy, now, first_day, last_day)


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


ANSWERS = frozenset({Action.ACCEPT_TIME, Action.DECLINE_TIME, Action.WITHDRAW_TIME})


def act(actor: CurrentUser, meeting_id: int, action: str, reason: str = "", now: datetime | None = None) -> None:
    """One side's answer on the meeting page: confirm, decline or cancel a meeting, or accept, decline
    or withdraw a proposed time (`meeting_id` is then the proposal's), by the action's name as a client
    sends it. Who may, from which status, and whether a reason is needed come from the lifecycle
    table; proposing a time goes through `propose_time` (it needs the new time)."""
    chosen = lifecycle.parse_action(action)
    with session_scope() as db:
        meeting, side = _load(db, actor, meeting_id)
        _lock_factory(db, meeting.factory_id)  # one answer at a time: re-read the status under the lock
        db.refresh(meeting)
        proposer = lifecycle.proposer_side(_proposers(db, [meeting_id]).get(meeting_id), meeting.buyer_id)
        found = lifecycle.move(meeting.status, chosen, side, proposer)
        if found.proposes or chosen not in (Action.CONFIRM, Action.DECLINE, Action.CANCEL, *ANSWERS):
            raise BookingRefused("err.meeting_bad_transition")
        if chosen in ANSWERS:
            _answer_proposal(db, meeting, chosen, found, actor, now or utcnow())
            return
        reason = lifecycle.clean_reason(reason) if found.needs_reason else ""
        if found.answers_request:
            meeting.responded_at = meeting.responded_at or utcnow()
        if found.needs_reason:
            meeting.cancel_reason, meeting.cancelled_by_id = reason, actor.id
        _make(db, meeting, found, actor, events.of_move(found, reason))
        if meeting.status not in ACTIVE_STATUSES:
            _drop_open_proposals(db, meeting, actor)
        _tell_both(db, meeting, found.notice, actor)


def _proposers(db: Session, meeting_ids: list[int]) -> dict[int, int]:
    """Who proposed each of these meetings' time (meeting id → user id), for those that are proposals:
    the actor of the proposal's first history entry."""
    rows = db.exec(
        select(MeetingEvent.meeting_id, MeetingEvent.actor_user_id).where(
            col(MeetingEvent.meeting_id).in_(meeting_ids or [0]),
            MeetingEvent.kind == MeetingEventKind.TIME_PROPOSED,
        )
    ).all()
    return {meeting_id: user_id for meeting_id, user_id in rows if user_id is not None}


def _is_declined_proposal():
    """A meeting that was a proposed time and was declined (the meeting it was for stands as it was)."""
    return and_(
        col(Meeting.status) == MeetingStatus.DECLINED.value,
        select(MeetingEvent.id)
        .where(MeetingEvent.meeting_id == Meeting.id, MeetingEvent.kind == MeetingEventKind.TIME_DECLINED)
        .exists(),
    )


def _open_proposal(db: Session, meeting_id: int) -> Meeting | None:
    """The time proposed for a meeting and not answered yet (at most one)."""
    return db.exec(
        select(Meeting).where(Meeting.rescheduled_from_id == meeting_id, Meeting.status == MeetingStatus.PROPOSED.value)
    ).first()


def _drop_open_proposals(db: Session, meeting: Meeting, actor: CurrentUser) -> None:
    """A cancelled or declined meeting takes its open proposal with it: its slot is free again."""
    proposal = _open_proposal(db, stored_id(meeting))
    if proposal is None:
        return
    found = lifecycle.move(proposal.status, Action.WITHDRAW_TIME, Side.SYSTEM)
    happening = events.time_answered(
        found.event, stored_id(meeting), meeting.starts_at, proposal.starts_at, dropped=True
    )
    _make(db, proposal, found, actor, happening)


def _answer_proposal(
    db: Session, proposal: Meeting, chosen: Action, found: Move, actor: CurrentUser, now: datetime
) -> None:
    """Accept, decline or withdraw a proposed time. Accepting confirms the proposal and replaces its
    original (rescheduled, pointing at it); declining or withdrawing leaves the original as it was."""
    original = db.get(Meeting, proposal.rescheduled_from_id) if proposal.rescheduled_from_id else None
    if original is None:
        raise BookingRefused("err.meeting_bad_transition")
    original_id = stored_id(original)
    happening = events.time_answered(found.event, original_id, original.starts_at, proposal.starts_at)
    if chosen == Action.ACCEPT_TIME:
        refusal = lifecycle.acceptance_refusal(proposal.starts_at, original.status, now)
        if refusal is not None:
            raise BookingRefused(refusal)
        replaced = lifecycle.move(original.status, Action.REPLACE, Side.SYSTEM)
        # Both sides have now agreed on a time: the factory's answer, for the response-time signal.
        proposal.responded_at = original.responded_at or now
        _make(
            db, original, replaced, actor, events.rescheduled(stored_id(proposal), proposal.starts_at, by_proposal=True)
        )
    _make(db, proposal, found, actor, happening)
    # Only an accepted time goes to calendars (the same UID, a higher SEQUENCE: the event moves).
    _tell_both(db, proposal, found.notice, actor, with_ics=chosen == Action.ACCEPT_TIME, original=original)


def confirm(actor: CurrentUser, meeting_id: int) -> None:
    act(actor, meeting_id, Action.CONFIRM)


def decline(actor: CurrentUser, meeting_id: int, reason: str) -> None:
    act(actor, meeting_id, Action.DECLINE, reason)


def cancel(actor: CurrentUser, meeting_id: int, reason: str) -> None:
    act(actor, meeting_id, Action.CANCEL, reason)


@dataclass(frozen=True)
class RescheduleContext:
    """What the "propose a new time" page shows about the meeting being moved."""

    meeting_id: int
    factory_id: int
    factory_slug: str
    type_name_en: str
    type_name_zh: str
    duration_min: int
    agenda: str
    starts_at: datetime
    ends_at: datetime
    side: Side  # the proposer's side
    other_name_en: str  # who will be asked: the factory, or the buyer (with their company)
    other_name_zh: str
    other_timezone: str
    factory_timezone: str
    proposal_pending: bool


def reschedule_context(actor: CurrentUser, meeting_id: int) -> RescheduleContext:
    """The meeting a new time is proposed for, for its two sides only (PermissionDenied for anyone
    else); BookingRefused when its status does not allow a new time. `proposal_pending` says whether a
    proposal already waits (`propose_time` then refuses)."""
    with session_scope() as db:
        meeting, side = _load(db, actor, meeting_id)
        lifecycle.move(meeting.status, Action.RESCHEDULE, side)
        factory = db.exec(select(Factory).where(Factory.id == meeting.factory_id)).one()
        buyer = db.exec(select(User).where(User.id == meeting.buyer_id)).one()
        meeting_type = db.get(MeetingType, meeting.meeting_type_id) if meeting.meeting_type_id else None
        factory_zh = factory.display_name_zh or factory.display_name_en
        buyer_name = f"{buyer.full_name} ({buyer.company_name})" if buyer.company_name else buyer.full_name
        factory_side = side == Side.FACTORY
        return RescheduleContext(
            meeting_id=meeting_id,
            factory_id=meeting.factory_id,
            factory_slug=factory.slug,
            type_name_en=meeting_type.name_en if meeting_type else "Meeting",
            type_name_zh=(meeting_type.name_zh or meeting_type.name_en) if meeting_type else "会议",
            duration_min=int((meeting.ends_at - meeting.starts_at).total_seconds() // 60),
            agenda=meeting.agenda,
            starts_at=meeting.starts_at,
            ends_at=meeting.ends_at,
            side=side,
            other_name_en=buyer_name if factory_side else factory.display_name_en,
            other_name_zh=buyer_name if factory_side else factory_zh,
            other_timezone=buyer.timezone if factory_side else settings_for(db, meeting.factory_id).timezone,
            factory_timezone=settings_for(db, meeting.factory_id).timezone,
            proposal_pending=_open_proposal(db, meeting_id) is not None,
        )


def reschedule_slots(
    actor: CurrentUser, meeting_id: int, first_day: date, last_day: date, now: datetime | None = None
) -> list[datetime]:
    """Free slots (UTC) a new time may be proposed at, for the meeting's two sides only: its own
    duration, and its own slot does not count as busy (it is given up if the proposal is accepted),
    though its own start is not offered."""
    with session_scope() as db:
        meeting, _side = _load(db, actor, meeting_id)
        duration = int((meeting.ends_at - meeting.starts_at).total_seconds() // 60)
        free = _slots(db, meeting.factory_id, duration, first_day, last_day, now or utcnow(), ignoring=meeting_id)
        return [start for start in free if start != meeting.starts_at]  # its own time is no new time


PROPOSAL_KIND = "meeting_proposal"


@idempotency.once(PROPOSAL_KIND)
def propose_time(
    actor: CurrentUser, meeting_id: int, new_start: datetime, now: datetime | None = None, *, key: str
) -> int:
    """Propose moving a meeting to `new_start`: a new meeting `proposed`, with the same type, agenda and
    products, holding that slot while the other side decides; the meeting itself stays as it is.
    Returns the proposal's id (the first one's for a repeated key); SlotTaken if the time was taken
    meanwhile; BookingRefused when a proposal is already waiting or the time is the same."""
    now = now or utcnow()
    try:
        with session_scope() as db:
            old, side = _load(db, actor, meeting_id)
            _lock_factory(db, old.factory_id)
            db.refresh(old)
            found = lifecycle.move(old.status, Action.RESCHEDULE, side)
            pending = _open_proposal(db, meeting_id) is not None
            refusal = lifecycle.proposal_refusal(new_start, old.starts_at, now, pending)
            if refusal is not None:
                raise BookingRefused(refusal)
            settings = settings_for(db, old.factory_id)
            duration = old.ends_at - old.starts_at
            local_day = new_start.astimezone(ZoneInfo(settings.timezone)).date()
            offered = _slots(
                db, old.factory_id, int(duration.total_seconds() // 60), local_day, local_day, now, ignoring=meeting_id
            )
            if new_start not in offered:
                raise SlotTaken()
            proposal = Meeting(
                factory_id=old.factory_id,
                buyer_id=old.buyer_id,
                meeting_type_id=old.meeting_type_id,
                starts_at=new_start,
                ends_at=new_start + duration,
                agenda=old.agenda,
                origin_webinar_id=old.origin_webinar_id,
                origin_product_id=old.origin_product_id,
                rescheduled_from_id=meeting_id,
                ics_uid=old.ics_uid or rooms.ics_uid(meeting_id),
                ics_sequence=old.ics_sequence + 1,
                status=found.to_status.value,
            )
            db.add(proposal)
            db.flush()
            proposal_id = stored_id(proposal)
            proposal.room_name = rooms.room_name(proposal_id)
            for product_id in db.exec(
                select(MeetingProduct.product_id).where(MeetingProduct.meeting_id == meeting_id)
            ).all():
                db.add(MeetingProduct(meeting_id=proposal_id, product_id=product_id))
            if side == Side.FACTORY and old.status == MeetingStatus.REQUESTED.value:
                old.responded_at = old.responded_at or now  # a counter-proposal answers the request
                db.add(old)
            _record(db, proposal, events.time_proposed(meeting_id, old.starts_at, new_start), actor, from_status="")
            _tell_both(db, proposal, found.notice, actor, with_ics=False, original=old)
            idempotency.remember(db, proposal_id)
            return proposal_id
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
    """The meeting's .ics ("Add to calendar"), for its buyer and the factory's members only. A meeting
    moved by an accepted proposal answers with the meeting that replaced it (same UID, higher
    SEQUENCE), never a cancellation that would remove the moved event from a calendar."""
    with session_scope() as db:
        meeting, _side = _load(db, actor, meeting_id)
        for _hop in range(20):
            if meeting.status != MeetingStatus.RESCHEDULED.value:
                break
            newer = _replacement(db, stored_id(meeting))
            if newer is None:
                break
            meeting = newer
        return _invitation(db, meeting)[1]


def _tell_both(
    db: Session,
    meeting: Meeting,
    kind: str,
    actor: CurrentUser | None,
    *,
    with_ics: bool = True,
    original: Meeting | None = None,
) -> None:
    """Notify the buyer and every member of the factory (with the .ics unless `with_ics` is False),
    except whoever acted, and schedule reminders once confirmed. Each reader's message names the OTHER
    party: the buyer reads the factory's name, the factory's members read the buyer's name and company.
    About a proposed time (`original`: the meeting it would move), the message gives both times and
    links to the original meeting unless the proposal was accepted (the original is where it is
    answered, and what stands after a decline or a withdrawal)."""
    meeting_id = stored_id(meeting)
    if meeting.status == MeetingStatus.CONFIRMED.value:
        reminders.for_meeting(db, meeting, [meeting.buyer_id, *membership.member_ids(db, meeting.factory_id)])
    factory = db.exec(select(Factory).where(Factory.id == meeting.factory_id)).one()
    buyer = db.exec(select(User).where(User.id == meeting.buyer_id)).one()
    meeting_type = db.get(MeetingType, meeting.meeting_type_id) if meeting.meeting_type_id else None
    members = membership.members(db, meeting.factory_id)
    title, ics = _invitation(db, meeting)
    ics = ics if with_ics else ""
    # Until a proposal is accepted the meeting that stands is its original: that is where the link goes.
    standing = original if original is not None and meeting.status != MeetingStatus.CONFIRMED.value else meeting
    link = f"/meetings/{stored_id(standing)}"
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
    if original is not None:
        payload["from_starts_at"] = original.starts_at.isoformat()
        payload["from_ends_at"] = original.ends_at.isoformat()
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
    is_reschedule: bool = False  # made by a proposed new time ("Rescheduling <type>")
    proposer: Side | None = None  # of a proposal: the side that proposed it
    proposed_starts_at: datetime | None = None  # a new time proposed for this meeting, not answered yet

    @property
    def is_factory_side(self) -> bool:
        return self.side == Side.FACTORY


def _summaries(
    db: Session, rows: list[tuple[Meeting, Factory, User, MeetingType | None]], actor: CurrentUser
) -> list[MeetingSummary]:
    member_of = {f.id: membership.is_member(db, f.id, actor.id) for _m, f, _u, _t in rows}
    ids = [stored_id(m) for m, _f, _u, _t in rows]
    proposers = _proposers(db, ids)
    proposed = dict(
        db.exec(
            select(Meeting.rescheduled_from_id, Meeting.starts_at).where(
                col(Meeting.rescheduled_from_id).in_(ids or [0]), Meeting.status == MeetingStatus.PROPOSED.value
            )
        ).all()
    )
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
            is_reschedule=meeting.rescheduled_from_id is not None,
            proposer=lifecycle.proposer_side(proposers.get(stored_id(meeting)), meeting.buyer_id),
            proposed_starts_at=proposed.get(stored_id(meeting)),
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


# Not listed on their own: a replaced meeting (its replacement is), and proposals (shown on their meeting).
UNLISTED = (MeetingStatus.RESCHEDULED.value, MeetingStatus.PROPOSED.value, MeetingStatus.WITHDRAWN.value)


def my_meetings(actor: CurrentUser) -> list[MeetingSummary]:
    """The actor's meetings: as the buyer, and as a member of their factory; soonest first. A meeting
    with a new time proposed says so; declined proposals are not meetings of their own."""
    with session_scope() as db:
        mine = [col(Meeting.buyer_id) == actor.id]
        if membership.is_member(db, actor.factory_id, actor.id):
            mine.append(col(Meeting.factory_id) == actor.factory_id)
        rows = db.exec(
            _query()
            .where(or_(*mine), col(Meeting.status).not_in(UNLISTED), ~_is_declined_proposal())
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
class RelatedMeeting:
    """Another version of a meeting: its original, its open proposal, or what replaced it."""

    id: int
    status: str
    starts_at: datetime
    ends_at: datetime
    proposer: Side | None = None
    proposer_name: str = ""


@dataclass(frozen=True)
class MeetingDetail:
    summary: MeetingSummary
    products: list[tuple[int, str, str, dict]]  # id, name EN, name ZH, specifications
    history: list[HistoryEntry]
    origin_webinar_id: int | None
    original: RelatedMeeting | None = None  # the meeting this one was proposed for (or moved from)
    open_proposal: RelatedMeeting | None = None  # a new time proposed for this one, not answered yet
    replaced_by: RelatedMeeting | None = None  # the meeting that took this one's place (accepted proposal)
    proposer_name: str = ""  # of a proposal: who proposed it


def _related(db: Session, meeting: Meeting | None) -> RelatedMeeting | None:
    if meeting is None:
        return None
    proposer_id = _proposers(db, [stored_id(meeting)]).get(stored_id(meeting))
    proposer = db.get(User, proposer_id) if proposer_id else None
    return RelatedMeeting(
        stored_id(meeting),
        meeting.status,
        meeting.starts_at,
        meeting.ends_at,
        lifecycle.proposer_side(proposer_id, meeting.buyer_id),
        proposer.full_name if proposer else "",
    )


def _replacement(db: Session, meeting_id: int) -> Meeting | None:
    """The meeting that replaced this one: its accepted proposal (or the newer meeting of a reschedule
    made before proposals)."""
    return db.exec(
        select(Meeting)
        .where(
            Meeting.rescheduled_from_id == meeting_id,
            col(Meeting.status).not_in([MeetingStatus.PROPOSED.value, MeetingStatus.WITHDRAWN.value]),
            ~_is_declined_proposal(),
        )
        .order_by(col(Meeting.id).desc())
    ).first()


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
        # ... and of every time proposed for them (a proposal's story is told on its meeting too).
        proposals = db.exec(select(Meeting.id).where(col(Meeting.rescheduled_from_id).in_(chain))).all()
        shown = [
            e
            for e in db.exec(
                select(MeetingEvent)
                .where(col(MeetingEvent.meeting_id).in_({*chain, *proposals}))
                .order_by(col(MeetingEvent.created_at), col(MeetingEvent.id))
            ).all()
            if events.is_shown(e.kind, e.data)
        ]
        actor_ids = {e.actor_user_id for e in shown if e.actor_user_id}
        names = dict(db.exec(select(User.id, User.full_name).where(col(User.id).in_(actor_ids or {0}))).all())
        history = []
        for e in shown:
            key, params = events.describe(e.kind, e.data)
            if e.kind in events.PROPOSAL_KINDS:
                params = {**params, "name": names.get(e.actor_user_id or 0, "RealSourcing")}
            history.append(HistoryEntry(e.created_at, e.to_status, key, params))
        original = db.get(Meeting, meeting.rescheduled_from_id) if meeting.rescheduled_from_id else None
        proposer_id = _proposers(db, [meeting_id]).get(meeting_id)
        proposer = db.get(User, proposer_id) if proposer_id else None
        replaced_by = _replacement(db, meeting_id) if meeting.status == MeetingStatus.RESCHEDULED.value else None
        return MeetingDetail(
            _summaries(db, [row], actor)[0],
            [(stored_id(p), p.name_en, p.name_zh or p.name_en, dict(p.specifications)) for p in products],
            history,
            meeting.origin_webinar_id,
            original=_related(db, original),
            open_proposal=_related(db, _open_proposal(db, meeting_id)),
            replaced_by=_related(db, replaced_by),
            proposer_name=proposer.full_name if proposer else "",
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
