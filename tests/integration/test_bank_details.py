"""A factory's bank details at the service layer: only the owner, only with the password, only into the
licensed company's account; buyers of open bank-transfer orders are told of a change; no details, no T/T."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlmodel import col, select

from realsourcing.accounts import reauth
from realsourcing.accounts import service as accounts
from realsourcing.accounts.identity import CurrentUser
from realsourcing.accounts.models import AuthSession, LoginAttempt, User
from realsourcing.core.errors import PermissionDenied, ValidationFailed
from realsourcing.core.idempotency import new_key
from realsourcing.db import session_scope, utcnow
from realsourcing.notifications.models import Notification, OutboxMessage
from realsourcing.orders import service as orders
from realsourcing.orders.lifecycle import Action, OrderRefused
from realsourcing.orders.models import ShippingRate
from realsourcing.orders.service import Address, Line
from realsourcing.profile import bank_setup, documents, factories
from realsourcing.profile.bank_setup import NoApprovedLicence
from realsourcing.profile.membership import OwnerOnly
from realsourcing.profile.models import Factory, FactoryBankDetailsChange, FactoryDocument, FactoryMember
from tests.support.builders import (
    PASSWORD,
    a_buyer,
    a_factory,
    a_product,
    an_approved_licence,
    bank_form,
    the_admin,
    with_bank_details,
)
from tests.support.coroutines import run_coroutine

ADDRESS = Address("Maya Thompson", "", "US", "12 Harbor St", "", "Portland", "OR", "97201", "+1 503 555 0100")
LEGAL_NAME = "Haitian Plastics Co., Ltd."


def an_ip() -> str:
    """An address of its own per test, so wrong passwords here never throttle another test."""
    return f"10.13.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}"


def a_licensed_factory() -> CurrentUser:
    """An owner whose factory's licence (legal names EN and ZH) is approved; no bank details yet."""
    owner = a_factory(name="Haitian Plastics")
    with session_scope() as db:
        factory = db.get(Factory, owner.factory_id)
        factory.legal_name_en, factory.legal_name_zh = LEGAL_NAME, "宁波海天塑料有限公司"
        db.add(factory)
    an_approved_licence(owner)
    return owner


def save(actor: CurrentUser, form: dict[str, str], password: str = PASSWORD, ip: str = "") -> bool:
    return run_coroutine(bank_setup.save(actor, form, password, ip or an_ip()))


def a_staff_member(owner: CurrentUser) -> CurrentUser:
    """Someone on the owner's factory's team who is not its owner, signed in."""
    email = a_buyer().email
    with session_scope() as db:
        user = db.exec(select(User).where(User.email == email)).one()
        db.add(FactoryMember(factory_id=owner.factory_id, user_id=user.id, role="staff"))
    staff, _ = accounts.authenticate(email, PASSWORD, ip=an_ip())
    return staff


def orderable(owner: CurrentUser) -> int:
    """One published sample shipped to North America; returns the product id."""
    product = a_product(owner, sample_price="10.00", published=True)
    with session_scope() as db:
        db.add(ShippingRate(factory_id=owner.factory_id, region="north_america", label="DHL", fee_cents=4500))
    return product


def an_order(owner: CurrentUser, product: int, buyer: CurrentUser, method: str = "bank_transfer") -> int:
    return orders.create_order(
        buyer, owner.factory_id, [Line(product, 1)], ADDRESS, payment_method=method, key=new_key()
    )


def told(user: CurrentUser, kind: str) -> list[str]:
    with session_scope() as db:
        return list(
            db.exec(select(Notification.link).where(Notification.user_id == user.id, Notification.kind == kind)).all()
        )


def emails(user: CurrentUser, kind: str) -> list[str]:
    with session_scope() as db:
        return list(
            db.exec(select(OutboxMessage.body_text).where(OutboxMessage.user_id == user.id, OutboxMessage.kind == kind))
        )


def test_the_owner_sets_details_with_the_password_and_members_see_them_masked():
    owner = a_licensed_factory()
    assert bank_setup.page(owner).details is None
    assert save(owner, bank_form("haitian plastics company limited", account_number="6217 8500 0000 1234 567"))
    page = bank_setup.page(owner)
    assert page.is_owner and page.licensed_names == [LEGAL_NAME, "宁波海天塑料有限公司"]
    assert page.details is not None and page.details.account_number == "6217850000001234567"
    assert page.details.masked_account() == "•••• 4567"
    assert [(c.by, c.replaced_earlier) for c in page.history] == [("Factory Owner", False)]
    staff_view = bank_setup.page(a_staff_member(owner))
    assert not staff_view.is_owner and staff_view.owner_name == "Factory Owner"
    assert staff_view.details == page.details  # the page shows it masked; the full number stays the owner's
    # The Chinese legal name is the licensed company too.
    assert save(owner, bank_form("宁波海天塑料有限公司（ ）", currency="CNY"))
    assert bank_setup.page(owner).details.currency == "CNY"


