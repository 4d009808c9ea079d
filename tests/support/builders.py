"""Test data, built through the real services (sign-up, schedule set-up, catalogue) as a user would.

Each builder makes fresh rows with unique emails, so tests never depend on each other's data;
keyword arguments change only what a test cares about.
"""

from __future__ import annotations

import re
import uuid
from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

from sqlmodel import col, select

from realsourcing.accounts import service as accounts
from realsourcing.accounts.identity import CurrentUser
from realsourcing.accounts.models import Role, User
from realsourcing.accounts.service import SignUpForm
from realsourcing.core import divisions, idempotency
from realsourcing.db import session_scope
from realsourcing.meetings import booking, schedule_setup
from realsourcing.notifications.models import OutboxMessage
from realsourcing.profile import bank_setup, catalog, documents, team
from realsourcing.profile.team import INVITE_KIND
from tests.support.coroutines import run_coroutine

PASSWORD = "a long enough passphrase"
MEETING_HOURS = "09:00-12:00, 13:30-17:30"


def an_email(prefix: str = "user") -> str:
    """An address no other test uses."""
    return f"{prefix}-{uuid.uuid4().hex[:10]}@example.com"


def a_buyer(
    email: str | None = None,
    *,
    full_name: str = "Buyer Person",
    company_name: str = "Brand Co",
    password: str = PASSWORD,
) -> CurrentUser:
    """A signed-up buyer."""
    return accounts.sign_up(
        SignUpForm(email=email or an_email("buyer"), password=password, full_name=full_name, company_name=company_name)
    )


def a_factory(
    email: str | None = None,
    *,
    name: str = "Test Works",
    name_zh: str = "",
    full_name: str = "Factory Owner",
    city: str = "Ningbo",
    province: str = "",
    password: str = PASSWORD,
    hours: str | None = None,
    auto_confirm: bool = False,
    max_per_day: str = "20",
    max_pending: int | None = None,
) -> CurrentUser:
    """A signed-up factory account: its owner, whose `factory_id` is the new factory.

    With `hours` (e.g. "09:00-17:00"), the factory takes meetings in those hours every day of the week,
    Shanghai time, with no notice needed, up to 90 days ahead and `max_per_day` a day; `max_pending`
    changes how many unanswered requests one buyer may hold. `city` is a city's code or name ("Ningbo",
    "宁波"); an ambiguous name ("Suzhou") needs its `province` (a code or name).
    """
    province_code = divisions.match_province(province) or "" if province else ""
    city_code = divisions.match_city(city, province_code) or ""
    found = divisions.city(city_code)
    if found is None:
        raise ValueError(f"a_factory: {city!r} names no single city; give its province too")
    province_code = province_code or (found.province if found else "")
    owner = accounts.sign_up(
        SignUpForm(
            email=email or an_email("owner"),
            password=password,
            full_name=full_name,
            account_type="factory",
            factory_name_en=name,
            factory_name_zh=name_zh,
            factory_city=city_code,
            factory_province=province_code,
        )
    )
    if hours is not None:
        schedule_setup.save_schedule(
            owner,
            schedule_setup.ScheduleForm(
                timezone="Asia/Shanghai",
                weekly={day: hours for day in range(7)},
                min_notice_hours="0",
                horizon_days="90",
                max_per_day=max_per_day,
                auto_confirm=auto_confirm,
            ),
        )
    if max_pending is not None:
        with session_scope() as db:
            settings = booking.settings_for(db, owner.factory_id)
            settings.max_pending_per_buyer = max_pending
            db.add(settings)
    return owner


def a_meeting_type(
    owner: CurrentUser, name_en: str = "Deep factory audit", name_zh: str = "深度验厂", minutes: str = "60"
) -> int:
    """A kind of meeting buyers can book with the owner's factory; returns its id."""
    return schedule_setup.save_meeting_type(owner, name_en, name_zh, minutes)


def a_bookable_factory(hours: str = MEETING_HOURS, **factory) -> tuple[CurrentUser, int]:
    """A factory taking meetings in `hours` every day (see a_factory), with one 60-minute meeting type.

    Returns the owner and the meeting type's id.
    """
    owner = a_factory(hours=hours, **factory)
    return owner, a_meeting_type(owner)


def a_product(owner: CurrentUser, *, published: bool = False, **fields: str) -> int:
    """A product of the owner's factory (a sample sold at USD 10.00, up to 3, ready in 7 days unless
    `fields` say otherwise); published (shown and orderable) when asked. Returns its id."""
    form = {
        "name_en": "Test product",
        "category": "home_kitchen",
        "sample_price": "10.00",
        "sample_max_qty": "3",
        "sample_lead_time_days": "7",
        **fields,
    }
    product_id = catalog.save_product(owner, form)
    if published:
        catalog.set_published(owner, product_id, True)
    return product_id


