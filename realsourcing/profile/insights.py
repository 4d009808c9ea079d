"""Insights: profile views counted cheaply, and a factory's last 90 days in weekly numbers.

Rules:
- A profile view costs no database write: views are counted in memory per (factory, day) and
  flushed in batches (adding to the stored count, so several workers add up). Bots and the
  factory's own members are not counted.
- Every figure comes from the database; weeks without data are zero, and "no data" is said as such.
"""

from __future__ import annotations

import statistics
import threading
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import literal_column, null, union_all
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from realsourcing.accounts.identity import CurrentUser
from realsourcing.core.errors import NotFound, PermissionDenied
from realsourcing.db import id_of, session_scope, utcnow
from realsourcing.meetings.lifecycle import STANDING_STATUSES
from realsourcing.meetings.models import Meeting, MeetingStatus
from realsourcing.orders.models import OrderStatus, SampleOrder
from realsourcing.profile.membership import require_member
from realsourcing.profile.models import Factory, Follow, ProfileViewDaily
from realsourcing.webinars.models import Webinar, WebinarAttendance, WebinarRegistration
from realsourcing.webinars.phase import never_went_live

BOT_MARKERS = (
    "bot",
    "crawler",
    "spider",
    "slurp",
    "facebookexternalhit",
    "headless",
    "curl",
    "python-requests",
    "httpx",
)


class ProfileViewCounter:
    """Per-process, thread-safe tally of profile views waiting to be written."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: Counter[tuple[int, date]] = Counter()

    def add(self, factory_id: int, day: date) -> None:
        with self._lock:
            self._counts[(factory_id, day)] += 1

    def take(self) -> Counter[tuple[int, date]]:
        with self._lock:
            counts, self._counts = self._counts, Counter()
        return counts


COUNTER = ProfileViewCounter()


def record_view(
    factory_id: int, viewer: CurrentUser | None, user_agent: str, counter: ProfileViewCounter = COUNTER
) -> bool:
    """Count a view of a factory's public page unless it is a bot or the factory itself. Returns whether counted.

    The viewer is None for anonymous visitors: the public page is for them too, and their views count.
    """
    agent = (user_agent or "").lower()
    if not agent or any(marker in agent for marker in BOT_MARKERS):
        return False
    if viewer is not None and viewer.factory_id == factory_id:
        return False
    counter.add(factory_id, utcnow().date())
    return True


def flush_views(counter: ProfileViewCounter = COUNTER) -> int:
    """Write the tallied views (one row per factory and day). Returns how many views were written."""
    counts = counter.take()
    if not counts:
        return 0
    with session_scope() as db:
        for (factory_id, day), n in counts.items():
            row = db.exec(
                select(ProfileViewDaily).where(ProfileViewDaily.factory_id == factory_id, ProfileViewDaily.day == day)
            ).first()
            row = row or ProfileViewDaily(factory_id=factory_id, day=day, views=0)
            row.views += n
            db.add(row)
    return sum(counts.values())


@dataclass(frozen=True)
class WeekRow:
    week: str  # Monday of the week, "MM-DD"
    views: int
    registrations: int
    attendees: int
    requests: int
    confirmed: int
    held: int
    orders: int
    revenue_cents: int  # paid, not refunded orders, in FactoryInsights.revenue_currency


@dataclass(frozen=True)
class FactoryInsights:
    weeks: list[WeekRow]
    median_response_hours: float | None
    on_time_rate: float | None
    has_data: bool
    revenue_currency: str = ""  # the currency most of the revenue is in ("" with no paid orders)
    revenue_totals: dict[str, int] = field(default_factory=dict)  # currency → cents over the whole period


def factory_insights(actor: CurrentUser, days: int = 90) -> FactoryInsights:
    """The factory's last `days` days, by week (members only)."""
    with session_scope() as db:
        factory = require_member(db, actor)
        return insights_in(db, id_of(factory), days)


