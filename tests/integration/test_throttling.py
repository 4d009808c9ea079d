"""Sign-in throttling, per account and per IP, shared by every worker through the database."""

from datetime import timedelta

import pytest
from sqlmodel import select

from realsourcing.accounts import service as accounts
from realsourcing.accounts.models import LoginAttempt
from realsourcing.accounts.service import SignUpForm
from realsourcing.core.errors import TooManyAttempts, ValidationFailed
from realsourcing.db import session_scope
from tests.support.builders import PASSWORD


def fail(email: str, ip: str) -> None:
    with pytest.raises(ValidationFailed):
        accounts.authenticate(email, "wrong password!", ip=ip)


def backdate(minutes: int, email: str) -> None:
    """Pretend the account's attempts so far happened `minutes` earlier."""
    with session_scope() as db:
        for attempt in db.exec(select(LoginAttempt).where(LoginAttempt.email == email)).all():
            attempt.created_at -= timedelta(minutes=minutes)
            db.add(attempt)


def test_account_is_locked_after_five_failures_even_with_the_right_password(unique_email):
    email = unique_email()
    accounts.sign_up(SignUpForm(email=email, password=PASSWORD, full_name="Locked Out"))
    for i in range(5):
        fail(email, ip=f"10.2.0.{i}")  # from different IPs: the account limit still applies
    with pytest.raises(TooManyAttempts) as locked:
        accounts.authenticate(email, PASSWORD, ip="10.2.1.1")
    assert 1 <= locked.value.minutes <= 15


def test_lock_lifts_once_the_failures_are_old(unique_email):
    email = unique_email()
    accounts.sign_up(SignUpForm(email=email, password=PASSWORD, full_name="Patient"))
    for _ in range(5):
        fail(email, ip="10.3.0.1")
    with pytest.raises(TooManyAttempts):
        accounts.authenticate(email, PASSWORD, ip="10.3.0.1")
    backdate(16, email=email)
    user, _token = accounts.authenticate(email, PASSWORD, ip="10.3.0.1")
    assert user.email == email


def test_a_success_resets_the_account_count(unique_email):
    email = unique_email()
    accounts.sign_up(SignUpForm(email=email, password=PASSWORD, full_name="Typo Prone"))
    for _ in range(4):
        fail(email, ip="10.4.0.1")
    accounts.authenticate(email, PASSWORD, ip="10.4.0.1")
    backdate(1, email=email)  # failures and success are older than what comes next
    for _ in range(4):
        fail(email, ip="10.4.0.2")
    accounts.authenticate(email, PASSWORD, ip="10.4.0.2")  # 4 new failures since the success: still fine


def test_one_ip_guessing_many_accounts_is_locked(unique_email):
    ip = "10.5.0.9"
    for _ in range(20):
        fail(unique_email("guess"), ip=ip)
    victim = unique_email("victim")
    accounts.sign_up(SignUpForm(email=victim, password=PASSWORD, full_name="Victim"))
    with pytest.raises(TooManyAttempts):
        accounts.authenticate(victim, PASSWORD, ip=ip)
    accounts.authenticate(victim, PASSWORD, ip="10.5.0.10")  # the owner, elsewhere, is not locked out
