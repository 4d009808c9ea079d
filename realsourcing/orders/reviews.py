"""Reviews of factories, only from completed, paid sample orders.

Rules:
- Only the order's buyer reviews, only once the order is completed and was paid (by card, or a bank
  transfer the factory confirmed); a refunded or cancelled order is never reviewable. There is no
  other way to review a factory.
- One review per order (a unique order_id as backstop); the create carries the form's idempotency key.
- Three ratings 1–5 (the sample matched the description, communication, shipping time) and a text of
  3–2000 characters, stored as written with its language; readers see it as written, labelled with its
  language when it is not theirs.
- A member of the order's factory may answer once (3–2000 characters); the buyer is told.
- Every review says where it comes from: "from a paid sample order of <product>, <month year>".
- The buyer is shown as first name + company initial; averages and the count join the trust panel
  (averages only from MIN_REVIEWS reviews on: fewer is "not enough data yet").

Pure rules first (no database), then the services.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import UniqueConstraint, func
from sqlmodel import Field, Session, SQLModel, col, select

from realsourcing.accounts.identity import CurrentUser
from realsourcing.accounts.models import User
from realsourcing.core import idempotency
from realsourcing.core.columns import created_at_field, utc_field
from realsourcing.core.errors import DomainError, NotFound, PermissionDenied, ValidationFailed
from realsourcing.core.i18n import translate
from realsourcing.db import session_scope, utcnow
from realsourcing.notifications.service import notify
from realsourcing.orders.access import order_for
from realsourcing.orders.events import OrderEventKind
from realsourcing.orders.lifecycle import OrderStatus, Side
from realsourcing.orders.models import OrderEvent, SampleOrder, SampleOrderItem
from realsourcing.orders.row_ids import row_id
from realsourcing.profile.membership import is_member, members
from realsourcing.profile.models import Factory

RATINGS = ("matched", "communication", "shipping")  # the three ratings, in the order they are asked
MAX_TEXT = 2000
MIN_TEXT = 3
MIN_REVIEWS = 3  # averages from fewer reviews are "not enough data yet"
LANGUAGES = ("en", "zh")
PAYMENT_KINDS = (OrderEventKind.PAID_BY_CARD, OrderEventKind.BANK_TRANSFER_RECEIVED)
REFUND_KINDS = (
    OrderEventKind.REFUNDED_BY_CARD,
    OrderEventKind.REFUNDED_BY_BANK,
    OrderEventKind.LATE_PAYMENT_REFUNDED,
)
REVIEW_KIND = "order_review"


class OrderReview(SQLModel, table=True):
    """A buyer's review of a factory, from one completed, paid sample order."""

    __tablename__ = "order_reviews"
    __table_args__ = (UniqueConstraint("order_id", name="uq_order_review_order"),)

    id: int | None = Field(default=None, primary_key=True)
    order_id: int = Field(foreign_key="sample_orders.id")
    factory_id: int = Field(foreign_key="factories.id", index=True)
    buyer_id: int = Field(foreign_key="users.id")
    matched: int  # the sample matched the description, 1-5
    communication: int  # 1-5
    shipping: int  # shipping time, 1-5
    text: str = Field(max_length=MAX_TEXT)
    language: str = Field(default="en", max_length=8)  # the language it was written in
    created_at: datetime = created_at_field()
    answer: str = Field(default="", max_length=MAX_TEXT)
    answer_language: str = Field(default="", max_length=8)
    answered_at: datetime | None = utc_field()
    answered_by: int | None = Field(default=None, foreign_key="users.id")


class ReviewRefused(DomainError):
    pass


# ---- pure rules ----------------------------------------------------------------------------------


def refusal(status: str, paid: bool, refunded: bool) -> str | None:
    """Why an order cannot be reviewed by its buyer (an i18n key), or None when it can."""
    if refunded or status == OrderStatus.REFUNDED:
        return "err.review_refunded"
    if status != OrderStatus.COMPLETED:
        return "err.review_not_completed"
    if not paid:
        return "err.review_not_paid"
    return None


def clean_text(text: object) -> str:
    return "\n".join(" ".join(line.split()) for line in str(text or "").strip().splitlines()).strip()


def validate(ratings: dict[str, object], text: object) -> tuple[dict[str, int], str]:
    """The three ratings as 1-5 integers and the cleaned text (ValidationFailed names each bad field)."""
    errors: dict[str, str] = {}
    clean: dict[str, int] = {}
    for name in RATINGS:
        value = ratings.get(name)
        number = value if isinstance(value, int) and not isinstance(value, bool) else None
        if isinstance(value, str) and value.strip() in {"1", "2", "3", "4", "5"}:
            number = int(value.strip())
        if number is None or not 1 <= number <= 5:
            errors[f"rating_{name}"] = "err.review_rating"
        else:
            clean[name] = number
    body = clean_text(text)
    if len(body) < MIN_TEXT:
        errors["text"] = "err.review_text_short"
    elif len(body) > MAX_TEXT:
        errors["text"] = "err.review_text_long"
    if errors:
        raise ValidationFailed(errors)
    return clean, body


