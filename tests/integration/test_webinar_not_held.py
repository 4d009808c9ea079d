"""A webinar that never went live: shown as "did not take place" after its planned end, gone from
upcoming lists and buyers' pipelines, and its registered buyers told exactly once."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlmodel import select

from realsourcing.db import session_scope, utcnow
from realsourcing.notifications import reminders
from realsourcing.notifications.models import Notification, OutboxMessage
from realsourcing.profile import insights
from realsourcing.webinars import service as webinars
from realsourcing.webinars.models import Webinar
from realsourcing.webinars.service import WebinarForm
from tests.support.builders import a_buyer, a_factory


def _a_webinar_that_never_went_live(owner) -> int:
    start = utcnow() + timedelta(days=2)
    webinar_id = webinars.save_webinar(
        owner,
        WebinarForm(
            title_en="Kiln tour that never started",
            title_zh="从未开始的窑炉参观",
            start_local=start.astimezone(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%dT%H:%M"),
            duration_min="60",
        ),
    )
    webinars.schedule(owner, webinar_id)
    return webinar_id


def _move_to_the_past(webinar_id: int, ended_minutes_ago: int) -> None:
    with session_scope() as db:
        webinar = db.get(Webinar, webinar_id)
        webinar.starts_at = utcnow() - timedelta(minutes=60 + ended_minutes_ago)
        db.add(webinar)


def test_it_is_shown_as_did_not_take_place_everywhere_and_leaves_the_pipeline():
    owner = a_factory()
    buyer = a_buyer()
    webinar_id = _a_webinar_that_never_went_live(owner)
    webinars.register(buyer, webinar_id)
    with session_scope() as db:
        db.get(Webinar, webinar_id).starts_at = utcnow() - timedelta(minutes=30)  # running late, not over
    assert webinars.detail(webinar_id, buyer).card.status == "scheduled"
    assert webinar_id in [w[0] for w in insights.buyer_pipeline(buyer).webinars]
    _move_to_the_past(webinar_id, 1)
    assert webinars.detail(webinar_id, buyer).card.status == "did_not_take_place"
    assert [d.card.status for d in webinars.my_webinars(owner) if d.card.id == webinar_id] == ["did_not_take_place"]
    square = webinars.square(limit=200)
    assert webinar_id not in [c.id for c in square.upcoming + square.live]
    assert webinar_id in [c.id for c in square.past if c.status == "did_not_take_place"]
    assert webinar_id not in [w[0] for w in insights.buyer_pipeline(buyer).webinars]


def test_registered_buyers_are_told_once_in_app_and_by_email_in_their_language():
    owner = a_factory()
    first, second, left = a_buyer(), a_buyer(), a_buyer()
    webinar_id = _a_webinar_that_never_went_live(owner)
    for buyer in (first, second, left):
        webinars.register(buyer, webinar_id)
    webinars.unregister(left, webinar_id)
    reminders.schedule_not_held()  # still upcoming: nobody is told
    reminders.send_due()
    with session_scope() as db:
        assert not db.exec(
            select(Notification).where(Notification.user_id == first.id, Notification.kind == reminders.NOT_HELD)
        ).all()
    _move_to_the_past(webinar_id, 2)
    reminders.schedule_not_held()
    reminders.send_due()
    reminders.schedule_not_held()  # a second run, and another worker's, tell nobody again
    reminders.send_due()
    with session_scope() as db:

        def told(user_id: int) -> list[Notification]:
            return db.exec(
                select(Notification).where(Notification.user_id == user_id, Notification.kind == reminders.NOT_HELD)
            ).all()

        assert [n.link for n in told(first.id)] == [f"/webinars/{webinar_id}"]
        assert len(told(second.id)) == 1
        assert told(left.id) == []  # unregistered before: not told
        assert told(owner.id) == []
        email = db.exec(
            select(OutboxMessage).where(OutboxMessage.user_id == first.id, OutboxMessage.kind == reminders.NOT_HELD)
        ).one()
        assert "did not take place" in email.body_text and f"/webinars/{webinar_id}" in email.body_text


def test_one_that_went_live_late_or_was_cancelled_is_not_reported():
    owner = a_factory()
    buyer = a_buyer()
    webinar_id = _a_webinar_that_never_went_live(owner)
    webinars.register(buyer, webinar_id)
    webinars.cancel(owner, webinar_id, "The kiln is being repaired.")
    _move_to_the_past(webinar_id, 3)
    reminders.schedule_not_held()
    reminders.send_due()
    with session_scope() as db:
        assert not db.exec(
            select(Notification).where(Notification.user_id == buyer.id, Notification.kind == reminders.NOT_HELD)
        ).all()
    assert webinars.detail(webinar_id, buyer).card.status == "cancelled"
