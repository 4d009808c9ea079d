"""Accounts against the real database (SQLite or PostgreSQL, whichever the run uses)."""

from datetime import timedelta

import pytest
from sqlalchemy import update
from sqlmodel import select

from realsourcing.accounts import service as accounts
from realsourcing.accounts.models import AuthSession, User
from realsourcing.accounts.service import SignUpForm
from realsourcing.core.errors import PermissionDenied, ValidationFailed
from realsourcing.db import session_scope, utcnow
from realsourcing.profile.models import Factory, FactoryMember
from tests.support.builders import PASSWORD, a_buyer


def test_sign_up_normalises_email_and_refuses_a_second_account(unique_email):
    email = unique_email("Case")
    user = a_buyer("  " + email.upper() + " ")
    assert user.email == email.lower()
    assert user.is_buyer and not user.is_factory_member
    with pytest.raises(ValidationFailed) as refused:
        a_buyer(email)
    assert refused.value.field_errors == {"email": "err.email_taken"}


def test_sign_up_reports_every_bad_field_at_once():
    with pytest.raises(ValidationFailed) as refused:
        accounts.sign_up(SignUpForm(email="not-an-email", password="short", full_name="", account_type="factory"))
    assert refused.value.field_errors == {
        "email": "err.email_invalid",
        "password": "err.password_too_short",
        "full_name": "err.name_required",
        "factory_name_en": "err.factory_name_required",
        "factory_province": "err.choose_province",
    }


def test_factory_sign_up_creates_the_factory_with_the_user_as_owner(unique_email):
    user = accounts.sign_up(
        SignUpForm(
            email=unique_email("owner"),
            password=PASSWORD,
            full_name="Li Wei",
            account_type="factory",
            factory_name_en="Pearl River Ceramics",
            factory_name_zh="珠江陶瓷",
            factory_city="440600",
            factory_province="440000",
        )
    )
    assert user.factory_role == "owner"
    with session_scope() as db:
        factory = db.get(Factory, user.factory_id)
        assert factory.display_name_zh == "珠江陶瓷" and (factory.province, factory.city) == ("440000", "440600")
        assert factory.slug.startswith("pearl-river-ceramics")
        member = db.exec(select(FactoryMember).where(FactoryMember.factory_id == factory.id)).one()
        assert (member.user_id, member.role) == (user.id, "owner")
    again = accounts.sign_up(
        SignUpForm(
            email=unique_email("owner"),
            password=PASSWORD,
            full_name="Li Wei",
            account_type="factory",
            factory_name_en="Pearl River Ceramics",
            factory_city="440600",
            factory_province="440000",
        )
    )
    with session_scope() as db:
        assert db.get(Factory, again.factory_id).slug != factory.slug  # slugs stay unique


def test_factory_sign_up_keeps_the_province_and_city_chosen_and_finds_the_factory_by_both_names(unique_email):
    user = accounts.sign_up(
        SignUpForm(
            email=unique_email("owner"),
            password=PASSWORD,
            full_name="Chen Jie",
            account_type="factory",
            factory_name_en="Harbour Lights",
            factory_city="330200",
            factory_province="330000",
        )
    )
    with session_scope() as db:
        factory = db.get(Factory, user.factory_id)
        assert (factory.province, factory.city) == ("330000", "330200")
        assert "ningbo" in factory.search_text and "宁波" in factory.search_text and "浙江" in factory.search_text


def test_factory_sign_up_refuses_a_city_outside_the_province_chosen(unique_email):
    form = dict(email=unique_email("owner"), password=PASSWORD, full_name="Chen Jie", account_type="factory")
    with pytest.raises(ValidationFailed) as refused:
        accounts.sign_up(
            SignUpForm(**form, factory_name_en="Harbour Lights", factory_city="320500", factory_province="330000")
        )
    assert refused.value.field_errors == {"factory_city": "err.choose_city"}
    with pytest.raises(ValidationFailed) as typed:
        accounts.sign_up(SignUpForm(**form, factory_name_en="Harbour Lights", factory_city="Ningbo"))
    assert typed.value.field_errors == {"factory_province": "err.choose_province"}


