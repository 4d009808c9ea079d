"""Exactly once from the browser: a real double click on "Place order" (bank transfer and card) and
on the booking page's "Confirm" makes one order, one card checkout, one meeting request."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect
from sqlmodel import col, select

from realsourcing.db import session_scope
from realsourcing.meetings.models import Meeting
from realsourcing.orders.events import OrderEventKind
from realsourcing.orders.models import OrderEvent, SampleOrder
from realsourcing.profile.catalog_models import Product
from realsourcing.profile.models import Factory
from tests.e2e.helpers import log_in, open_page
from tests.support.builders import PASSWORD, a_buyer, a_factory, a_meeting_type, an_email

SETTLE_MS = 2000  # long enough for a second click's event to have been stored, had it made anything


def signed_in_new_buyer(page: Page) -> int:
    """A buyer with no orders or meetings yet, signed in on `page`; returns their user id."""
    email = an_email("twice")
    buyer = a_buyer(email, full_name="Dana Double")
    log_in(page, email, PASSWORD)
    return buyer.id


def sunny_sample() -> int:
    with session_scope() as db:
        factory = db.exec(select(Factory).where(Factory.slug == "yiwu-sunny-toys")).one()
        return db.exec(
            select(Product.id)
            .where(Product.factory_id == factory.id, Product.status == "published")
            .order_by(col(Product.id))
        ).first()


def open_order_form(page: Page) -> None:
    open_page(page, f"/orders/new?factory=yiwu-sunny-toys&product={sunny_sample()}")
    page.select_option("#ship_country", "US")
    for field, value in (
        ("name", "Dana Double"),
        ("line1", "1 Pier Rd"),
        ("city", "Seattle"),
        ("postal_code", "98101"),
        ("phone", "+1 206 555 0100"),
    ):
        page.fill(f"#ship_{field}", value)
    page.locator("#ship_phone").blur()
    expect(page.locator("#order-total")).not_to_be_empty()


def watch_disabled(page: Page, button_id: str) -> None:
    """Record (in the page, a test instrument) whether the button is ever disabled from now on."""
    page.evaluate(
        """(id) => {
            window.__wasDisabled = false;
            const seen = () => { if (document.getElementById(id)?.disabled) window.__wasDisabled = true; };
            new MutationObserver(seen).observe(document.body, {subtree: true, attributes: true, childList: true});
        }""",
        button_id,
    )


def was_disabled(page: Page) -> bool:
    return page.evaluate("() => window.__wasDisabled")


def orders_of(buyer_id: int) -> list[int]:
    with session_scope() as db:
        return list(db.exec(select(SampleOrder.id).where(SampleOrder.buyer_id == buyer_id)).all())


def test_double_click_on_place_order_places_one_order(page: Page):
    buyer_id = signed_in_new_buyer(page)
    open_order_form(page)
    page.click("#pay-bank")
    watch_disabled(page, "place-order")
    page.locator("#place-order").dblclick()
    expect(page).to_have_url(re.compile(r"/orders/\d+/?$"))
    assert was_disabled(page)  # the button took no clicks while the order was being placed
    page.wait_for_timeout(SETTLE_MS)
    placed = orders_of(buyer_id)
    assert len(placed) == 1
    assert page.url.rstrip("/").endswith(f"/orders/{placed[0]}")


def test_double_click_on_place_order_by_card_opens_one_checkout(page: Page, stripe_standin):
    buyer_id = signed_in_new_buyer(page)
    open_order_form(page)
    expect(page.locator("#pay-card")).to_have_attribute("data-state", "checked")
    page.locator("#place-order").dblclick()
    expect(page.locator("#standin-checkout")).to_be_visible()
    page.wait_for_timeout(SETTLE_MS)
    placed = orders_of(buyer_id)
    assert len(placed) == 1
    sessions = [
        r
        for r in stripe_standin.requests
        if r.path == "/v1/checkout/sessions" and r.params.get("client_reference_id") == str(placed[0])
    ]
    assert len(sessions) == 1
    with session_scope() as db:
        opened = db.exec(
            select(OrderEvent).where(
                OrderEvent.order_id == placed[0], OrderEvent.kind == OrderEventKind.CHECKOUT_STARTED
            )
        ).all()
    assert len(opened) == 1


def test_double_click_on_confirm_requests_one_meeting(page: Page):
    owner = a_factory(an_email("twice-host"), name="Twice Open Works", hours="00:00-23:45", max_per_day="0")
    a_meeting_type(owner, "Quick sample call", "样品快速沟通", "15")
    with session_scope() as db:
        slug = db.get(Factory, owner.factory_id).slug
    buyer_id = signed_in_new_buyer(page)
    open_page(page, f"/meeting/new?factory={slug}")
    page.locator(".slot").first.click()
    expect(page.locator("#confirm-booking")).to_be_enabled()
    watch_disabled(page, "confirm-booking")
    page.locator("#confirm-booking").dblclick()
    expect(page).to_have_url(re.compile(r"/meetings/\d+/?$"))
    assert was_disabled(page)  # the button took no clicks while the meeting was being requested
    page.wait_for_timeout(SETTLE_MS)
    with session_scope() as db:
        requested = db.exec(select(Meeting.id).where(Meeting.buyer_id == buyer_id)).all()
    assert len(requested) == 1
    assert page.url.rstrip("/").endswith(f"/meetings/{requested[0]}")
