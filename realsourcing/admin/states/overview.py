"""Platform admin overview (admins only)."""

from __future__ import annotations

import reflex as rx

from realsourcing.admin import service as admin
from realsourcing.core.money import format_money
from realsourcing.ui.session import SessionState, refusals_shown


class AdminState(SessionState):
    loaded: bool = False
    counts: dict[str, int] = {}
    gmv: str = ""  # paid sample orders, per currency, in the admin's language

    @rx.event
    @refusals_shown
    def open(self):
        self.loaded = False
        counts = admin.platform_counts(self.user())
        self.counts = {name: value for name, value in vars(counts).items() if name != "gmv_cents"}
        self.gmv = " · ".join(format_money(cents, currency, self.lang) for currency, cents in counts.gmv_cents.items())
        self.loaded = True
