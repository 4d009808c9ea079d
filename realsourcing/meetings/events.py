"""What a meeting's history records: a typed kind and its data, never prose that is parsed back.

Each builder returns the (kind, data) pair a MeetingEvent stores; `describe` turns a stored pair into
a message key and parameters for the people reading the history (both languages, at display time).
Times in data are ISO 8601 UTC strings (data is JSON).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

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


def rescheduled(to_meeting_id: int, to_starts_at: datetime) -> Happening:
    """On the replaced meeting: where it went."""
    return Happening(
        MeetingEventKind.RESCHEDULED, {"to_meeting_id": to_meeting_id, "to_starts_at": to_starts_at.isoformat()}
    )


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

TEXT_OF_KIND: dict[MeetingEventKind, str] = {
    MeetingEventKind.BOOKED: "meet.event_booked",
    MeetingEventKind.CONFIRMED: "meet.event_confirmed",
    MeetingEventKind.DECLINED: "meet.event_declined",
    MeetingEventKind.CANCELLED: "meet.event_cancelled",
    MeetingEventKind.RESCHEDULED: "meet.event_rescheduled",
    MeetingEventKind.MOVED_FROM: "meet.event_moved_from",
    MeetingEventKind.COMPLETED: "meet.event_completed",
    MeetingEventKind.NO_SHOW: "meet.event_no_show",
}


def _when(iso: object) -> str:
    """An instant as ISO 8601 (UTC); the page writes it in the reader's zone and language."""
    return datetime.fromisoformat(str(iso)).isoformat() if iso else ""


def describe(kind: MeetingEventKind, data: Data) -> tuple[str, dict[str, str]]:
    """The message key and parameters a history line shows (kinds outside HIDDEN_FROM_HISTORY)."""
    params: dict[str, str] = {}
    if kind in (MeetingEventKind.DECLINED, MeetingEventKind.CANCELLED):
        params = {"reason": str(data.get("reason", ""))}
    elif kind == MeetingEventKind.RESCHEDULED:
        params = {"when": _when(data.get("to_starts_at"))}
    elif kind == MeetingEventKind.MOVED_FROM:
        params = {"when": _when(data.get("from_starts_at"))}
    return TEXT_OF_KIND[kind], params
