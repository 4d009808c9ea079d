"""The factory team's rules: a factory keeps an owner, a person belongs to one factory, invitations expire."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from realsourcing.profile.team_rules import invite_state, join_refusal, last_owner_refusal, owners_left

OWNER_ALONE = [(1, "owner"), (2, "staff"), (3, "staff")]
TWO_OWNERS = [(1, "owner"), (2, "owner"), (3, "staff")]


def test_the_last_owner_can_be_neither_removed_nor_made_staff():
    assert last_owner_refusal(OWNER_ALONE, 1, None) == "err.team_last_owner"
    assert last_owner_refusal(OWNER_ALONE, 1, "staff") == "err.team_last_owner"


def test_an_owner_with_another_owner_beside_them_can_leave_or_become_staff():
    assert last_owner_refusal(TWO_OWNERS, 1, None) is None
    assert last_owner_refusal(TWO_OWNERS, 2, "staff") is None
    assert owners_left(TWO_OWNERS, 2, "staff") == 1


def test_staff_can_always_be_removed_or_promoted():
    assert last_owner_refusal(OWNER_ALONE, 2, None) is None
    assert last_owner_refusal(OWNER_ALONE, 3, "owner") is None
    assert owners_left(OWNER_ALONE, 3, "owner") == 2


def test_keeping_the_last_owner_an_owner_is_no_change():
    assert last_owner_refusal(OWNER_ALONE, 1, "owner") is None


@pytest.mark.parametrize(
    ("account_role", "current_factory", "refusal"),
    [
        (None, None, None),  # no account yet: one is made for the team
        ("factory", None, None),  # a factory account that belongs to no factory (removed earlier)
        ("factory", 7, "err.team_already_yours"),
        ("factory", 8, "err.team_other_factory"),  # one factory per person
        ("buyer", None, "err.team_buyer_account"),
        ("admin", None, "err.team_buyer_account"),
    ],
)
def test_who_may_join_a_factory(account_role, current_factory, refusal):
    assert join_refusal(account_role, current_factory, 7) == refusal


def test_a_pending_invitation_shows_as_expired_from_its_expiry_on():
    expires = datetime(2026, 12, 11, 9, 0, tzinfo=UTC)
    assert invite_state("pending", expires, expires - timedelta(seconds=1)) == "pending"
    assert invite_state("pending", expires, expires) == "expired"
    assert invite_state("pending", expires, expires + timedelta(days=30)) == "expired"


def test_a_closed_invitation_keeps_its_status_whatever_the_time():
    expires = datetime(2026, 12, 11, 9, 0, tzinfo=UTC)
    for status in ("accepted", "revoked", "replaced"):
        assert invite_state(status, expires, expires + timedelta(days=1)) == status
