"""A reschedule is a proposal: one side proposes a new time, the meeting stays as it was until the other
side accepts; a decline or a withdrawal leaves it untouched. The proposed slot is held meanwhile, only the
two sides see or answer it, each is told by name, and the history says it in words."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from alembic.config import Config
from icalendar import Calendar
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from alembic import command
from realsourcing.accounts import zones
from realsourcing.accounts.models import User
from realsourcing.config import PROJECT_ROOT
from realsourcing.core import timefmt
from realsourcing.core.errors import PermissionDenied
from realsourcing.core.idempotency import new_key
from realsourcing.db import get_engine, session_scope, utcnow
from realsourcing.meetings import booking, events
from realsourcing.meetings.booking import BookingRefused, BookingRequest, SlotTaken
from realsourcing.meetings.models import Meeting, MeetingProduct
from realsourcing.notifications.models import Notification, OutboxMessage
from realsourcing.profile.models import Factory
from tests.support.builders import a_bookable_factory, a_buyer, a_product

SH, UTC = ZoneInfo("Asia/Shanghai"), ZoneInfo("UTC")


def slot(days: int, hour: int = 10) -> datetime:
    """A bookable start `days` ahead (Shanghai time): mornings on the hour, afternoons at half past."""
    day = (utcnow() + timedelta(days=days)).astimezone(SH).date()
    minute = 30 if hour >= 13 else 0
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=SH).astimezone(UTC)


def local_day(at: datetime):
    return at.astimezone(SH).date()


def a_confirmed_meeting(days: int):
    """A factory (Harbor Home Works, owner Zhou Host) and a buyer (Maya Stone, Northwind) with a confirmed
    meeting at 10:00 Shanghai time `days` ahead, about one product."""
    owner, type_id = a_bookable_factory(name="Harbor Home Works", full_name="Zhou Host")
    with session_scope() as db:
        factory = db.get(Factory, owner.factory_id)
        factory.display_name_zh = "海港家居"
        db.add(factory)
    product = a_product(owner, published=True, name_en="Glazed mug")
    person = a_buyer(full_name="Maya Stone", company_name="Northwind")
    request = BookingRequest(
        factory_id=owner.factory_id,
        meeting_type_id=type_id,
        starts_at=slot(days),
        agenda="Check moulds and QC",
        product_ids=(product,),
    )
    meeting_id = booking.reserve(person, request, key=new_key())
    booking.confirm(owner, meeting_id)
    return owner, person, type_id, meeting_id


def status_of(meeting_id: int) -> str:
    with session_scope() as db:
        return db.get(Meeting, meeting_id).status


def told(user_id: int, kind: str) -> list[Notification]:
    with session_scope() as db:
        return list(
            db.exec(select(Notification).where(Notification.user_id == user_id, Notification.kind == kind)).all()
        )


def email_to(user_id: int, kind: str) -> OutboxMessage:
    with session_scope() as db:
        return db.exec(select(OutboxMessage).where(OutboxMessage.user_id == user_id, OutboxMessage.kind == kind)).one()


def test_a_proposal_keeps_the_meeting_and_holds_the_new_slot_until_answered():
    owner, person, type_id, meeting_id = a_confirmed_meeting(days=20)
    new_start = slot(20, hour=14)
    proposal = booking.propose_time(person, meeting_id, new_start, key=new_key())

    # The original is untouched and still valid at its time; the proposal keeps its type, agenda, products.
    assert status_of(meeting_id) == "confirmed"
    with session_scope() as db:
        old, new = db.get(Meeting, meeting_id), db.get(Meeting, proposal)
        assert (new.status, new.meeting_type_id, new.agenda, new.rescheduled_from_id) == (
            "proposed",
            type_id,
            "Check moulds and QC",
            meeting_id,
        )
        assert (new.ics_uid, new.ics_sequence) == (old.ics_uid, 1)
        kept = db.exec(select(MeetingProduct.product_id).where(MeetingProduct.meeting_id == proposal)).all()
        assert kept == db.exec(select(MeetingProduct.product_id).where(MeetingProduct.meeting_id == meeting_id)).all()

    # Both slots are held: nobody else can book either while the factory decides.
    day = local_day(new_start)
    offered = booking.slots_for(owner.factory_id, type_id, day, day)
    assert new_start not in offered and slot(20) not in offered
    with pytest.raises(SlotTaken):
        booking.reserve(
            a_buyer(),
            BookingRequest(factory_id=owner.factory_id, meeting_type_id=type_id, starts_at=new_start),
            key=new_key(),
        )

    # Each side reads it on the meeting; the list shows the meeting once, saying a time was proposed.
    for reader in (person, owner):
        detail = booking.meeting_detail(reader, meeting_id)
        assert (detail.open_proposal.id, detail.open_proposal.starts_at) == (proposal, new_start)
        assert (detail.open_proposal.proposer_name, detail.open_proposal.proposer) == ("Maya Stone", "buyer")
        listed = [m for m in booking.my_meetings(reader) if m.id in (meeting_id, proposal)]
        assert [(m.id, m.proposed_starts_at) for m in listed] == [(meeting_id, new_start)]
    proposal_detail = booking.meeting_detail(owner, proposal)
    assert proposal_detail.summary.is_reschedule and proposal_detail.original.id == meeting_id

    # A second proposal waits for the first to be answered.
    with pytest.raises(BookingRefused) as refused:
        booking.propose_time(owner, meeting_id, slot(20, hour=15), key=new_key())
    assert refused.value.key == "err.proposal_pending"


def test_the_same_form_submitted_twice_proposes_once():
    _owner, person, _type_id, meeting_id = a_confirmed_meeting(days=21)
    key = new_key()
    first = booking.propose_time(person, meeting_id, slot(21, hour=14), key=key)
    assert booking.propose_time(person, meeting_id, slot(21, hour=14), key=key) == first
    with session_scope() as db:
        assert len(db.exec(select(Meeting).where(Meeting.rescheduled_from_id == meeting_id)).all()) == 1


def test_only_the_two_sides_see_a_proposal_and_only_the_other_side_answers_it():
    owner, person, _type_id, meeting_id = a_confirmed_meeting(days=22)
    stranger, other_owner = a_buyer(), a_bookable_factory()[0]
    proposal = booking.propose_time(person, meeting_id, slot(22, hour=14), key=new_key())
    for outsider in (stranger, other_owner):
        for attempt in (
            lambda: booking.meeting_detail(outsider, proposal),
            lambda: booking.act(outsider, proposal, "accept_time"),
            lambda: booking.act(outsider, proposal, "decline_time"),
            lambda: booking.act(outsider, proposal, "withdraw_time"),
            lambda: booking.propose_time(outsider, meeting_id, slot(22, hour=15), key=new_key()),
        ):
            with pytest.raises(PermissionDenied):
                attempt()
    for own_answer in ("accept_time", "decline_time"):  # the proposer cannot answer their own proposal
        with pytest.raises(PermissionDenied):
            booking.act(person, proposal, own_answer)
    with pytest.raises(PermissionDenied):  # nor can the other side withdraw it
        booking.act(owner, proposal, "withdraw_time")
    with pytest.raises(PermissionDenied):  # and nobody replaces a meeting by hand
        booking.act(owner, meeting_id, "replace")
    assert (status_of(meeting_id), status_of(proposal)) == ("confirmed", "proposed")


def test_accepting_moves_the_meeting_and_the_calendar_event():
    owner, person, _type_id, meeting_id = a_confirmed_meeting(days=23)
    new_start = slot(23, hour=14)
    proposal = booking.propose_time(person, meeting_id, new_start, key=new_key())
    booking.act(owner, proposal, "accept_time")

    assert (status_of(meeting_id), status_of(proposal)) == ("rescheduled", "confirmed")
    old_page = booking.meeting_detail(person, meeting_id)
    assert (old_page.replaced_by.id, old_page.replaced_by.starts_at) == (proposal, new_start)
    assert old_page.open_proposal is None
    # The old slot is free again; the new one is the meeting's.
    day = local_day(new_start)
    offered = booking.slots_for(owner.factory_id, _type_id, day, day)
    assert slot(23) in offered and new_start not in offered

    # The buyer's calendar gets the same event, moved: same UID, higher SEQUENCE, the new time.
    notice = told(person.id, "meeting_time_accepted")
    assert [n.link for n in notice] == [f"/meetings/{proposal}"]
    invite = Calendar.from_ical(email_to(person.id, "meeting_time_accepted").ics)
    event = next(c for c in invite.walk() if c.name == "VEVENT")
    assert (invite["method"], str(event["uid"]), int(event["sequence"])) == (
        "REQUEST",
        f"meeting-{meeting_id}@realsourcing",
        1,
    )
    assert event.decoded("dtstart") == new_start
    # "Add to calendar" on the old page serves the moved event, never a cancellation of it.
    again = next(c for c in Calendar.from_ical(booking.calendar_file(person, meeting_id)).walk() if c.name == "VEVENT")
    assert (int(again["sequence"]), again.decoded("dtstart"), str(again["status"])) == (1, new_start, "CONFIRMED")
    # The proposal's own email carried no invitation: nothing was agreed yet.
    assert email_to(owner.id, "meeting_time_proposed").ics == ""


def test_declining_keeps_the_meeting_and_frees_the_proposed_slot():
    owner, person, type_id, meeting_id = a_confirmed_meeting(days=24)
    new_start = slot(24, hour=14)
    proposal = booking.propose_time(owner, meeting_id, new_start, key=new_key())  # the factory proposes
    booking.act(person, proposal, "decline_time")
    assert (status_of(meeting_id), status_of(proposal)) == ("confirmed", "declined")
    day = local_day(new_start)
    assert new_start in booking.slots_for(owner.factory_id, type_id, day, day)
    assert booking.meeting_detail(owner, meeting_id).open_proposal is None
    assert [m.id for m in booking.my_meetings(person) if m.id in (meeting_id, proposal)] == [meeting_id]
    # The factory hears it, with a link to the meeting that stands.
    assert [n.link for n in told(owner.id, "meeting_time_declined")] == [f"/meetings/{meeting_id}"]
    body = email_to(owner.id, "meeting_time_declined").body_text
    assert body.startswith("Maya Stone declined moving the Deep factory audit with Maya Stone (Northwind)")


def test_the_proposer_withdraws_and_may_propose_again():
    owner, person, _type_id, meeting_id = a_confirmed_meeting(days=25)
    first = booking.propose_time(person, meeting_id, slot(25, hour=14), key=new_key())
    booking.act(person, first, "withdraw_time")
    assert (status_of(meeting_id), status_of(first)) == ("confirmed", "withdrawn")
    assert [n.link for n in told(owner.id, "meeting_time_withdrawn")] == [f"/meetings/{meeting_id}"]
    second = booking.propose_time(person, meeting_id, slot(25, hour=14), key=new_key())  # the slot is free again
    assert status_of(second) == "proposed"


def test_a_slot_taken_while_the_form_was_open_is_refused_and_nothing_changes():
    owner, person, type_id, meeting_id = a_confirmed_meeting(days=26)
    wanted = slot(26, hour=14)
    booking.reserve(
        a_buyer(), BookingRequest(factory_id=owner.factory_id, meeting_type_id=type_id, starts_at=wanted), key=new_key()
    )
    with pytest.raises(SlotTaken):
        booking.propose_time(person, meeting_id, wanted, key=new_key())
    assert booking.meeting_detail(person, meeting_id).open_proposal is None
    with pytest.raises(BookingRefused) as same:
        booking.propose_time(person, meeting_id, slot(26), key=new_key())
    assert same.value.key == "err.proposal_same_time"


def test_a_new_time_next_to_the_meeting_itself_is_offered():
    """The meeting's own slot does not block its new time: 10:00-11:00 may move to 11:00 (or 9:00)."""
    _owner, person, _type_id, meeting_id = a_confirmed_meeting(days=27)
    day = local_day(slot(27))
    offered = booking.reschedule_slots(person, meeting_id, day, day)
    assert slot(27, hour=11) in offered and slot(27) not in offered  # its own time is no new time
    proposal = booking.propose_time(person, meeting_id, slot(27, hour=11), key=new_key())
    assert status_of(proposal) == "proposed"


