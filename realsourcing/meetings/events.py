"""What a meeting's history records: a typed kind and its data, never prose that is parsed back.

Each builder returns the (kind, data) pair a MeetingEvent stores; `describe` turns a stored pair into
a message key and parameters for the people reading the history (both languages, at display time).
Times in data are ISO 8601 UTC strings (data is JSON); parameters ending in "when" are instants the
page writes in the reader's zone; "name" is who acted (the page fills it from the event's actor).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from realsourcing.core import i18n, timefmt
from realsourcing.meetings.lifecycle import MeetingEventKind, Move, Side

Data = dict[str, str | int]


@dataclass(frozen=True)
class Happening:
    kind: MeetingEventKind
    data: Data = field(default_factory=dict)


def booked() -> Happening:
    return Happening(MeetingEventKind.BOOKED)


def of_move(move: Move, reason: str = "") -> Happening:
    """A move of the lifecycle table; declines and cancellations keep their reason."""
    return Happening(move.event, {"reason": reason} if move.needs_reason else {})


def rescheduled(to_meeting_id: int, to_starts_at: datetime, *, by_proposal: bool = False) -> Happening:
    """On the replaced meeting: where it went (by an accepted proposal, whose own line says so)."""
    data: Data = {"to_meeting_id": to_meeting_id, "to_starts_at": to_starts_at.isoformat()}
    if by_proposal:
        data["by_proposal"] = 1
    return Happening(MeetingEventKind.RESCHEDULED, data)


def _between(kind: MeetingEventKind, original_id: int, from_starts_at: datetime, to_starts_at: datetime) -> Happening:
    return Happening(
        kind,
        {
            "original_id": original_id,
            "from_starts_at": from_starts_at.isoformat(),
            "to_starts_at": to_starts_at.isoformat(),
        },
    )


def time_proposed(original_id: int, from_starts_at: datetime, to_starts_at: datetime) -> Happening:
    """On the proposal: someone proposed moving meeting `original_id` from one start to another."""
    return _between(MeetingEventKind.TIME_PROPOSED, original_id, from_starts_at, to_starts_at)


def time_answered(
    kind: MeetingEventKind, original_id: int, from_starts_at: datetime, to_starts_at: datetime, *, dropped: bool = False
) -> Happening:
    """On the proposal: accepted, declined or withdrawn (`dropped`: withdrawn with its cancelled meeting)."""
    happening = _between(kind, original_id, from_starts_at, to_starts_at)
    if dropped:
        happening.data["dropped"] = 1
    return happening


def moved_from(from_meeting_id: int, from_starts_at: datetime) -> Happening:
    """On the replacing meeting: where it came from."""
    return Happening(
        MeetingEventKind.MOVED_FROM,
        {"from_meeting_id": from_meeting_id, "from_starts_at": from_starts_at.isoformat()},
    )


def participant_joined(identity: str, side: Side, at: datetime) -> Happening:
    return Happening(
        MeetingEventKind.PARTICIPANT_JOINED, {"identity": identity, "side": side.value, "at": at.isoformat()}
    )


# Attendance details stay out of the history people read; its outcome (completed / no-show) is there.
HIDDEN_FROM_HISTORY = frozenset({MeetingEventKind.PARTICIPANT_JOINED})


def is_shown(kind: MeetingEventKind, data: Data) -> bool:
    """Whether people read this entry: not attendance detail, and not the replaced side of an accepted
    proposal (the acceptance's own line already says where the meeting went)."""
    if kind in HIDDEN_FROM_HISTORY:
        return False
    return not (kind == MeetingEventKind.RESCHEDULED and data.get("by_proposal"))


TEXT_OF_KIND: dict[MeetingEventKind, str] = {
    MeetingEventKind.BOOKED: "meet.event_booked",
    MeetingEventKind.CONFIRMED: "meet.event_confirmed",
    MeetingEventKind.DECLINED: "meet.event_declined",
    MeetingEventKind.CANCELLED: "meet.event_cancelled",
    MeetingEventKind.RESCHEDULED: "meet.event_rescheduled",
    MeetingEventKind.MOVED_FROM: "meet.event_moved_from",
    MeetingEventKind.TIME_PROPOSED: "meet.event_time_proposed",
    MeetingEventKind.TIME_ACCEPTED: "meet.event_time_accepted",
    MeetingEventKind.TIME_DECLINED: "meet.event_time_declined",
    MeetingEventKind.TIME_WITHDRAWN: "meet.event_time_withdrawn",
    MeetingEventKind.COMPLETED: "meet.event_completed",
    MeetingEventKind.NO_SHOW: "meet.event_no_show",
}


def _when(iso: object) -> str:
    """An instant as ISO 8601 (UTC); the page writes it in the reader's zone and language."""
    return datetime.fromisoformat(str(iso)).isoformat() if iso else ""


PROPOSAL_KINDS = frozenset(
    {
        MeetingEventKind.TIME_PROPOSED,
        MeetingEventKind.TIME_ACCEPTED,
        MeetingEventKind.TIME_DECLINED,
        MeetingEventKind.TIME_WITHDRAWN,
    }
)


def describe(kind: MeetingEventKind, data: Data) -> tuple[str, dict[str, str]]:
    """The message key and parameters a history line shows (kinds outside HIDDEN_FROM_HISTORY); a
    proposal's lines also take "name", who acted, which the reader fills in."""
    if kind in PROPOSAL_KINDS:
        key = "meet.event_time_dropped" if data.get("dropped") else TEXT_OF_KIND[kind]
        return key, {"from_when": _when(data.get("from_starts_at")), "to_when": _when(data.get("to_starts_at"))}
    params: dict[str, str] = {}
    if kind in (MeetingEventKind.DECLINED, MeetingEventKind.CANCELLED):
        params = {"reason": str(data.get("reason", ""))}
    elif kind == MeetingEventKind.RESCHEDULED:
        params = {"when": _when(data.get("to_starts_at"))}
    elif kind == MeetingEventKind.MOVED_FROM:
        params = {"when": _when(data.get("from_starts_at"))}
    return TEXT_OF_KIND[kind], params


def in_words(key: str, params: dict[str, str], zone: str, lang: str) -> str:
    """A history line for one reader: its instants (parameters ending in "when", ISO) in the reader's
    zone and language."""
    written = {
        name: timefmt.moment(datetime.fromisoformat(value), zone, lang) if name.endswith("when") and value else value
        for name, value in params.items()
    }
    return i18n.translate(key, lang, **written)