def validate_answer(text: object) -> str:
    body = clean_text(text)
    if len(body) < MIN_TEXT:
        raise ValidationFailed({"answer": "err.review_text_short"})
    if len(body) > MAX_TEXT:
        raise ValidationFailed({"answer": "err.review_text_long"})
    return body


def language_of(language: str) -> str:
    return language if language in LANGUAGES else "en"


def public_name(full_name: str, company: str) -> str:
    """First name + company initial ("Anna · N."), never the whole name."""
    words = full_name.split()
    first = words[0] if words else ""
    if first and len(words) == 1 and not first.isascii() and len(first) > 1:
        first = first[0] + "*" * (len(first) - 1)  # a Chinese name written without spaces: its first character
    initial = company.strip()[:1].upper()
    return f"{first} · {initial}." if first and initial else first or (f"{initial}." if initial else "")


def product_of(names: list[str]) -> str:
    """The order's product as a review names it: the first one, "+N" for the others."""
    if not names:
        return ""
    return names[0] if len(names) == 1 else f"{names[0]} +{len(names) - 1}"


def month_year(at: datetime, lang: str) -> str:
    if lang == "zh":
        return f"{at.year}年{at.month}月"
    return at.strftime("%B %Y")  # C locale month names: English


def average(values: list[int]) -> str | None:
    """One decimal, or None with fewer than MIN_REVIEWS values."""
    if len(values) < MIN_REVIEWS:
        return None
    return f"{sum(values) / len(values):.1f}"


# ---- services ------------------------------------------------------------------------------------


def _paid_and_refunded(db: Session, order_id: int) -> tuple[bool, bool]:
    kinds = set(
        db.exec(
            select(OrderEvent.kind).where(
                OrderEvent.order_id == order_id, col(OrderEvent.kind).in_([*PAYMENT_KINDS, *REFUND_KINDS])
            )
        ).all()
    )
    return bool(kinds & set(PAYMENT_KINDS)), bool(kinds & set(REFUND_KINDS))


def _order(db: Session, order_id: int) -> SampleOrder:
    order = db.get(SampleOrder, order_id) if row_id(order_id) is not None else None
    if order is None:
        raise NotFound()
    return order


def can_review(db: Session, actor: CurrentUser | None, order: SampleOrder) -> bool:
    """Whether the form is offered: the buyer, a reviewable order, no review yet."""
    if actor is None or order.buyer_id != actor.id or order.id is None:
        return False
    paid, refunded = _paid_and_refunded(db, order.id)
    if refusal(order.status, paid and order.paid_at is not None, refunded) is not None:
        return False
    return db.exec(select(OrderReview.id).where(OrderReview.order_id == order.id)).first() is None


def create_review(
    actor: CurrentUser | None,
    order_id: int,
    ratings: dict[str, object],
    text: str,
    *,
    key: str,
    language: str = "",
) -> int:
    """The buyer's review of a completed, paid order (once per order; the form's key makes it once). Its id.

    `language`: the one the form was shown in (the text is taken to be written in it); else the buyer's.
    """
    if actor is None:
        raise PermissionDenied()  # nobody signed in
    return _create_review(actor, order_id, ratings, text, key=key, language=language)


@idempotency.once(REVIEW_KIND)
def _create_review(
    actor: CurrentUser, order_id: int, ratings: dict[str, object], text: str, *, key: str, language: str
) -> int:
    with session_scope() as db:
        order = _order(db, order_id)
        if order.buyer_id != actor.id:
            raise PermissionDenied()  # the factory, another buyer: nobody else reviews
        assert order.id is not None, "loaded rows have ids"
        paid, refunded = _paid_and_refunded(db, order.id)
        why = refusal(order.status, paid and order.paid_at is not None, refunded)
        if why is not None:
            raise ReviewRefused(why)
        clean, body = validate(ratings, text)
        if db.exec(select(OrderReview.id).where(OrderReview.order_id == order.id)).first() is not None:
            raise ReviewRefused("err.review_exists")
        review = OrderReview(
            order_id=order.id,
            factory_id=order.factory_id,
            buyer_id=actor.id,
            text=body,
            language=language_of(language or actor.language),
            matched=clean["matched"],
            communication=clean["communication"],
            shipping=clean["shipping"],
        )
        db.add(review)
        db.flush()
        assert review.id is not None, "flushed rows have ids"
        for member in members(db, order.factory_id):
            notify(db, member, "order_reviewed", _payload(db, order), link=f"/orders/{order.id}", actor_id=actor.id)
        idempotency.remember(db, review.id)
        return review.id


def answer_review(actor: CurrentUser | None, order_id: int, text: str, *, language: str = "") -> None:
    """The factory's one answer to the review of its order (a member of that factory only)."""
    if actor is None:
        raise PermissionDenied()
    with session_scope() as db:
        order = _order(db, order_id)
        if not is_member(db, order.factory_id, actor.id):
            raise PermissionDenied()
        review = db.exec(select(OrderReview).where(OrderReview.order_id == order.id).with_for_update()).first()
        if review is None:
            raise NotFound()
        if review.answered_at is not None:
            raise ReviewRefused("err.review_answered")
        review.answer = validate_answer(text)
        review.answer_language = language_of(language or actor.language)
        review.answered_at, review.answered_by = utcnow(), actor.id
        db.add(review)
        db.flush()
        buyer = db.exec(select(User).where(User.id == order.buyer_id)).one()
        notify(db, buyer, "order_review_answered", _payload(db, order), link=f"/orders/{order.id}", actor_id=actor.id)


