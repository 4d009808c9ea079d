"""1:1 meetings: free slots from the database, reservation without double booking, and the lifecycle.

Rules:
- A buyer books a slot the slot engine offers; confirming re-checks it inside one transaction that
  first takes the factory's lock row (an UPDATE: a row lock on PostgreSQL, the write lock on SQLite),
  and the database refuses two active meetings at the same start (partial unique index).
- A buyer may hold at most `max_pending_per_buyer` unanswered requests with one factory.
- requested → confirmed (automatically or by the factory) → completed / no_show; requested or
  confirmed → declined (factory) / cancelled (either side, with a reason) / rescheduled (a new
  meeting replaces it, keeping the calendar UID with a higher SEQUENCE).
- Only the buyer and the factory's members see or change a meeting; every change is recorded as a
  MeetingEvent and sends both sides a notification with an .ics invitation or cancellation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from realsourcing.accounts.models import User
from realsourcing.accounts.service import CurrentUser
from realsourcing.config import get_settings
from realsourcing.core.errors import DomainError, NotFound, PermissionDenied, ValidationFailed
from realsourcing.db import session_scope, utcnow
from realsourcing.meetings.models import (
    ACTIVE_MEETING_STATUSES,
    AvailabilityRule,
    AvailabilitySettings,
    DateOverride,
    Meeting,
    MeetingEvent,
    MeetingProduct,
    MeetingStatus,
    MeetingType,
)
from realsourcing.meetings.slots import Busy, Rules, free_slots
from realsourcing.notifications import reminders
from realsourcing.notifications.calendar_ics import meeting_ics
from realsourcing.notifications.service import notify
from realsourcing.profile.catalog_models import Product, ProductStatus
from realsourcing.profile.models import Factory, FactoryMember
from realsourcing.webinars.models import Webinar, WebinarStatus

JOIN_EARLY = timedelta(minutes=15)
JOIN_LATE = timedelta(minutes=30)


class SlotTaken(DomainError):
    def __init__(self) -> None:
        super().__init__("err.slot_taken")


class BookingRefused(DomainError):
    pass


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
    weekly: dict[int, tuple] = {}
    for rule in db.exec(select(AvailabilityRule).where(AvailabilityRule.factory_id == factory_id)).all():
        weekly[rule.weekday] = weekly.get(rule.weekday, ()) + ((rule.start_minute, rule.end_minute),)
    closed, extra = set(), {}
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
            col(Meeting.status).in_(ACTIVE_MEETING_STATUSES),
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
    with session_scope() as db:
        factory = db.exec(select(Factory).where(Factory.slug == slug)).first()
        if factory is None:
            raise NotFound()
        types = db.exec(
            select(MeetingType)
            .where(MeetingType.factory_id == factory.id, col(MeetingType.is_active).is_(True))
            .order_by(col(MeetingType.duration_min).desc())
        ).all()
        products = db.exec(
            select(Product.id, Product.name_en, Product.name_zh).where(
                Product.factory_id == factory.id,
                Product.status == ProductStatus.PUBLISHED.value,
                col(Product.deleted_at).is_(None),
            )
        ).all()
        return BookingContext(
            factory.id,
            factory.slug,
            factory.display_name_en,
            factory.display_name_zh or factory.display_name_en,
            factory.is_verified,
            settings_for(db, factory.id).timezone,
            [MeetingTypeInfo(t.id, t.name_en, t.name_zh or t.name_en, t.duration_min, t.description) for t in types],
            [(p, en, zh or en) for p, en, zh in products],
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


def _is_member(db: Session, factory_id: int, user_id: int) -> bool:
    return (
        db.exec(
            select(FactoryMember.id).where(FactoryMember.factory_id == factory_id, FactoryMember.user_id == user_id)
        ).first()
        is not None
    )


def reserve(actor: CurrentUser | None, request: BookingRequest, now: datetime | None = None) -> int:
    """Book a slot for the actor (a buyer). Returns the meeting id; SlotTaken if someone was faster."""
    if actor is None:
        raise PermissionDenied("err.login_required")
    now = now or utcnow()
    agenda = (request.agenda or "").strip()[:2000]
    try:
        with session_scope() as db:
            if _is_member(db, request.factory_id, actor.id):
                raise BookingRefused("err.own_factory")
            meeting_type = db.get(MeetingType, request.meeting_type_id)
            if meeting_type is None or meeting_type.factory_id != request.factory_id or not meeting_type.is_active:
                raise NotFound()
            # Serialize reservations per factory: every booking first writes this one row.
            db.exec(
                update(AvailabilitySettings)
                .where(AvailabilitySettings.factory_id == request.factory_id)
                .values(max_pending_per_buyer=AvailabilitySettings.max_pending_per_buyer)
            )
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
            products = [
                p
                for p in db.exec(
                    select(Product.id).where(
                        col(Product.id).in_(request.product_ids or [0]), Product.factory_id == request.factory_id
                    )
                ).all()
            ]
            meeting = Meeting(
                factory_id=request.factory_id,
                buyer_id=actor.id,
                meeting_type_id=meeting_type.id,
                starts_at=request.starts_at,
                ends_at=request.starts_at + timedelta(minutes=meeting_type.duration_min),
                status=MeetingStatus.CONFIRMED.value if settings.auto_confirm else MeetingStatus.REQUESTED.value,
                agenda=agenda,
                origin_webinar_id=request.origin_webinar_id,
                origin_product_id=request.origin_product_id,
            )
            if settings.auto_confirm:
                meeting.responded_at = now
            db.add(meeting)
            db.flush()
            meeting.ics_uid = f"meeting-{meeting.id}@realsourcing"
            meeting.room_name = f"meeting-{meeting.id}"
            for product_id in products[:10]:
                db.add(MeetingProduct(meeting_id=meeting.id, product_id=product_id))
            db.add(MeetingEvent(meeting_id=meeting.id, to_status=meeting.status, actor_user_id=actor.id))
            _tell_both(db, meeting, "meeting_confirmed" if settings.auto_confirm else "meeting_requested", actor)
            return meeting.id
    except IntegrityError:
        raise SlotTaken() from None


# ---------------------------------------------------------------- lifecycle


def _load(db: Session, actor: CurrentUser | None, meeting_id: int) -> tuple[Meeting, bool]:
    """The meeting and whether the actor is on the factory's side; PermissionDenied for strangers."""
    if actor is None:
        raise PermissionDenied("err.login_required")
    meeting = db.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound()
    is_factory = _is_member(db, meeting.factory_id, actor.id)
    if not is_factory and meeting.buyer_id != actor.id:
        raise PermissionDenied("err.not_your_meeting")
    return meeting, is_factory