def test_staff_another_factory_and_a_buyer_cannot_set_them():
    owner = a_licensed_factory()
    staff = a_staff_member(owner)
    with pytest.raises(OwnerOnly):
        save(staff, bank_form(LEGAL_NAME), password=PASSWORD)
    with pytest.raises(PermissionDenied):
        save(a_buyer(), bank_form(LEGAL_NAME))
    with pytest.raises(PermissionDenied):
        bank_setup.page(a_buyer())
    # Another factory's owner acts on their own factory only: its licence does not name this company.
    other = with_bank_details(a_factory(name="Other Works"))
    with pytest.raises(ValidationFailed) as refused:
        save(other, bank_form(LEGAL_NAME))
    assert refused.value.field_errors == {"account_holder": "err.bank_holder_not_licensed"}
    assert bank_setup.page(owner).details is None


def test_a_wrong_password_changes_nothing_and_counts_as_a_failed_attempt():
    owner = a_licensed_factory()
    ip = an_ip()
    for wrong in ("not my password", ""):
        with pytest.raises(ValidationFailed) as refused:
            save(owner, bank_form(LEGAL_NAME), password=wrong, ip=ip)
        assert list(refused.value.field_errors) == ["password"]
    assert bank_setup.page(owner).details is None
    with session_scope() as db:
        attempts = db.exec(select(LoginAttempt.succeeded).where(LoginAttempt.ip == ip)).all()
    assert attempts == [False]  # the empty password never reached argon2


def test_field_errors_come_before_the_password_is_asked():
    owner = a_licensed_factory()
    ip = an_ip()
    with pytest.raises(ValidationFailed) as refused:
        save(owner, bank_form(LEGAL_NAME, swift_bic="BKCH", account_number="DE00 1234"), password="wrong", ip=ip)
    assert refused.value.field_errors == {
        "swift_bic": "err.bank_bic_invalid",
        "account_number": "err.bank_iban_invalid",
    }
    with session_scope() as db:
        assert db.exec(select(LoginAttempt.id).where(LoginAttempt.ip == ip)).first() is None


def test_without_an_approved_current_licence_no_details_can_be_set():
    owner = a_factory(name="Unlicensed Works")
    with pytest.raises(NoApprovedLicence):
        save(owner, bank_form("Unlicensed Works"))
    licence = an_approved_licence(owner)
    with session_scope() as db:
        doc = db.get(FactoryDocument, licence)
        doc.valid_until = utcnow().date() - timedelta(days=1)  # expired yesterday
        db.add(doc)
    with pytest.raises(NoApprovedLicence):
        save(owner, bank_form("Unlicensed Works"))
    assert bank_setup.page(owner).licensed_names == []


def test_the_holder_must_be_the_name_approved_with_the_licence_not_a_later_profile_edit():
    owner = a_licensed_factory()
    with pytest.raises(ValidationFailed) as refused:
        save(owner, bank_form("Zhang Wei"))  # the owner's own account: payee diversion's favourite form
    assert refused.value.field_errors == {"account_holder": "err.bank_holder_not_licensed"}
    with session_scope() as db:
        factory = db.get(Factory, owner.factory_id)
        factory.legal_name_en = "Zhang Wei Trading"  # edited in the profile after the licence was approved
        db.add(factory)
    with pytest.raises(ValidationFailed):
        save(owner, bank_form("Zhang Wei Trading"))
    assert save(owner, bank_form(LEGAL_NAME))