def insights_in(db: Session, factory_id: int, days: int = 90) -> FactoryInsights:
    """A factory's last `days` days, by week, in three statements (the caller checked who is asking)."""
    today = utcnow().date()
    first_monday = today - timedelta(days=days) - timedelta(days=(today - timedelta(days=days)).weekday())
    weeks = [first_monday + timedelta(weeks=i) for i in range((today - first_monday).days // 7 + 1)]

    def week_of(d: date) -> date:
        return d - timedelta(days=d.weekday())

    since = utcnow() - timedelta(days=days)
    tally: dict[str, Counter[date]] = {
        k: Counter() for k in ("views", "registrations", "attendees", "requests", "confirmed", "held", "orders")
    }
    revenue: dict[str, Counter[date]] = {}  # currency → week → cents
    for row in db.exec(
        select(ProfileViewDaily).where(ProfileViewDaily.factory_id == factory_id, ProfileViewDaily.day >= first_monday)
    ).all():
        tally["views"][week_of(row.day)] += row.views
    # registrations (1) and attendances (2) of the factory's webinars, in one statement
    mine = select(Webinar.id).where(Webinar.factory_id == factory_id)
    for kind, at in db.exec(
        union_all(
            select(literal_column("1").label("kind"), col(WebinarRegistration.created_at).label("at")).where(
                col(WebinarRegistration.webinar_id).in_(mine), WebinarRegistration.created_at >= since
            ),
            select(literal_column("2"), col(WebinarAttendance.joined_at)).where(
                col(WebinarAttendance.webinar_id).in_(mine), WebinarAttendance.joined_at >= since
            ),
        )  # type: ignore[call-overload]
    ).all():
        tally["registrations" if int(kind) == 1 else "attendees"][week_of(at.date())] += 1
    # orders (1) and first-time meeting requests (2), in one statement: orders first, their columns' types
    # read both (a meeting has no currency, total or promised date)
    responses = []
    shipped: list[tuple[date, date]] = []
    for kind, created, when, done, status, code, cents, promised in db.exec(
        union_all(
            sa_select(
                literal_column("1"),
                col(SampleOrder.created_at),
                col(SampleOrder.paid_at),
                col(SampleOrder.shipped_at),
                col(SampleOrder.status),
                col(SampleOrder.currency),
                col(SampleOrder.total_cents),
                col(SampleOrder.promised_ship_by),
            ).where(col(SampleOrder.factory_id) == factory_id, col(SampleOrder.created_at) >= since),
            sa_select(
                literal_column("2"),
                col(Meeting.created_at),
                col(Meeting.starts_at),
                col(Meeting.responded_at),
                col(Meeting.status),
                null(),
                null(),
                null(),
            ).where(
                col(Meeting.factory_id) == factory_id,
                col(Meeting.created_at) >= since,
                col(Meeting.rescheduled_from_id).is_(None),
            ),
        )  # type: ignore[call-overload]
    ).all():
        if int(kind) == 2:  # a meeting: `when` is its start, `done` when the factory answered
            tally["requests"][week_of(created.date())] += 1
            if status in (MeetingStatus.CONFIRMED.value, MeetingStatus.COMPLETED.value, MeetingStatus.NO_SHOW.value):
                tally["confirmed"][week_of(created.date())] += 1
            if status == MeetingStatus.COMPLETED.value:
                tally["held"][week_of(when.date())] += 1
            if done:
                responses.append((done - created).total_seconds() / 3600)
            continue
        # an order: `when` is when it was paid, `done` when it shipped
        if done is not None and promised is not None:
            shipped.append((done.date(), promised))
        tally["orders"][week_of(created.date())] += 1
        if when is not None and status != OrderStatus.REFUNDED.value:
            revenue.setdefault(code, Counter())[week_of(when.date())] += cents
    totals = {currency: sum(by_week.values()) for currency, by_week in sorted(revenue.items())}
    currency = max(totals, key=lambda c: totals[c]) if totals else ""
    charted = revenue.get(currency, Counter())
    rows = [
        WeekRow(
            week=w.strftime("%m-%d"),
            views=tally["views"][w],
            registrations=tally["registrations"][w],
            attendees=tally["attendees"][w],
            requests=tally["requests"][w],
            confirmed=tally["confirmed"][w],
            held=tally["held"][w],
            orders=tally["orders"][w],
            revenue_cents=charted[w],
        )
        for w in weeks
    ]
    has_data = any(sum(t.values()) for t in tally.values()) or bool(revenue)
    on_time = (sum(1 for done, promised in shipped if done <= promised) / len(shipped)) if shipped else None
    median_response = round(statistics.median(responses), 1) if responses else None
    return FactoryInsights(rows, median_response, on_time, has_data, currency, totals)


@dataclass(frozen=True)
class Pipeline:
    webinars: list[tuple[int, str, datetime]]  # id, title, starts_at
    meetings: list[tuple[int, str, str, datetime]]  # id, factory, status, starts_at
    orders: list[tuple[int, str, str, str]]  # id, reference, factory, status
    factories: list[tuple[str, str]]  # slug, name — followed, or contacted through a meeting or an order


def buyer_pipeline(actor: CurrentUser) -> Pipeline:
    """A buyer's sourcing at a glance: what is coming up and what is open, from the database."""
    now = utcnow()
    with session_scope() as db:
        webinars = db.exec(
            select(Webinar)
            .join(WebinarRegistration, col(WebinarRegistration.webinar_id) == Webinar.id)
            .where(
                WebinarRegistration.user_id == actor.id,
                col(WebinarRegistration.cancelled_at).is_(None),
                col(Webinar.status).in_(["scheduled", "live"]),
                Webinar.starts_at > now - timedelta(hours=4),
            )
            .order_by(col(Webinar.starts_at))
            .limit(10)
        ).all()
        # One that never went live has left the pipeline once its planned end passed (webinars.phase).
        webinars = [w for w in webinars if not never_went_live(w.status, w.starts_at, w.duration_min, now)][:5]
        meetings = db.exec(
            select(Meeting, Factory)
            .join(Factory, col(Factory.id) == Meeting.factory_id)
            .where(Meeting.buyer_id == actor.id, col(Meeting.status).in_(STANDING_STATUSES), Meeting.ends_at > now)
            .order_by(col(Meeting.starts_at))
            .limit(5)
        ).all()
        orders = db.exec(
            select(SampleOrder, Factory)
            .join(Factory, col(Factory.id) == SampleOrder.factory_id)
            .where(
                SampleOrder.buyer_id == actor.id,
                col(SampleOrder.status).in_(["awaiting_payment", "paid", "accepted", "shipped", "delivered"]),
            )
            .order_by(col(SampleOrder.created_at).desc())
            .limit(5)
        ).all()
        contacted = db.exec(
            select(Factory.slug, Factory.display_name_en)
            .where(
                col(Factory.id).in_(select(Meeting.factory_id).where(Meeting.buyer_id == actor.id))
                | col(Factory.id).in_(select(SampleOrder.factory_id).where(SampleOrder.buyer_id == actor.id))
                | col(Factory.id).in_(select(Follow.factory_id).where(Follow.buyer_id == actor.id))
            )
            .limit(12)
        ).all()
        return Pipeline(
            [(id_of(w), w.title_en, w.starts_at) for w in webinars],
            [(id_of(m), f.display_name_en, m.status, m.starts_at) for m, f in meetings],
            [(id_of(o), o.reference, f.display_name_en, o.status) for o, f in orders],
            [(slug, name) for slug, name in contacted],
        )


def is_following(actor: CurrentUser, factory_id: int) -> bool:
    with session_scope() as db:
        return (
            db.exec(select(Follow.id).where(Follow.buyer_id == actor.id, Follow.factory_id == factory_id)).first()
            is not None
        )


def set_following(actor: CurrentUser, factory_id: int, follow: bool) -> None:
    """A buyer keeps an eye on a factory (their pipeline lists it). Members cannot follow their own."""
    with session_scope() as db:
        if db.get(Factory, factory_id) is None:
            raise NotFound()
        if actor.factory_id == factory_id:
            raise PermissionDenied()
        existing = db.exec(select(Follow).where(Follow.buyer_id == actor.id, Follow.factory_id == factory_id)).first()
        if follow and existing is None:
            db.add(Follow(buyer_id=actor.id, factory_id=factory_id))
        elif not follow and existing is not None:
            db.delete(existing)
