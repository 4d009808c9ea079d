"""Reviews come only from completed, paid sample orders, by their buyer, once; the factory answers once."""

from __future__ import annotations

import pytest
from sqlmodel import select

from realsourcing.core.errors import NotFound, PermissionDenied, ValidationFailed
from realsourcing.core.idempotency import new_key
from realsourcing.db import session_scope
from realsourcing.notifications.models import Notification
from realsourcing.orders import reviews
from realsourcing.orders import service as orders
from realsourcing.orders.models import OrderEvent, SampleOrder
from realsourcing.orders.reviews import OrderReview, ReviewRefused
from realsourcing.profile import trust
from realsourcing.profile.directory import factory_page
from tests.support.builders import a_buyer, a_completed_order, a_factory, a_product, a_team_member, with_bank_details

RATED = {"matched": 5, "communication": 4, "shipping": 3}


def a_shop():
    owner = with_bank_details(a_factory(name="Review Works", city="Xiamen"))
    return owner, a_product(owner, name_en="Bamboo tray", published=True)


def review(buyer, order_id, ratings=RATED, text="The tray is exactly as described.", key=None):
    return reviews.create_review(buyer, order_id, dict(ratings), text, key=key or new_key())


def test_the_buyer_reviews_a_completed_paid_order_once_and_the_factory_is_told():
    owner, tray = a_shop()
    buyer = a_buyer(full_name="Anna Berg", company_name="nordic Home")
    order_id = a_completed_order(owner, buyer, tray)
    assert reviews.for_order(buyer, order_id).can_review
    key = new_key()
    first = review(buyer, order_id, key=key)
    assert review(buyer, order_id, key=key) == first  # a double submit: the same review
    with pytest.raises(ReviewRefused) as refused:
        review(buyer, order_id)  # a second review with a new key
    assert refused.value.key == "err.review_exists"
    with session_scope() as db:
        stored = db.exec(select(OrderReview).where(OrderReview.order_id == order_id)).all()
        told = db.exec(select(Notification).where(Notification.user_id == owner.id)).all()
    assert [(r.matched, r.communication, r.shipping, r.language) for r in stored] == [(5, 4, 3, "en")]
    assert [(n.kind, n.link) for n in told if n.kind == "order_reviewed"] == [("order_reviewed", f"/orders/{order_id}")]
    box = reviews.for_order(buyer, order_id)
    assert (box.can_review, box.can_answer, box.review.buyer, box.review.product) == (
        False,
        False,
        "Anna · N.",
        "Bamboo tray",
    )
    assert reviews.for_order(owner, order_id).can_answer


def test_nobody_but_the_buyer_of_a_completed_paid_order_reviews():
    owner, tray = a_shop()
    buyer = a_buyer()
    done = a_completed_order(owner, buyer, tray)
    with pytest.raises(PermissionDenied):
        review(a_buyer(), done)  # another buyer
    with pytest.raises(PermissionDenied):
        review(owner, done)  # the factory
    with pytest.raises(PermissionDenied):
        review(a_team_member(owner), done)
    with pytest.raises(PermissionDenied):
        reviews.create_review(None, done, dict(RATED), "Anonymous words", key=new_key())
    with pytest.raises(NotFound):
        review(buyer, 10**9)
    for upto, why in (
        ("", "err.review_not_completed"),
        ("mark_paid", "err.review_not_completed"),
        ("delivered", "err.review_not_completed"),
    ):
        order_id = a_completed_order(owner, buyer, tray, upto=upto)
        with pytest.raises(ReviewRefused) as refused:
            review(buyer, order_id)
        assert refused.value.key == why, upto
        assert not reviews.for_order(buyer, order_id).can_review
    cancelled = a_completed_order(owner, buyer, tray, upto="")
    orders.act(buyer, cancelled, "cancel", note="changed my mind")
    refunded = a_completed_order(owner, buyer, tray, upto="accept")
    orders.act(owner, refunded, "refund_bank")
    for order_id, why in ((cancelled, "err.review_not_completed"), (refunded, "err.review_refunded")):
        with pytest.raises(ReviewRefused) as refused:
            review(buyer, order_id)
        assert refused.value.key == why
    with session_scope() as db:
        assert db.exec(select(OrderReview).where(OrderReview.factory_id == owner.factory_id)).all() == []


def test_a_completed_order_without_a_recorded_payment_is_not_reviewable():
    owner, tray = a_shop()
    buyer = a_buyer()
    order_id = a_completed_order(owner, buyer, tray)
    with session_scope() as db:  # a completed order whose payment was never recorded (data from elsewhere)
        for e in db.exec(select(OrderEvent).where(OrderEvent.order_id == order_id)).all():
            if e.kind == "bank_transfer_received":
                db.delete(e)
    with pytest.raises(ReviewRefused) as refused:
        review(buyer, order_id)
    assert refused.value.key == "err.review_not_paid"