def a_team_member(
    owner: CurrentUser, role: str = "staff", email: str | None = None, full_name: str = "Team Member"
) -> CurrentUser:
    """A new person in the owner's factory with `role`, joined the way people do: invited by the owner,
    then the emailed link's short sign-up. Signed in as that person (the returned user is theirs)."""
    email = email or an_email(role)
    team.invite(owner, email, role, key=idempotency.new_key())
    with session_scope() as db:
        body = db.exec(
            select(OutboxMessage.body_text)
            .where(OutboxMessage.to_address == email, OutboxMessage.kind == INVITE_KIND)
            .order_by(col(OutboxMessage.id).desc())
        ).first()
    token = parse_qs(urlsplit(re.search(r"/invite\?token=[\w\-]+", body or "").group(0)).query)["token"][0]  # type: ignore[union-attr]
    member, _session = run_coroutine(team.accept_with_sign_up(token, team.JoinForm(full_name, PASSWORD)))
    return member


def the_admin() -> CurrentUser:
    """The demo data's platform admin (the seeded test database has one)."""
    with session_scope() as db:
        admin = db.exec(select(User).where(User.role == Role.ADMIN.value)).first()
        assert admin is not None and admin.id is not None, "the test database is seeded"
        return CurrentUser(admin.id, admin.email, admin.full_name, "", admin.role, "en")


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def an_approved_licence(owner: CurrentUser) -> int:
    """The owner's factory's business licence, uploaded and approved by the admin; returns its id."""
    form = documents.DocumentForm(
        kind="business_license",
        certificate_number="91330200MA2XXXXX",
        issuing_body="Market Supervision Administration",
        valid_until=(date.today() + timedelta(days=365)).isoformat(),
    )
    doc_id = documents.upload_document(owner, form, "licence.pdf", PDF)
    documents.review(the_admin(), doc_id, approve=True)
    return doc_id


def bank_form(holder: str, **fields: str) -> dict[str, str]:
    """A valid bank-details form for an account held by `holder` (a Bank of China account in USD)."""
    return {
        "account_holder": holder,
        "bank_name": "Bank of China, Ningbo Branch",
        "account_number": "6217 8500 0000 1234 567",
        "swift_bic": "BKCHCNBJ",
        "bank_address": "No. 1 Zhongshan Road, Ningbo, China",
        "currency": "USD",
        **fields,
    }


def with_bank_details(owner: CurrentUser, **fields: str) -> CurrentUser:
    """The owner's factory with an approved licence and bank details held by its legal name, so buyers can
    pay it by bank transfer (the password prompt is left to the tests about it). Returns the owner."""
    an_approved_licence(owner)
    with session_scope() as db:
        holder = bank_setup.licensed_names(db, owner.factory_id or 0)[0]
    bank_setup.store(owner, bank_setup.check(owner, bank_form(holder, **fields)))
    return owner


def a_completed_order(owner: CurrentUser, buyer: CurrentUser, product_id: int, *, upto: str = "complete") -> int:
    """A bank-transfer sample order of one `product_id` (published, of the owner's factory, which has bank
    details) taken through its life by both sides up to and including the action `upto` ("complete":
    completed and paid; "delivered", "mark_paid", ...; "" : awaiting payment). Returns its id."""
    from realsourcing.orders import service as orders
    from realsourcing.orders.models import ShippingRate

    with session_scope() as db:
        if not db.exec(
            select(ShippingRate).where(ShippingRate.factory_id == owner.factory_id, ShippingRate.region == "europe")
        ).first():
            db.add(ShippingRate(factory_id=owner.factory_id, region="europe", label="DHL Express", fee_cents=4000))
    address = orders.Address(
        "Anna Berg", "Nordic Home", "DE", "Hauptstr. 1", "", "Berlin", "", "10115", "+49 30 1234567"
    )
    order_id = orders.create_order(
        buyer,
        owner.factory_id or 0,
        [orders.Line(product_id, 1)],
        address,
        payment_method="bank_transfer",
        key=idempotency.new_key(),
    )
    steps = [
        (owner, "mark_paid", {}),
        (owner, "accept", {}),
        (owner, "ship", {"carrier": "DHL", "tracking": "JD014600003828"}),
        (buyer, "delivered", {}),
        (buyer, "complete", {}),
    ]
    for who, action, extra in steps:
        if not upto:
            break
        orders.act(who, order_id, action, **extra)
        if action == upto:
            break
    return order_id
