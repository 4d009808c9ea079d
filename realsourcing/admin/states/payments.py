"""`/admin/payments`: payment events that moved nothing, for admins (orders.anomalies)."""

from __future__ import annotations

from typing import TypedDict

import reflex as rx

from realsourcing.core import timefmt
from realsourcing.orders import anomalies
from realsourcing.ui.session import SessionState, refusals_shown


class AnomalyRow(TypedDict):
    id: str
    kind_key: str  # the i18n key of its kind: admin.anomaly_<kind>
    order_id: str  # "" when the event named no order of ours
    order_reference: str
    event_id: str
    reason: str
    raw_event: str
    created: str


def _row(a: anomalies.AnomalyView, zone: str, lang: str) -> AnomalyRow:
    return AnomalyRow(
        id=str(a.id),
        kind_key=f"admin.anomaly_{a.kind}",
        order_id=str(a.order_id or ""),
        order_reference=a.order_reference,
        event_id=a.provider_event_id,
        reason=a.reason,
        raw_event=a.raw_event,
        created=timefmt.moment(a.created_at, zone, lang),
    )


class PaymentAnomaliesState(SessionState):
    loaded: bool = False
    rows: list[AnomalyRow] = []

    @rx.event
    @refusals_shown
    def open(self):
        self.loaded = False
        admin = self.user()
        self.rows = [_row(a, admin.timezone, self.lang) for a in anomalies.recent(admin)]
        self.loaded = True
