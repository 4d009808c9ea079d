"""A meeting's lifecycle as one table: which move each side may make from each status, and what it leads to.

Rules:
- A booking starts `requested`, or `confirmed` at once when the factory confirms automatically or the
  factory itself books (a reschedule it proposes).
- requested → confirmed (the factory) or declined (the factory, with a reason).
- requested or confirmed → cancelled (either side, with a reason).
- A reschedule is a proposal, not a move: either side of a requested or confirmed meeting proposes a
  new time, which makes a new meeting `proposed` (same type and agenda, holding its slot) while the
  original stays exactly as it was. Only the OTHER side answers it: accept (the proposal becomes
  confirmed and the original `rescheduled`, replaced by it) or decline (the proposal is `declined`, the
  original stands); the proposer may withdraw it (`withdrawn`). One proposal at a time per meeting;
  when the original is cancelled or declined, its open proposal goes with it (withdrawn by the system).
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
    PROPOSED = "proposed"  # a new time one side proposed for a meeting; the other side has not answered
    WITHDRAWN = "withdrawn"  # a proposed time its proposer took back (or that went with its meeting)


# A meeting stands (asked for or agreed) in these statuses: the lists, counts and the room know these.
STANDING_STATUSES: tuple[MeetingStatus, ...] = (MeetingStatus.REQUESTED, MeetingStatus.CONFIRMED)
# A meeting holds its slot in these statuses (the partial unique index on meetings says the same):
# a proposed time is held too, so nobody books it while the other side decides.
ACTIVE_STATUSES: tuple[MeetingStatus, ...] = (*STANDING_STATUSES, MeetingStatus.PROPOSED)


class Side(StrEnum):
    BUYER = "buyer"
    FACTORY = "factory"
    SYSTEM = "system"  # the video service's webhook


class Party(StrEnum):
    """Who of the two people may answer a proposal: decided by who proposed it, not by side."""

    ANYONE = "anyone"
    PROPOSER = "proposer"
    RECIPIENT = "recipient"  # the side that did not propose


class Action(StrEnum):
    JOIN = "join"  # enter the video room (not a move: the status stays)
    CONFIRM = "confirm"
    RESCHEDULE = "reschedule"  # propose a new time (the meeting keeps its status; a proposal is made)
    ACCEPT_TIME = "accept_time"
    DECLINE_TIME = "decline_time"
    WITHDRAW_TIME = "withdraw_time"
    DECLINE = "decline"
    CANCEL = "cancel"
    REPLACE = "replace"  # the original of an accepted proposal steps aside (follows from the accept)
    COMPLETE = "complete"
    MARK_NO_SHOW = "mark_no_show"


class MeetingEventKind(StrEnum):
    """What a history entry records; each kind has its own data (see meetings.events)."""

    BOOKED = "booked"
    CONFIRMED = "confirmed"
    DECLINED = "declined"
    CANCELLED = "cancelled"
    RESCHEDULED = "rescheduled"  # on the meeting that was replaced
    MOVED_FROM = "moved_from"  # on the meeting that replaces it (reschedules made before proposals)
    TIME_PROPOSED = "time_proposed"  # on the proposal: who proposed moving the meeting from when to when
    TIME_ACCEPTED = "time_accepted"
    TIME_DECLINED = "time_declined"
    TIME_WITHDRAWN = "time_withdrawn"
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
    party: Party = Party.ANYONE  # of a proposal: the proposer or the other side only
    proposes: bool = False  # makes a new meeting in `to_status`; this one keeps its own status


PEOPLE = frozenset({Side.BUYER, Side.FACTORY})
FACTORY = frozenset({Side.FACTORY})
SYSTEM = frozenset({Side.SYSTEM})

PROPOSE = Move(
    MeetingStatus.PROPOSED, PEOPLE, MeetingEventKind.TIME_PROPOSED, notice="meeting_time_proposed", proposes=True
)

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
    # A reschedule proposes: the proposal is recorded and told on the new meeting; this one stays.
    (MeetingStatus.REQUESTED, Action.RESCHEDULE): PROPOSE,
    (MeetingStatus.CONFIRMED, Action.RESCHEDULE): PROPOSE,
    (MeetingStatus.PROPOSED, Action.ACCEPT_TIME): Move(
        MeetingStatus.CONFIRMED,
        PEOPLE,
        MeetingEventKind.TIME_ACCEPTED,
        notice="meeting_time_accepted",
        party=Party.RECIPIENT,
    ),
    (MeetingStatus.PROPOSED, Action.DECLINE_TIME): Move(
        MeetingStatus.DECLINED,
        PEOPLE,
        MeetingEventKind.TIME_DECLINED,
        notice="meeting_time_declined",
        party=Party.RECIPIENT,
    ),
    # The system withdraws a proposal whose meeting was cancelled or declined (no notice of its own).
    (MeetingStatus.PROPOSED, Action.WITHDRAW_TIME): Move(
        MeetingStatus.WITHDRAWN,
        PEOPLE | SYSTEM,
        MeetingEventKind.TIME_WITHDRAWN,
        notice="meeting_time_withdrawn",
        party=Party.PROPOSER,
    ),
    # An accepted proposal replaces its original: a consequence of the accept, never a click of its own.
    (MeetingStatus.REQUESTED, Action.REPLACE): Move(MeetingStatus.RESCHEDULED, SYSTEM, MeetingEventKind.RESCHEDULED),
    (MeetingStatus.CONFIRMED, Action.REPLACE): Move(MeetingStatus.RESCHEDULED, SYSTEM, MeetingEventKind.RESCHEDULED),
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


def _party_allows(found: Move, side: Side, proposer: Side | None) -> bool:
    """Whether `side` is the party of a proposal that may make this move (the system always is)."""
    if found.party == Party.ANYONE or side == Side.SYSTEM:
        return True
    if proposer is None:
        return False
    return (side == proposer) == (found.party == Party.PROPOSER)


def move(status: str, action: Action, side: Side, proposer: Side | None = None) -> Move:
    """The move `side` makes by `action` from `status` (`proposer`: the side that proposed this meeting's
    time, for a proposal).

    PermissionDenied when that side may never take that action (a buyer confirming for the factory), or
    a proposal's answer comes from the wrong party (the proposer accepting their own proposal);
    BookingRefused("err.meeting_bad_transition") when it may, but not from this status.
    """
    if side not in SIDES_FOR.get(action, frozenset()):
        raise PermissionDenied()
    found = TRANSITIONS.get((MeetingStatus(status), action))
    if found is None or side not in found.sides:
        raise BookingRefused("err.meeting_bad_transition")
    if not _party_allows(found, side, proposer):
        raise PermissionDenied("err.not_your_answer")
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
        raise ValidationFailed({"reason": "err.meeting_reason_required"})
    return cleaned[:REASON_MAX_LENGTH]


def booked_status(auto_confirm: bool, side: Side) -> MeetingStatus:
    """A new booking is confirmed at once when the factory confirms automatically or the factory itself
    booked; otherwise the factory still has to answer."""
    return MeetingStatus.CONFIRMED if auto_confirm or side == Side.FACTORY else MeetingStatus.REQUESTED


def attendance_action(buyer_joined: bool, factory_joined: bool) -> Action:
    """When the room closes: completed if both sides were there, else a no-show."""
    return Action.COMPLETE if buyer_joined and factory_joined else Action.MARK_NO_SHOW


def join_refusal(status: str, starts_at: datetime, ends_at: datetime, now: datetime) -> str | None:
    """Why the room does not admit the meeting's sides now (a message key), or None when it does."""
    if status != MeetingStatus.CONFIRMED:
        return "err.meeting_not_confirmed"
    if now < starts_at - JOIN_EARLY:
        return "err.meeting_room_too_early"
    if _room_closed(ends_at, now):
        return "err.meeting_over"
    return None


