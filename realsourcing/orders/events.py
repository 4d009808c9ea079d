"""What an order's timeline records: a typed kind per event and its parameters (as in Saleor's order events).

Rules:
- Every event has a kind from `OrderEventKind` and a `data` dict whose keys are listed in `EVENT_PARAMS`
  (plus an optional "note": words a person typed, shown as written). Code reads data, never prose.
- People read an event as the message `order.event_<kind>` filled with its parameters, in their language.
"""

from __future__ import annotations

from enum import StrEnum

from realsourcing.orders import carriers


class OrderEventKind(StrEnum):
    PLACED = "placed"
    CHECKOUT_STARTED = "checkout_started"  # a Stripe Checkout Session was opened for the buyer
    PAYMENT_PROCESSING = "payment_processing"  # checkout completed, the money is not there yet (e.g. SEPA)
    PAYMENT_FAILED = "payment_failed"
    CHECKOUT_EXPIRED = "checkout_expired"
    PAID_BY_CARD = "paid_by_card"
    BANK_TRANSFER_RECEIVED = "bank_transfer_received"
    ACCEPTED = "accepted"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    REFUND_REQUESTED = "refund_requested"  # asked Stripe to refund the card; refunded when Stripe confirms
    REFUNDED_BY_CARD = "refunded_by_card"
    REFUNDED_BY_BANK = "refunded_by_bank"
    LATE_PAYMENT_REFUNDED = "late_payment_refunded"  # paid after it was cancelled: refunded at Stripe by us
    SWITCHED_TO_BANK_TRANSFER = "switched_to_bank_transfer"  # the buyer will pay by T/T; open checkouts expired
    SWITCHED_TO_CARD = "switched_to_card"  # the buyer will pay by card after all
    CARD_PAYMENT_AFTER_SWITCH = "card_payment_after_switch"  # a checkout of the order paid after it went to T/T
    NOTE = "note"  # free text only (events recorded as prose before kinds existed)


K = OrderEventKind
# The parameters each kind carries in `data` (besides an optional "note"); the messages use them.
EVENT_PARAMS: dict[OrderEventKind, tuple[str, ...]] = {
    K.PLACED: (),
    K.CHECKOUT_STARTED: ("session_id", "attempt"),
    K.PAYMENT_PROCESSING: ("session_id",),
    K.PAYMENT_FAILED: ("session_id",),
    K.CHECKOUT_EXPIRED: ("session_id",),
    K.PAID_BY_CARD: ("session_id", "payment_intent"),
    K.BANK_TRANSFER_RECEIVED: (),
    K.ACCEPTED: (),
    K.SHIPPED: ("carrier", "tracking_number"),
    K.DELIVERED: (),
    K.COMPLETED: (),
    K.CANCELLED: (),
    K.REFUND_REQUESTED: ("payment_intent",),
    K.REFUNDED_BY_CARD: ("payment_intent",),
    K.REFUNDED_BY_BANK: (),
    K.LATE_PAYMENT_REFUNDED: ("payment_intent", "refund_id"),
    K.SWITCHED_TO_BANK_TRANSFER: ("expired_sessions",),  # the Checkout Sessions expired at Stripe, space-separated
    K.SWITCHED_TO_CARD: (),
    K.CARD_PAYMENT_AFTER_SWITCH: ("session_id",),
    K.NOTE: (),
}


def message(kind: OrderEventKind, data: dict, lang: str = "en") -> tuple[str, dict[str, str]]:
    """The i18n key and parameters that tell people what happened (missing parameters read as "");
    a known carrier is named in the reader's language."""
    params = {name: str(data.get(name, "")) for name in EVENT_PARAMS[kind]}
    if params.get("carrier"):
        params["carrier"] = carriers.display_name(params["carrier"], lang)
    return f"order.event_{kind.value}", params


def note_of(data: dict) -> str:
    """What a person wrote with the event (a cancellation reason, a refund note), if anything."""
    return str(data.get("note", ""))