def _transition(db: Session, meeting: Meeting, to_status: str, actor: CurrentUser | None, note: str = "") -> None:
    db.add(
        MeetingEvent(
            meeting_id=meeting.id,
            from_status=meeting.status,
            to_status=to_status,
            actor_user_id=actor.id if actor else None,
            note=note[:1000],
        )
    )
    meeting.status = to_status
    meeting.updated_at = utcnow()
    db.add(meeting)


def confirm(actor: CurrentUser | None, meeting_id: int) -> None:
    with session_scope() as db:
        meeting, is_factory = _load(db, actor, meeting_id)
        if not is_factory:
            raise PermissionDenied()
        if meeting.status != MeetingStatus.REQUESTED.value:
            raise BookingRefused("err.meeting_bad_transition")
        meeting.responded_at = meeting.responded_at or utcnow()
        _transition(db, meeting, MeetingStatus.CONFIRMED.value, actor)
        _tell_both(db, meeting, "meeting_confirmed", actor)


def decline(actor: CurrentUser | None, meeting_id: int, reason: str) -> None:
    reason = " ".join((reason or "").split())
    if len(reason) < 5:
        raise ValidationFailed({"reason": "err.reason_required"})
    with session_scope() as db:
        meeting, is_factory = _load(db, actor, meeting_id)
        if not is_factory:
            raise PermissionDenied()
        if meeting.status != MeetingStatus.REQUESTED.value:
            raise BookingRefused("err.meeting_bad_transition")
        meeting.responded_at = meeting.responded_at or utcnow()
        meeting.cancel_reason, meeting.cancelled_by_id = reason, actor.id
        _transition(db, meeting, MeetingStatus.DECLINED.value, actor, reason)
        _tell_both(db, meeting, "meeting_declined", actor, cancelled=True)


