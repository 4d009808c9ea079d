"""The payment rules without a database: what a Stripe event states, when it may touch an order, and the
payment state derived from all of an order's facts, the same for every arrival order."""

from __future__ import annotations

from dataclasses import replace
from itertools import permutations

import pytest

from realsourcing.orders.lifecycle import Action, OrderStatus
from realsourcing.orders.payment_state import (
    FactKind,
    Mismatch,
    OrderTerms,
    PaymentFact,
    PaymentState,
    ended_after_switch,
    fact_of,
    late_payment,
    mismatch,
    moves_to_match,
    paid_after_switch,
    paying_fact,
    payment_state,
)
from realsourcing.orders.row_ids import MAX_ROW_ID, row_id

TERMS = OrderTerms(order_id=7, payment_method="card", total_cents=5400, currency="USD", payment_intent="")


def session_event(event_type: str, **obj) -> dict:
    return {"id": "evt_1", "type": event_type, "data": {"object": {"id": "cs_1", "object": "checkout.session", **obj}}}


def paid(event_id: str, session: str = "cs_1", intent: str = "pi_1") -> PaymentFact:
    return PaymentFact(event_id, FactKind.SUCCEEDED, session, intent, 5400, "USD")


def test_a_completed_session_states_a_payment_only_when_stripe_says_paid():
    event = session_event(
        "checkout.session.completed",
        payment_status="paid",
        amount_total=5400,
        currency="usd",
        payment_intent="pi_1",
        client_reference_id="7",
        metadata={"order_id": "7"},
    )
    assert fact_of(event) == PaymentFact("evt_1", FactKind.SUCCEEDED, "cs_1", "pi_1", 5400, "USD", order_hint=7)
    unpaid = session_event("checkout.session.completed", payment_status="unpaid", amount_total=5400, currency="usd")
    assert fact_of(unpaid).kind == FactKind.PROCESSING
    assert fact_of(session_event("checkout.session.expired")).kind == FactKind.EXPIRED
    assert fact_of(session_event("checkout.session.async_payment_failed")).kind == FactKind.FAILED
    assert fact_of(session_event("customer.created")) is None
    assert fact_of({"id": "evt_x", "type": "checkout.session.completed", "data": "nonsense"}) is None


def test_a_refund_is_whole_only_when_the_charge_is_refunded_in_full():
    charge = {"id": "ch_1", "object": "charge", "payment_intent": "pi_1", "currency": "usd", "amount": 5400}
    whole = fact_of(
        {
            "id": "e",
            "type": "charge.refunded",
            "data": {"object": {**charge, "amount_refunded": 5400, "refunded": True}},
        }
    )
    part = fact_of(
        {
            "id": "e",
            "type": "charge.refunded",
            "data": {"object": {**charge, "amount_refunded": 400, "refunded": False}},
        }
    )
    assert (whole.kind, whole.whole_refund, whole.amount_cents) == (FactKind.REFUNDED, True, 5400)
    assert (part.whole_refund, mismatch(part, TERMS)[0]) == (False, Mismatch.PARTIAL_REFUND)
    assert mismatch(whole, TERMS) is None


@pytest.mark.parametrize(
    ("changes", "terms", "expected"),
    [
        ({"amount_cents": 1}, TERMS, Mismatch.AMOUNT_MISMATCH),
        ({"amount_cents": None}, TERMS, Mismatch.AMOUNT_MISMATCH),
        ({"currency": "EUR"}, TERMS, Mismatch.CURRENCY_MISMATCH),
        ({"order_hint": 8}, TERMS, Mismatch.ORDER_MISMATCH),
        ({}, OrderTerms(7, "bank_transfer", 5400, "USD", ""), Mismatch.NOT_A_CARD_ORDER),
        ({"payment_intent": ""}, TERMS, Mismatch.NO_PAYMENT_INTENT),
        ({}, OrderTerms(7, "card", 5400, "USD", "pi_earlier"), Mismatch.SECOND_PAYMENT),
    ],
)
def test_a_payment_fulfils_only_the_exact_total_in_the_currency_of_a_card_order(changes, terms, expected):
    assert mismatch(paid("evt_1"), TERMS) is None
    found = mismatch(replace(paid("evt_1"), **changes), terms)
    assert found is not None and found[0] == expected and found[1]


def test_an_expiry_or_failure_needs_no_amount_but_the_right_order_and_method():
    expired = PaymentFact("e", FactKind.EXPIRED, "cs_1")
    assert mismatch(expired, TERMS) is None
    assert mismatch(expired, OrderTerms(7, "bank_transfer", 5400, "USD", ""))[0] == Mismatch.NOT_A_CARD_ORDER


FACTS = [
    PaymentFact("evt_processing", FactKind.PROCESSING, "cs_1", "", 5400, "USD"),
    PaymentFact("evt_failed", FactKind.FAILED, "cs_1"),
    paid("evt_paid", session="cs_2"),
    PaymentFact("evt_expired", FactKind.EXPIRED, "cs_2"),
    PaymentFact("evt_refund", FactKind.REFUNDED, "", "pi_1", 5400, "USD", whole_refund=True),
]


