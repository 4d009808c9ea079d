"""The order lifecycle table, table-driven: every allowed move, refusals, and what each side is offered."""

from __future__ import annotations

import re
from datetime import date

import pytest

from realsourcing.core import i18n
from realsourcing.core.errors import PermissionDenied
from realsourcing.orders import lifecycle
from realsourcing.orders.events import EVENT_PARAMS, OrderEventKind, message, note_of
from realsourcing.orders.lifecycle import Action, OrderRefused, OrderStatus, PaymentMethod, Side
from realsourcing.orders.pricing import DEFAULT_SAMPLE_LEAD_TIME_DAYS, region_for, sample_lead_time_days

S, A, K = OrderStatus, Action, OrderEventKind
CARD, BANK = PaymentMethod.CARD.value, PaymentMethod.BANK_TRANSFER.value
BUYER, FACTORY, PAYMENT = Side.BUYER, Side.FACTORY, Side.PAYMENT

# (status, action, side, payment method) → (status after, event recorded): written out by hand, not from TABLE.
ALLOWED = {
    (S.AWAITING_PAYMENT, A.PAY, BUYER, CARD): (S.AWAITING_PAYMENT, K.CHECKOUT_STARTED),
    (S.AWAITING_PAYMENT, A.SWITCH_TO_BANK_TRANSFER, BUYER, CARD): (S.AWAITING_PAYMENT, K.SWITCHED_TO_BANK_TRANSFER),
    (S.AWAITING_PAYMENT, A.SWITCH_TO_CARD, BUYER, BANK): (S.AWAITING_PAYMENT, K.SWITCHED_TO_CARD),
    (S.AWAITING_PAYMENT, A.CARD_PAYMENT_AFTER_SWITCH, PAYMENT, BANK): (S.AWAITING_PAYMENT, K.CARD_PAYMENT_AFTER_SWITCH),
    (S.CANCELLED, A.CARD_PAYMENT_AFTER_SWITCH, PAYMENT, BANK): (S.CANCELLED, K.CARD_PAYMENT_AFTER_SWITCH),
    (S.AWAITING_PAYMENT, A.CANCEL, BUYER, CARD): (S.CANCELLED, K.CANCELLED),
    (S.AWAITING_PAYMENT, A.CANCEL, BUYER, BANK): (S.CANCELLED, K.CANCELLED),
    (S.AWAITING_PAYMENT, A.CANCEL, FACTORY, CARD): (S.CANCELLED, K.CANCELLED),
    (S.AWAITING_PAYMENT, A.CANCEL, FACTORY, BANK): (S.CANCELLED, K.CANCELLED),
    (S.AWAITING_PAYMENT, A.MARK_PAID, FACTORY, BANK): (S.PAID, K.BANK_TRANSFER_RECEIVED),
    (S.AWAITING_PAYMENT, A.PAYMENT_SUCCEEDED, PAYMENT, CARD): (S.PAID, K.PAID_BY_CARD),
    (S.AWAITING_PAYMENT, A.PAYMENT_PROCESSING, PAYMENT, CARD): (S.AWAITING_PAYMENT, K.PAYMENT_PROCESSING),
    (S.AWAITING_PAYMENT, A.PAYMENT_FAILED, PAYMENT, CARD): (S.AWAITING_PAYMENT, K.PAYMENT_FAILED),
    (S.AWAITING_PAYMENT, A.CHECKOUT_EXPIRED, PAYMENT, CARD): (S.AWAITING_PAYMENT, K.CHECKOUT_EXPIRED),
    (S.PAID, A.ACCEPT, FACTORY, CARD): (S.ACCEPTED, K.ACCEPTED),
    (S.PAID, A.ACCEPT, FACTORY, BANK): (S.ACCEPTED, K.ACCEPTED),
    (S.PAID, A.REFUND_CARD, FACTORY, CARD): (S.PAID, K.REFUND_REQUESTED),
    (S.PAID, A.REFUND_BANK, FACTORY, BANK): (S.REFUNDED, K.REFUNDED_BY_BANK),
    (S.PAID, A.REFUND_CONFIRMED, PAYMENT, CARD): (S.REFUNDED, K.REFUNDED_BY_CARD),
    (S.ACCEPTED, A.SHIP, FACTORY, CARD): (S.SHIPPED, K.SHIPPED),
    (S.ACCEPTED, A.SHIP, FACTORY, BANK): (S.SHIPPED, K.SHIPPED),
    (S.ACCEPTED, A.REFUND_CARD, FACTORY, CARD): (S.ACCEPTED, K.REFUND_REQUESTED),
    (S.ACCEPTED, A.REFUND_BANK, FACTORY, BANK): (S.REFUNDED, K.REFUNDED_BY_BANK),
    (S.ACCEPTED, A.REFUND_CONFIRMED, PAYMENT, CARD): (S.REFUNDED, K.REFUNDED_BY_CARD),
    (S.SHIPPED, A.DELIVERED, BUYER, CARD): (S.DELIVERED, K.DELIVERED),
    (S.SHIPPED, A.DELIVERED, BUYER, BANK): (S.DELIVERED, K.DELIVERED),
    (S.SHIPPED, A.DELIVERED, FACTORY, CARD): (S.DELIVERED, K.DELIVERED),
    (S.SHIPPED, A.DELIVERED, FACTORY, BANK): (S.DELIVERED, K.DELIVERED),
    (S.DELIVERED, A.COMPLETE, BUYER, CARD): (S.COMPLETED, K.COMPLETED),
    (S.DELIVERED, A.COMPLETE, BUYER, BANK): (S.COMPLETED, K.COMPLETED),
}
EVERY_CASE = [(s, a, side, m) for s in S for a in A for side in Side for m in (CARD, BANK)]