def test_sign_in_returns_a_session_that_resolves_to_the_user(unique_email):
    email = unique_email()
    user = a_buyer(email)
    signed_in, token = accounts.authenticate(email.upper(), PASSWORD, ip="10.1.0.1")
    assert signed_in.id == user.id
    assert accounts.resolve_session(token).id == user.id
    with session_scope() as db:  # only a hash of the token is stored
        assert db.exec(select(AuthSession).where(AuthSession.token_hash == token)).first() is None


def test_wrong_password_and_unknown_email_get_the_same_answer(unique_email):
    email = unique_email()
    a_buyer(email)
    for attempt_email in (email, unique_email("nobody")):
        with pytest.raises(ValidationFailed) as refused:
            accounts.authenticate(attempt_email, "wrong password!", ip="10.1.0.2")
        assert refused.value.field_errors == {"password": "err.wrong_credentials"}


def test_expired_session_is_no_longer_signed_in(unique_email):
    user = a_buyer(unique_email())
    token = accounts.create_session(user.id)
    assert accounts.resolve_session(token) is not None
    with session_scope() as db:
        db.exec(
            update(AuthSession).where(AuthSession.user_id == user.id).values(expires_at=utcnow() - timedelta(seconds=1))
        )
    assert accounts.resolve_session(token) is None


def test_logout_revokes_only_this_browser(unique_email):
    user = a_buyer(unique_email())
    laptop, phone = accounts.create_session(user.id), accounts.create_session(user.id)
    accounts.revoke_session(laptop)
    assert accounts.resolve_session(laptop) is None
    assert accounts.resolve_session(phone) is not None


def test_logout_everywhere_revokes_every_session_of_that_user_only(unique_email):
    user, other = a_buyer(unique_email()), a_buyer(unique_email())
    tokens = [accounts.create_session(user.id) for _ in range(3)]
    other_token = accounts.create_session(other.id)
    current = accounts.resolve_session(tokens[0])
    assert accounts.revoke_all_sessions(current) == 3
    assert all(accounts.resolve_session(t) is None for t in tokens)
    assert accounts.resolve_session(other_token) is not None


def test_nobody_can_end_someone_elses_session(unique_email):
    victim, attacker = a_buyer(unique_email()), a_buyer(unique_email())
    victim_token = accounts.create_session(victim.id)
    victim_session_id = accounts.resolve_session(victim_token).session_id
    with pytest.raises(PermissionDenied):
        accounts.revoke_other_session(attacker, victim_session_id)
    assert accounts.resolve_session(victim_token) is not None


def test_disabled_account_loses_its_sessions(unique_email):
    user = a_buyer(unique_email())
    token = accounts.create_session(user.id)
    with session_scope() as db:
        db.exec(update(User).where(User.id == user.id).values(is_active=False))
    assert accounts.resolve_session(token) is None


def test_garbage_tokens_resolve_to_nobody():
    for token in ("", None, "x" * 500, "not-a-token"):
        assert accounts.resolve_session(token) is None


def test_a_new_account_is_greeted_as_new_and_a_later_sign_in_as_returning(unique_email):
    from realsourcing.accounts.greeting import is_first_visit

    email = unique_email()
    user = a_buyer(email)
    _, token = accounts.authenticate(email, PASSWORD, ip="10.1.0.9")
    first = accounts.resolve_session(token)
    assert first.signed_up_at is not None and first.session_started_at is not None
    assert is_first_visit(first.signed_up_at, first.session_started_at, utcnow())
    with session_scope() as db:  # the account is three days old: this sign-in is a return
        db.exec(update(User).where(User.id == user.id).values(created_at=utcnow() - timedelta(days=3)))
    _, later_token = accounts.authenticate(email, PASSWORD, ip="10.1.0.9")
    later = accounts.resolve_session(later_token)
    assert not is_first_visit(later.signed_up_at, later.session_started_at, utcnow())
