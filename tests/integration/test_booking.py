"""1:1 meetings at the service layer: setup, reservation under contention, lifecycle, permissions,
calendar invitations and email delivery to a real (local) SMTP server."""

from __future__ import annotations

import base64
import email
import hashlib
import socket
import threading
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from aiosmtpd.controller import Controller
from alembic.config import Config
from google.protobuf.json_format import MessageToJson
from icalendar import Calendar
from livekit import api as lk
from sqlalchemy import text
from sqlmodel import select

from alembic import command
from realsourcing.config import PROJECT_ROOT, get_settings
from realsourcing.core.errors import PermissionDenied, ValidationFailed
from realsourcing.core.idempotency import new_key
from realsourcing.core.video import LiveKitGateway
from realsourcing.db import get_engine, session_scope, utcnow
from realsourcing.meetings import booking, events, schedule_setup
from realsourcing.meetings.booking import BookingRefused, BookingRequest, SlotTaken
from realsourcing.meetings.models import Meeting, MeetingEvent, MeetingEventKind
from realsourcing.notifications import service as notifications
from realsourcing.notifications.models import Notification, OutboxMessage
from realsourcing.profile import trust
from tests.support.builders import a_bookable_factory, a_buyer

SH = ZoneInfo("Asia/Shanghai")


def slot(days=3, hour=10) -> datetime:
    day = (utcnow() + timedelta(days=days)).astimezone(SH).date()
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=SH).astimezone(ZoneInfo("UTC"))


def request(owner, type_id, start, **changes) -> BookingRequest:
    return BookingRequest(
        factory_id=owner.factory_id, meeting_type_id=type_id, starts_at=start, agenda="Check moulds and QC", **changes
    )


def test_slots_come_from_the_factorys_hours_and_disappear_when_booked():
    owner, type_id = a_bookable_factory()
    start = slot(days=4)
    day = start.astimezone(SH).date()
    offered = booking.slots_for(owner.factory_id, type_id, day, day)
    assert [s.astimezone(SH).strftime("%H:%M") for s in offered] == [
        "09:00",
        "10:00",
        "11:00",
        "13:30",
        "14:30",
        "15:30",
        "16:30",
    ]
    booking.reserve(a_buyer(), request(owner, type_id, start), key=new_key())
    assert start not in booking.slots_for(owner.factory_id, type_id, day, day)


def test_fifty_buyers_race_for_one_slot_and_exactly_one_wins():
    owner, type_id = a_bookable_factory()
    start = slot(days=5, hour=14)
    buyers = [a_buyer(full_name=f"Racer {i}") for i in range(50)]
    results: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(len(buyers))

    def attempt(person):
        barrier.wait()
        try:
            booking.reserve(person, request(owner, type_id, start.replace(minute=30)), key=new_key())
            outcome = "booked"
        except SlotTaken:
            outcome = "taken"
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=attempt, args=(b,)) for b in buyers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results).count("booked") == 1 and results.count("taken") == 49
    with session_scope() as db:
        assert len(db.exec(select(Meeting).where(Meeting.factory_id == owner.factory_id)).all()) == 1


def test_overlapping_types_cannot_double_book():
    owner, audit = a_bookable_factory()
    short = schedule_setup.save_meeting_type(owner, "Sample discussion", "样品沟通", "30")
    day = slot(days=6).astimezone(SH).date()
    booking.reserve(a_buyer(), request(owner, audit, slot(days=6, hour=9)), key=new_key())  # 09:00-10:00
    taken = datetime(day.year, day.month, day.day, 9, 30, tzinfo=SH).astimezone(ZoneInfo("UTC"))
    with pytest.raises(SlotTaken):
        booking.reserve(a_buyer(), request(owner, short, taken), key=new_key())


def test_a_buyer_cannot_pile_up_pending_requests():
    owner, type_id = a_bookable_factory(max_pending=2)
    person = a_buyer()
    booking.reserve(person, request(owner, type_id, slot(days=7, hour=9)), key=new_key())
    booking.reserve(person, request(owner, type_id, slot(days=7, hour=10)), key=new_key())
    with pytest.raises(BookingRefused) as refused:
        booking.reserve(person, request(owner, type_id, slot(days=7, hour=11)), key=new_key())
    assert refused.value.key == "err.too_many_pending"