@pytest.mark.parametrize(("status", "action", "side", "method"), list(ALLOWED))
def test_every_allowed_move_leads_where_the_table_says(status, action, side, method):
    move = lifecycle.decide(status, action, side, method)
    assert (move.to_status, move.event) == ALLOWED[(status, action, side, method)]


def test_everything_else_is_refused():
    refused = [case for case in EVERY_CASE if case not in ALLOWED]
    assert len(refused) == len(EVERY_CASE) - len(ALLOWED)
    for status, action, side, method in refused:
        with pytest.raises((PermissionDenied, OrderRefused)):
            lifecycle.decide(status, action, side, method)
        assert not lifecycle.permits(status, action, side, method)


REFUSALS = [
    # who can never do it → PermissionDenied; could, but not now → OrderRefused
    ("the buyer confirms a bank transfer", S.AWAITING_PAYMENT, "mark_paid", BUYER, BANK, PermissionDenied),
    ("the factory confirms a card order as paid", S.AWAITING_PAYMENT, "mark_paid", FACTORY, CARD, PermissionDenied),
    ("the buyer accepts their own order", S.PAID, "accept", BUYER, CARD, PermissionDenied),
    ("the factory completes the order", S.DELIVERED, "complete", FACTORY, BANK, PermissionDenied),
    ("the factory pays for the buyer", S.AWAITING_PAYMENT, "pay", FACTORY, CARD, PermissionDenied),
    ("a bank-transfer order paid by card", S.AWAITING_PAYMENT, "pay", BUYER, BANK, PermissionDenied),
    ("a person claims a card payment", S.AWAITING_PAYMENT, "payment_succeeded", BUYER, CARD, PermissionDenied),
    ("a card refund for a bank transfer", S.PAID, "refund_card", FACTORY, BANK, PermissionDenied),
    ("a made-up action", S.PAID, "teleport", FACTORY, CARD, PermissionDenied),
    (
        "the factory switches the buyer to bank",
        S.AWAITING_PAYMENT,
        "switch_to_bank_transfer",
        FACTORY,
        CARD,
        PermissionDenied,
    ),
    ("the factory switches the buyer to card", S.AWAITING_PAYMENT, "switch_to_card", FACTORY, BANK, PermissionDenied),
    ("a card order switched to card", S.AWAITING_PAYMENT, "switch_to_card", BUYER, CARD, PermissionDenied),
    ("a bank order switched to bank", S.AWAITING_PAYMENT, "switch_to_bank_transfer", BUYER, BANK, PermissionDenied),
    (
        "the buyer claims a card payment came",
        S.AWAITING_PAYMENT,
        "card_payment_after_switch",
        BUYER,
        BANK,
        PermissionDenied,
    ),
    ("switching after payment", S.PAID, "switch_to_bank_transfer", BUYER, CARD, OrderRefused),
    ("switching a cancelled order", S.CANCELLED, "switch_to_card", BUYER, BANK, OrderRefused),
    ("switching a shipped order", S.SHIPPED, "switch_to_bank_transfer", BUYER, CARD, OrderRefused),
    (
        "a card payment after a bank transfer was confirmed",
        S.PAID,
        "card_payment_after_switch",
        PAYMENT,
        BANK,
        OrderRefused,
    ),
    ("completing before delivery", S.SHIPPED, "complete", BUYER, CARD, OrderRefused),
    ("accepting before payment", S.AWAITING_PAYMENT, "accept", FACTORY, BANK, OrderRefused),
    ("shipping before accepting", S.PAID, "ship", FACTORY, CARD, OrderRefused),
    ("cancelling a paid order", S.PAID, "cancel", BUYER, CARD, OrderRefused),
    ("refunding a shipped order", S.SHIPPED, "refund_bank", FACTORY, BANK, OrderRefused),
    ("paying twice", S.PAID, "pay", BUYER, CARD, OrderRefused),
    ("a late expiry after payment", S.PAID, "checkout_expired", PAYMENT, CARD, OrderRefused),
    ("a refund confirmed after delivery", S.DELIVERED, "refund_confirmed", PAYMENT, CARD, OrderRefused),
    ("reopening a cancelled order", S.CANCELLED, "mark_paid", FACTORY, BANK, OrderRefused),
]