def cancel(actor: CurrentUser | None, meeting_id: int, reason: str) -> None:
    reason = " ".join((reason or "").split())
    if len(reason) < 5:
        raise ValidationFailed({"reason": "err.reason_required"})
    with session_scope() as db:
        meeting, _is_factory = _load(db, actor, meeting_id)
        if meeting.status not in ACTIVE_MEETING_STATUSES:
            raise BookingRefused("err.meeting_bad_transition")
        meeting.cancel_reason, meeting.cancelled_by_id = reason, actor.id
        _transition(db, meeting, MeetingStatus.CANCELLED.value, actor, reason)
        _tell_both(db, meeting, "meeting_cancelled", actor, cancelled=True)


def reschedule(actor: CurrentUser | None, meeting_id: int, new_start: datetime, now: datetime | None = None) -> int:
    """Move a meeting: a new meeting replaces it (same calendar UID, SEQUENCE + 1). Returns the new id."""
    now = now or utcnow()
    try:
        with session_scope() as db:
            old, is_factory = _load(db, actor, meeting_id)
            if old.status not in ACTIVE_MEETING_STATUSES:
                raise BookingRefused("err.meeting_bad_transition")
            db.exec(
                update(AvailabilitySettings)
                .where(AvailabilitySettings.factory_id == old.factory_id)
                .values(max_pending_per_buyer=AvailabilitySettings.max_pending_per_buyer)
            )
            settings = settings_for(db, old.factory_id)
            duration = old.ends_at - old.starts_at
            _transition(db, old, MeetingStatus.RESCHEDULED.value, actor)  # frees its slot for the check below
            db.flush()
            local_day = new_start.astimezone(ZoneInfo(settings.timezone)).date()
            if new_start not in _slots(
                db, old.factory_id, int(duration.total_seconds() // 60), local_day, local_day, now
            ):
                raise SlotTaken()
            confirmed = is_factory or settings.auto_confirm
            new = Meeting(
                factory_id=old.factory_id,
                buyer_id=old.buyer_id,
                meeting_type_id=old.meeting_type_id,
                starts_at=new_start,
                ends_at=new_start + duration,
                agenda=old.agenda,
                origin_webinar_id=old.origin_webinar_id,
                origin_product_id=old.origin_product_id,
                rescheduled_from_id=old.id,
                ics_uid=old.ics_uid,
                ics_sequence=old.ics_sequence + 1,
                responded_at=old.responded_at or (now if is_factory else None),
                status=MeetingStatus.CONFIRMED.value if confirmed else MeetingStatus.REQUESTED.value,
            )
            db.add(new)
            db.flush()
            new.room_name = f"meeting-{new.id}"
            for product_id in db.exec(
                select(MeetingProduct.product_id).where(MeetingProduct.meeting_id == old.id)
            ).all():
                db.add(MeetingProduct(meeting_id=new.id, product_id=product_id))
            db.add(
                MeetingEvent(
                    meeting_id=new.id,
                    from_status=MeetingStatus.RESCHEDULED.value,
                    to_status=new.status,
                    actor_user_id=actor.id,
                    note=f"moved from {old.starts_at.isoformat()}",
                )
            )
            _tell_both(db, new, "meeting_rescheduled", actor)
            return new.id
    except IntegrityError:
        raise SlotTaken() from None


def record_attendance(meeting_id: int, joined_user_ids: set[int]) -> None:
    """When the room closes: completed if the buyer and a factory member both joined, else no-show."""
    with session_scope() as db:
        meeting = db.get(Meeting, meeting_id)
        if meeting is None or meeting.status != MeetingStatus.CONFIRMED.value:
            return
        members = set(
            db.exec(select(FactoryMember.user_id).where(FactoryMember.factory_id == meeting.factory_id)).all()
        )
        both = meeting.buyer_id in joined_user_ids and bool(members & joined_user_ids)
        _transition(
            db,
            meeting,
            MeetingStatus.COMPLETED.value if both else MeetingStatus.NO_SHOW.value,
            None,
            "both sides joined" if both else "not everyone joined",
        )


# ---------------------------------------------------------------- notifications


def _tell_both(db: Session, meeting: Meeting, kind: str, actor: CurrentUser | None, cancelled: bool = False) -> None:
    if meeting.status == MeetingStatus.CONFIRMED.value:
        members_ids = list(
            db.exec(select(FactoryMember.user_id).where(FactoryMember.factory_id == meeting.factory_id)).all()
        )
        reminders.for_meeting(db, meeting, [meeting.buyer_id, *members_ids])
    factory = db.get(Factory, meeting.factory_id)
    buyer = db.get(User, meeting.buyer_id)
    meeting_type = db.get(MeetingType, meeting.meeting_type_id) if meeting.meeting_type_id else None
    members = db.exec(
        select(User)
        .join(FactoryMember, col(FactoryMember.user_id) == User.id)
        .where(FactoryMember.factory_id == factory.id)
    ).all()
    type_name = meeting_type.name_en if meeting_type else "Meeting"
    title = f"{type_name} · {buyer.company_name or buyer.full_name} × {factory.display_name_en}"
    link = f"/meetings/{meeting.id}"
    url = f"{get_settings().app_url}/meetings/{meeting.id}/room"
    ics = meeting_ics(
        uid=meeting.ics_uid or f"meeting-{meeting.id}@realsourcing",
        sequence=meeting.ics_sequence,
        cancelled=cancelled,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        summary=title,
        description=meeting.agenda,
        url=url,
        organizer_email=get_settings().mail_from.split("<")[-1].rstrip(">"),
        attendees=[(buyer.full_name, buyer.email)] + [(m.full_name, m.email) for m in members],
    )
    by = actor.full_name if actor else "RealSourcing"
    payload = {
        "meeting_id": meeting.id,
        "title": title,
        "buyer": f"{buyer.full_name} ({buyer.company_name})" if buyer.company_name else buyer.full_name,
        "factory": factory.display_name_en,
        "meeting_type": meeting_type.name_en if meeting_type else "meeting",
        "when_utc": meeting.starts_at.strftime("%Y-%m-%d %H:%M"),
        "reason": meeting.cancel_reason,
        "by": by,
    }
    for user in [buyer, *members]:
        notify(db, user, kind, payload, link=link, ics=ics)


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
    is_factory_side: bool


def _summaries(db: Session, rows, actor: CurrentUser) -> list[MeetingSummary]:
    result = []
    for meeting, factory, buyer, meeting_type in rows:
        result.append(
            MeetingSummary(
                meeting.id,
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
                _is_member(db, factory.id, actor.id),
            )
        )
    return result


def _query():
    return (
        select(Meeting, Factory, User, MeetingType)
        .join(Factory, col(Factory.id) == Meeting.factory_id)
        .join(User, col(User.id) == Meeting.buyer_id)
        .outerjoin(MeetingType, col(MeetingType.id) == Meeting.meeting_type_id)
    )


def my_meetings(actor: CurrentUser | None) -> list[MeetingSummary]:
    """The actor's meetings: as the buyer, and as a member of their factory; soonest first."""
    if actor is None:
        raise PermissionDenied("err.login_required")
    with session_scope() as db:
        condition = Meeting.buyer_id == actor.id
        if actor.factory_id is not None and _is_member(db, actor.factory_id, actor.id):
            condition = condition | (Meeting.factory_id == actor.factory_id)
        rows = db.exec(
            _query()
            .where(condition, Meeting.status != MeetingStatus.RESCHEDULED.value)
            .order_by(col(Meeting.starts_at))
            .limit(300)
        ).all()
        return _summaries(db, rows, actor)


@dataclass(frozen=True)
class MeetingDetail:
    summary: MeetingSummary
    products: list[tuple[int, str, str, dict]]  # id, name EN, name ZH, specifications
    history: list[tuple[datetime, str, str, str]]  # when, from, to, note
    origin_webinar_id: int | None


def meeting_detail(actor: CurrentUser | None, meeting_id: int) -> MeetingDetail:
    with session_scope() as db:
        meeting, _is_factory = _load(db, actor, meeting_id)
        row = db.exec(_query().where(Meeting.id == meeting.id)).one()
        products = db.exec(
            select(Product)
            .join(MeetingProduct, col(MeetingProduct.product_id) == Product.id)
            .where(MeetingProduct.meeting_id == meeting.id)
        ).all()
        chain, cursor = [], meeting
        while cursor is not None:  # the history of every version of this meeting
            chain.append(cursor.id)
            cursor = db.get(Meeting, cursor.rescheduled_from_id) if cursor.rescheduled_from_id else None
        events = db.exec(
            select(MeetingEvent)
            .where(col(MeetingEvent.meeting_id).in_(chain))
            .order_by(col(MeetingEvent.created_at), col(MeetingEvent.id))
        ).all()
        return MeetingDetail(
            _summaries(db, [row], actor)[0],
            [(p.id, p.name_en, p.name_zh or p.name_en, dict(p.specifications)) for p in products],
            [(e.created_at, e.from_status, e.to_status, e.note) for e in events],
            meeting.origin_webinar_id,
        )


def room_ticket(actor: CurrentUser | None, meeting_id: int, gateway, now: datetime | None = None):
    """A video token for the buyer or the factory's members, from 15 min before to 30 min after."""
    from realsourcing.core.video import Grant

    now = now or utcnow()
    with session_scope() as db:
        meeting, is_factory = _load(db, actor, meeting_id)
        if meeting.status != MeetingStatus.CONFIRMED.value:
            raise BookingRefused("err.meeting_not_confirmed")
        if now < meeting.starts_at - JOIN_EARLY:
            raise BookingRefused("err.too_early")
        if now > meeting.ends_at + JOIN_LATE:
            raise BookingRefused("err.meeting_over")
        room = meeting.room_name or f"meeting-{meeting.id}"
    name = f"{actor.full_name} · {actor.company_name}" if actor.company_name else actor.full_name
    token = gateway.token(
        room=room,
        identity=str(actor.id),
        name=name[:120],
        grant=Grant(can_publish=True, room_admin=is_factory),
        metadata={"role": "factory" if is_factory else "buyer"},
    )
    return gateway.url, token


def handle_webhook(event) -> bool:
    """LiveKit events of a meeting room: joins are recorded; when the room closes, completed/no-show.
    Returns False for a duplicate delivery."""
    from realsourcing.orders.models import ProviderEvent

    room = event.room.name if event.HasField("room") else ""
    meeting_id = int(room.removeprefix("meeting-")) if room.removeprefix("meeting-").isdigit() else 0
    with session_scope() as db:
        if db.exec(
            select(ProviderEvent.id).where(ProviderEvent.provider == "livekit", ProviderEvent.event_id == event.id)
        ).first():
            return False
        db.add(ProviderEvent(provider="livekit", event_id=event.id, event_type=event.event, payload={"room": room}))
        meeting = db.get(Meeting, meeting_id)
        if meeting is not None and event.event == "participant_joined" and event.participant.identity.isdigit():
            db.add(
                MeetingEvent(
                    meeting_id=meeting.id,
                    from_status=meeting.status,
                    to_status=meeting.status,
                    note=f"joined:{event.participant.identity}",
                )
            )
        joined = (
            {
                int(note.removeprefix("joined:"))
                for note in db.exec(
                    select(MeetingEvent.note).where(
                        MeetingEvent.meeting_id == meeting_id, col(MeetingEvent.note).like("joined:%")
                    )
                ).all()
            }
            if meeting is not None
            else set()
        )
    if meeting is not None and event.event == "room_finished":
        record_attendance(meeting_id, joined)
    return True
