"""One session lookup per navigation: the user a page load resolved serves the page's own on_load only
for the same session token and for a few seconds; anything else resolves the session afresh."""

from __future__ import annotations

from realsourcing.accounts.identity import CurrentUser
from realsourcing.ui.session import USER_REUSE_SECONDS, reusable_user, token_fingerprint

MAYA = CurrentUser(id=1, email="maya@example.com", full_name="Maya", company_name="", role="buyer", language="en")


def test_the_page_reuses_the_user_its_page_load_found_for_the_same_token():
    fp = token_fingerprint("token-a")
    assert reusable_user(MAYA, fp, 100.0, fp, 100.5) == (True, MAYA)


def test_another_token_in_the_same_tab_never_gets_the_previous_person():
    assert reusable_user(MAYA, token_fingerprint("token-a"), 100.0, token_fingerprint("token-b"), 100.1) == (
        False,
        None,
    )


def test_after_a_few_seconds_the_session_is_resolved_again():
    fp = token_fingerprint("token-a")
    assert reusable_user(MAYA, fp, 100.0, fp, 100.0 + USER_REUSE_SECONDS + 0.01) == (False, None)
    assert reusable_user(MAYA, fp, 100.0, fp, 99.0) == (False, None)  # a clock that went back


def test_nothing_is_reused_when_nothing_was_resolved_or_there_is_no_token():
    assert reusable_user(None, "", 0.0, token_fingerprint("token-a"), 1.0) == (False, None)
    assert reusable_user(MAYA, "", 100.0, "", 100.1) == (False, None)
    assert token_fingerprint("") == ""
    assert token_fingerprint("token-a") != "token-a"