@pytest.mark.parametrize(
    ("facts", "state"),
    [
        ([], PaymentState.UNPAID),
        (FACTS[:1], PaymentState.PROCESSING),
        (FACTS[:2], PaymentState.UNPAID),  # the pending debit failed
        (FACTS[:4], PaymentState.PAID),  # a session expiring never undoes a payment
        (FACTS, PaymentState.REFUNDED),
        ([FACTS[4], FACTS[2]], PaymentState.REFUNDED),  # a late "completed" never undoes a refund
    ],
)
def test_the_payment_state_is_the_same_for_every_arrival_order_and_duplicates_count_once(facts, state):
    duplicated = facts + facts[:1]  # the same delivery twice
    for arrival in permutations(duplicated):
        assert payment_state(arrival) == state, arrival


def test_the_paying_fact_is_chosen_the_same_whatever_the_order():
    two = [paid("evt_a", intent="pi_a"), paid("evt_b", intent="pi_b")]
    assert {paying_fact(p) for p in permutations(two)} == {paying_fact(two)}
    assert paying_fact(FACTS[:2]) is None


@pytest.mark.parametrize(
    ("status", "state", "moves"),
    [
        (OrderStatus.AWAITING_PAYMENT, PaymentState.PAID, (Action.PAYMENT_SUCCEEDED,)),
        (OrderStatus.AWAITING_PAYMENT, PaymentState.REFUNDED, (Action.PAYMENT_SUCCEEDED, Action.REFUND_CONFIRMED)),
        (OrderStatus.ACCEPTED, PaymentState.REFUNDED, (Action.REFUND_CONFIRMED,)),
        (OrderStatus.PAID, PaymentState.UNPAID, ()),  # nothing ever moves an order back
        (OrderStatus.REFUNDED, PaymentState.PAID, ()),
        (OrderStatus.SHIPPED, PaymentState.REFUNDED, ()),  # people must sort that out (an anomaly)
        (OrderStatus.CANCELLED, PaymentState.PAID, ()),  # refunded instead (late_payment)
    ],
)
def test_the_order_follows_its_payment_state_through_the_lifecycle(status, state, moves):
    assert moves_to_match(status, state) == moves


def test_money_for_a_cancelled_order_goes_back_once_it_is_not_refunded_yet():
    assert late_payment(OrderStatus.CANCELLED, PaymentState.PAID)
    assert not late_payment(OrderStatus.CANCELLED, PaymentState.REFUNDED)
    assert not late_payment(OrderStatus.PAID, PaymentState.PAID)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12", 12),
        (12, 12),
        (str(MAX_ROW_ID), MAX_ROW_ID),
        (str(MAX_ROW_ID + 1), None),
        ("99999999999999999999999", None),
        ("-3", None),
        (-3, None),
        ("0", None),
        ("²", None),
        ("١٢", None),
        ("1e3", None),
        (" 12", None),
        ("", None),
        (None, None),
        (True, None),
        (12.0, None),
    ],
)
def test_only_ids_a_row_can_have_are_ids(value, expected):
    assert row_id(value) == expected


BANK_TERMS = OrderTerms(7, "bank_transfer", 5400, "USD", "")


def test_after_a_switch_to_bank_transfer_only_an_exact_payment_from_an_own_session_is_taken():
    assert paid_after_switch(paid("evt_race"), BANK_TERMS)
    under_way = PaymentFact("evt_sepa", FactKind.PROCESSING, "cs_1", "", 5400, "USD")
    assert paid_after_switch(under_way, BANK_TERMS)
    assert not paid_after_switch(paid("evt_card"), TERMS)  # a card order needs no switch back
    for changes in ({"amount_cents": 1}, {"currency": "EUR"}, {"order_hint": 8}, {"payment_intent": ""}):
        assert not paid_after_switch(replace(paid("evt_x"), **changes), BANK_TERMS), changes
    assert not paid_after_switch(replace(paid("evt_no_session"), session_id=""), BANK_TERMS)
    refund = PaymentFact("evt_r", FactKind.REFUNDED, "", "pi_1", 5400, "USD", whole_refund=True)
    assert not paid_after_switch(refund, BANK_TERMS)


def test_the_end_of_an_own_session_after_a_switch_is_nothing_to_report():
    expired, failed = PaymentFact("e", FactKind.EXPIRED, "cs_1"), PaymentFact("f", FactKind.FAILED, "cs_1")
    assert ended_after_switch(expired, BANK_TERMS) and ended_after_switch(failed, BANK_TERMS)
    assert not ended_after_switch(replace(expired, order_hint=8), BANK_TERMS)
    assert not ended_after_switch(paid("evt_p"), BANK_TERMS)
    assert not ended_after_switch(expired, TERMS)  # a card order's expiry goes on its timeline instead
