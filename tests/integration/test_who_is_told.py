"""Who hears about a meeting: never the person who acted; the other side and the acting member's
colleagues always. Each reader's email names the OTHER party, in the reader's language."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import select

from realsourcing.accounts import service as accounts
from realsourcing.accounts.models import User
from realsourcing.core.idempotency import new_key
from realsourcing.db import session_scope, utcnow
from realsourcing.meetings import booking
from realsourcing.meetings.booking import BookingRequest
from realsourcing.notifications.models import Notification, OutboxMessage
from realsourcing.profile.models import Factory, FactoryMember
from tests.support.builders import a_bookable_factory, a_buyer

SH = ZoneInfo("Asia/Shanghai")


def _slot(days: int, hour: int = 10) -> datetime:
    day = (utcnow() + timedelta(days=days)).astimezone(SH).date()
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=SH).astimezone(ZoneInfo("UTC"))


def _factory_with_a_colleague():
    owner, type_id = a_bookable_factory(name="Harbor Home Works")
    colleague = a_buyer(full_name="Chen Jing", company_name="")
    with session_scope() as db:
        db.add(FactoryMember(factory_id=owner.factory_id, user_id=colleague.id))
        factory = db.get(Factory, owner.factory_id)
        factory.display_name_zh = "海港家居"
        db.add(factory)
        user = db.get(User, colleague.id)
        user.language = "zh"
        db.add(user)
    return owner, accounts._load_current_user(colleague.id), type_id


def _kinds(user_id: int, meeting_ids: tuple[int, ...]) -> list[str]:
    with session_scope() as db:
        rows = db.exec(select(Notification).where(Notification.user_id == user_id).order_by(Notification.id)).all()
        return [n.kind for n in rows if n.payload.get("meeting_id") in meeting_ids]


def _email(user_id: int, kind: str) -> OutboxMessage:
    with session_scope() as db:
        return db.exec(
            select(OutboxMessage)
            .where(OutboxMessage.user_id == user_id, OutboxMessage.kind == kind)
            .order_by(OutboxMessage.id.desc())
        ).first()


def test_nobody_is_told_of_their_own_act_but_the_other_side_and_colleagues_are():
    owner, colleague, type_id = _factory_with_a_colleague()
    person = a_buyer(full_name="Maya Stone", company_name="Northwind")
    request = BookingRequest(
        factory_id=owner.factory_id, meeting_type_id=type_id, starts_at=_slot(9), agenda="Check moulds and QC"
    )
    meeting_id = booking.reserve(person, request, key=new_key())
    booking.confirm(owner, meeting_id)
    moved = booking.propose_time(person, meeting_id, _slot(9, 11), key=new_key())
    booking.act(owner, moved, "accept_time")
    booking.cancel(person, moved, "Our buyer trip is postponed.")
    ids = (meeting_id, moved)
    # The buyer hears only what the factory did; the owner only what the buyer did.
    assert _kinds(person.id, ids) == ["meeting_confirmed", "meeting_time_accepted"]
    assert _kinds(owner.id, ids) == ["meeting_requested", "meeting_time_proposed", "meeting_cancelled"]
    # The colleague hears everything: the owner's confirmation and acceptance were not theirs.
    assert _kinds(colleague.id, ids) == [
        "meeting_requested",
        "meeting_confirmed",
        "meeting_time_proposed",
        "meeting_time_accepted",
        "meeting_cancelled",
    ]


def test_a_factory_member_who_declines_is_not_told_but_the_buyer_is():
    owner, colleague, type_id = _factory_with_a_colleague()
    person = a_buyer()
    request = BookingRequest(
        factory_id=owner.factory_id, meeting_type_id=type_id, starts_at=_slot(10), agenda="Check moulds and QC"
    )
    meeting_id = booking.reserve(person, request, key=new_key())
    booking.decline(colleague, meeting_id, "Our line is shut that week.")
    assert _kinds(colleague.id, (meeting_id,)) == ["meeting_requested"]
    assert _kinds(owner.id, (meeting_id,)) == ["meeting_requested", "meeting_declined"]
    assert _kinds(person.id, (meeting_id,)) == ["meeting_declined"]


def test_each_reader_of_a_meeting_email_reads_the_other_partys_name_in_their_language():
    owner, colleague, type_id = _factory_with_a_colleague()
    person = a_buyer(full_name="Maya Stone", company_name="Northwind")
    with session_scope() as db:
        buyer = db.get(User, person.id)
        buyer.language = "zh"  # a Chinese-reading buyer too: the factory's Chinese name
        db.add(buyer)
    request = BookingRequest(
        factory_id=owner.factory_id, meeting_type_id=type_id, starts_at=_slot(11), agenda="Check moulds and QC"
    )
    meeting_id = booking.reserve(person, request, key=new_key())
    booking.confirm(owner, meeting_id)
    to_buyer = _email(person.id, "meeting_confirmed").body_text
    to_colleague = _email(colleague.id, "meeting_confirmed").body_text  # Chinese, a factory member
    assert "您与 海港家居 的 深度验厂 已确认" in to_buyer
    assert "Maya Stone" not in to_buyer.split("—")[0]
    assert "您与 Maya Stone (Northwind) 的 深度验厂 已确认" in to_colleague
    assert "海港家居" not in to_colleague.split("会议室")[0]
    booking.cancel(person, meeting_id, "Our buyer trip is postponed.")
    to_owner = _email(owner.id, "meeting_cancelled").body_text  # English, a factory member
    assert "The Deep factory audit with Maya Stone (Northwind) on " in to_owner
    assert "cancelled by Maya Stone" in to_owner
    assert "Harbor Home" not in to_owner.split("Reason")[0]