def test_lifecycle_records_history_and_tells_both_sides():
    owner, type_id = a_bookable_factory(full_name="Zhou Host")
    person = a_buyer(full_name="Maya Stone")
    meeting_id = booking.reserve(person, request(owner, type_id, slot(days=8)), key=new_key())
    booking.confirm(owner, meeting_id)
    moved = booking.propose_time(person, meeting_id, slot(days=8, hour=11), key=new_key())
    booking.act(owner, moved, "accept_time")
    with pytest.raises(ValidationFailed):
        booking.cancel(owner, moved, "")
    booking.cancel(owner, moved, "Our audit team is travelling that day.")
    detail = booking.meeting_detail(person, moved)
    assert [entry.status for entry in detail.history] == [
        "requested",
        "confirmed",
        "proposed",
        "confirmed",
        "cancelled",
    ]
    assert detail.summary.cancel_reason == "Our audit team is travelling that day."
    between = {"from_when": slot(days=8).isoformat(), "to_when": slot(days=8, hour=11).isoformat()}
    assert [(entry.text_key, entry.text_params) for entry in detail.history] == [
        ("meet.event_booked", {}),
        ("meet.event_confirmed", {}),
        ("meet.event_time_proposed", {**between, "name": "Maya Stone"}),
        ("meet.event_time_accepted", {**between, "name": "Zhou Host"}),
        ("meet.event_cancelled", {"reason": "Our audit team is travelling that day."}),
    ]
    with session_scope() as db:
        kinds = [
            n.kind
            for n in db.exec(
                select(Notification)
                .where(Notification.user_id == person.id, Notification.kind.like("meeting_%"))
                .order_by(Notification.id)
            ).all()
        ]
        # Not the buyer's own request and proposal: only what the factory did (tests/integration/test_who_is_told.py).
        assert kinds == ["meeting_confirmed", "meeting_time_accepted", "meeting_cancelled"]
        old, new = db.get(Meeting, meeting_id), db.get(Meeting, moved)
        assert (old.status, new.rescheduled_from_id, new.ics_uid, new.ics_sequence) == (
            "rescheduled",
            meeting_id,
            old.ics_uid,
            1,
        )
        invite = db.exec(
            select(OutboxMessage).where(
                OutboxMessage.user_id == person.id, OutboxMessage.kind == "meeting_time_accepted"
            )
        ).one()
    event = next(c for c in Calendar.from_ical(invite.ics).walk() if c.name == "VEVENT")
    assert (str(event["uid"]), int(event["sequence"])) == (f"meeting-{meeting_id}@realsourcing", 1)
    assert event.decoded("dtstart") == slot(days=8, hour=11)
    assert Calendar.from_ical(invite.ics)["method"] == "REQUEST"


def test_decline_needs_a_reason_and_feeds_the_response_signal():
    owner, type_id = a_bookable_factory()
    ids = [
        booking.reserve(a_buyer(), request(owner, type_id, slot(days=9, hour=h)), key=new_key()) for h in (9, 10, 11)
    ]
    booking.decline(owner, ids[0], "Fully booked with audits this week.")
    booking.confirm(owner, ids[1])
    booking.confirm(owner, ids[2])
    with session_scope() as db:  # pretend the requests came in three days ago, answered after two hours
        for meeting in db.exec(select(Meeting).where(Meeting.id.in_(ids))).all():
            meeting.created_at = utcnow() - timedelta(days=3)
            meeting.responded_at = meeting.created_at + timedelta(hours=2)
            db.add(meeting)
        signals = {s.key: s.value for s in trust.signals(db, owner.factory_id)}
    assert signals["trust.response_rate"] == "100 %" and signals["trust.response_time"] == "2 h"


