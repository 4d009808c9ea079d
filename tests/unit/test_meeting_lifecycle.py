"""The meeting lifecycle table, what each side is offered now, the room window, room names and history text;
a reschedule is a proposal only the other side answers."""

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
    acceptance_refusal,
    attendance_action,
    available_actions,
    booked_status,
    clean_reason,
    is_upcoming,
    join_refusal,
    move,
    needs_reason,
    parse_action,
    proposal_refusal,
    proposer_side,
)
from realsourcing.meetings.models import ACTIVE_STATUS_SQL

S, A = MeetingStatus, Action
BUYER, FACTORY, SYSTEM = Side.BUYER, Side.FACTORY, Side.SYSTEM
START = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)
END = START + timedelta(minutes=60)

# Every move there is: (from status, side) → {action: to status}. Anything not listed is refused.
# A reschedule of a standing meeting proposes: the new meeting is `proposed` (this one keeps its status).
MOVES = {
    (S.REQUESTED, FACTORY): {A.CONFIRM: S.CONFIRMED, A.DECLINE: S.DECLINED, A.CANCEL: S.CANCELLED},
    (S.REQUESTED, BUYER): {A.CANCEL: S.CANCELLED},
    (S.CONFIRMED, FACTORY): {A.CANCEL: S.CANCELLED},
    (S.CONFIRMED, BUYER): {A.CANCEL: S.CANCELLED},
    (S.CONFIRMED, SYSTEM): {A.COMPLETE: S.COMPLETED, A.MARK_NO_SHOW: S.NO_SHOW, A.REPLACE: S.RESCHEDULED},
    (S.REQUESTED, SYSTEM): {A.REPLACE: S.RESCHEDULED},
    (S.PROPOSED, SYSTEM): {A.WITHDRAW_TIME: S.WITHDRAWN},  # with its cancelled meeting
}
for _status in (S.REQUESTED, S.CONFIRMED):
    for _side in (BUYER, FACTORY):
        MOVES[(_status, _side)][A.RESCHEDULE] = S.PROPOSED

# A proposal: its proposer may withdraw it, only the other side may accept or decline it.
PROPOSER_MOVES = {A.WITHDRAW_TIME: S.WITHDRAWN}
RECIPIENT_MOVES = {A.ACCEPT_TIME: S.CONFIRMED, A.DECLINE_TIME: S.DECLINED}

# What a side may never do, whatever the status (refused as "not yours", not as "not now").
NEVER = {
    BUYER: {A.CONFIRM, A.DECLINE, A.COMPLETE, A.MARK_NO_SHOW, A.REPLACE},
    FACTORY: {A.COMPLETE, A.MARK_NO_SHOW, A.REPLACE},
    SYSTEM: {A.CONFIRM, A.DECLINE, A.CANCEL, A.RESCHEDULE, A.JOIN, A.ACCEPT_TIME, A.DECLINE_TIME},
}
MOVE_ACTIONS = [a for a in Action if a != A.JOIN]


def _expected(status, side, action, proposer):
    if status == S.PROPOSED and side != SYSTEM and proposer is not None:
        return (PROPOSER_MOVES if side == proposer else RECIPIENT_MOVES).get(action)
    return MOVES.get((status, side), {}).get(action)


@pytest.mark.parametrize(
    ("status", "side", "action", "proposer"),
    list(itertools.product(MeetingStatus, Side, MOVE_ACTIONS, (None, BUYER, FACTORY))),
)
def test_every_move_of_every_side_from_every_status(status, side, action, proposer):
    expected = _expected(status, side, action, proposer)
    answers = (A.ACCEPT_TIME, A.DECLINE_TIME, A.WITHDRAW_TIME)
    wrong_party = status == S.PROPOSED and action in answers and side != SYSTEM
    if expected is not None:
        assert move(status.value, action, side, proposer).to_status == expected
    elif action in NEVER[side] or wrong_party:
        with pytest.raises(PermissionDenied):
            move(status.value, action, side, proposer)
    else:
        with pytest.raises(BookingRefused) as refused:
            move(status.value, action, side, proposer)
        assert refused.value.key == "err.meeting_bad_transition"


