"""Change password, forgot password, change email: the account services against the real database."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlmodel import select

from realsourcing.accounts import account_changes, email_sign_in, password_reset
from realsourcing.accounts import service as accounts
from realsourcing.accounts.identity import CurrentUser
from realsourcing.accounts.models import AuthSession, LoginAttempt, User
from realsourcing.config import get_settings
from realsourcing.core.errors import DomainError, PermissionDenied, TooManyAttempts, ValidationFailed
from realsourcing.db import session_scope, utcnow
from realsourcing.notifications.models import OutboxMessage
from realsourcing.notifications.service import EMAIL_ONLY
from tests.support.builders import PASSWORD, a_buyer, an_email
from tests.support.coroutines import run_coroutine
from tests.support.smtp_standin import LINK

NEW_PASSWORD = "another fine passphrase"


def an_ip() -> str:
    """An IP no other test uses (per-IP allowances are shared by the whole run)."""
    n = int(hashlib.sha256(an_email().encode()).hexdigest()[:6], 16)
    return f"10.{(n >> 16) % 250}.{(n >> 8) % 250}.{n % 250}"


def emails_to(address: str, kind: str | None = None) -> list[OutboxMessage]:
    with session_scope() as db:
        query = select(OutboxMessage).where(OutboxMessage.to_address == address)
        if kind:
            query = query.where(OutboxMessage.kind == kind)
        return list(db.exec(query).all())


def token_in(message: OutboxMessage) -> str:
    found = LINK.search(message.body_text)
    assert found, "the email holds no one-time link"
    return parse_qs(urlsplit(found.group(0)).query)["token"][0]


def signed_in(email: str, password: str = PASSWORD) -> tuple[CurrentUser, str]:
    """The user as one browser's session sees them (with its session id), and that session's token."""
    _user, token = accounts.authenticate(email, password, ip=an_ip())
    user = accounts.resolve_session(token)
    assert user is not None
    return user, token


def sign_in_works(email: str, password: str) -> bool:
    try:
        accounts.authenticate(email, password, ip=an_ip())
    except ValidationFailed:
        return False
    return True


def change(user: CurrentUser, current: str, new: str = NEW_PASSWORD, confirm: str | None = None) -> int:
    return run_coroutine(
        account_changes.change_password(user, current, new, new if confirm is None else confirm, an_ip())
    )


def refusal(call) -> dict[str, str]:
    with pytest.raises(ValidationFailed) as refused:
        call()
    return refused.value.field_errors


# ---------------------------------------------------------------- change password


def test_a_wrong_current_password_is_refused_at_its_field_and_counts_as_a_failed_sign_in():
    buyer = a_buyer()
    user, _ = signed_in(buyer.email)
    assert refusal(lambda: change(user, "not my password at all")) == {"current_password": "err.current_password_wrong"}
    with session_scope() as db:
        failures = db.exec(
            select(LoginAttempt).where(LoginAttempt.email == buyer.email, LoginAttempt.succeeded == False)  # noqa: E712
        ).all()
    assert len(failures) == 1
    assert sign_in_works(buyer.email, PASSWORD) and not sign_in_works(buyer.email, NEW_PASSWORD)


def test_the_new_password_follows_the_sign_up_rules_differs_from_the_current_and_is_typed_twice():
    user, _ = signed_in(a_buyer().email)
    assert refusal(lambda: change(user, PASSWORD, new="short")) == {"new_password": "err.password_too_short"}
    assert refusal(lambda: change(user, PASSWORD, new=user.email)) == {"new_password": "err.password_is_email"}
    assert refusal(lambda: change(user, PASSWORD, confirm=NEW_PASSWORD + "x")) == {
        "confirm_password": "err.password_mismatch"
    }
    assert refusal(lambda: change(user, PASSWORD, new=PASSWORD)) == {"new_password": "err.password_reused"}
    assert refusal(lambda: change(user, "", new="short")) == {
        "new_password": "err.password_too_short",
        "current_password": "err.password_required",
    }
    assert sign_in_works(user.email, PASSWORD)


def test_changing_the_password_signs_out_every_other_browser_keeps_this_one_and_tells_the_owner():
    buyer = a_buyer()
    user, this_token = signed_in(buyer.email)
    _other, other_token = signed_in(buyer.email)
    _third, third_token = signed_in(buyer.email)
    assert change(user, PASSWORD) == 2
    assert accounts.resolve_session(this_token) is not None
    assert accounts.resolve_session(other_token) is None and accounts.resolve_session(third_token) is None
    assert sign_in_works(buyer.email, NEW_PASSWORD) and not sign_in_works(buyer.email, PASSWORD)
    [notice] = emails_to(buyer.email, "password_changed")
    assert "/password/forgot" in notice.body_text and "password_changed" in EMAIL_ONLY


def test_an_account_without_a_password_sets_its_first_one_through_a_link_to_its_own_address():
    email = an_email("sso")
    user, _ = accounts.sign_in_with_oidc(
        "https://id.example.com", {"sub": "s-" + email, "email": email, "email_verified": True, "name": "Sam"}
    )
    assert refusal(lambda: change(user, "anything at all")) == {"current_password": "err.no_password_yet"}
    assert not user.has_password
    password_reset.request_first_password(user, ip=an_ip())
    [mail] = emails_to(email, "password_set_link")
    assert "password_set_link" in EMAIL_ONLY
    run_coroutine(password_reset.reset_password(token_in(mail), NEW_PASSWORD, NEW_PASSWORD))
    assert sign_in_works(email, NEW_PASSWORD)
    with pytest.raises(PermissionDenied):  # from now on it changes its password with the current one
        password_reset.request_first_password(user, ip=an_ip())


# ---------------------------------------------------------------- forgot password


def test_forgot_password_answers_the_same_for_known_unknown_and_disabled_addresses():
    known = a_buyer()
    disabled = a_buyer()
    with session_scope() as db:
        row = db.exec(select(User).where(User.email == disabled.email)).one()
        row.is_active = False
        db.add(row)
    unknown = an_email("nobody")
    answers = [password_reset.request_password_reset(e, ip=an_ip()) for e in (known.email, unknown, disabled.email)]
    assert answers == [None, None, None]
    assert len(emails_to(known.email, "password_reset_link")) == 1
    assert emails_to(unknown) == [] and emails_to(disabled.email, "password_reset_link") == []
    assert "password_reset_link" in EMAIL_ONLY  # admins see it listed without its link
    assert refusal(lambda: password_reset.request_password_reset("not an email", ip=an_ip())) == {
        "email": "err.email_invalid"
    }


def test_a_reset_link_works_once_signs_out_everywhere_and_signs_this_browser_in():
    buyer = a_buyer()
    _user, old_token = signed_in(buyer.email)
    password_reset.request_password_reset(buyer.email.upper(), ip=an_ip())
    token = token_in(emails_to(buyer.email, "password_reset_link")[0])
    # A refused password does not spend the link.
    with pytest.raises(ValidationFailed) as refused:
        run_coroutine(password_reset.reset_password(token, NEW_PASSWORD, "something else entirely"))
    assert refused.value.field_errors == {"confirm_password": "err.password_mismatch"}
    user, session_token = run_coroutine(password_reset.reset_password(token, NEW_PASSWORD, NEW_PASSWORD))
    assert user.email == buyer.email
    assert accounts.resolve_session(old_token) is None
    assert accounts.resolve_session(session_token) is not None
    assert sign_in_works(buyer.email, NEW_PASSWORD) and not sign_in_works(buyer.email, PASSWORD)
    assert len(emails_to(buyer.email, "password_changed")) == 1
    with pytest.raises(email_sign_in.LinkRefused):  # used once
        run_coroutine(password_reset.reset_password(token, "a third passphrase", "a third passphrase"))
    with pytest.raises(email_sign_in.LinkRefused):  # and never as a sign-in link
        email_sign_in.confirm_link(token, "password_reset")


def test_a_reset_link_expires_after_an_hour():
    buyer = a_buyer()
    asked = utcnow()
    password_reset.request_password_reset(buyer.email, ip=an_ip(), now=asked)
    token = token_in(emails_to(buyer.email, "password_reset_link")[0])
    late = asked + timedelta(hours=1)
    with pytest.raises(email_sign_in.LinkRefused):
        run_coroutine(password_reset.reset_password(token, NEW_PASSWORD, NEW_PASSWORD, now=late))
    run_coroutine(password_reset.reset_password(token, NEW_PASSWORD, NEW_PASSWORD, now=late - timedelta(seconds=1)))
    assert sign_in_works(buyer.email, NEW_PASSWORD)


def test_forgot_password_is_throttled_per_ip_whatever_the_address_and_per_address_silently():
    ip = an_ip()
    start = utcnow()
    allowance = get_settings().signup_max_per_ip
    for n in range(allowance):
        password_reset.request_password_reset(an_email(f"probe{n}"), ip=ip, now=start)
    with pytest.raises(TooManyAttempts):
        password_reset.request_password_reset(an_email("known-or-not"), ip=ip, now=start)
    buyer = a_buyer()
    for n in range(email_sign_in.MAX_EMAILS_PER_ADDRESS + 3):
        password_reset.request_password_reset(buyer.email, ip=an_ip(), now=start + timedelta(seconds=n))
    assert len(emails_to(buyer.email, "password_reset_link")) == email_sign_in.MAX_EMAILS_PER_ADDRESS


# ---------------------------------------------------------------- change email


def ask_email_change(user: CurrentUser, new_email: str, password: str = PASSWORD) -> str:
    return run_coroutine(account_changes.request_email_change(user, new_email, password, an_ip()))


def test_an_email_change_asks_the_password_and_refuses_an_address_in_use_at_its_field():
    user, _ = signed_in(a_buyer().email)
    other = a_buyer()
    assert refusal(lambda: ask_email_change(user, an_email(), "wrong password here")) == {
        "email_password": "err.current_password_wrong"
    }
    assert refusal(lambda: ask_email_change(user, other.email.upper())) == {"new_email": "err.email_in_use"}
    assert refusal(lambda: ask_email_change(user, user.email)) == {"new_email": "err.email_same"}
    assert refusal(lambda: ask_email_change(user, "nope")) == {"new_email": "err.email_invalid"}
    assert emails_to(other.email, "email_change_confirm") == []


def test_the_new_address_gets_the_link_the_old_one_a_notice_and_nothing_changes_before_the_click():
    user, _ = signed_in(a_buyer().email)
    new_email = an_email("moved")
    assert ask_email_change(user, new_email.upper()) == new_email
    [link_mail] = emails_to(new_email, "email_change_confirm")
    [notice] = emails_to(user.email, "email_change_requested")
    assert new_email in notice.body_text and "/link?token=" not in notice.body_text
    assert {"email_change_confirm", "email_change_requested", "email_changed"} <= EMAIL_ONLY
    assert sign_in_works(user.email, PASSWORD) and not sign_in_works(new_email, PASSWORD)
    token = token_in(link_mail)
    assert account_changes.confirm_email_change(token) == new_email
    assert sign_in_works(new_email, PASSWORD) and not sign_in_works(user.email, PASSWORD)
    [changed] = emails_to(user.email, "email_changed")
    assert new_email in changed.body_text
    with pytest.raises(email_sign_in.LinkRefused):  # once
        account_changes.confirm_email_change(token)


def test_an_email_change_link_stops_working_when_the_password_changes_or_the_address_is_taken():
    user, _ = signed_in(a_buyer().email)
    first = an_email("first")
    ask_email_change(user, first)
    change(user, PASSWORD)
    with pytest.raises(email_sign_in.LinkRefused):
        account_changes.confirm_email_change(token_in(emails_to(first, "email_change_confirm")[0]))
    second = an_email("second")
    ask_email_change(user, second, NEW_PASSWORD)
    a_buyer(second)  # someone signed up with it meanwhile
    with pytest.raises(DomainError) as refused:
        account_changes.confirm_email_change(token_in(emails_to(second, "email_change_confirm")[0]))
    assert refused.value.key == "err.email_taken_meanwhile"
    assert accounts.resolve_session(signed_in(user.email, NEW_PASSWORD)[1]) is not None


def test_email_changes_are_limited_per_account():
    user, _ = signed_in(a_buyer().email)
    for _n in range(email_sign_in.MAX_EMAILS_PER_ADDRESS):
        ask_email_change(user, an_email("many"))
    with pytest.raises(TooManyAttempts):
        ask_email_change(user, an_email("one-too-many"))


def test_sessions_are_untouched_by_an_email_change():
    user, token = signed_in(a_buyer().email)
    new_email = an_email("kept")
    ask_email_change(user, new_email)
    account_changes.confirm_email_change(token_in(emails_to(new_email, "email_change_confirm")[0]))
    seen = accounts.resolve_session(token)
    assert seen is not None and seen.email == new_email
    with session_scope() as db:
        assert db.exec(select(AuthSession).where(AuthSession.user_id == user.id)).first() is not None
