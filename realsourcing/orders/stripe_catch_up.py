"""Catching up with Stripe: payment events our webhook missed (downtime, a delivery given up) applied from its list.

Rules:
- Lists Stripe's payment events of the last N hours (GET /v1/events, every page) and applies them
  oldest first through the webhook's own handler, so an event already applied is skipped by its id
  and a missed one is applied exactly once.
- Then settles what is still owed: refunds that arrived before their payment and met it meanwhile,
  and late payments on cancelled orders whose automatic refund did not reach Stripe.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError

from realsourcing.db import utcnow
from realsourcing.orders import payments
from realsourcing.orders.payment_state import HANDLED_EVENT_TYPES
from realsourcing.orders.stripe_gateway import StripeGateway

DEFAULT_HOURS = 72.0
MAX_HOURS = 30 * 24.0  # Stripe lists the events of the last 30 days


@dataclass(frozen=True)
class CatchUpReport:
    listed: int
    applied: int  # events seen for the first time
    late_refunds: int  # late payments refunded now


def catch_up(
    gateway: StripeGateway, hours: float = DEFAULT_HOURS, now: datetime | None = None, page_size: int = 100
) -> CatchUpReport:
    """Apply the payment events of the last `hours` that we have not applied yet (raises PaymentUnavailable)."""
    since = (now or utcnow()) - timedelta(hours=min(max(hours, 0.0), MAX_HOURS))
    events = list(gateway.events_since(since, list(HANDLED_EVENT_TYPES), page_size))
    applied = 0
    for event in reversed(events):  # Stripe lists newest first
        with suppress(IntegrityError):  # the webhook delivered this event at this very moment and applied it
            applied += payments.handle_event(event, gateway)
    payments.apply_waiting_refunds()
    return CatchUpReport(len(events), applied, payments.settle_all_late_payments(gateway))