def test_ratings_and_text_are_checked_at_their_fields():
    owner, tray = a_shop()
    buyer = a_buyer()
    order_id = a_completed_order(owner, buyer, tray)
    with pytest.raises(ValidationFailed) as bad:
        review(buyer, order_id, {"matched": 6, "communication": "0", "shipping": None}, " ")
    assert bad.value.field_errors == {
        "rating_matched": "err.review_rating",
        "rating_communication": "err.review_rating",
        "rating_shipping": "err.review_rating",
        "text": "err.review_text_short",
    }
    with pytest.raises(ValidationFailed) as long:
        review(buyer, order_id, text="x" * 2001)
    assert long.value.field_errors == {"text": "err.review_text_long"}
    assert review(buyer, order_id, {"matched": "5", "communication": "4", "shipping": "3"}) > 0


def test_the_factory_answers_once_and_the_buyer_is_told():
    owner, tray = a_shop()
    buyer = a_buyer()
    order_id = a_completed_order(owner, buyer, tray)
    review(buyer, order_id)
    other_owner, _ = a_shop()
    for stranger in (buyer, a_buyer(), other_owner):
        with pytest.raises(PermissionDenied):
            reviews.answer_review(stranger, order_id, "Thank you!")
    with pytest.raises(PermissionDenied):
        reviews.answer_review(None, order_id, "Thank you!")
    with pytest.raises(ValidationFailed) as bad:
        reviews.answer_review(owner, order_id, "")
    assert bad.value.field_errors == {"answer": "err.review_text_short"}
    staff = a_team_member(owner)
    reviews.answer_review(staff, order_id, "谢谢您的评价！", language="zh")
    with pytest.raises(ReviewRefused) as again:
        reviews.answer_review(owner, order_id, "A second answer")
    assert again.value.key == "err.review_answered"
    box = reviews.for_order(buyer, order_id)
    assert (box.review.answer, box.review.answer_language, box.can_answer) == ("谢谢您的评价！", "zh", False)
    with session_scope() as db:
        told = db.exec(select(Notification).where(Notification.user_id == buyer.id)).all()
    assert [n.link for n in told if n.kind == "order_review_answered"] == [f"/orders/{order_id}"]


def test_unanswered_reviews_cannot_be_answered_before_they_exist():
    owner, tray = a_shop()
    order_id = a_completed_order(owner, a_buyer(), tray)
    with pytest.raises(NotFound):
        reviews.answer_review(owner, order_id, "Nothing to answer")


def test_averages_join_the_trust_panel_from_three_reviews_and_the_page_lists_the_latest():
    owner, tray = a_shop()
    scores = [(5, 4, 3), (4, 4, 5), (4, 3, 2)]
    for n, (matched, communication, shipping) in enumerate(scores):
        buyer = a_buyer()
        order_id = a_completed_order(owner, buyer, tray)
        review(
            buyer, order_id, {"matched": matched, "communication": communication, "shipping": shipping}, f"Review {n}"
        )
        with session_scope() as db:
            signals = {s.key: s.value for s in trust.signals(db, owner.factory_id)}
        if n < 2:
            assert signals["trust.review_matched"] is None  # not enough data yet
            assert signals["trust.reviews"] == str(n + 1)
    assert (
        signals["trust.review_matched"],
        signals["trust.review_communication"],
        signals["trust.review_shipping"],
        signals["trust.reviews"],
    ) == ("4.3 / 5", "3.7 / 5", "3.3 / 5", "3")
    page = factory_page(factory_page_slug(owner))
    assert [r.text for r in page.reviews] == ["Review 2", "Review 1", "Review 0"]  # latest first


def factory_page_slug(owner) -> str:
    with session_scope() as db:
        from realsourcing.profile.models import Factory

        return db.get(Factory, owner.factory_id).slug


def test_one_review_per_order_even_past_the_first_look():
    owner, tray = a_shop()
    buyer = a_buyer()
    order_id = a_completed_order(owner, buyer, tray)
    review(buyer, order_id)
    with pytest.raises(Exception), session_scope() as db:  # noqa: B017 (the unique constraint, any driver's error)
        order = db.get(SampleOrder, order_id)
        db.add(
            OrderReview(
                order_id=order_id,
                factory_id=order.factory_id,
                buyer_id=buyer.id,
                matched=1,
                communication=1,
                shipping=1,
                text="twin",
            )
        )
        db.flush()
