"""A meeting's lifecycle as one table: which move each side may make from each status, and what it leads to.

Rules:
- A booking starts `requested`, or `confirmed` at once when the factory confirms automatically or the
  factory itself books (a reschedule it proposes).
- requested → confirmed (the factory) or declined (the factory, with a reason).
- requested or confirmed → cancelled (either side, with a reason) or rescheduled (either side; a new
  meeting replaces it).
- confirmed → completed when the buyer and someone of the factory both joined the room, else no_show;
  only the video service's webhook (the system) decides that, when the room closes.
- A confirmed meeting's room admits its two sides from 15 minutes before the start to 30 minutes after
  the end.
Pure: no database, no clock (callers pass `now`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from realsourcing.core.errors import DomainError, PermissionDenied, ValidationFailed

JOIN_EARLY = timedelta(minutes=15)
JOIN_LATE = timedelta(minutes=30)
REASON_MIN_LENGTH = 5
REASON_MAX_LENGTH = 1000


class MeetingStatus(StrEnum):
    REQUESTED = "requested"
    CONFIRMED = "confirmed"
    COMPLETED = "completed"
    NO_SHOW = "no_show"
    DECLINED = "declined"
    CANCELLED = "cancelled"
    RESCHEDULED = "rescheduled"  # replaced by a newer meeting (rescheduled_from_id points back)


# A meeting holds its slot in these statuses (the partial unique index on meetings says the same).
ACTIVE_STATUSES: tuple[MeetingStatus, ...] = (MeetingStatus.REQUESTED, MeetingStatus.CONFIRMED)


class Side(StrEnum):
    BUYER = "buyer"
    FACTORY = "factory"
    SYSTEM = "system"  # the video service's webhook


class Action(StrEnum):
    JOIN = "join"  # enter the video room (not a move: the status stays)
    CONFIRM = "confirm"
    RESCHEDULE = "reschedule"
    DECLINE = "decline"
    CANCEL = "cancel"
    COMPLETE = "complete"
    MARK_NO_SHOW = "mark_no_show"


class MeetingEventKind(StrEnum):
    """What a history entry records; each kind has its own data (see meetings.events)."""

    BOOKED = "booked"
    CONFIRMED = "confirmed"
    DECLINED = "declined"
    CANCELLED = "cancelled"
    RESCHEDULED = "rescheduled"  # on the meeting that was replaced
    MOVED_FROM = "moved_from"  # on the meeting that replaces it
    COMPLETED = "completed"
    NO_SHOW = "no_show"
    PARTICIPANT_JOINED = "participant_joined"


class BookingRefused(DomainError):
    """A booking or a move the rules do not allow now (the key says why)."""


@dataclass(frozen=True)
class Move:
    to_status: MeetingStatus
    sides: frozenset[Side]
    event: MeetingEventKind
    needs_reason: bool = False  # declines and cancellations say why, to the other side
    answers_request: bool = False  # the factory's first answer (feeds the response-time signal)
    notice: str = ""  # the notification both sides receive ("" = none)


PEOPLE = frozenset({Side.BUYER, Side.FACTORY})
FACTORY = frozenset({Side.FACTORY})
SYSTEM = frozenset({Side.SYSTEM})

TRANSITIONS: dict[tuple[MeetingStatus, Action], Move] = {
    (MeetingStatus.REQUESTED, Action.CONFIRM): Move(
        MeetingStatus.CONFIRMED, FACTORY, MeetingEventKind.CONFIRMED, answers_request=True, notice="meeting_confirmed"
    ),
    (MeetingStatus.REQUESTED, Action.DECLINE): Move(
        MeetingStatus.DECLINED,
        FACTORY,
        MeetingEventKind.DECLINED,
        needs_reason=True,
        answers_request=True,
        notice="meeting_declined",
    ),
    (MeetingStatus.REQUESTED, Action.CANCEL): Move(
        MeetingStatus.CANCELLED, PEOPLE, MeetingEventKind.CANCELLED, needs_reason=True, notice="meeting_cancelled"
    ),
    (MeetingStatus.CONFIRMED, Action.CANCEL): Move(
        MeetingStatus.CANCELLED, PEOPLE, MeetingEventKind.CANCELLED, needs_reason=True, notice="meeting_cancelled"
    ),
    # The replacing meeting tells both sides ("meeting_rescheduled"), not the one it replaces.
    (MeetingStatus.REQUESTED, Action.RESCHEDULE): Move(MeetingStatus.RESCHEDULED, PEOPLE, MeetingEventKind.RESCHEDULED),
    (MeetingStatus.CONFIRMED, Action.RESCHEDULE): Move(MeetingStatus.RESCHEDULED, PEOPLE, MeetingEventKind.RESCHEDULED),
    (MeetingStatus.CONFIRMED, Action.COMPLETE): Move(MeetingStatus.COMPLETED, SYSTEM, MeetingEventKind.COMPLETED),
    (MeetingStatus.CONFIRMED, Action.MARK_NO_SHOW): Move(MeetingStatus.NO_SHOW, SYSTEM, MeetingEventKind.NO_SHOW),
}


def _who_may_ever() -> dict[Action, frozenset[Side]]:
    sides: dict[Action, frozenset[Side]] = {Action.JOIN: PEOPLE}
    for (_status, action), found in TRANSITIONS.items():
        sides[action] = sides.get(action, frozenset()) | found.sides
    return sides


# Who may ever take an action, whatever the status: anyone else is refused outright, not told "not now".
SIDES_FOR = _who_may_ever()


def move(status: str, action: Action, side: Side) -> Move:
    """The move `side` makes by `action` from `status`.

    PermissionDenied when that side may never take that action (a buyer confirming for the factory);
    BookingRefused("err.meeting_bad_transition") when it may, but not from this status.
    """
    if side not in SIDES_FOR.get(action, frozenset()):
        raise PermissionDenied()
    found = TRANSITIONS.get((MeetingStatus(status), action))
    if found is None or side not in found.sides:
        raise BookingRefused("err.meeting_bad_transition")
    return found


def parse_action(name: str) -> Action:
    """An action named by a client (any string may arrive): BookingRefused for one that does not exist."""
    try:
        return Action(name)
    except ValueError:
        raise BookingRefused("err.meeting_bad_transition") from None


def clean_reason(reason: str) -> str:
    """The reason a decline or cancellation gives, whitespace-normalised; ValidationFailed when too short."""
    cleaned = " ".join((reason or "").split())
    if len(cleaned) < REASON_MIN_LENGTH:
        raise ValidationFailed({"reason": "err.reason_required"})
    return cleaned[:REASON_MAX_LENGTH]


def booked_status(auto_confirm: bool, side: Side) -> MeetingStatus:
    """A new booking (or a reschedule's new meeting) is confirmed at once when the factory confirms
    automatically or the factory itself proposed the time; otherwise the factory still has to answer."""
    return MeetingStatus.CONFIRMED if auto_confirm or side == Side.FACTORY else MeetingStatus.REQUESTED


def attendance_action(buyer_joined: bool, factory_joined: bool) -> Action:
    """When the room closes: completed if both sides were there, else a no-show."""
    return Action.COMPLETE if buyer_joined and factory_joined else Action.MARK_NO_SHOW


def join_refusal(status: str, starts_at: datetime, ends_at: datetime, now: datetime) -> str | None:
    """Why the room does not admit the meeting's sides now (a message key), or None when it does."""
    if status != MeetingStatus.CONFIRMED:
        return "err.meeting_not_confirmed"
    if now < starts_at - JOIN_EARLY:
        return "err.too_early"
    if _room_closed(ends_at, now):
        return "err.meeting_over"
    return None


def _room_closed(ends_at: datetime, now: datetime) -> bool:
    return now > ends_at + JOIN_LATE


def available_actions(status: str, side: Side, ends_at: datetime, now: datetime) -> list[Action]:
    """What `side` may do with the meeting now, in the order a page offers them.

    Every move of the table open to that side from this status, and JOIN while a confirmed meeting is
    not over yet (before its window opens the room says when it will).
    """
    actions = []
    for action in Action:
        if action == Action.JOIN:
            allowed = side in SIDES_FOR[action] and status == MeetingStatus.CONFIRMED and not _room_closed(ends_at, now)
        else:
            found = TRANSITIONS.get((MeetingStatus(status), action))
            allowed = found is not None and side in found.sides
        if allowed:
            actions.append(action)
    return actions


def needs_reason(actions: list[Action], status: str) -> bool:
    """Whether a page should ask for a reason: one of the offered moves needs it."""
    return any(
        (found := TRANSITIONS.get((MeetingStatus(status), a))) is not None and found.needs_reason for a in actions
    )


def is_upcoming(status: str, ends_at: datetime, now: datetime) -> bool:
    """Listed under "upcoming": still holds its slot and has not ended."""
    return status in ACTIVE_STATUSES and ends_at >= now