@pytest.mark.parametrize("proposer", [BUYER, FACTORY])
def test_only_the_other_side_accepts_or_declines_and_only_the_proposer_withdraws(proposer):
    other = FACTORY if proposer == BUYER else BUYER
    for action in (A.ACCEPT_TIME, A.DECLINE_TIME):
        with pytest.raises(PermissionDenied) as refused:
            move(S.PROPOSED.value, action, proposer, proposer)
        assert refused.value.key == "err.not_your_answer"
        assert move(S.PROPOSED.value, action, other, proposer).party == "recipient"
    with pytest.raises(PermissionDenied):
        move(S.PROPOSED.value, A.WITHDRAW_TIME, other, proposer)
    assert move(S.PROPOSED.value, A.WITHDRAW_TIME, proposer, proposer).to_status == S.WITHDRAWN


def test_a_proposal_tells_the_other_side_and_keeps_the_meeting_as_it_is():
    found = move(S.CONFIRMED.value, A.RESCHEDULE, BUYER)
    assert (found.proposes, found.to_status, found.event, found.notice) == (
        True,
        S.PROPOSED,
        MeetingEventKind.TIME_PROPOSED,
        "meeting_time_proposed",
    )
    accepted = move(S.PROPOSED.value, A.ACCEPT_TIME, FACTORY, BUYER)
    assert (accepted.notice, accepted.needs_reason) == ("meeting_time_accepted", False)


def test_a_proposed_time_holds_its_slot_but_is_not_a_meeting_of_its_own():
    assert S.PROPOSED in ACTIVE_STATUSES
    assert not is_upcoming(S.PROPOSED.value, END, START)
    assert proposer_side(None, 5) is None
    assert (proposer_side(5, 5), proposer_side(9, 5)) == (BUYER, FACTORY)


@pytest.mark.parametrize(
    ("new_start", "pending", "refusal"),
    [
        (START + timedelta(days=1), False, None),
        (START + timedelta(days=1), True, "err.proposal_pending"),
        (START, False, "err.proposal_same_time"),
        (START - timedelta(days=3), False, "err.start_in_future"),
    ],
)
def test_when_a_new_time_may_be_proposed(new_start, pending, refusal):
    assert proposal_refusal(new_start, START, START - timedelta(days=2), pending) == refusal


def test_a_proposal_is_accepted_only_while_its_time_is_ahead_and_its_meeting_stands():
    now = START - timedelta(days=1)
    assert acceptance_refusal(START, S.CONFIRMED.value, now) is None
    assert acceptance_refusal(START, S.REQUESTED.value, now) is None
    assert acceptance_refusal(START, S.CANCELLED.value, now) == "err.meeting_bad_transition"
    assert acceptance_refusal(START, S.CONFIRMED.value, START) == "err.proposal_passed"


