"""The landing page."""

from __future__ import annotations

import reflex as rx

from realsourcing.services import factories
from realsourcing.states.cards import FactoryCardRow, card_row
from realsourcing.states.session import SessionState


class HomeState(SessionState):
    loaded: bool = False
    featured: list[FactoryCardRow] = []

    @rx.event
    def open(self):
        self.featured = [card_row(c) for c in factories.featured_factories(limit=6)]
        self.loaded = True
