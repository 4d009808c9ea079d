"""The sample order's life as one table: in this status, this action leads there, and who may take it.

Rules:
- awaiting_payment → paid (card: the payment provider confirms; bank transfer: the factory says the money
  arrived) → accepted → shipped → delivered → completed; awaiting_payment → cancelled (either side);
  paid/accepted → refunded (card: the provider confirms; bank transfer: the factory). Nothing else.
- Some actions leave the status alone and only add to the timeline: the buyer opening a card checkout,
  the factory asking the provider for a card refund, and the provider reporting a pending, failed or
  expired payment.
- While awaiting payment the buyer may switch the payment method: card → bank transfer always (the
  order's open card checkouts are expired at Stripe first, see payments.switch_to_bank_transfer), bank
  transfer → card only while card payments are enabled. A verified payment from one of the order's own
  checkouts that still arrives after a switch to bank transfer switches it back to card (the provider's
  action; see payments for why the money is taken, not bounced). Moves that switch the method say so
  (`Move.switches_to`).
- Card actions exist only for orders paid by card, bank-transfer actions only for bank-transfer orders;
  actions that call the card provider are offered only while a card gateway is configured.
- `decide` refuses with PermissionDenied when this side can never take the action on such an order, and
  with OrderRefused when it could, but not in the order's present status.

Pure: no database, no Reflex. Services, the order page and the payment webhook all ask here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from realsourcing.core.errors import DomainError, PermissionDenied
from realsourcing.orders.events import OrderEventKind


class OrderStatus(StrEnum):
    AWAITING_PAYMENT = "awaiting_payment"
    PAID = "paid"
    ACCEPTED = "accepted"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    REFUNDED = "refunded"


class PaymentMethod(StrEnum):
    CARD = "card"  # Stripe Checkout (cards and wallets)
    BANK_TRANSFER = "bank_transfer"  # T/T to the factory's bank account


class Side(StrEnum):
    """Who is acting on an order."""

    BUYER = "buyer"
    FACTORY = "factory"  # any member of the order's factory
    PAYMENT = "payment"  # a verified event from the payment provider (Stripe)


class Actor(StrEnum):
    """In which capacity a side may take an action (the "who may" column of the table)."""

    BUYER = "buyer"
    FACTORY = "factory"
    PAYMENT = "payment"
    FACTORY_BANK = "factory_bank"  # the factory confirming money it received (or returned) by bank transfer


SIDE_ACTS_AS: dict[Side, frozenset[Actor]] = {
    Side.BUYER: frozenset({Actor.BUYER}),
    Side.FACTORY: frozenset({Actor.FACTORY, Actor.FACTORY_BANK}),
    Side.PAYMENT: frozenset({Actor.PAYMENT}),
}


class Action(StrEnum):
    # people
    PAY = "pay"  # open a card checkout
    MARK_PAID = "mark_paid"
    CANCEL = "cancel"
    ACCEPT = "accept"
    SHIP = "ship"
    DELIVERED = "delivered"
    COMPLETE = "complete"
    REFUND_BANK = "refund_bank"
    REFUND_CARD = "refund_card"  # ask the provider; the order is refunded when it confirms
    SWITCH_TO_BANK_TRANSFER = "switch_to_bank_transfer"  # "Pay by bank transfer instead"
    SWITCH_TO_CARD = "switch_to_card"  # "Pay by card instead"
    # the payment provider
    PAYMENT_SUCCEEDED = "payment_succeeded"
    PAYMENT_PROCESSING = "payment_processing"
    PAYMENT_FAILED = "payment_failed"
    CHECKOUT_EXPIRED = "checkout_expired"
    REFUND_CONFIRMED = "refund_confirmed"
    CARD_PAYMENT_AFTER_SWITCH = "card_payment_after_switch"  # an own checkout paid after the switch to T/T


class OrderRefused(DomainError):
    pass


@dataclass(frozen=True)
class Move:
    to_status: OrderStatus
    actors: frozenset[Actor]
    event: OrderEventKind  # what the timeline records
    method: PaymentMethod | None = None  # only for orders paid this way
    card_gateway: bool = False  # calls the card provider, so only while one is configured
    switches_to: PaymentMethod | None = None  # the order is paid this way from now on


S, A, E = OrderStatus, Action, OrderEventKind
BUYER, FACTORY, PAYMENT, FACTORY_BANK = (frozenset({a}) for a in Actor)
EITHER_SIDE = BUYER | FACTORY
CARD, BANK = PaymentMethod.CARD, PaymentMethod.BANK_TRANSFER

# (from status, action) → (to status, who may, what is recorded, for which payment method, needs a card gateway)
TABLE: dict[tuple[OrderStatus, Action], Move] = {
    (S.AWAITING_PAYMENT, A.PAY): Move(S.AWAITING_PAYMENT, BUYER, E.CHECKOUT_STARTED, CARD, card_gateway=True),
    (S.AWAITING_PAYMENT, A.PAYMENT_PROCESSING): Move(S.AWAITING_PAYMENT, PAYMENT, E.PAYMENT_PROCESSING, CARD),
    (S.AWAITING_PAYMENT, A.PAYMENT_FAILED): Move(S.AWAITING_PAYMENT, PAYMENT, E.PAYMENT_FAILED, CARD),
    (S.AWAITING_PAYMENT, A.CHECKOUT_EXPIRED): Move(S.AWAITING_PAYMENT, PAYMENT, E.CHECKOUT_EXPIRED, CARD),
    (S.AWAITING_PAYMENT, A.PAYMENT_SUCCEEDED): Move(S.PAID, PAYMENT, E.PAID_BY_CARD, CARD),
    (S.AWAITING_PAYMENT, A.MARK_PAID): Move(S.PAID, FACTORY_BANK, E.BANK_TRANSFER_RECEIVED, BANK),
    (S.AWAITING_PAYMENT, A.SWITCH_TO_BANK_TRANSFER): Move(
        S.AWAITING_PAYMENT, BUYER, E.SWITCHED_TO_BANK_TRANSFER, CARD, switches_to=BANK
    ),
    (S.AWAITING_PAYMENT, A.SWITCH_TO_CARD): Move(
        S.AWAITING_PAYMENT, BUYER, E.SWITCHED_TO_CARD, BANK, card_gateway=True, switches_to=CARD
    ),
    (S.AWAITING_PAYMENT, A.CARD_PAYMENT_AFTER_SWITCH): Move(
        S.AWAITING_PAYMENT, PAYMENT, E.CARD_PAYMENT_AFTER_SWITCH, BANK, switches_to=CARD
    ),
    (S.CANCELLED, A.CARD_PAYMENT_AFTER_SWITCH): Move(
        S.CANCELLED, PAYMENT, E.CARD_PAYMENT_AFTER_SWITCH, BANK, switches_to=CARD
    ),
    (S.AWAITING_PAYMENT, A.CANCEL): Move(S.CANCELLED, EITHER_SIDE, E.CANCELLED),
    (S.PAID, A.ACCEPT): Move(S.ACCEPTED, FACTORY, E.ACCEPTED),
    (S.PAID, A.REFUND_CARD): Move(S.PAID, FACTORY, E.REFUND_REQUESTED, CARD, card_gateway=True),
    (S.PAID, A.REFUND_CONFIRMED): Move(S.REFUNDED, PAYMENT, E.REFUNDED_BY_CARD, CARD),
    (S.PAID, A.REFUND_BANK): Move(S.REFUNDED, FACTORY_BANK, E.REFUNDED_BY_BANK, BANK),
    (S.ACCEPTED, A.SHIP): Move(S.SHIPPED, FACTORY, E.SHIPPED),
    (S.ACCEPTED, A.REFUND_CARD): Move(S.ACCEPTED, FACTORY, E.REFUND_REQUESTED, CARD, card_gateway=True),
    (S.ACCEPTED, A.REFUND_CONFIRMED): Move(S.REFUNDED, PAYMENT, E.REFUNDED_BY_CARD, CARD),
    (S.ACCEPTED, A.REFUND_BANK): Move(S.REFUNDED, FACTORY_BANK, E.REFUNDED_BY_BANK, BANK),
    (S.SHIPPED, A.DELIVERED): Move(S.DELIVERED, EITHER_SIDE, E.DELIVERED),
    (S.DELIVERED, A.COMPLETE): Move(S.COMPLETED, BUYER, E.COMPLETED),
}

# Paid but not yet on its way: the factory's promise to ship by a date is running.
AWAITING_SHIPMENT = frozenset({S.PAID, S.ACCEPTED})


def _open_to(move: Move, side: Side, payment_method: str) -> bool:
    return bool(move.actors & SIDE_ACTS_AS[side]) and move.method in (None, payment_method)


def decide(status: str, action: str, side: Side, payment_method: str) -> Move:
    """The move this side's action makes on an order in this status (raises PermissionDenied or OrderRefused)."""
    try:
        chosen = Action(action)
    except ValueError:
        raise PermissionDenied() from None
    if not any(a == chosen and _open_to(m, side, payment_method) for (_s, a), m in TABLE.items()):
        raise PermissionDenied()
    move = TABLE.get((OrderStatus(status), chosen))
    if move is None or not _open_to(move, side, payment_method):
        raise OrderRefused("err.order_bad_transition")
    return move


def permits(status: str, action: Action, side: Side, payment_method: str) -> bool:
    """Whether `decide` would allow it (for callers that ignore what is not allowed, like webhooks)."""
    move = TABLE.get((OrderStatus(status), action))
    return move is not None and _open_to(move, side, payment_method)


def available_actions(status: str, side: Side, payment_method: str, has_card_gateway: bool) -> list[Action]:
    """What this side may do now, in table order (the order page shows exactly these)."""
    return [
        action
        for (from_status, action), move in TABLE.items()
        if from_status == status
        and _open_to(move, side, payment_method)
        and (has_card_gateway or not move.card_gateway)
    ]


def can_transition(from_status: str, to_status: str, actor: str) -> bool:
    """Is there an action by which this actor moves an order from one status to another?"""
    return any(
        s == from_status and m.to_status == to_status != from_status and actor in m.actors
        for (s, _a), m in TABLE.items()
    )


def is_late(status: str, promised_ship_by: date | None, shipped_on: date | None, today: date) -> bool:
    """Shipped after the promised date, or still not shipped when the date has passed."""
    if promised_ship_by is None:
        return False
    if shipped_on is not None:
        return shipped_on > promised_ship_by
    return status in AWAITING_SHIPMENT and today > promised_ship_by
