"""What Stripe's events say about an order's money, and the order's payment state derived from all of them.

Rules:
- A Stripe event becomes a `PaymentFact` (what happened, to which Checkout Session / payment intent, for
  how much); events of other types are no facts. What an event says about the order (metadata,
  client_reference_id) is a hint only: the order is found by the session or payment intent it created.
- A fact fulfils an order only when it is for a card order, for the exact total and in its currency
  (`mismatch` says why not); a refund counts only when the whole payment was refunded.
- The payment state comes from the set of the order's facts, never from their arrival order: a refund
  wins over a payment, a payment over anything pending; a session is processing until it failed or
  expired; the same event id counts once.
- After the buyer switched an order from card to bank transfer, a fact about one of the order's own
  Checkout Sessions is no stranger: a payment that would fulfil the order were it still a card order is
  `paid_after_switch` (payments takes it and switches the order back to card), and the end of such a
  session (the expiry the switch itself asked for) is `ended_after_switch`, nothing to report.
- `moves_to_match` walks the order's status to the payment state through the lifecycle's own actions
  (a refund that arrives before its payment is applied as paid, then refunded).

Pure: no database, no Reflex.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum

from realsourcing.orders.lifecycle import Action, OrderStatus, PaymentMethod
from realsourcing.orders.row_ids import row_id


class FactKind(StrEnum):
    PROCESSING = "processing"  # checkout completed, the money is not there yet (e.g. SEPA debit)
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    EXPIRED = "expired"
    REFUNDED = "refunded"


class PaymentState(StrEnum):
    UNPAID = "unpaid"
    PROCESSING = "processing"
    PAID = "paid"
    REFUNDED = "refunded"


# The Stripe event types we reconcile, and the fact each one states (completed depends on payment_status).
SESSION_EVENTS: dict[str, FactKind] = {
    "checkout.session.completed": FactKind.SUCCEEDED,
    "checkout.session.async_payment_succeeded": FactKind.SUCCEEDED,
    "checkout.session.async_payment_failed": FactKind.FAILED,
    "checkout.session.expired": FactKind.EXPIRED,
}
REFUND_EVENTS = frozenset({"charge.refunded"})
HANDLED_EVENT_TYPES = (*SESSION_EVENTS, *REFUND_EVENTS)
MONEY_FACTS = frozenset({FactKind.PROCESSING, FactKind.SUCCEEDED, FactKind.REFUNDED})  # amount and currency matter


@dataclass(frozen=True)
class PaymentFact:
    event_id: str
    kind: FactKind
    session_id: str = ""  # the Checkout Session (session events)
    payment_intent: str = ""
    amount_cents: int | None = None  # the session's amount_total, or the charge's amount_refunded
    currency: str = ""  # upper case, as orders store it
    whole_refund: bool = False  # refund facts: the charge is refunded in full
    order_hint: int | None = None  # the order the event names (metadata / client_reference_id): never trusted


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _cents(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def fact_of(event: dict) -> PaymentFact | None:
    """The fact a Stripe event states, or None when we do not reconcile its type."""
    event_type = _text(event.get("type"))
    data = event.get("data")
    obj = data.get("object") if isinstance(data, dict) else None
    if not isinstance(obj, dict) or event_type not in HANDLED_EVENT_TYPES:
        return None
    metadata = obj.get("metadata")
    hint = row_id(metadata.get("order_id") if isinstance(metadata, dict) else None) or row_id(
        obj.get("client_reference_id")
    )
    fact = PaymentFact(
        event_id=_text(event.get("id")),
        kind=FactKind.REFUNDED,
        payment_intent=_text(obj.get("payment_intent")),
        currency=_text(obj.get("currency")).upper(),
        order_hint=hint,
    )
    if event_type in REFUND_EVENTS:
        amount, refunded = _cents(obj.get("amount")), _cents(obj.get("amount_refunded"))
        whole = obj.get("refunded") is True and amount is not None and refunded == amount
        return replace(fact, amount_cents=refunded, whole_refund=whole)
    kind = SESSION_EVENTS[event_type]
    if event_type == "checkout.session.completed" and obj.get("payment_status") != "paid":
        kind = FactKind.PROCESSING
    return replace(fact, kind=kind, session_id=_text(obj.get("id")), amount_cents=_cents(obj.get("amount_total")))


class Mismatch(StrEnum):
    """Why a fact changes nothing (the kind of payment anomaly recorded)."""

    UNKNOWN_SESSION = "unknown_session"  # no order of ours opened this Checkout Session
    UNKNOWN_PAYMENT_INTENT = "unknown_payment_intent"  # no order of ours was paid with it (yet)
    ORDER_MISMATCH = "order_mismatch"  # the event names another order than the one the payment belongs to
    NOT_A_CARD_ORDER = "not_a_card_order"
    AMOUNT_MISMATCH = "amount_mismatch"
    CURRENCY_MISMATCH = "currency_mismatch"
    PARTIAL_REFUND = "partial_refund"
    NO_PAYMENT_INTENT = "no_payment_intent"  # a payment Stripe did not name, so we could never refund it
    SECOND_PAYMENT = "second_payment"  # the order was already paid with another payment intent
    REFUND_AFTER_SHIPPING = "refund_after_shipping"  # the lifecycle has no way back from shipped
    REFUND_FAILED = "refund_failed"  # the automatic refund of a late payment did not reach Stripe


@dataclass(frozen=True)
class OrderTerms:
    """What a fact is compared with: the order's side of the bargain."""

    order_id: int
    payment_method: str
    total_cents: int
    currency: str
    payment_intent: str  # the intent the order was paid with, "" while unknown