@pytest.mark.parametrize(
    ("story", "status", "action", "side", "method", "error"), REFUSALS, ids=[r[0] for r in REFUSALS]
)
def test_refusals_say_whether_never_or_not_now(story, status, action, side, method, error):
    with pytest.raises(error) as refused:
        lifecycle.decide(status, action, side, method)
    assert type(refused.value) is error
    if error is OrderRefused:
        assert refused.value.key == "err.order_bad_transition"


# (status, side, method) → what the order page offers, with a card gateway configured; anything unlisted: nothing.
OFFERED = {
    (S.AWAITING_PAYMENT, BUYER, CARD): {A.PAY, A.SWITCH_TO_BANK_TRANSFER, A.CANCEL},
    (S.AWAITING_PAYMENT, BUYER, BANK): {A.SWITCH_TO_CARD, A.CANCEL},
    (S.AWAITING_PAYMENT, FACTORY, CARD): {A.CANCEL},
    (S.AWAITING_PAYMENT, FACTORY, BANK): {A.MARK_PAID, A.CANCEL},
    (S.AWAITING_PAYMENT, PAYMENT, BANK): {A.CARD_PAYMENT_AFTER_SWITCH},
    (S.CANCELLED, PAYMENT, BANK): {A.CARD_PAYMENT_AFTER_SWITCH},
    (S.AWAITING_PAYMENT, PAYMENT, CARD): {
        A.PAYMENT_SUCCEEDED,
        A.PAYMENT_PROCESSING,
        A.PAYMENT_FAILED,
        A.CHECKOUT_EXPIRED,
    },
    (S.PAID, FACTORY, CARD): {A.ACCEPT, A.REFUND_CARD},
    (S.PAID, FACTORY, BANK): {A.ACCEPT, A.REFUND_BANK},
    (S.PAID, PAYMENT, CARD): {A.REFUND_CONFIRMED},
    (S.ACCEPTED, FACTORY, CARD): {A.SHIP, A.REFUND_CARD},
    (S.ACCEPTED, FACTORY, BANK): {A.SHIP, A.REFUND_BANK},
    (S.ACCEPTED, PAYMENT, CARD): {A.REFUND_CONFIRMED},
    (S.SHIPPED, BUYER, CARD): {A.DELIVERED},
    (S.SHIPPED, BUYER, BANK): {A.DELIVERED},
    (S.SHIPPED, FACTORY, CARD): {A.DELIVERED},
    (S.SHIPPED, FACTORY, BANK): {A.DELIVERED},
    (S.DELIVERED, BUYER, CARD): {A.COMPLETE},
    (S.DELIVERED, BUYER, BANK): {A.COMPLETE},
}