def test_cancelling_the_meeting_takes_its_open_proposal_with_it():
    owner, person, type_id, meeting_id = a_confirmed_meeting(days=28)
    new_start = slot(28, hour=14)
    proposal = booking.propose_time(owner, meeting_id, new_start, key=new_key())
    booking.cancel(person, meeting_id, "Our buyer trip is postponed.")
    assert (status_of(meeting_id), status_of(proposal)) == ("cancelled", "withdrawn")
    day = local_day(new_start)
    assert new_start in booking.slots_for(owner.factory_id, type_id, day, day)
    history = booking.meeting_detail(person, meeting_id).history
    assert "meet.event_time_dropped" in [entry.text_key for entry in history]


def test_a_proposal_whose_time_has_passed_cannot_be_accepted():
    owner, person, _type_id, meeting_id = a_confirmed_meeting(days=29)
    new_start = slot(29, hour=14)
    proposal = booking.propose_time(person, meeting_id, new_start, key=new_key())
    with pytest.raises(BookingRefused) as refused:
        booking.act(owner, proposal, "accept_time", now=new_start + timedelta(minutes=1))
    assert refused.value.key == "err.proposal_passed"
    assert (status_of(meeting_id), status_of(proposal)) == ("confirmed", "proposed")


def test_the_factory_proposes_for_a_request_and_the_buyer_accepts_in_words_and_in_their_zone():
    owner, type_id = a_bookable_factory(name="Harbor Home Works", full_name="Zhou Host")
    person = a_buyer(full_name="Maya Stone", company_name="Northwind")
    zones.set_timezone(person, "America/New_York")
    with session_scope() as db:
        buyer = db.get(User, person.id)
        buyer.language = "zh"
        db.add(buyer)
        factory = db.get(Factory, owner.factory_id)
        factory.display_name_zh = "海港家居"
        db.add(factory)
    request = BookingRequest(factory_id=owner.factory_id, meeting_type_id=type_id, starts_at=slot(30), agenda="QC")
    meeting_id = booking.reserve(person, request, key=new_key())
    new_start = slot(30, hour=14)
    proposal = booking.propose_time(owner, meeting_id, new_start, key=new_key())
    assert status_of(meeting_id) == "requested"  # still a request until the buyer accepts

    # The buyer is told in Chinese, in their zone, naming who proposed and the factory; linked to the meeting.
    assert [n.link for n in told(person.id, "meeting_time_proposed")] == [f"/meetings/{meeting_id}"]
    body = email_to(person.id, "meeting_time_proposed").body_text
    hour = timedelta(hours=1)
    old_in_ny = timefmt.span(slot(30), slot(30) + hour, "America/New_York", "zh")
    new_in_ny = timefmt.span(new_start, new_start + hour, "America/New_York", "zh")
    assert body.startswith(f"Zhou Host 提议将与 海港家居 的 深度验厂 从 {old_in_ny}")
    assert f" 改到 {new_in_ny}" in body and "上海" in body  # the factory's clock too

    booking.act(person, proposal, "accept_time")
    assert (status_of(meeting_id), status_of(proposal)) == ("rescheduled", "confirmed")  # both agreed: confirmed
    # The owner reads the acceptance by the buyer's name (the buyer is never told of their own act).
    assert email_to(owner.id, "meeting_time_accepted").body_text.startswith(
        "Maya Stone accepted the new time: the Deep factory audit with Maya Stone (Northwind) moved from "
    )
    assert told(person.id, "meeting_time_accepted") == []

    # History, in words, both languages, times in the reader's zone.
    lines = [e for e in booking.meeting_detail(person, proposal).history if e.text_key.startswith("meet.event_time")]
    assert [e.text_key for e in lines] == ["meet.event_time_proposed", "meet.event_time_accepted"]
    proposed_en = events.in_words(lines[0].text_key, lines[0].text_params, "Asia/Shanghai", "en")
    assert proposed_en.startswith("Zhou Host proposed moving this meeting from ")
    assert "10:00 AM (Shanghai" in proposed_en and "2:30 PM (Shanghai" in proposed_en
    accepted_zh = events.in_words(lines[1].text_key, lines[1].text_params, "America/New_York", "zh")
    assert accepted_zh.startswith("Maya Stone 已接受将本次会议从 ") and "纽约" in accepted_zh


