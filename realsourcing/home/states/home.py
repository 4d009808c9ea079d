"""The landing page."""

from __future__ import annotations

import reflex as rx
from starlette.concurrency import run_in_threadpool

from realsourcing.accounts.greeting import is_first_visit
from realsourcing.core import timefmt
from realsourcing.db import utcnow
from realsourcing.profile import factories, insights
from realsourcing.profile.states.cards import FactoryCardRow, card_row
from realsourcing.ui.session import SessionState


class HomeState(SessionState):
    loaded: bool = False
    featured: list[FactoryCardRow] = []
    pipeline_webinars: list[dict[str, str]] = []
    pipeline_meetings: list[dict[str, str]] = []
    pipeline_orders: list[dict[str, str]] = []
    pipeline_factories: list[dict[str, str]] = []
    show_pipeline: bool = False
    first_visit: bool = False  # "Welcome," and where to start; "Welcome back," afterwards

    @rx.event
    async def open(self):
        featured = await run_in_threadpool(factories.featured_factories, 6)  # its statements: off the event loop
        self.featured = [card_row(c) for c in featured]
        # the landing page is for everyone; signed-in buyers also see their pipeline
        user = await run_in_threadpool(self.current_user)
        self.show_pipeline = user is not None and user.is_buyer
        self.first_visit = user is not None and is_first_visit(user.signed_up_at, user.session_started_at, utcnow())
        if user is not None and user.is_buyer:
            p = await run_in_threadpool(insights.buyer_pipeline, user)
            self.pipeline_webinars = [
                {"href": f"/webinars/{i}", "title": t, "when": timefmt.moment(s, user.timezone, self.lang)}
                for i, t, s in p.webinars
            ]
            self.pipeline_meetings = [
                {
                    "href": f"/meetings/{i}",
                    "title": f,
                    "status": st,
                    "when": timefmt.moment(s, user.timezone, self.lang),
                }
                for i, f, st, s in p.meetings
            ]
            self.pipeline_orders = [
                {"href": f"/orders/{i}", "title": f"{ref} · {f}", "status": self.tr(f"order.status_{st}")}
                for i, ref, f, st in p.orders
            ]
            self.pipeline_factories = [{"href": f"/factories/{slug}", "title": name} for slug, name in p.factories]
        self.loaded = True