@pytest.mark.parametrize(
    ("action", "needs_reason_", "answers_request", "notice", "event"),
    [
        (A.CONFIRM, False, True, "meeting_confirmed", MeetingEventKind.CONFIRMED),
        (A.DECLINE, True, True, "meeting_declined", MeetingEventKind.DECLINED),
        (A.CANCEL, True, False, "meeting_cancelled", MeetingEventKind.CANCELLED),
        (A.RESCHEDULE, False, False, "meeting_time_proposed", MeetingEventKind.TIME_PROPOSED),
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
    ("confirmed, 29 minutes after the end", S.CONFIRMED, BUYER, LATE_29, [A.JOIN, A.CANCEL]),
    ("confirmed, 31 minutes after the end: no room", S.CONFIRMED, BUYER, LATE_31, [A.CANCEL]),
    ("the webhook settles a confirmed meeting", S.CONFIRMED, SYSTEM, LATE_31, [A.COMPLETE, A.MARK_NO_SHOW]),
    ("completed: nothing left", S.COMPLETED, FACTORY, END, []),
    ("no-show: nothing left", S.NO_SHOW, BUYER, END, []),
    ("declined: nothing left", S.DECLINED, BUYER, START, []),
    ("cancelled: nothing left", S.CANCELLED, FACTORY, START, []),
    ("rescheduled: its replacement carries on", S.RESCHEDULED, BUYER, START, []),
    ("withdrawn: nothing left", S.WITHDRAWN, BUYER, START, []),
]


@pytest.mark.parametrize(("case", "status", "side", "now", "expected"), OFFERED, ids=[c[0] for c in OFFERED])
def test_available_actions(case, status, side, now, expected):
    assert available_actions(status.value, side, END, now) == expected


PROPOSAL_OFFERS = [
    ("the buyer's proposal, to the factory", FACTORY, BUYER, EARLY, [A.ACCEPT_TIME, A.DECLINE_TIME]),
    ("the buyer's proposal, to the buyer", BUYER, BUYER, EARLY, [A.WITHDRAW_TIME]),
    ("the factory's proposal, to the buyer", BUYER, FACTORY, EARLY, [A.ACCEPT_TIME, A.DECLINE_TIME]),
    ("the factory's proposal, to the factory", FACTORY, FACTORY, EARLY, [A.WITHDRAW_TIME]),
    ("a proposal whose time is over cannot be accepted", FACTORY, BUYER, LATE_31, [A.DECLINE_TIME]),
]


@pytest.mark.parametrize(
    ("case", "side", "proposer", "now", "expected"), PROPOSAL_OFFERS, ids=[c[0] for c in PROPOSAL_OFFERS]
)
def test_what_each_side_is_offered_about_a_proposal(case, side, proposer, now, expected):
    assert available_actions(S.PROPOSED.value, side, END, now, proposer=proposer) == expected


def test_no_second_proposal_while_one_waits_and_none_once_the_meeting_is_over():
    assert A.RESCHEDULE not in available_actions(S.CONFIRMED.value, BUYER, END, EARLY, proposal_pending=True)
    assert A.RESCHEDULE not in available_actions(S.CONFIRMED.value, BUYER, END, END + timedelta(minutes=1))


def test_the_reason_box_shows_only_when_an_offered_move_needs_it():
    assert needs_reason(available_actions(S.REQUESTED.value, FACTORY, END, START), S.REQUESTED.value)
    assert needs_reason(available_actions(S.CONFIRMED.value, BUYER, END, START), S.CONFIRMED.value)
    assert not needs_reason([A.JOIN, A.RESCHEDULE], S.CONFIRMED.value)
    assert not needs_reason(available_actions(S.COMPLETED.value, BUYER, END, START), S.COMPLETED.value)


ROOM = [
    ("16 minutes early", S.CONFIRMED, START - timedelta(minutes=16), "err.meeting_room_too_early"),
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
        assert refused.value.field_errors == {"reason": "err.meeting_reason_required"}


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


def test_the_partial_unique_index_says_the_same_active_statuses_as_the_proposals_migration():
    assert ACTIVE_STATUS_SQL == "status IN ('requested', 'confirmed', 'proposed')"


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
    (
        events.time_proposed(6, MOMENT, MOMENT + timedelta(days=1)),
        ("meet.event_time_proposed", {"from_when": MOMENT.isoformat(), "to_when": "2026-12-10T03:30:00+00:00"}),
    ),
    (
        events.time_answered(MeetingEventKind.TIME_ACCEPTED, 6, MOMENT, MOMENT + timedelta(days=1)),
        ("meet.event_time_accepted", {"from_when": MOMENT.isoformat(), "to_when": "2026-12-10T03:30:00+00:00"}),
    ),
    (
        events.time_answered(MeetingEventKind.TIME_DECLINED, 6, MOMENT, MOMENT + timedelta(days=1)),
        ("meet.event_time_declined", {"from_when": MOMENT.isoformat(), "to_when": "2026-12-10T03:30:00+00:00"}),
    ),
    (
        events.time_answered(MeetingEventKind.TIME_WITHDRAWN, 6, MOMENT, MOMENT + timedelta(days=1), dropped=True),
        ("meet.event_time_dropped", {"from_when": MOMENT.isoformat(), "to_when": "2026-12-10T03:30:00+00:00"}),
    ),
]


@pytest.mark.parametrize(("happening", "text"), DESCRIBED, ids=[h.kind.value for h, _t in DESCRIBED])
def test_history_lines_come_from_kind_and_data(happening, text):
    assert events.describe(happening.kind, happening.data) == text


def test_every_kind_people_see_has_a_history_line_and_joins_stay_out():
    assert set(events.TEXT_OF_KIND) == set(MeetingEventKind) - events.HIDDEN_FROM_HISTORY
    # The replaced side of an accepted proposal is not a line of its own: the acceptance says it.
    assert not events.is_shown(MeetingEventKind.RESCHEDULED, events.rescheduled(7, MOMENT, by_proposal=True).data)
    assert events.is_shown(MeetingEventKind.RESCHEDULED, events.rescheduled(7, MOMENT).data)
    joined = events.participant_joined("12", BUYER, MOMENT)
    assert (joined.kind, joined.data) == (
        MeetingEventKind.PARTICIPANT_JOINED,
        {"identity": "12", "side": "buyer", "at": MOMENT.isoformat()},
    )
