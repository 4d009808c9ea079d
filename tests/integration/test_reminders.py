"""Reminders go out exactly once, however many workers claim them at the same time."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func
from sqlmodel import col, select

from realsourcing.core.idempotency import new_key
from realsourcing.db import session_scope, utcnow
from realsourcing.meetings import booking
from realsourcing.meetings.booking import BookingRequest
from realsourcing.notifications import reminders
from realsourcing.notifications.models import OutboxMessage, Reminder
from realsourcing.webinars import service as webinars
from realsourcing.webinars.models import Webinar
from tests.support.builders import a_bookable_factory, a_buyer, a_factory


def test_two_workers_send_200_due_reminders_exactly_once():
    user = a_buyer()
    owner, type_id = a_bookable_factory(auto_confirm=True)
    day = (utcnow() + timedelta(days=5)).astimezone(ZoneInfo("Asia/Shanghai")).date()
    start = datetime(day.year, day.month, day.day, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
    meeting_id = booking.reserve(
        user,
        BookingRequest(factory_id=owner.factory_id, meeting_type_id=type_id, starts_at=start, agenda="QC"),
        key=new_key(),
    )  # a confirmed meeting: its reminders link to it and are still relevant
    with session_scope() as db:
        for i in range(200):
            db.add(
                Reminder(
                    kind="meeting_reminder_1h",
                    subject_key=f"race:{user.id}:{i}",
                    user_id=user.id,
                    due_at=utcnow() - timedelta(minutes=1),
                    payload={"meeting_id": meeting_id, "when_utc": "2026-12-01 09:00"},
                )
            )
    counts: dict[str, int] = {}
    barrier = threading.Barrier(2)

    def worker(name: str) -> None:
        barrier.wait()
        counts[name] = reminders.send_due(limit=500, worker=name)

    threads = [threading.Thread(target=worker, args=(n,)) for n in ("worker-a", "worker-b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with session_scope() as db:
        emails = db.exec(
            select(func.count()).where(OutboxMessage.user_id == user.id, OutboxMessage.kind == "meeting_reminder_1h")
        ).one()
        statuses = db.exec(
            select(Reminder.status, func.count())
            .where(Reminder.user_id == user.id, col(Reminder.subject_key).startswith("race:"))
            .group_by(Reminder.status)
        ).all()
    # The browser tests' app server (same database, same run) runs the same worker every 10 s and may
    # claim some of them too: what matters is that every reminder is sent exactly once, by someone.
    assert 0 < counts["worker-a"] + counts["worker-b"] <= 200
    assert emails == 200
    assert dict(statuses) == {"sent": 200}
    assert reminders.send_due() == 0  # nothing left, nothing sent twice


def test_registering_schedules_reminders_once_and_cancelling_drops_them():
    owner = a_factory()
    buyer = a_buyer()
    start = (utcnow() + timedelta(days=3)).replace(second=0, microsecond=0)
    webinar_id = webinars.save_webinar(
        owner,
        webinars.WebinarForm(
            title_en="Reminder test tour",
            start_local=start.astimezone(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%dT%H:%M"),
        ),
    )
    webinars.schedule(owner, webinar_id)
    webinars.register(buyer, webinar_id)
    webinars.unregister(buyer, webinar_id)
    webinars.register(buyer, webinar_id)
    with session_scope() as db:
        rows = db.exec(select(Reminder).where(Reminder.user_id == buyer.id)).all()
        assert sorted(r.kind for r in rows) == ["webinar_reminder_15m", "webinar_reminder_24h"]
        for row in rows:  # pretend both are due now
            row.due_at = utcnow() - timedelta(seconds=1)
            db.add(row)
    reminders.send_due()
    with session_scope() as db:
        mails = db.exec(
            select(OutboxMessage).where(
                OutboxMessage.user_id == buyer.id, OutboxMessage.kind.like("webinar_reminder_%")
            )
        ).all()
        assert len(mails) == 2 and all(
            "BEGIN:VCALENDAR" in m.ics and f"/webinars/{webinar_id}" in m.body_text for m in mails
        )
        for row in db.exec(
            select(Reminder).where(Reminder.user_id == buyer.id)
        ).all():  # and once more, for the cancellation case
            row.status, row.due_at = "due", utcnow() - timedelta(seconds=1)
            db.add(row)
    webinars.cancel(owner, webinar_id, "The factory is closed for a holiday.")
    reminders.send_due()
    with session_scope() as db:
        assert {r.status for r in db.exec(select(Reminder).where(Reminder.user_id == buyer.id)).all()} == {"cancelled"}
        assert db.get(Webinar, webinar_id).status == "cancelled"


def test_optional_emails_can_be_turned_off_but_not_transactional_ones():
    import pytest

    from realsourcing.core.errors import ValidationFailed
    from realsourcing.notifications import service as notifications

    user = a_buyer()
    assert notifications.preferences(user) == {"webinars": True}
    notifications.set_preference(user, "webinars", False)
    with pytest.raises(ValidationFailed):
        notifications.set_preference(user, "orders", False)
    with session_scope() as db:
        from realsourcing.accounts.models import User
        from realsourcing.notifications.models import Notification

        account = db.get(User, user.id)
        notifications.notify(db, account, "webinar_reminder_15m", {"title": "T"}, link="/webinars/1")
        notifications.notify(db, account, "order_shipped", {"reference": "RS-1"}, link="/orders/1")
    with session_scope() as db:
        sent = db.exec(
            select(OutboxMessage.kind).where(OutboxMessage.user_id == user.id, OutboxMessage.kind != "account_created")
        ).all()
        assert sorted(sent) == ["order_shipped"]
        in_app = db.exec(
            select(Notification.kind).where(Notification.user_id == user.id, Notification.kind != "account_created")
        ).all()
        assert sorted(in_app) == ["order_shipped", "webinar_reminder_15m"]  # both still in-app


def test_profile_views_skip_bots_and_the_factory_itself_and_flush_in_batches():
    from realsourcing.profile import insights

    owner = a_factory()
    buyer = a_buyer()
    counter = insights.ProfileViewCounter()
    chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36"
    assert insights.record_view(owner.factory_id, None, chrome, counter)
    assert insights.record_view(owner.factory_id, buyer, chrome, counter)
    assert not insights.record_view(owner.factory_id, owner, chrome, counter)  # a self-view
    assert not insights.record_view(owner.factory_id, None, "Googlebot/2.1 (+http://www.google.com/bot.html)", counter)
    assert insights.flush_views(counter) == 2
    assert insights.record_view(owner.factory_id, None, chrome, counter)
    assert insights.flush_views(counter) == 1  # adds to the same day's row
    weekly = insights.factory_insights(owner)
    assert sum(w.views for w in weekly.weeks) == 3 and weekly.has_data
    assert weekly.on_time_rate is None and weekly.median_response_hours is None  # no data is said as no data


def test_buyer_pipeline_shows_what_is_coming_and_open():
    from realsourcing.profile import insights

    owner = a_factory()
    buyer = a_buyer()
    start = (utcnow() + timedelta(days=4)).replace(second=0, microsecond=0)
    webinar_id = webinars.save_webinar(
        owner,
        webinars.WebinarForm(
            title_en="Pipeline tour", start_local=start.astimezone(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%dT%H:%M")
        ),
    )
    webinars.schedule(owner, webinar_id)
    assert insights.buyer_pipeline(buyer).webinars == []
    webinars.register(buyer, webinar_id)
    pipeline = insights.buyer_pipeline(buyer)
    assert [(i, t) for i, t, _s in pipeline.webinars] == [(webinar_id, "Pipeline tour")]
    assert pipeline.meetings == [] and pipeline.orders == [] and pipeline.factories == []


def test_following_a_factory_puts_it_in_the_pipeline():
    import pytest

    from realsourcing.core.errors import PermissionDenied
    from realsourcing.profile import insights

    owner, buyer = a_factory(name="Reminder Works"), a_buyer()
    insights.set_following(buyer, owner.factory_id, True)
    insights.set_following(buyer, owner.factory_id, True)  # twice is once
    assert insights.is_following(buyer, owner.factory_id)
    assert [name for _slug, name in insights.buyer_pipeline(buyer).factories] == ["Reminder Works"]
    with pytest.raises(PermissionDenied):
        insights.set_following(owner, owner.factory_id, True)
    insights.set_following(buyer, owner.factory_id, False)
    assert insights.buyer_pipeline(buyer).factories == []
