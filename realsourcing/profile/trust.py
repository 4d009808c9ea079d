"""Measured trust signals for a factory, computed from what really happened on the platform.

A rate or median with too few events behind it is reported as "not enough data yet" (value None),
never as an invented or default number.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import Session, col, select

from realsourcing.db import utcnow
from realsourcing.meetings.models import Meeting, MeetingStatus
from realsourcing.orders import reviews
from realsourcing.orders.models import OrderStatus, SampleOrder
from realsourcing.webinars.models import Webinar, WebinarStatus

MIN_EVENTS = 3  # fewer events than this: not enough data to say anything
RESPONSE_GRACE = timedelta(hours=48)  # a request younger than this is not yet counted as unanswered


@dataclass(frozen=True)
class Signal:
    key: str  # i18n key of the label, e.g. "trust.response_rate"
    value: str | None  # None: not enough data yet
    basis: int  # how many events it is computed from


def _hours(delta: timedelta) -> str:
    hours = delta.total_seconds() / 3600
    return f"{hours:.0f} h" if hours >= 1 else f"{max(1, round(hours * 60))} min"


def signals(db: Session, factory_id: int) -> list[Signal]:
    now = utcnow()
    requests = db.exec(
        select(col(Meeting.created_at), col(Meeting.responded_at)).where(
            Meeting.factory_id == factory_id, Meeting.created_at < now - RESPONSE_GRACE
        )
    ).all()
    answered = [responded - created for created, responded in requests if responded is not None]
    held = db.exec(
        select(Meeting.id).where(Meeting.factory_id == factory_id, Meeting.status == MeetingStatus.COMPLETED.value)
    ).all()
    hosted = db.exec(
        select(Webinar.id).where(Webinar.factory_id == factory_id, Webinar.status == WebinarStatus.ENDED.value)
    ).all()
    shipped = db.exec(
        select(col(SampleOrder.shipped_at), col(SampleOrder.promised_ship_by)).where(
            SampleOrder.factory_id == factory_id,
            col(SampleOrder.shipped_at).is_not(None),
            col(SampleOrder.promised_ship_by).is_not(None),
            col(SampleOrder.status).in_(
                [
                    s.value
                    for s in (OrderStatus.SHIPPED, OrderStatus.DELIVERED, OrderStatus.COMPLETED, OrderStatus.REFUNDED)
                ]
            ),
        )
    ).all()
    # Both are set on every row (the query asks for that); the check only tells the type checker.
    on_time = sum(
        1
        for shipped_at, promised in shipped
        if shipped_at is not None and promised is not None and shipped_at.date() <= promised
    )

    rated = reviews.summary(db, factory_id)

    def enough(n: int, value: str) -> str | None:
        return value if n >= MIN_EVENTS else None

    return [
        Signal(
            "trust.response_rate",
            enough(len(requests), f"{round(100 * len(answered) / max(1, len(requests)))} %"),
            len(requests),
        ),
        Signal(
            "trust.response_time",
            enough(
                len(answered),
                _hours(timedelta(seconds=statistics.median(a.total_seconds() for a in answered))) if answered else "",
            ),
            len(answered),
        ),
        # Counts are facts at any size; only rates and medians need enough events behind them.
        Signal("trust.meetings_held", str(len(held)), len(held)),
        Signal("trust.webinars_hosted", str(len(hosted)), len(hosted)),
        Signal(
            "trust.on_time_shipping",
            enough(len(shipped), f"{round(100 * on_time / max(1, len(shipped)))} %"),
            len(shipped),
        ),
        # Reviews come only from completed, paid sample orders (orders/reviews.py); averages need MIN_REVIEWS.
        *(
            Signal(f"trust.review_{name}", None if value is None else f"{value} / 5", rated.count)
            for name, value in rated.averages.items()
        ),
        Signal("trust.reviews", str(rated.count), rated.count),
    ]