def _room_closed(ends_at: datetime, now: datetime) -> bool:
    return now > ends_at + JOIN_LATE


def available_actions(
    status: str,
    side: Side,
    ends_at: datetime,
    now: datetime,
    *,
    proposer: Side | None = None,
    proposal_pending: bool = False,
) -> list[Action]:
    """What `side` may do with the meeting now, in the order a page offers them.

    Every move of the table open to that side from this status (of a proposal: open to its party, given
    who proposed it), and JOIN while a confirmed meeting is not over yet (before its window opens the
    room says when it will). No second proposal while one is pending, and none once the meeting is over.
    """
    actions = []
    for action in Action:
        if action == Action.JOIN:
            allowed = side in SIDES_FOR[action] and status == MeetingStatus.CONFIRMED and not _room_closed(ends_at, now)
        elif action == Action.REPLACE:
            allowed = False  # follows from an accepted proposal, never offered
        else:
            found = TRANSITIONS.get((MeetingStatus(status), action))
            allowed = found is not None and side in found.sides and _party_allows(found, side, proposer)
            if action == Action.RESCHEDULE:
                allowed = allowed and not proposal_pending and now < ends_at
            if action == Action.ACCEPT_TIME:
                allowed = allowed and now < ends_at
        if allowed:
            actions.append(action)
    return actions


def proposal_refusal(new_start: datetime, current_start: datetime, now: datetime, pending: bool) -> str | None:
    """Why this new time cannot be proposed (a message key), or None when it can."""
    if pending:
        return "err.proposal_pending"
    if new_start == current_start:
        return "err.proposal_same_time"
    if new_start <= now:
        return "err.start_in_future"
    return None


def acceptance_refusal(proposed_start: datetime, original_status: str, now: datetime) -> str | None:
    """Why a proposal cannot be accepted now: its time has passed, or its meeting no longer stands."""
    if original_status not in STANDING_STATUSES:
        return "err.meeting_bad_transition"
    if proposed_start <= now:
        return "err.proposal_passed"
    return None


def proposer_side(proposer_id: int | None, buyer_id: int) -> Side | None:
    """The side that proposed a meeting's time: the buyer, or (anyone else) the factory; None: not a proposal."""
    if proposer_id is None:
        return None
    return Side.BUYER if proposer_id == buyer_id else Side.FACTORY


def needs_reason(actions: list[Action], status: str) -> bool:
    """Whether a page should ask for a reason: one of the offered moves needs it."""
    return any(
        (found := TRANSITIONS.get((MeetingStatus(status), a))) is not None and found.needs_reason for a in actions
    )


def is_upcoming(status: str, ends_at: datetime, now: datetime) -> bool:
    """Listed under "upcoming": asked for or agreed, and not ended."""
    return status in STANDING_STATUSES and ends_at >= now
