"""Platform admin overview (admins only)."""

from __future__ import annotations

import reflex as rx

from realsourcing.admin import service as admin
from realsourcing.core.errors import PermissionDenied
from realsourcing.ui.session import SessionState


class AdminState(SessionState):
    loaded: bool = False
    counts: dict[str, int] = {}

    @rx.event
    def open(self):
        self.loaded = False
        user = self.current_user()
        try:
            counts = admin.platform_counts(user)
        except PermissionDenied:
            return self.refuse(user)
        self.counts = dict(vars(counts))
        self.loaded = True
