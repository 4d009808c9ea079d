"""Payment anomalies: payment events that moved nothing because they did not match an order, for admins to read.

Rules:
- Whatever a payment event may not do to an order (another amount, another currency, a session or
  payment intent the order did not create, a bank-transfer order, a partial refund…) is recorded here
  once per event, with the reason and the event exactly as Stripe sent it; the order stays as it was.
- An automatic refund that could not reach Stripe is recorded here too, so a person sees it.
- Only platform admins read them (newest first).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from realsourcing.accounts.identity import CurrentUser
from realsourcing.core.errors import PermissionDenied
from realsourcing.db import session_scope
from realsourcing.orders.models import PaymentAnomaly, SampleOrder
from realsourcing.orders.payment_state import Mismatch

SHOWN = 100  # the newest anomalies on the admin page


def record(db: Session, kind: Mismatch, reason: str, event: dict, order_id: int | None) -> None:
    """Keep one anomaly (inside the caller's transaction); order_id only when that order exists."""
    known = order_id if order_id is not None and db.get(SampleOrder, order_id) is not None else None
    db.add(
        PaymentAnomaly(
            kind=kind.value,
            order_id=known,
            provider_event_id=str(event.get("id", ""))[:255],
            event=event,
            reason=reason[:2000],
        )
    )


@dataclass(frozen=True)
class AnomalyView:
    id: int
    kind: str
    order_id: int | None
    order_reference: str
    provider_event_id: str
    reason: str
    raw_event: str  # the event as JSON, indented for reading
    created_at: datetime


def recent(actor: CurrentUser, limit: int = SHOWN) -> list[AnomalyView]:
    """The newest payment anomalies, for platform admins only."""
    if not actor.is_admin:
        raise PermissionDenied()
    with session_scope() as db:
        rows = db.exec(
            select(PaymentAnomaly, SampleOrder.reference)
            .join(SampleOrder, col(SampleOrder.id) == PaymentAnomaly.order_id, isouter=True)
            .order_by(col(PaymentAnomaly.id).desc())
            .limit(limit)
        ).all()
        return [
            AnomalyView(
                anomaly.id or 0,
                anomaly.kind,
                anomaly.order_id,
                reference or "",
                anomaly.provider_event_id,
                anomaly.reason,
                json.dumps(anomaly.event, indent=2, sort_keys=True),
                anomaly.created_at,
            )
            for anomaly, reference in rows
        ]
