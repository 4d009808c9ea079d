"""When a form takes a new idempotency key (core/idempotency.FormKey): the rule of "one create per key",
as a page state applies it on each opening of the form and after each create."""

from __future__ import annotations

from realsourcing.core.idempotency import KEY_PATTERN, FormKey

ORDER_FORM = "/orders/new?factory=yiwu-sunny-toys&product=12"


def test_the_first_opening_takes_a_valid_key():
    opened = FormKey().opened(ORDER_FORM)
    assert KEY_PATTERN.fullmatch(opened.key) and opened.form == ORDER_FORM and opened.result_id == 0


def test_reopening_the_same_form_before_any_create_keeps_the_key():
    # a reconnecting tab runs on_load again: a retry must still find what the first submit created
    opened = FormKey().opened(ORDER_FORM)
    assert opened.opened(ORDER_FORM) == opened


def test_after_a_create_repeats_keep_the_key_and_the_next_opening_takes_a_new_one():
    used = FormKey().opened(ORDER_FORM).used_for(41)
    assert used.result_id == 41  # a queued second click still sends used.key
    again = used.opened(ORDER_FORM)
    assert again.key != used.key and again.result_id == 0


def test_another_form_takes_another_key():
    opened = FormKey().opened(ORDER_FORM)
    other = opened.opened("/orders/new?factory=ningbo-kitchen&product=7")
    assert other.key != opened.key and other.form.endswith("product=7")


def test_keys_are_never_repeated():
    assert len({FormKey().opened(ORDER_FORM).key for _ in range(1000)}) == 1000


PRODUCT_FORM = "/dashboard/products/new"


def test_a_create_whose_answer_was_not_shown_is_found_again_on_the_same_form():
    # the tab reconnects to the form after its create: it is sent to what it made, not to a fresh form
    used = FormKey().opened(PRODUCT_FORM).used_for(41)
    assert used.unanswered(PRODUCT_FORM) == 41
    assert used.unanswered("/dashboard/webinars/new") == 0
    assert FormKey().opened(PRODUCT_FORM).unanswered(PRODUCT_FORM) == 0  # nothing made yet


def test_once_the_answer_is_shown_the_next_opening_takes_a_new_key():
    used = FormKey().opened(PRODUCT_FORM).used_for(41)
    shown = used.answered()
    assert shown.unanswered(PRODUCT_FORM) == 0
    again = shown.opened(PRODUCT_FORM)
    assert KEY_PATTERN.fullmatch(again.key) and again.key != used.key and again.result_id == 0


def test_an_answer_shown_before_any_create_keeps_the_key():
    opened = FormKey().opened(PRODUCT_FORM)
    assert opened.answered() == opened  # e.g. a refused submit: the corrected one still uses this key
