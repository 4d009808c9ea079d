"""Factory dashboard overview (members of a factory only)."""

from __future__ import annotations

from typing import TypedDict

import reflex as rx
from starlette.concurrency import run_in_threadpool

from realsourcing.core import divisions, timefmt
from realsourcing.core.money import format_money, to_major
from realsourcing.profile import dashboard
from realsourcing.profile.states.storage import StorageMeterView, meter_view
from realsourcing.ui.session import SessionState, refusals_shown


class TeamRow(TypedDict):
    name: str
    email: str
    role: str


class StepRow(TypedDict):
    key: str
    done: bool
    href: str


class WebinarRow(TypedDict):
    id: int
    title_en: str
    title_zh: str
    when: str


class DashboardState(SessionState):
    loaded: bool = False
    slug: str = ""
    factory_name_en: str = ""
    factory_name_zh: str = ""
    place_en: str = ""
    place_zh: str = ""
    is_verified: bool = False
    licence_under_review: bool = False
    published_products: int = 0
    pending_documents: int = 0
    approved_documents: int = 0
    completeness: int = 0
    steps: list[StepRow] = []
    webinars: list[WebinarRow] = []
    open_requests: int = 0
    open_orders: int = 0
    team: list[TeamRow] = []
    weeks: list[dict] = []
    has_insights: bool = False
    median_response: str = ""
    on_time: str = ""
    revenue_currency: str = ""  # the chart's revenue series is in this currency
    revenue: str = ""  # paid revenue over the period, per currency, in the viewer's language
    storage: StorageMeterView = meter_view(None)

    @rx.event
    @refusals_shown
    async def open(self):
        self.loaded = False
        user = await run_in_threadpool(self.user)
        board = await run_in_threadpool(dashboard.for_member, user)  # its statements: off the event loop
        overview = board.overview
        self.slug = overview.slug
        self.factory_name_en, self.factory_name_zh = overview.name_en, overview.name_zh
        self.place_en = divisions.place(overview.city, overview.province, "en")
        self.place_zh = divisions.place(overview.city, overview.province, "zh")
        self.is_verified = overview.is_verified
        self.licence_under_review = overview.licence_under_review
        self.published_products = overview.published_products
        self.pending_documents = overview.pending_documents
        self.approved_documents = overview.approved_documents
        self.completeness = overview.completeness_pct
        self.steps = [StepRow(key=s.key, done=s.done, href=s.href) for s in overview.steps]
        self.webinars = [
            WebinarRow(id=i, title_en=en, title_zh=zh, when=timefmt.moment(starts, user.timezone, self.lang))
            for i, en, zh, starts in overview.upcoming_webinars
        ]
        self.open_requests, self.open_orders = overview.open_meeting_requests, overview.open_orders
        self.team = [TeamRow(name=m.name, email=m.email, role=m.role) for m in overview.team]
        numbers = board.insights
        currency = numbers.revenue_currency
        self.weeks = [
            {
                **{name: value for name, value in vars(w).items() if name != "revenue_cents"},
                # a number for the chart's bar height, in the currency's own unit (54.5, not 5450 cents)
                "revenue": float(to_major(w.revenue_cents, currency)) if currency else 0,
            }
            for w in numbers.weeks
        ]
        self.revenue_currency = currency
        self.revenue = " · ".join(
            format_money(cents, code, self.lang) for code, cents in numbers.revenue_totals.items()
        )
        self.storage = meter_view(board.storage)
        self.has_insights = numbers.has_data
        self.median_response = f"{numbers.median_response_hours} h" if numbers.median_response_hours is not None else ""
        self.on_time = f"{round(numbers.on_time_rate * 100)} %" if numbers.on_time_rate is not None else ""
        self.loaded = True