def test_strangers_cannot_see_or_change_a_meeting():
    owner, type_id = a_bookable_factory()
    other_owner, _ = a_bookable_factory()
    person, stranger = a_buyer(), a_buyer()
    meeting_id = booking.reserve(person, request(owner, type_id, slot(days=10)), key=new_key())
    gateway = LiveKitGateway("ws://127.0.0.1:9", "k", "s" * 40)
    # Nobody signed in never reaches a service: SessionState.user() sends them to log in (browser test).
    for actor in (stranger, other_owner):
        for attempt in (
            lambda: booking.meeting_detail(actor, meeting_id),
            lambda: booking.confirm(actor, meeting_id),
            lambda: booking.decline(actor, meeting_id, "Not my meeting at all"),
            lambda: booking.cancel(actor, meeting_id, "Not my meeting at all"),
            lambda: booking.propose_time(actor, meeting_id, slot(days=10, hour=14), key=new_key()),
            lambda: booking.reschedule_context(actor, meeting_id),
            lambda: booking.reschedule_slots(actor, meeting_id, slot(days=10).date(), slot(days=10).date()),
            lambda: booking.room_ticket(actor, meeting_id, gateway),
        ):
            with pytest.raises(PermissionDenied):
                attempt()
    with pytest.raises(PermissionDenied):
        booking.confirm(person, meeting_id)  # the buyer cannot confirm for the factory
    with pytest.raises(BookingRefused):
        booking.reserve(
            owner, request(owner, type_id, slot(days=10, hour=15)), key=new_key()
        )  # nor book their own factory


def test_meeting_room_token_window():
    owner, type_id = a_bookable_factory(auto_confirm=True)
    person = a_buyer()
    start = slot(days=11)
    meeting_id = booking.reserve(person, request(owner, type_id, start), key=new_key())
    gateway = LiveKitGateway("ws://127.0.0.1:9", "key", "s" * 40)
    for when, ok in (
        (start - timedelta(minutes=16), False),
        (start - timedelta(minutes=14), True),
        (start + timedelta(minutes=60 + 29), True),
        (start + timedelta(minutes=60 + 31), False),
    ):
        for actor in (person, owner):
            if ok:
                _url, token = booking.room_ticket(actor, meeting_id, gateway, now=when)
                claims = gateway.verify_token(token)
                assert claims.video.room == f"meeting-{meeting_id}" and claims.video.can_publish
                assert claims.video.room_admin == (actor is owner)
            else:
                with pytest.raises(BookingRefused):
                    booking.room_ticket(actor, meeting_id, gateway, now=when)


def test_attendance_marks_completed_or_no_show():
    owner, type_id = a_bookable_factory(auto_confirm=True)
    person = a_buyer()
    held = booking.reserve(person, request(owner, type_id, slot(days=12, hour=9)), key=new_key())
    missed = booking.reserve(a_buyer(), request(owner, type_id, slot(days=12, hour=10)), key=new_key())
    booking.record_attendance(held, {person.id, owner.id})
    booking.record_attendance(missed, {owner.id})
    with session_scope() as db:
        assert db.get(Meeting, held).status == "completed"
        assert db.get(Meeting, missed).status == "no_show"


class _Inbox:
    def __init__(self):
        self.messages: list[email.message.Message] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 OK"


