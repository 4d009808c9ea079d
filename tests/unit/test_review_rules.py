"""The rules of reviews from paid sample orders, without a database."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from realsourcing.core.errors import ValidationFailed
from realsourcing.orders import reviews


@pytest.mark.parametrize(
    ("status", "paid", "refunded", "why"),
    [
        ("completed", True, False, None),
        ("completed", False, False, "err.review_not_paid"),
        ("completed", True, True, "err.review_refunded"),
        ("refunded", True, True, "err.review_refunded"),
        ("delivered", True, False, "err.review_not_completed"),
        ("cancelled", False, False, "err.review_not_completed"),
        ("awaiting_payment", False, False, "err.review_not_completed"),
    ],
)
def test_only_completed_paid_unrefunded_orders_are_reviewable(status, paid, refunded, why):
    assert reviews.refusal(status, paid, refunded) == why


def test_ratings_are_whole_numbers_from_one_to_five():
    clean, text = reviews.validate({"matched": 1, "communication": "5", "shipping": " 3 "}, "  Good   sample \n ok ")
    assert (clean, text) == ({"matched": 1, "communication": 5, "shipping": 3}, "Good sample\nok")
    with pytest.raises(ValidationFailed) as bad:
        reviews.validate({"matched": True, "communication": 2.5, "shipping": "6"}, "fine words")
    assert set(bad.value.field_errors) == {"rating_matched", "rating_communication", "rating_shipping"}


def test_text_length_is_bounded():
    with pytest.raises(ValidationFailed):
        reviews.validate({"matched": 3, "communication": 3, "shipping": 3}, "ok")
    with pytest.raises(ValidationFailed):
        reviews.validate_answer("y" * 2001)
    assert reviews.validate_answer("  Thanks  a lot ") == "Thanks a lot"


def test_the_buyer_is_shown_as_first_name_and_company_initial():
    assert reviews.public_name("Anna Maria Berg", "nordic Home") == "Anna · N."
    assert reviews.public_name("王小明", "明光贸易") == "王** · 明."
    assert reviews.public_name("Lee", "") == "Lee"


def test_where_a_review_comes_from():
    at = datetime(2026, 3, 5, tzinfo=UTC)
    assert (reviews.month_year(at, "en"), reviews.month_year(at, "zh")) == ("March 2026", "2026年3月")
    assert reviews.product_of(["Mug", "Plate", "Bowl"]) == "Mug +2"
    assert reviews.product_of(["Mug"]) == "Mug"
    assert reviews.language_of("fr") == "en"


def test_averages_need_three_values():
    assert reviews.average([5, 4]) is None
    assert reviews.average([5, 4, 4]) == "4.3"