def _payload(db: Session, order: SampleOrder) -> dict:
    factory = db.exec(select(Factory).where(Factory.id == order.factory_id)).one()
    return {"order_id": order.id, "reference": order.reference, "factory": factory.display_name_en}


@dataclass(frozen=True)
class ReviewView:
    id: int
    order_id: int
    buyer: str  # first name + company initial
    product: str
    created_at: datetime
    ratings: dict[str, int]
    text: str
    language: str
    answer: str
    answer_language: str
    answered_at: datetime | None


def _views(db: Session, reviews: list[OrderReview]) -> list[ReviewView]:
    """Views of these reviews in three statements whatever their number (buyers, order items)."""
    buyer_ids = {r.buyer_id for r in reviews}
    order_ids = [r.order_id for r in reviews]
    buyers = {u.id: u for u in db.exec(select(User).where(col(User.id).in_(buyer_ids))).all()} if buyer_ids else {}
    names: dict[int, list[str]] = {}
    if order_ids:
        for oid, name in db.exec(
            select(SampleOrderItem.order_id, SampleOrderItem.product_name)
            .where(col(SampleOrderItem.order_id).in_(order_ids))
            .order_by(col(SampleOrderItem.id))
        ).all():
            names.setdefault(oid, []).append(name)
    views = []
    for r in reviews:
        assert r.id is not None, "loaded rows have ids"
        buyer = buyers.get(r.buyer_id)
        views.append(
            ReviewView(
                r.id,
                r.order_id,
                public_name(buyer.full_name, buyer.company_name) if buyer else "",
                product_of(names.get(r.order_id, [])),
                r.created_at,
                {name: getattr(r, name) for name in RATINGS},
                r.text,
                r.language,
                r.answer,
                r.answer_language,
                r.answered_at,
            )
        )
    return views


def review_of_order(db: Session, order_id: int) -> ReviewView | None:
    """The review of an order (callers have checked the reader may see the order)."""
    review = db.exec(select(OrderReview).where(OrderReview.order_id == order_id)).first()
    return _views(db, [review])[0] if review is not None else None


@dataclass(frozen=True)
class Summary:
    count: int
    averages: dict[str, str | None]  # rating -> "4.6", or None: not enough data yet


def summary(db: Session, factory_id: int) -> Summary:
    """The count and the averages of the three ratings, in one statement."""
    row = db.exec(
        select(
            func.count(col(OrderReview.id)),
            func.sum(col(OrderReview.matched)),
            func.sum(col(OrderReview.communication)),
            func.sum(col(OrderReview.shipping)),
        ).where(OrderReview.factory_id == factory_id)
    ).one()
    count = int(row[0] or 0)
    averages = {
        name: (f"{int(total or 0) / count:.1f}" if count >= MIN_REVIEWS else None)
        for name, total in zip(RATINGS, row[1:], strict=True)
    }
    return Summary(count, averages)


def latest(db: Session, factory_id: int, limit: int = 10) -> list[ReviewView]:
    """The factory's latest reviews, newest first (capped)."""
    rows = db.exec(
        select(OrderReview)
        .where(OrderReview.factory_id == factory_id)
        .order_by(col(OrderReview.created_at).desc(), col(OrderReview.id).desc())
        .limit(max(1, min(limit, 50)))
    ).all()
    return _views(db, list(rows))


def factory_reviews(factory_id: int, limit: int = 10) -> tuple[Summary, list[ReviewView]]:
    with session_scope() as db:
        return summary(db, factory_id), latest(db, factory_id, limit)


@dataclass(frozen=True)
class OrderReviewBox:
    """What the order page shows of reviewing: the form (to the buyer), the review, the answer form."""

    can_review: bool
    review: ReviewView | None
    can_answer: bool


def for_order(actor: CurrentUser, order_id: int) -> OrderReviewBox:
    with session_scope() as db:
        order, side = order_for(db, actor, order_id)
        assert order.id is not None, "loaded rows have ids"
        review = review_of_order(db, order.id)
        return OrderReviewBox(
            review is None and side == Side.BUYER and can_review(db, actor, order),
            review,
            review is not None and side == Side.FACTORY and review.answered_at is None,
        )


def shown(review: ReviewView) -> dict[str, str]:
    """A review as the pages show it (ui/reviews.py): where it comes from in both languages, text as written."""
    from_ = {
        f"from_{lang}": translate(
            "review.from_order", lang, product=review.product, month=month_year(review.created_at, lang)
        )
        for lang in LANGUAGES
    }
    return {
        "id": str(review.id),
        "buyer": review.buyer,
        **from_,
        "text": review.text,
        "language": review.language,
        "answer": review.answer,
        "answer_language": review.answer_language,
        **{name: str(value) for name, value in review.ratings.items()},
    }
