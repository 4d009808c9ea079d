"""Exactly once from the browser: a real double click on "Place order" (bank transfer and card), on the
booking page's "Confirm", on the product editor's and the webinar editor's "Save" and on the documents
page's "Submit" makes one order, one card checkout, one meeting request, one product, one webinar, one
document (with one stored file); the buttons take no click while working and are themselves again after
a success or a refusal (the gallery's upload button too)."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from zoneinfo import ZoneInfo

from PIL import Image
from playwright.sync_api import Page, WebSocketRoute, expect
from sqlmodel import col, select

from realsourcing.accounts.identity import CurrentUser
from realsourcing.config import get_settings
from realsourcing.db import session_scope, utcnow
from realsourcing.meetings.models import Meeting
from realsourcing.orders.events import OrderEventKind
from realsourcing.orders.models import OrderEvent, SampleOrder
from realsourcing.profile.catalog_models import Product
from realsourcing.profile.models import Factory, FactoryDocument, MediaAsset
from realsourcing.ui.forms import SECOND_CLICK_MS
from realsourcing.webinars.models import Webinar
from tests.e2e.helpers import log_in, open_page, path_is
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


# ---------------------------------------------------------------- the factory's creates


def signed_in_new_factory(page: Page, name: str) -> CurrentUser:
    """A factory with no products, webinars or documents yet, its owner signed in on `page`."""
    owner = a_factory(an_email("twice-maker"), name=name)
    log_in(page, owner.email, PASSWORD)
    return owner


def rows_of(model, factory_id: int) -> list[int]:
    with session_scope() as db:
        return list(db.exec(select(model.id).where(model.factory_id == factory_id)).all())


def fill_new_product(page: Page, name: str) -> None:
    open_page(page, "/dashboard/products/new")
    page.fill("#name_en", name)
    page.click("#category")
    page.get_by_role("option", name="Home & kitchen").click()
    page.fill("#moq", "300")


def test_double_click_on_save_creates_one_product(page: Page):
    owner = signed_in_new_factory(page, "Twice Kitchenware")
    fill_new_product(page, "Enamel mug 350 ml")
    watch_disabled(page, "product-save")
    page.locator("#product-save").dblclick()
    expect(page).to_have_url(re.compile(r"/dashboard/products/\d+/?$"))
    assert was_disabled(page)  # the button took no clicks while the product was being stored
    page.wait_for_timeout(SETTLE_MS)
    made = rows_of(Product, owner.factory_id)
    assert len(made) == 1
    assert page.url.rstrip("/").endswith(f"/dashboard/products/{made[0]}")
    expect(page.locator("#product-save")).to_be_enabled()


def test_a_refused_product_save_gives_the_button_back_and_the_corrected_save_creates_one(page: Page):
    owner = signed_in_new_factory(page, "Twice Refused Works")
    open_page(page, "/dashboard/products/new")
    page.fill("#name_en", "Bamboo tray")
    page.locator("#product-save").dblclick()  # no category: refused, nothing stored
    expect(page.locator("#category-error")).to_be_visible()
    expect(page.locator("#product-save")).to_be_enabled()
    assert rows_of(Product, owner.factory_id) == []
    page.wait_for_timeout(SECOND_CLICK_MS)  # a click this soon after the last one is taken for its double
    page.click("#category")
    page.get_by_role("option", name="Home & kitchen").click()
    page.locator("#product-save").dblclick()
    expect(page).to_have_url(re.compile(r"/dashboard/products/\d+/?$"))
    page.wait_for_timeout(SETTLE_MS)
    assert len(rows_of(Product, owner.factory_id)) == 1


def test_an_answer_lost_with_the_connection_finds_the_product_made_not_a_fresh_form(page: Page):
    """The save's answer (go to the new product) is lost as the connection drops; the tab reconnects to
    the form, whose on_load sends it to the product it made. "New product" afterwards is a new product."""
    owner = signed_in_new_factory(page, "Twice Dropped Works")
    lost: list[str] = []

    def drop_the_answer(ws: WebSocketRoute) -> None:
        server = ws.connect_to_server()

        def to_page(message: str | bytes) -> None:
            if not lost and "_redirect" in str(message) and "/dashboard/products/" in str(message):
                lost.append(str(message))
                ws.close()  # the tab's connection goes down with the answer in it
                return
            ws.send(message)

        server.on_message(to_page)

    page.route_web_socket(re.compile(r"/_event"), drop_the_answer)  # the connections opened from now on
    fill_new_product(page, "Cast iron trivet")
    page.click("#product-save")
    expect(page).to_have_url(re.compile(r"/dashboard/products/\d+/?$"))
    assert lost  # the first answer never reached the page: the reconnect's on_load sent it here
    page.wait_for_timeout(SETTLE_MS)
    made = rows_of(Product, owner.factory_id)
    assert len(made) == 1 and page.url.rstrip("/").endswith(f"/dashboard/products/{made[0]}")
    fill_new_product(page, "Cast iron trivet, large")
    page.click("#product-save")
    expect(page).not_to_have_url(re.compile(rf"/dashboard/products/({made[0]}|new)/?$"))
    assert len(rows_of(Product, owner.factory_id)) == 2


def test_double_click_on_save_creates_one_webinar(page: Page):
    owner = signed_in_new_factory(page, "Twice Open Day Works")
    with session_scope() as db:
        zone = ZoneInfo(db.get(Factory, owner.factory_id).timezone)
    start = (utcnow() + timedelta(days=3)).astimezone(zone).replace(hour=10, minute=0)
    open_page(page, "/dashboard/webinars/new")
    page.fill("#title_en", "Line tour: enamel firing")
    page.fill("#start_local", start.strftime("%Y-%m-%dT%H:%M"))
    expect(page.locator("#start-yours")).not_to_be_empty()
    watch_disabled(page, "webinar-save")
    page.locator("#webinar-save").dblclick()
    path_is(page, "/dashboard/webinars")
    assert was_disabled(page)  # the button took no clicks while the webinar was being stored
    page.wait_for_timeout(SETTLE_MS)
    made = rows_of(Webinar, owner.factory_id)
    assert len(made) == 1
    with session_scope() as db:
        assert db.get(Webinar, made[0]).status == "scheduled"  # "schedule now" was ticked: scheduled once
    expect(page.locator(".dashboard-webinar")).to_have_count(1)


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# A scan-sized PDF: checked and stored long enough for the page to show "Submit" disabled meanwhile.
SCAN = b"%PDF-1.4\n" + b"%" * (4 * 1024 * 1024) + b"\n%%EOF\n"


def stored_documents(factory_id: int) -> list[str]:
    folder = get_settings().private_dir / f"documents/{factory_id}"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def fill_licence(page: Page, number: str) -> None:
    page.fill("#doc-number", number)
    page.fill("#doc-issuer", "Xiamen AMR")
    page.fill("#doc-valid_until", "2031-12-31")
    page.locator("#document input[type=file]").set_input_files(
        {"name": "licence.pdf", "mimeType": "application/pdf", "buffer": SCAN}
    )
    expect(page.get_by_text("licence.pdf")).to_be_visible()


def test_double_click_on_submit_stores_one_document(page: Page):
    owner = signed_in_new_factory(page, "Twice Licensed Works")
    open_page(page, "/dashboard/documents")
    fill_licence(page, "91350200MA34TWICE")
    watch_disabled(page, "doc-submit")
    page.locator("#doc-submit").dblclick()
    expect(page.locator(".document-row")).to_have_count(1)
    assert was_disabled(page)  # the button took no clicks while the file was being checked and stored
    page.wait_for_timeout(SETTLE_MS)
    assert len(rows_of(FactoryDocument, owner.factory_id)) == 1
    assert len(stored_documents(owner.factory_id)) == 1
    expect(page.locator(".document-row")).to_have_count(1)
    expect(page.locator("#doc-submit")).to_be_enabled()
    # The next document is another one: its own key, its own row.
    fill_licence(page, "91350200MA34AGAIN")
    page.locator("#doc-submit").dblclick()
    expect(page.locator(".document-row")).to_have_count(2)
    page.wait_for_timeout(SETTLE_MS)
    assert len(rows_of(FactoryDocument, owner.factory_id)) == 2
    assert len(stored_documents(owner.factory_id)) == 2


def test_a_refused_document_gives_the_submit_button_back(page: Page):
    owner = signed_in_new_factory(page, "Twice Unreadable Works")
    open_page(page, "/dashboard/documents")
    page.fill("#doc-number", "91350200MA34FAKE")
    page.fill("#doc-issuer", "Xiamen AMR")
    page.locator("#document input[type=file]").set_input_files(
        {"name": "licence.pdf", "mimeType": "application/pdf", "buffer": b"not a pdf at all"}
    )
    page.locator("#doc-submit").dblclick()
    expect(page.locator("#doc-file-error")).to_be_visible(timeout=15000)  # the upload is checked off the loop first
    expect(page.locator("#doc-submit")).to_be_enabled()
    assert rows_of(FactoryDocument, owner.factory_id) == [] and stored_documents(owner.factory_id) == []


def a_jpeg(width: int = 640, height: int = 420) -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise((width, height), 60).convert("RGB").save(buffer, "JPEG", quality=95)
    return buffer.getvalue()


def test_the_gallery_upload_button_is_itself_again_after_an_upload_and_a_refusal(page: Page):
    owner = signed_in_new_factory(page, "Twice Gallery Works")
    open_page(page, "/dashboard/media")
    button = page.locator("#media-upload")
    # A small file is checked so fast that "working" and "done" reach the page together; the large one
    # is checked long enough for the page to show the button disabled.
    for name, data, items, refused, long_enough in (
        ("floor.jpg", a_jpeg(), 1, False, False),
        ("fake.jpg", PDF, 1, True, False),  # refused: said, nothing added
        ("hall.jpg", a_jpeg(2400, 1800), 2, False, True),
    ):
        page.locator("#gallery input[type=file]").set_input_files(
            {"name": name, "mimeType": "image/jpeg", "buffer": data}
        )
        watch_disabled(page, "media-upload")
        button.dblclick()
        expect(page.locator(".media-item")).to_have_count(items)
        if refused:
            expect(page.locator(".upload-problem")).to_contain_text(name)
        page.wait_for_timeout(SETTLE_MS)
        if long_enough:
            assert was_disabled(page)
        expect(button).to_be_enabled()
        expect(button.locator(".rt-Spinner")).to_have_count(0)
        expect(page.locator("#media-upload-progress")).to_have_count(0)
    assert len(rows_of(MediaAsset, owner.factory_id)) == 2
