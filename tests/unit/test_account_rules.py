"""The account page's rules that need no database: new passwords, the deletion word, the tombstone."""

from __future__ import annotations

import pytest

from realsourcing.accounts.account_deletion import confirm_word_ok, tombstone_email
from realsourcing.accounts.email_address import normalize_email
from realsourcing.accounts.password_reset import new_password_problems
from realsourcing.core.errors import ValidationFailed

EMAIL = "maya@example.com"


@pytest.mark.parametrize(
    ("new", "confirm", "expected"),
    [
        ("", "", {"new_password": "err.password_required"}),
        ("short", "short", {"new_password": "err.password_too_short"}),
        ("x" * 129, "x" * 129, {"new_password": "err.password_too_long"}),
        ("aaaaaaaaaaaa", "aaaaaaaaaaaa", {"new_password": "err.password_too_simple"}),
        (EMAIL, EMAIL, {"new_password": "err.password_is_email"}),
        ("a good long passphrase", "a good long passphrase!", {"confirm_password": "err.password_mismatch"}),
        ("a good long passphrase", "a good long passphrase", {}),
    ],
)
def test_a_new_password_follows_the_sign_up_rules_and_is_typed_twice(new, confirm, expected):
    assert new_password_problems(new, confirm, EMAIL) == expected


@pytest.mark.parametrize(
    ("typed", "ok"), [("DELETE", True), (" delete ", True), ("删除", True), ("", False), ("del", False)]
)
def test_deletion_is_confirmed_by_typing_the_word_in_either_language(typed, ok):
    assert confirm_word_ok(typed) is ok


def test_the_tombstone_address_is_unique_per_account_and_no_sign_up_can_take_it():
    assert tombstone_email(41) != tombstone_email(42)
    with pytest.raises(ValidationFailed):  # ".invalid" is a special-use domain: every form refuses it
        normalize_email(tombstone_email(41))