@pytest.mark.parametrize("status", list(S))
def test_what_each_side_is_offered_in_each_status(status):
    for side in Side:
        for method in (CARD, BANK):
            offered = lifecycle.available_actions(status, side, method, has_card_gateway=True)
            assert set(offered) == OFFERED.get((status, side, method), set()), (side, method)
            for action in offered:  # whatever is offered is also allowed when taken
                lifecycle.decide(status, action, side, method)


def test_without_a_card_gateway_nothing_that_calls_it_is_offered():
    # a card order can still go to bank transfer (the way out); a bank-transfer order cannot go to card
    assert lifecycle.available_actions(S.AWAITING_PAYMENT, BUYER, CARD, has_card_gateway=False) == [
        A.SWITCH_TO_BANK_TRANSFER,
        A.CANCEL,
    ]
    assert lifecycle.available_actions(S.AWAITING_PAYMENT, BUYER, BANK, has_card_gateway=False) == [A.CANCEL]
    assert lifecycle.available_actions(S.PAID, FACTORY, CARD, has_card_gateway=False) == [A.ACCEPT]
    assert lifecycle.available_actions(S.ACCEPTED, FACTORY, BANK, has_card_gateway=False) == [A.SHIP, A.REFUND_BANK]


def test_only_the_switches_change_the_payment_method_and_each_to_the_other_one():
    switching = {
        (from_status, action): (move.method, move.switches_to)
        for (from_status, action), move in lifecycle.TABLE.items()
        if move.switches_to is not None
    }
    assert switching == {
        (S.AWAITING_PAYMENT, A.SWITCH_TO_BANK_TRANSFER): (PaymentMethod.CARD, PaymentMethod.BANK_TRANSFER),
        (S.AWAITING_PAYMENT, A.SWITCH_TO_CARD): (PaymentMethod.BANK_TRANSFER, PaymentMethod.CARD),
        (S.AWAITING_PAYMENT, A.CARD_PAYMENT_AFTER_SWITCH): (PaymentMethod.BANK_TRANSFER, PaymentMethod.CARD),
        (S.CANCELLED, A.CARD_PAYMENT_AFTER_SWITCH): (PaymentMethod.BANK_TRANSFER, PaymentMethod.CARD),
    }
    assert lifecycle.TABLE[(S.AWAITING_PAYMENT, A.SWITCH_TO_CARD)].card_gateway
    assert not lifecycle.TABLE[(S.AWAITING_PAYMENT, A.SWITCH_TO_BANK_TRANSFER)].card_gateway