def mismatch(fact: PaymentFact, terms: OrderTerms) -> tuple[Mismatch, str] | None:
    """Why this fact (already tied to the order by its session or intent) must not touch it, or None."""
    if fact.order_hint is not None and fact.order_hint != terms.order_id:
        return (
            Mismatch.ORDER_MISMATCH,
            f"the event names order {fact.order_hint}, its payment is order {terms.order_id}'s",
        )
    if terms.payment_method != PaymentMethod.CARD:
        return Mismatch.NOT_A_CARD_ORDER, f"order {terms.order_id} is paid by {terms.payment_method}, not by card"
    if fact.kind not in MONEY_FACTS:
        return None
    if fact.currency != terms.currency.upper():
        return (
            Mismatch.CURRENCY_MISMATCH,
            f"currency {fact.currency or '(none)'} differs from the order's {terms.currency}",
        )
    if fact.kind == FactKind.REFUNDED:
        if not fact.whole_refund or fact.amount_cents != terms.total_cents:
            return Mismatch.PARTIAL_REFUND, f"refunded {fact.amount_cents} of the order's {terms.total_cents} cents"
        return None
    if fact.amount_cents != terms.total_cents:
        return (
            Mismatch.AMOUNT_MISMATCH,
            f"amount {fact.amount_cents} cents differs from the order total {terms.total_cents}",
        )
    if fact.kind == FactKind.SUCCEEDED:
        if not fact.payment_intent:
            return Mismatch.NO_PAYMENT_INTENT, "a completed payment without a payment intent"
        if terms.payment_intent and fact.payment_intent != terms.payment_intent:
            return Mismatch.SECOND_PAYMENT, f"already paid with {terms.payment_intent}, now {fact.payment_intent}"
    return None


def paid_after_switch(fact: PaymentFact, terms: OrderTerms) -> bool:
    """A payment (or one under way) from a session the order opened, exact in amount and currency, though the
    order is paid by bank transfer now (the fact was tied to the order by its session, never by its hint)."""
    return (
        terms.payment_method == PaymentMethod.BANK_TRANSFER
        and fact.kind in (FactKind.SUCCEEDED, FactKind.PROCESSING)
        and bool(fact.session_id)
        and mismatch(fact, replace(terms, payment_method=PaymentMethod.CARD.value)) is None
    )


def ended_after_switch(fact: PaymentFact, terms: OrderTerms) -> bool:
    """One of the order's own sessions failed or expired after the order went to bank transfer: nothing to do."""
    return (
        terms.payment_method == PaymentMethod.BANK_TRANSFER
        and fact.kind in (FactKind.FAILED, FactKind.EXPIRED)
        and fact.order_hint in (None, terms.order_id)
    )


def _canonical(facts: Iterable[PaymentFact]) -> list[PaymentFact]:
    """One fact per event id (the same delivery twice is one fact), whatever order they came in."""
    unique: dict[str, PaymentFact] = {}
    for fact in sorted(facts, key=repr):
        unique.setdefault(fact.event_id, fact)
    return list(unique.values())


def payment_state(facts: Iterable[PaymentFact]) -> PaymentState:
    """The order's payment state from all its facts; the same for every arrival order."""
    known = _canonical(facts)
    kinds = {fact.kind for fact in known}
    if FactKind.REFUNDED in kinds:
        return PaymentState.REFUNDED
    if FactKind.SUCCEEDED in kinds:
        return PaymentState.PAID
    processing = {f.session_id for f in known if f.kind == FactKind.PROCESSING}
    ended = {f.session_id for f in known if f.kind in (FactKind.FAILED, FactKind.EXPIRED)}
    return PaymentState.PROCESSING if processing - ended else PaymentState.UNPAID


def paying_fact(facts: Iterable[PaymentFact]) -> PaymentFact | None:
    """The payment that paid the order (the first succeeded fact in a fixed order), if any."""
    return next((f for f in _canonical(facts) if f.kind == FactKind.SUCCEEDED), None)


S = OrderStatus
# The lifecycle actions by which the payment provider brings an order's status in line with its payment state.
MOVES: dict[tuple[OrderStatus, PaymentState], tuple[Action, ...]] = {
    (S.AWAITING_PAYMENT, PaymentState.PAID): (Action.PAYMENT_SUCCEEDED,),
    (S.AWAITING_PAYMENT, PaymentState.REFUNDED): (Action.PAYMENT_SUCCEEDED, Action.REFUND_CONFIRMED),
    (S.PAID, PaymentState.REFUNDED): (Action.REFUND_CONFIRMED,),
    (S.ACCEPTED, PaymentState.REFUNDED): (Action.REFUND_CONFIRMED,),
}
# Statuses a refunded card payment cannot reach (the samples are on their way): people must sort it out.
SHIPPED_ALREADY = frozenset({S.SHIPPED, S.DELIVERED, S.COMPLETED})


def moves_to_match(status: str, state: PaymentState) -> tuple[Action, ...]:
    """The provider's actions, in order, that bring an order in this status to this payment state."""
    return MOVES.get((OrderStatus(status), state), ())


def late_payment(status: str, state: PaymentState) -> bool:
    """Money arrived for an order that was cancelled before (and is not refunded yet): it goes back."""
    return status == S.CANCELLED and state == PaymentState.PAID
