"""Deleting one's account: personal data goes, orders stay, a factory never loses its only owner."""

from __future__ import annotations

import pytest
from sqlmodel import select

from realsourcing.accounts import account_deletion
from realsourcing.accounts import service as accounts
from realsourcing.accounts.account_deletion import SoleOwner
from realsourcing.accounts.models import OidcIdentity, User
from realsourcing.accounts.service import SignUpForm
from realsourcing.core.errors import ValidationFailed
from realsourcing.core.idempotency import new_key
from realsourcing.db import session_scope
from realsourcing.orders import service as orders
from realsourcing.orders.models import SampleOrder, ShippingAddress, ShippingRate
from realsourcing.orders.service import Address, Line
from realsourcing.profile.models import Factory, FactoryMember, MemberRole
from tests.integration.test_account_changes import an_ip, sign_in_works, signed_in
from tests.support.builders import PASSWORD, a_buyer, a_factory, a_product, an_email, with_bank_details
from tests.support.coroutines import run_coroutine

ADDRESS = Address(
    "Maya Thompson", "Northwind Goods", "US", "12 Harbor St", "", "Portland", "OR", "97201", "+1 503 555 0100"
)


def delete(user, password: str = PASSWORD, word: str = "DELETE") -> None:
    run_coroutine(account_deletion.delete_account(user, password, word, an_ip()))


def an_order_by(buyer) -> int:
    owner = with_bank_details(a_factory(name="Deletion Works"))
    mug = a_product(owner, name_en="Mug", sample_price="10.00", sample_max_qty="2", published=True)
    with session_scope() as db:
        db.add(ShippingRate(factory_id=owner.factory_id, region="north_america", label="DHL", fee_cents=1000))
    return orders.create_order(
        buyer,
        owner.factory_id or 0,
        [Line(mug, 1)],
        ADDRESS,
        payment_method="bank_transfer",
        save_address=True,
        key=new_key(),
    )


def test_deleting_removes_personal_data_ends_sessions_and_keeps_the_order_with_its_address():
    email = an_email("leaving")
    a_buyer(email, full_name="Leaving Person", company_name="Leaving Co")
    accounts.sign_in_with_oidc("https://id.example.com", {"sub": "s-" + email, "email": email, "email_verified": True})
    user, token = signed_in(email)
    order_id = an_order_by(user)
    with session_scope() as db:  # what is to go was there
        assert db.exec(select(ShippingAddress).where(ShippingAddress.user_id == user.id)).all() != []
        assert db.exec(select(OidcIdentity).where(OidcIdentity.user_id == user.id)).all() != []
    delete(user)
    with session_scope() as db:
        row = db.get(User, user.id)
        assert row is not None
        assert (row.email, row.full_name, row.company_name) == (f"deleted-{user.id}@invalid", "Deleted user", "")
        assert row.password_hash is None and not row.is_active
        assert db.exec(select(OidcIdentity).where(OidcIdentity.user_id == user.id)).all() == []
        assert db.exec(select(ShippingAddress).where(ShippingAddress.user_id == user.id)).all() == []
        order = db.get(SampleOrder, order_id)
        assert order is not None and order.buyer_id == user.id
        assert (order.ship_name, order.ship_line1, order.ship_phone) == (
            "Maya Thompson",
            "12 Harbor St",
            "+1 503-555-0100",
        )
    assert accounts.resolve_session(token) is None
    assert not sign_in_works(email, PASSWORD)
    with pytest.raises(accounts.OidcRefused):  # the provider's identity no longer leads in …
        accounts.sign_in_with_oidc("https://id.example.com", {"sub": "s-" + email, "email": email})
    assert accounts.sign_up(SignUpForm(email=email, password=PASSWORD, full_name="Someone New")).id != user.id


def test_deleting_asks_the_password_and_the_typed_word_at_their_fields():
    user, token = signed_in(a_buyer().email)
    with pytest.raises(ValidationFailed) as refused:
        delete(user, password="", word="delete me")
    assert refused.value.field_errors == {
        "confirm_word": "err.confirm_word",
        "delete_password": "err.password_required",
    }
    with pytest.raises(ValidationFailed) as refused:
        delete(user, password="not the password", word="删除")
    assert refused.value.field_errors == {"delete_password": "err.current_password_wrong"}
    assert accounts.resolve_session(token) is not None
    delete(user, word=" delete ")
    assert accounts.resolve_session(token) is None


def test_the_only_owner_of_a_factory_cannot_delete_until_another_owner_is_added():
    owner = a_factory(name="Lonely Owner Works")
    user, token = signed_in(owner.email)
    assert account_deletion.deletion_blocker(user) == "Lonely Owner Works"
    with pytest.raises(SoleOwner) as refused:
        delete(user)
    assert refused.value.key == "err.sole_owner" and refused.value.params == {"factory": "Lonely Owner Works"}
    assert accounts.resolve_session(token) is not None and sign_in_works(owner.email, PASSWORD)
    partner = a_buyer()
    with session_scope() as db:
        db.add(FactoryMember(factory_id=owner.factory_id or 0, user_id=partner.id, role=MemberRole.OWNER.value))
    assert account_deletion.deletion_blocker(user) is None
    delete(user)
    with session_scope() as db:
        factory = db.get(Factory, owner.factory_id)
        assert factory is not None and factory.contact_email == "" and factory.contact_name == ""
        members = db.exec(select(FactoryMember).where(FactoryMember.factory_id == owner.factory_id)).all()
        assert [(m.user_id, m.role) for m in members] == [(partner.id, MemberRole.OWNER.value)]