def _alembic(direction: str, revision: str) -> None:
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.attributes["configure_logging"] = False
    getattr(command, direction)(config, revision)


def test_the_proposals_migration_goes_down_and_up_with_a_proposal_waiting():
    owner, person, type_id, meeting_id = a_confirmed_meeting(days=31)
    new_start = slot(31, hour=14)
    proposal = booking.propose_time(person, meeting_id, new_start, key=new_key())
    get_engine().dispose()
    _alembic("downgrade", "search_index")
    try:
        # The older code knows no proposal: it reads a cancelled meeting (and its history says so).
        assert (status_of(meeting_id), status_of(proposal)) == ("confirmed", "cancelled")
        with get_engine().begin() as connection:
            statuses = connection.execute(
                text("SELECT DISTINCT to_status FROM meeting_events WHERE meeting_id = :m"), {"m": proposal}
            ).all()
        assert [s for (s,) in statuses] == ["cancelled"]
        get_engine().dispose()
    finally:
        _alembic("upgrade", "head")
    # Back at head, a proposed time holds its slot again: the database refuses a twin at that start.
    again = booking.propose_time(person, meeting_id, new_start, key=new_key())
    with session_scope() as db:
        twin = Meeting(
            factory_id=owner.factory_id,
            buyer_id=person.id,
            meeting_type_id=type_id,
            starts_at=new_start,
            ends_at=new_start + timedelta(hours=1),
            status="proposed",
        )
        db.add(twin)
        with pytest.raises(IntegrityError):
            db.flush()
        db.rollback()
    assert status_of(again) == "proposed"
