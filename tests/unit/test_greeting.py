"""Greeting on the home page: "Welcome," on the first visit (the session signing up opened, its first
day), "Welcome back," for anyone who signed in again or came back later."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from realsourcing.accounts.greeting import is_first_visit

SIGNED_UP = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def test_the_session_signing_up_opened_is_the_first_visit_for_its_first_day():
    session = SIGNED_UP + timedelta(seconds=4)  # the emailed link's confirm opens it
    assert is_first_visit(SIGNED_UP, session, now=session + timedelta(minutes=2))
    assert is_first_visit(SIGNED_UP, session, now=session + timedelta(hours=23))
    assert not is_first_visit(SIGNED_UP, session, now=session + timedelta(days=1, minutes=1))


def test_a_later_sign_in_is_a_return():
    later = SIGNED_UP + timedelta(days=3)
    assert not is_first_visit(SIGNED_UP, later, now=later + timedelta(seconds=5))
    assert not is_first_visit(SIGNED_UP, SIGNED_UP + timedelta(hours=2), now=SIGNED_UP + timedelta(hours=2))


def test_unknown_starts_greet_as_returning():
    assert not is_first_visit(None, SIGNED_UP, now=SIGNED_UP)
    assert not is_first_visit(SIGNED_UP, None, now=SIGNED_UP)
