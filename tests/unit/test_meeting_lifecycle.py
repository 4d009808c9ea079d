"""The meeting lifecycle table, what each side is offered now, the room window, room names and history text."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest

from realsourcing.core.errors import PermissionDenied, ValidationFailed
from realsourcing.meetings import events, rooms
from realsourcing.meetings.lifecycle import (
    ACTIVE_STATUSES,
    Action,
    BookingRefused,
    MeetingEventKind,
    MeetingStatus,
    Side,
    attendance_action,
    available_actions,
    booked_status,
    clean_reason,
    is_upcoming,
    join_refusal,
    move,
    needs_reason,
    parse_action,
)
from realsourcing.meetings.models import ACTIVE_STATUS_SQL

S, A = MeetingStatus, Action
BUYER, FACTORY, SYSTEM = Side.BUYER, Side.FACTORY, Side.SYSTEM
START = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)
END = START + timedelta(minutes=60)

# Every move there is: (from status, side) → {action: to status}. Anything not listed is refused.
MOVES = {
    (S.REQUESTED, FACTORY): {A.CONFIRM: S.CONFIRMED, A.DECLINE: S.DECLINED, A.CANCEL: S.CANCELLED},
    (S.REQUESTED, BUYER): {A.CANCEL: S.CANCELLED},
    (S.CONFIRMED, FACTORY): {A.CANCEL: S.CANCELLED},
    (S.CONFIRMED, BUYER): {A.CANCEL: S.CANCELLED},
    (S.CONFIRMED, SYSTEM): {A.COMPLETE: S.COMPLETED, A.MARK_NO_SHOW: S.NO_SHOW},
}
for _status in ACTIVE_STATUSES:
    for _side in (BUYER, FACTORY):
        MOVES[(_status, _side)][A.RESCHEDULE] = S.RESCHEDULED

# What a side may never do, whatever the status (refused as "not yours", not as "not now").
NEVER = {
    BUYER: {A.CONFIRM, A.DECLINE, A.COMPLETE, A.MARK_NO_SHOW},
    FACTORY: {A.COMPLETE, A.MARK_NO_SHOW},
    SYSTEM: {A.CONFIRM, A.DECLINE, A.CANCEL, A.RESCHEDULE, A.JOIN},
}
MOVE_ACTIONS = [a for a in Action if a != A.JOIN]


@pytest.mark.parametrize(("status", "side", "action"), list(itertools.product(MeetingStatus, Side, MOVE_ACTIONS)))
def test_every_move_of_every_side_from_every_status(status, side, action):
    expected = MOVES.get((status, side), {}).get(action)
    if expected is not None:
        assert move(status.value, action, side).to_status == expected
    elif action in NEVER[side]:
        with pytest.raises(PermissionDenied):
            move(status.value, action, side)
    else:
        with pytest.raises(BookingRefused) as refused:
            move(status.value, action, side)
        assert refused.value.key == "err.meeting_bad_transition"


@pytest.mark.parametrize(
    ("action", "needs_reason_", "answers_request", "notice", "event"),
    [
        (A.CONFIRM, False, True, "meeting_confirmed", MeetingEventKind.CONFIRMED),
        (A.DECLINE, True, True, "meeting_declined", MeetingEventKind.DECLINED),
        (A.CANCEL, True, False, "meeting_cancelled", MeetingEventKind.CANCELLED),
        (A.RESCHEDULE, False, False, "", MeetingEventKind.RESCHEDULED),
    ],
)
def test_what_a_factory_move_from_requested_records_and_tells(action, needs_reason_, answers_request, notice, event):
    found = move(S.REQUESTED.value, action, FACTORY)
    assert (found.needs_reason, found.answers_request, found.notice, found.event) == (
        needs_reason_,
        answers_request,
        notice,
        event,
    )


EARLY, LATE_29, LATE_31 = START - timedelta(days=2), END + timedelta(minutes=29), END + timedelta(minutes=31)
ROOM_AND_CHANGES = [A.JOIN, A.RESCHEDULE, A.CANCEL]
OFFERED = [
    ("factory answers a request", S.REQUESTED, FACTORY, EARLY, [A.CONFIRM, A.RESCHEDULE, A.DECLINE, A.CANCEL]),
    ("buyer waits for an answer", S.REQUESTED, BUYER, EARLY, [A.RESCHEDULE, A.CANCEL]),
    ("confirmed, days ahead: the room says when it opens", S.CONFIRMED, BUYER, EARLY, ROOM_AND_CHANGES),
    ("confirmed, during the meeting", S.CONFIRMED, FACTORY, START + timedelta(minutes=10), ROOM_AND_CHANGES),
    ("confirmed, 29 minutes after the end", S.CONFIRMED, BUYER, LATE_29, ROOM_AND_CHANGES),
    ("confirmed, 31 minutes after the end: no room", S.CONFIRMED, BUYER, LATE_31, [A.RESCHEDULE, A.CANCEL]),
    ("the webhook settles a confirmed meeting", S.CONFIRMED, SYSTEM, LATE_31, [A.COMPLETE, A.MARK_NO_SHOW]),
    ("completed: nothing left", S.COMPLETED, FACTORY, END, []),
    ("no-show: nothing left", S.NO_SHOW, BUYER, END, []),
    ("declined: nothing left", S.DECLINED, BUYER, START, []),
    ("cancelled: nothing left", S.CANCELLED, FACTORY, START, []),
    ("rescheduled: its replacement carries on", S.RESCHEDULED, BUYER, START, []),
]


@pytest.mark.parametrize(("case", "status", "side", "now", "expected"), OFFERED, ids=[c[0] for c in OFFERED])
def test_available_actions(case, status, side, now, expected):
    assert available_actions(status.value, side, END, now) == expected


def test_the_reason_box_shows_only_when_an_offered_move_needs_it():
    assert needs_reason(available_actions(S.REQUESTED.value, FACTORY, END, START), S.REQUESTED.value)
    assert needs_reason(available_actions(S.CONFIRMED.value, BUYER, END, START), S.CONFIRMED.value)
    assert not needs_reason([A.JOIN, A.RESCHEDULE], S.CONFIRMED.value)
    assert not needs_reason(available_actions(S.COMPLETED.value, BUYER, END, START), S.COMPLETED.value)


ROOM = [
    ("16 minutes early", S.CONFIRMED, START - timedelta(minutes=16), "err.too_early"),
    ("14 minutes early", S.CONFIRMED, START - timedelta(minutes=14), None),
    ("at the end", S.CONFIRMED, END, None),
    ("29 minutes late", S.CONFIRMED, END + timedelta(minutes=29), None),
    ("31 minutes late", S.CONFIRMED, END + timedelta(minutes=31), "err.meeting_over"),
    ("still a request", S.REQUESTED, START, "err.meeting_not_confirmed"),
    ("cancelled", S.CANCELLED, START, "err.meeting_not_confirmed"),
]


@pytest.mark.parametrize(("case", "status", "now", "refusal"), ROOM, ids=[c[0] for c in ROOM])
def test_room_window(case, status, now, refusal):
    assert join_refusal(status.value, START, END, now) == refusal


@pytest.mark.parametrize(
    ("auto_confirm", "side", "status"),
    [
        (False, BUYER, S.REQUESTED),
        (True, BUYER, S.CONFIRMED),
        (False, FACTORY, S.CONFIRMED),  # the factory proposed the new time itself
        (True, FACTORY, S.CONFIRMED),
    ],
)
def test_a_new_booking_starts_requested_unless_confirmed_automatically_or_by_the_factory(auto_confirm, side, status):
    assert booked_status(auto_confirm, side) == status


@pytest.mark.parametrize(
    ("buyer_joined", "factory_joined", "action"),
    [
        (True, True, A.COMPLETE),
        (True, False, A.MARK_NO_SHOW),
        (False, True, A.MARK_NO_SHOW),
        (False, False, A.MARK_NO_SHOW),
    ],
)
def test_attendance_decides_completed_or_no_show(buyer_joined, factory_joined, action):
    assert attendance_action(buyer_joined, factory_joined) == action


def test_a_reason_is_whitespace_normalised_and_must_say_something():
    assert clean_reason("  Our   audit team\n is away ") == "Our audit team is away"
    assert len(clean_reason("x" * 5000)) == 1000
    for empty in ("", "   ", "abc "):
        with pytest.raises(ValidationFailed) as refused:
            clean_reason(empty)
        assert refused.value.field_errors == {"reason": "err.reason_required"}


def test_an_unknown_action_from_a_client_is_refused():
    assert parse_action("confirm") == A.CONFIRM
    with pytest.raises(BookingRefused):
        parse_action("delete_everything")


@pytest.mark.parametrize(
    ("status", "ends_at", "upcoming"),
    [
        (S.REQUESTED, END, True),
        (S.CONFIRMED, END, True),
        (S.CONFIRMED, START - timedelta(minutes=1), False),  # over
        (S.CANCELLED, END, False),
        (S.COMPLETED, END, False),
    ],
)
def test_upcoming_means_still_holding_its_slot_and_not_over(status, ends_at, upcoming):
    assert is_upcoming(status.value, ends_at, START) is upcoming


def test_the_partial_unique_index_says_the_same_active_statuses_as_the_initial_migration():
    assert ACTIVE_STATUS_SQL == "status IN ('requested', 'confirmed')"


def test_room_name_and_calendar_uid_and_back():
    assert (rooms.room_name(42), rooms.ics_uid(42)) == ("meeting-42", "meeting-42@realsourcing")
    assert rooms.meeting_id_of_room(rooms.room_name(42)) == 42
    for other in ("webinar-42", "meeting-", "meeting-abc", "meeting-4x", "meeting-²", "42", ""):
        assert rooms.meeting_id_of_room(other) is None, other


MOMENT = datetime(2026, 12, 9, 3, 30, tzinfo=UTC)
DECLINED = move(S.REQUESTED.value, A.DECLINE, FACTORY)
CANCELLED = move(S.CONFIRMED.value, A.CANCEL, BUYER)
DESCRIBED = [
    (events.booked(), ("meet.event_booked", {})),
    (events.of_move(move(S.REQUESTED.value, A.CONFIRM, FACTORY)), ("meet.event_confirmed", {})),
    (events.of_move(DECLINED, "Fully booked"), ("meet.event_declined", {"reason": "Fully booked"})),
    (events.of_move(CANCELLED, "Travelling"), ("meet.event_cancelled", {"reason": "Travelling"})),
    (events.rescheduled(7, MOMENT), ("meet.event_rescheduled", {"when": "2026-12-09T03:30:00+00:00"})),
    (events.moved_from(6, MOMENT), ("meet.event_moved_from", {"when": "2026-12-09T03:30:00+00:00"})),
    (events.of_move(move(S.CONFIRMED.value, A.COMPLETE, SYSTEM)), ("meet.event_completed", {})),
    (events.of_move(move(S.CONFIRMED.value, A.MARK_NO_SHOW, SYSTEM)), ("meet.event_no_show", {})),
]


@pytest.mark.parametrize(("happening", "text"), DESCRIBED, ids=[h.kind.value for h, _t in DESCRIBED])
def test_history_lines_come_from_kind_and_data(happening, text):
    assert events.describe(happening.kind, happening.data) == text


def test_every_kind_people_see_has_a_history_line_and_joins_stay_out():
    assert set(events.TEXT_OF_KIND) == set(MeetingEventKind) - events.HIDDEN_FROM_HISTORY
    joined = events.participant_joined("12", BUYER, MOMENT)
    assert (joined.kind, joined.data) == (
        MeetingEventKind.PARTICIPANT_JOINED,
        {"identity": "12", "side": "buyer", "at": MOMENT.isoformat()},
    )