def test_status_changes_by_actor_kind_match_the_product_rules():
    changes = {
        (from_status, move.to_status, actor)
        for (from_status, _action), move in lifecycle.TABLE.items()
        if move.to_status != from_status
        for actor in move.actors
    }
    assert changes == {
        (S.AWAITING_PAYMENT, S.PAID, "payment"),
        (S.AWAITING_PAYMENT, S.PAID, "factory_bank"),
        (S.AWAITING_PAYMENT, S.CANCELLED, "buyer"),
        (S.AWAITING_PAYMENT, S.CANCELLED, "factory"),
        (S.PAID, S.ACCEPTED, "factory"),
        (S.PAID, S.REFUNDED, "payment"),
        (S.PAID, S.REFUNDED, "factory_bank"),
        (S.ACCEPTED, S.REFUNDED, "payment"),
        (S.ACCEPTED, S.REFUNDED, "factory_bank"),
        (S.ACCEPTED, S.SHIPPED, "factory"),
        (S.SHIPPED, S.DELIVERED, "buyer"),
        (S.SHIPPED, S.DELIVERED, "factory"),
        (S.DELIVERED, S.COMPLETED, "buyer"),
    }
    assert lifecycle.can_transition("paid", "refunded", "factory_bank")
    assert not lifecycle.can_transition("paid", "paid", "factory")  # asking for a refund is not a move
    assert not lifecycle.can_transition("awaiting_payment", "paid", "stranger")


TODAY = date(2026, 12, 10)
LATENESS = [
    ("paid, promise not yet due", S.PAID, date(2026, 12, 10), None, False),
    ("paid, promise passed", S.PAID, date(2026, 12, 9), None, True),
    ("accepted, promise passed", S.ACCEPTED, date(2026, 12, 9), None, True),
    ("shipped on the promised day", S.SHIPPED, date(2026, 12, 9), date(2026, 12, 9), False),
    ("shipped after the promise", S.DELIVERED, date(2026, 12, 9), date(2026, 12, 10), True),
    ("cancelled before shipping", S.CANCELLED, date(2026, 12, 1), None, False),
    ("no promise yet", S.AWAITING_PAYMENT, None, None, False),
]


@pytest.mark.parametrize(("story", "status", "promised", "shipped", "late"), LATENESS, ids=[c[0] for c in LATENESS])
def test_an_order_is_late_when_it_ships_after_its_promise(story, status, promised, shipped, late):
    assert lifecycle.is_late(status, promised, shipped, TODAY) is late


def test_every_event_kind_reads_in_both_languages_with_its_parameters():
    assert set(EVENT_PARAMS) == set(OrderEventKind)
    for kind in OrderEventKind:
        key, params = message(kind, {name: f"<{name}>" for name in EVENT_PARAMS[kind]})
        entry = i18n.MESSAGES[key]
        for language in i18n.LANGUAGES:
            shown = set(re.findall(r"{(\w+)}", entry[language]))
            assert shown <= set(EVENT_PARAMS[kind]), (kind, language)  # a message only uses what events carry
            text = i18n.translate(key, language, **params)
            assert all(f"<{name}>" in text for name in shown) and "{" not in text, (kind, language)


def test_events_recorded_without_some_data_still_read():
    assert message(K.SHIPPED, {"carrier": "Blue Dart"}) == (
        "order.event_shipped",
        {"carrier": "Blue Dart", "tracking_number": ""},
    )
    assert message(K.CHECKOUT_STARTED, {"session_id": "cs_1", "attempt": 2})[1] == {
        "session_id": "cs_1",
        "attempt": "2",
    }
    assert (note_of({"note": "wrong colour"}), note_of({})) == ("wrong colour", "")


def test_every_actor_of_the_timeline_has_a_name():
    for side in Side:
        assert f"order.by_{side.value}" in i18n.MESSAGES


@pytest.mark.parametrize(
    ("country", "region"),
    [("US", "north_america"), ("de", "europe"), ("JP", "asia_pacific"), ("BR", "rest_of_world"), ("", "rest_of_world")],
)
def test_each_country_ships_from_one_region(country, region):
    assert region_for(country) == region


def test_a_product_without_a_lead_time_ships_within_the_default():
    assert (sample_lead_time_days(None), sample_lead_time_days(0), sample_lead_time_days(12)) == (
        DEFAULT_SAMPLE_LEAD_TIME_DAYS,
        DEFAULT_SAMPLE_LEAD_TIME_DAYS,
        12,
    )
