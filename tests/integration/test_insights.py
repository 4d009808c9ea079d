"""The factory's charts compute what really happened (asserted on the numbers the dashboard shows)."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from realsourcing.accounts import service as accounts
from realsourcing.accounts.service import SignUpForm
from realsourcing.core.idempotency import new_key
from realsourcing.db import session_scope, utcnow
from realsourcing.meetings import booking, schedule_setup
from realsourcing.orders import service as orders
from realsourcing.orders.models import ShippingRate
from realsourcing.profile import catalog, insights
from realsourcing.webinars import service as webinars
from tests.support.builders import PASSWORD, with_bank_details


def test_weekly_insights_match_the_facts():
    owner = accounts.sign_up(
        SignUpForm(
            email=f"ins-{uuid.uuid4().hex[:8]}@example.com",
            password=PASSWORD,
            full_name="Insight Host",
            account_type="factory",
            factory_name_en="Insight Works",
            factory_city="331000",  # 台州
            factory_province="330000",
        )
    )
    buyers = [
        accounts.sign_up(
            SignUpForm(email=f"ib-{uuid.uuid4().hex[:8]}@example.com", password=PASSWORD, full_name=f"Buyer {i}")
        )
        for i in range(3)
    ]
    # 3 registrations for one webinar
    start = (utcnow() + timedelta(days=5)).replace(second=0, microsecond=0)
    webinar_id = webinars.save_webinar(
        owner,
        webinars.WebinarForm(
            title_en="Insight tour", start_local=start.astimezone(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%dT%H:%M")
        ),
    )
    webinars.schedule(owner, webinar_id)
    for b in buyers:
        webinars.register(b, webinar_id)
    # 3 meeting requests, 2 confirmed
    schedule_setup.save_schedule(
        owner,
        schedule_setup.ScheduleForm(
            timezone="Asia/Shanghai", weekly={d: "09:00-12:00" for d in range(7)}, min_notice_hours="0", max_per_day="0"
        ),
    )
    type_id = schedule_setup.save_meeting_type(owner, "Audit", "验厂", "60")
    day = (utcnow() + timedelta(days=8)).astimezone(ZoneInfo("Asia/Shanghai")).date()
    ids = [
        booking.reserve(
            b,
            booking.BookingRequest(
                owner.factory_id,
                type_id,
                datetime(day.year, day.month, day.day, 9 + i, tzinfo=ZoneInfo("Asia/Shanghai")).astimezone(
                    ZoneInfo("UTC")
                ),
            ),
            key=new_key(),
        )
        for i, b in enumerate(buyers)
    ]
    booking.confirm(owner, ids[0])
    booking.confirm(owner, ids[1])
    # 2 orders, one paid by bank transfer (USD 10 + 45 shipping)
    product = catalog.save_product(
        owner,
        {
            "name_en": "Cup",
            "category": "home_kitchen",
            "sample_price": "10",
            "sample_max_qty": "2",
            "sample_lead_time_days": "3",
        },
    )
    catalog.set_published(owner, product, True)
    with session_scope() as db:
        db.add(ShippingRate(factory_id=owner.factory_id, region="north_america", fee_cents=4500))
    with_bank_details(owner)
    address = orders.Address("Bo Buyer", "", "US", "1 Main St", "", "Austin", "TX", "73301", "+1 512 555 0100")
    paid = orders.create_order(
        buyers[0], owner.factory_id, [orders.Line(product, 1)], address, payment_method="bank_transfer", key=new_key()
    )
    orders.create_order(
        buyers[1], owner.factory_id, [orders.Line(product, 1)], address, payment_method="bank_transfer", key=new_key()
    )
    orders.act(owner, paid, "mark_paid")

    result = insights.factory_insights(owner)
    total = lambda field: sum(getattr(w, field) for w in result.weeks)  # noqa: E731
    assert (total("registrations"), total("requests"), total("confirmed"), total("held"), total("orders")) == (
        3,
        3,
        2,
        0,
        2,
    )
    assert (total("revenue_cents"), result.revenue_currency, result.revenue_totals) == (5500, "USD", {"USD": 5500})
    assert result.has_data and result.median_response_hours is not None and result.on_time_rate is None
    assert len(result.weeks) >= 13 and result.weeks[-1].requests == 3  # all of it happened this week