def test_a_change_tells_every_open_bank_transfer_buyer_and_their_order_page_says_when():
    owner = a_licensed_factory()
    product = orderable(owner)
    save(owner, bank_form(LEGAL_NAME))
    waiting, second, paid_buyer, card_buyer = a_buyer(), a_buyer(), a_buyer(), a_buyer()
    open_orders = [an_order(owner, product, waiting), an_order(owner, product, second)]
    paid = an_order(owner, product, paid_buyer)
    orders.act(owner, paid, Action.MARK_PAID.value)
    card = an_order(owner, product, card_buyer, method="card")
    assert orders.view(waiting, open_orders[0]).bank_changed_at is None  # first details: nothing changed
    assert told(waiting, "order_bank_details_changed") == []

    staff = a_staff_member(owner)
    assert save(owner, bank_form(LEGAL_NAME, account_number="6217 8500 0000 9999 001", bank_name="ICBC Ningbo"))
    assert told(waiting, "order_bank_details_changed") == [f"/orders/{open_orders[0]}"]
    assert told(second, "order_bank_details_changed") == [f"/orders/{open_orders[1]}"]
    assert told(paid_buyer, "order_bank_details_changed") == told(card_buyer, "order_bank_details_changed") == []
    assert "pay sample order" in emails(waiting, "order_bank_details_changed")[0].lower()
    assert told(staff, "bank_details_changed") == ["/dashboard/bank"] and told(owner, "bank_details_changed") == []

    shown = orders.view(waiting, open_orders[0])
    with session_scope() as db:
        last = db.exec(
            select(FactoryBankDetailsChange.changed_at)
            .where(FactoryBankDetailsChange.factory_id == owner.factory_id)
            .order_by(col(FactoryBankDetailsChange.id).desc())
        ).first()
    assert shown.bank_changed_at == last and shown.bank.bank_name == "ICBC Ningbo"
    assert shown.bank.account_number == "6217850000009999001"
    assert orders.view(card_buyer, card).bank is None
    # An order placed after the change shows no notice: its buyer never saw other details.
    assert orders.view(waiting, an_order(owner, product, waiting)).bank_changed_at is None

    # Saving the same again (a double click, a retry) changes nothing and tells nobody.
    assert not save(owner, bank_form(LEGAL_NAME, account_number="6217850000009999001", bank_name="ICBC Ningbo"))
    assert len(told(waiting, "order_bank_details_changed")) == 1
    assert [c.replaced_earlier for c in bank_setup.page(owner).history] == [True, False]


def test_bank_transfer_is_refused_without_details_when_ordering_and_when_switching(monkeypatch):
    owner = a_licensed_factory()
    product = orderable(owner)
    buyer = a_buyer()
    assert not orders.order_form(_slug(owner)).bank_transfer
    with pytest.raises(ValidationFailed) as refused:
        an_order(owner, product, buyer)
    assert refused.value.field_errors == {"payment_method": "err.bank_transfer_not_offered"}
    card = an_order(owner, product, buyer, method="card")
    assert Action.SWITCH_TO_BANK_TRANSFER not in orders.view(buyer, card).actions
    with pytest.raises(OrderRefused) as switch_refused:
        orders.act(buyer, card, Action.SWITCH_TO_BANK_TRANSFER.value, gateway=None)
    assert switch_refused.value.key == "err.bank_transfer_not_offered"

    save(owner, bank_form(LEGAL_NAME))
    assert orders.order_form(_slug(owner)).bank_transfer
    assert Action.SWITCH_TO_BANK_TRANSFER in orders.view(buyer, card).actions
    orders.act(buyer, card, Action.SWITCH_TO_BANK_TRANSFER.value, gateway=None)  # no checkout opened: no Stripe
    assert orders.view(buyer, card).bank.account_holder == LEGAL_NAME


def _slug(owner: CurrentUser) -> str:
    with session_scope() as db:
        return db.get(Factory, owner.factory_id).slug


def test_an_account_without_a_password_needs_a_fresh_sign_in():
    owner = a_licensed_factory()
    with session_scope() as db:
        user = db.get(User, owner.id)
        user.password_hash = None  # signs in through OIDC only
        db.add(user)
    token = accounts.create_session(owner.id, method="oidc")
    fresh = accounts.resolve_session(token)
    assert not reauth.has_password(fresh)
    assert save(fresh, bank_form(LEGAL_NAME), password="")
    with session_scope() as db:
        session = db.get(AuthSession, fresh.session_id)
        session.created_at = utcnow() - timedelta(minutes=reauth.FRESH_SIGN_IN_MINUTES + 1)
        db.add(session)
    with pytest.raises(ValidationFailed) as refused:
        save(fresh, bank_form(LEGAL_NAME, bank_name="Another Bank"), password="anything")
    assert refused.value.field_errors == {"password": "err.reauth_sign_in_again"}
    assert bank_setup.page(owner).details.bank_name == "Bank of China, Ningbo Branch"


def test_the_setup_steps_ask_for_shipping_fees_and_bank_details():
    owner = a_licensed_factory()
    done = lambda: {s.key: s.done for s in factories.overview_for_member(owner).steps}  # noqa: E731
    assert (done()["step.shipping"], done()["step.bank"]) == (False, False)
    before = factories.overview_for_member(owner).completeness_pct
    orderable(owner)
    save(owner, bank_form(LEGAL_NAME))
    assert (done()["step.shipping"], done()["step.bank"]) == (True, True)
    assert factories.overview_for_member(owner).completeness_pct > before


def test_the_admin_approval_records_the_licensed_names():
    owner = a_factory(name="Named Works")
    licence = an_approved_licence(owner)
    with session_scope() as db:
        doc = db.get(FactoryDocument, licence)
        assert (doc.licensed_name_en, doc.licensed_name_zh) == ("Named Works", "")
    documents.review(the_admin(), licence, approve=False, reason="The scan is unreadable.")
    with pytest.raises(NoApprovedLicence):
        save(owner, bank_form("Named Works"))