def test_emails_reach_a_real_smtp_server_with_the_invitation(monkeypatch):
    inbox = _Inbox()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        monkeypatch.setenv("SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("SMTP_PORT", str(port))
        monkeypatch.setenv("SMTP_STARTTLS", "false")
        get_settings.cache_clear()
        owner, type_id = a_bookable_factory(auto_confirm=True)
        person = a_buyer()
        booking.reserve(person, request(owner, type_id, slot(days=13)), key=new_key())
        report = notifications.deliver_due(limit=500)
        assert report.failed == 0 and report.sent >= 2
        deadline = time.monotonic() + 5

        def confirmation():
            return next(
                (m for m in inbox.messages if m["To"] == person.email and m["Subject"].startswith("Meeting confirmed")),
                None,
            )

        while confirmation() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        mail = confirmation()
        assert mail["Subject"].startswith("Meeting confirmed")
        invite = next(p for p in mail.walk() if p.get_content_type() == "text/calendar")
        calendar = Calendar.from_ical(invite.get_payload(decode=True))
        assert calendar["method"] == "REQUEST"
        assert next(c for c in calendar.walk() if c.name == "VEVENT").decoded("dtstart") == slot(days=13)
        assert notifications.deliver_due(limit=500).sent == 0  # nothing is sent twice
    finally:
        controller.stop()
        get_settings.cache_clear()


def test_failed_delivery_is_retried_with_backoff_then_given_up(monkeypatch):
    monkeypatch.setenv("SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("SMTP_PORT", "9")  # nothing listens there
    get_settings.cache_clear()
    try:
        with session_scope() as db:
            for message in db.exec(select(OutboxMessage).where(OutboxMessage.status.in_(["pending", "failed"]))).all():
                message.status = "sent"  # earlier tests' mail is not this test's business
                db.add(message)
        person = a_buyer()
        with session_scope() as db:
            from realsourcing.accounts.models import User

            for message in db.exec(select(OutboxMessage).where(OutboxMessage.user_id == person.id)).all():
                message.status = "sent"  # the welcome email is not this test's business
                db.add(message)
            notifications.notify(
                db, db.get(User, person.id), "webinar_cancelled", {"title": "T", "reason": "R"}, link="/webinars/1"
            )
        first = notifications.deliver_due()
        assert (first.sent, first.failed) == (0, 1)
        with session_scope() as db:
            message = db.exec(
                select(OutboxMessage).where(
                    OutboxMessage.user_id == person.id, OutboxMessage.kind == "webinar_cancelled"
                )
            ).one()
            assert message.status == "failed" and message.attempts == 1
            assert message.next_attempt_at > utcnow() + timedelta(seconds=50)
            message.attempts = notifications.MAX_ATTEMPTS - 1
            message.next_attempt_at = utcnow()
            db.add(message)
        notifications.deliver_due()
        with session_scope() as db:
            assert (
                db.exec(
                    select(OutboxMessage).where(
                        OutboxMessage.user_id == person.id, OutboxMessage.kind == "webinar_cancelled"
                    )
                )
                .one()
                .status
                == "dead"
            )
    finally:
        get_settings.cache_clear()


LK_KEY, LK_SECRET = "meet-key", "meet-secret-long-enough-for-hs256-signing"


def deliver(event: lk.WebhookEvent) -> bool:
    """A LiveKit webhook delivery as the server sends it (protojson body, signed JWT), through the real receiver."""
    body = MessageToJson(event)
    digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
    gateway = LiveKitGateway("ws://127.0.0.1:9", LK_KEY, LK_SECRET)
    return booking.handle_webhook(
        gateway.receive_webhook(body, lk.AccessToken(LK_KEY, LK_SECRET).with_sha256(digest).to_jwt())
    )


def joined(room: lk.Room, event_id: str, user_id: int) -> lk.WebhookEvent:
    return lk.WebhookEvent(
        event="participant_joined",
        id=event_id,
        room=room,
        participant=lk.ParticipantInfo(identity=str(user_id), sid=f"P-{event_id}"),
    )


def test_livekit_webhooks_of_a_meeting_room_mark_it_completed_once():
    owner, type_id = a_bookable_factory(auto_confirm=True)
    person = a_buyer()
    meeting_id = booking.reserve(person, request(owner, type_id, slot(days=14)), key=new_key())
    room = lk.Room(name=f"meeting-{meeting_id}")
    events = [
        joined(room, f"E1-{meeting_id}", person.id),
        joined(room, f"E2-{meeting_id}", owner.id),
        lk.WebhookEvent(event="room_finished", id=f"E3-{meeting_id}", room=room),
    ]
    assert [deliver(e) for e in events] == [True, True, True]
    assert deliver(events[-1]) is False  # a repeated delivery changes nothing
    with session_scope() as db:
        assert db.get(Meeting, meeting_id).status == "completed"
        recorded = db.exec(
            select(MeetingEvent).where(MeetingEvent.meeting_id == meeting_id).order_by(MeetingEvent.id)
        ).all()
    assert [e.kind for e in recorded] == [
        MeetingEventKind.BOOKED,
        MeetingEventKind.PARTICIPANT_JOINED,
        MeetingEventKind.PARTICIPANT_JOINED,
        MeetingEventKind.COMPLETED,
    ]
    assert [(e.data["identity"], e.data["side"]) for e in recorded[1:3]] == [
        (str(person.id), "buyer"),
        (str(owner.id), "factory"),
    ]
    # Joins are attendance detail: the history people read shows the outcome only.
    assert [entry.text_key for entry in booking.meeting_detail(person, meeting_id).history] == [
        "meet.event_booked",
        "meet.event_completed",
    ]


def test_a_stranger_in_the_room_does_not_count_as_the_factory():
    owner, type_id = a_bookable_factory(auto_confirm=True)
    person, stranger = a_buyer(), a_buyer()
    meeting_id = booking.reserve(person, request(owner, type_id, slot(days=16, hour=9)), key=new_key())
    room = lk.Room(name=f"meeting-{meeting_id}")
    deliver(joined(room, f"S1-{meeting_id}", person.id))
    deliver(joined(room, f"S2-{meeting_id}", stranger.id))
    deliver(lk.WebhookEvent(event="room_finished", id=f"S3-{meeting_id}", room=room))
    with session_scope() as db:
        assert db.get(Meeting, meeting_id).status == "no_show"
        recorded = db.exec(
            select(MeetingEvent.data).where(
                MeetingEvent.meeting_id == meeting_id, MeetingEvent.kind == MeetingEventKind.PARTICIPANT_JOINED
            )
        ).all()
    assert [d["identity"] for d in recorded] == [str(person.id)]


def _alembic(direction: str, revision: str) -> None:
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.attributes["configure_logging"] = False
    getattr(command, direction)(config, revision)


def _reschedule_as_before_proposals(actor, meeting_id: int, new_start: datetime) -> int:
    """What a reschedule wrote before it became a proposal: the old meeting replaced at once by a new one."""
    with session_scope() as db:
        old = db.get(Meeting, meeting_id)
        before, old.status = old.status, "rescheduled"
        db.add(old)
        db.flush()
        new = Meeting(
            factory_id=old.factory_id,
            buyer_id=old.buyer_id,
            meeting_type_id=old.meeting_type_id,
            starts_at=new_start,
            ends_at=new_start + (old.ends_at - old.starts_at),
            agenda=old.agenda,
            rescheduled_from_id=meeting_id,
            ics_uid=old.ics_uid,
            ics_sequence=old.ics_sequence + 1,
            status="requested",
        )
        db.add(new)
        db.flush()
        happened = (
            (old, events.rescheduled(new.id, new_start), before),
            (new, events.moved_from(meeting_id, old.starts_at), "rescheduled"),
        )
        for meeting, happening, from_status in happened:
            db.add(
                MeetingEvent(
                    meeting_id=meeting.id,
                    kind=happening.kind,
                    data=happening.data,
                    from_status=from_status,
                    to_status=meeting.status,
                    actor_user_id=actor.id,
                )
            )
        return new.id


def test_meeting_history_survives_the_typed_events_migration_both_ways():
    owner, type_id = a_bookable_factory()
    person = a_buyer()
    meeting_id = booking.reserve(person, request(owner, type_id, slot(days=15)), key=new_key())
    booking.confirm(owner, meeting_id)
    moved = _reschedule_as_before_proposals(person, meeting_id, slot(days=15, hour=11))
    booking.cancel(owner, moved, "Our audit team is travelling that day.")
    before = booking.meeting_detail(person, moved).history
    get_engine().dispose()  # no pooled connection holds the table while it is rebuilt
    _alembic("downgrade", "order_events_typed")
    try:
        with get_engine().begin() as connection:
            notes = connection.execute(
                text("SELECT note FROM meeting_events WHERE meeting_id IN (:a, :b) ORDER BY id"),
                {"a": meeting_id, "b": moved},
            ).all()
            assert [n for (n,) in notes] == [
                "",
                "",
                "",
                f"moved from {slot(days=15).isoformat()}",
                "Our audit team is travelling that day.",
            ]
            # What the old webhook code wrote when someone joined the room.
            connection.execute(
                text(
                    "INSERT INTO meeting_events (meeting_id, from_status, to_status, note, created_at) "
                    "VALUES (:m, 'cancelled', 'cancelled', :note, :at)"
                ),
                {"m": moved, "note": f"joined:{owner.id}", "at": utcnow().replace(tzinfo=None)},
            )
        get_engine().dispose()
    finally:
        _alembic("upgrade", "head")
    assert booking.meeting_detail(person, moved).history == before
    with session_scope() as db:
        joined = db.exec(
            select(MeetingEvent).where(
                MeetingEvent.meeting_id == moved, MeetingEvent.kind == MeetingEventKind.PARTICIPANT_JOINED
            )
        ).one()
        rescheduled = db.exec(
            select(MeetingEvent).where(
                MeetingEvent.meeting_id == meeting_id, MeetingEvent.kind == MeetingEventKind.RESCHEDULED
            )
        ).one()
    assert (joined.data["identity"], joined.data["side"]) == (str(owner.id), "factory")
    assert rescheduled.data == {"to_meeting_id": moved, "to_starts_at": slot(days=15, hour=11).isoformat()}
