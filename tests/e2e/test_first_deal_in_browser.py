"""The whole first deal, in the browser, for people who have never used RealSourcing: a factory signs
up (email verified through a real SMTP server), builds its profile, gets its business licence approved;
a buyer in New York signs up, finds it, books a 1:1 meeting the factory confirms, orders a sample paid by
bank transfer (T/T); the factory confirms the money, ships with a tracking number, the buyer receives
it and completes the order. Once in English, once in Chinese; every expected text comes from the
catalogue in that language. Nothing is set up behind the UI's back except reading the emails."""

from __future__ import annotations

import io
import os
import re
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import Browser, BrowserContext, Page, expect

from realsourcing.core import divisions
from realsourcing.core.i18n import translate
from realsourcing.core.timefmt import zone_label
from realsourcing.notifications.service import TEMPLATES
from realsourcing.orders.carriers import BY_CODE
from realsourcing.profile.terms import CATEGORIES, DOCUMENT_KINDS
from tests.e2e.helpers import DEMO_PASSWORD, open_page, path_is, the_email_to, watch_csp
from tests.support.builders import an_email
from tests.support.smtp_standin import SmtpStandIn, body_of, link_in

# RS_SHOTS=/tmp/shots-firstdeal saves a full-page screenshot of every step there (off by default).
SHOTS = Path(os.environ["RS_SHOTS"]) if os.environ.get("RS_SHOTS") else None
LOCALES = {"en": "en-US", "zh": "zh-CN"}
BUYER_ZONE = "America/New_York"
TRACKING = "JD014600003812"
PROVINCE = divisions.match_province("Fujian") or ""
CITY = divisions.match_city("Xiamen", PROVINCE) or ""
ACCOUNT = "6216610100001234567"  # a domestic account number at the Bank of China
BIC = "BKCHCNBJ73A"


class Deal:
    """What one run shares: its language, screenshots, and the names it made up."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        token = uuid.uuid4().hex[:6]
        self.token = token
        self.factory_en = f"Harbor Lantern Ceramics {token}"
        self.factory_zh = f"港灯陶瓷 {token}"
        self.legal_name = f"Xiamen Harbor Lantern Ceramics Co., Ltd. {token}"
        self.owner_name = "Lin Qiao"
        self.owner_email = an_email("firstdeal-owner")
        self.owner_password = "glazed in Xiamen since 2004"
        self.buyer_name = "Dana Whitfield"
        self.buyer_email = an_email("firstdeal-buyer")
        self.buyer_password = "sourcing mugs for Brooklyn"
        self.product_en = f"Speckled stoneware mug 350 ml {token}"
        self.product_zh = f"斑点粗陶马克杯 350 毫升 {token}"
        self.meeting_en, self.meeting_zh = "Sample walkthrough", "样品讲解"
        self._shot = 0
        if SHOTS is not None:
            SHOTS.mkdir(parents=True, exist_ok=True)

    def t(self, key: str, **params: object) -> str:
        return translate(key, self.lang, **params)

    def pick(self, en: str, zh: str) -> str:
        return zh if self.lang == "zh" else en

    def shot(self, page: Page, step: str) -> None:
        if SHOTS is None:
            return
        self._shot += 1
        page.screenshot(path=str(SHOTS / f"{self.lang}-{self._shot:02d}-{step}.png"), full_page=True)


def licence_scan(legal_name: str) -> bytes:
    """A JPEG that looks like a phone photo of a licence (the review queue shows it to the admin)."""
    picture = Image.new("RGB", (900, 640), (236, 228, 210))
    draw = ImageDraw.Draw(picture)
    draw.rectangle((30, 30, 870, 610), outline=(160, 30, 30), width=6)
    draw.text((80, 90), "BUSINESS LICENCE", fill=(160, 30, 30))
    draw.text((80, 160), legal_name, fill=(20, 20, 20))
    draw.text((80, 220), "Unified social credit code 91350200MA8FIRST1", fill=(20, 20, 20))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG")
    return buffer.getvalue()


def status_is(page: Page, deal: Deal, key: str) -> None:
    expect(page.locator(".order-status").first).to_have_text(deal.t(key))


def toast_says(page: Page, text: str) -> None:
    """A toast with exactly this text is showing (earlier toasts may still be on screen)."""
    expect(page.get_by_text(text, exact=True).last).to_be_visible()


def reload(page: Page) -> None:
    page.reload()
    page.wait_for_selector("main[data-hydrated='true']")


# ---------------------------------------------------------------- the steps


def sign_up_from_the_email(page: Page, deal: Deal, mailbox: SmtpStandIn, email: str, name: str) -> None:
    """Submitted sign-up form → "check your email" → the emailed link, in the run's language → signed in."""
    page.click("#signup-submit")
    expect(page.locator("#signup-sent")).to_have_text(deal.t("signup.check_title"))
    expect(page.locator("#signup-sent-to")).to_have_text(email)
    deal.shot(page, "check-your-email")
    mail = the_email_to(mailbox, email, TEMPLATES["signup_confirm"][deal.lang][0])
    assert name in body_of(mail)  # greeted by name, in the language the form was filled in
    open_page(page, link_in(mail))
    expect(page.locator("#link-title")).to_have_text(deal.t("link.signup_title"))
    expect(page.locator("#link-email")).to_have_text(email)
    page.click("#link-confirm")


def factory_signs_up(page: Page, deal: Deal, mailbox: SmtpStandIn) -> None:
    open_page(page, "/signup")
    if deal.lang == "zh":  # the factory owner picks Chinese with the switch every page has
        page.click("#language-switch")
    expect(page.locator("#signup-submit")).to_have_text(deal.t("signup.submit"))
    page.click("#choose-factory")
    page.fill("#full_name", deal.owner_name)
    page.fill("#email", deal.owner_email)
    page.fill("#password", deal.owner_password)
    page.fill("#factory_name_en", deal.factory_en)
    page.fill("#factory_name_zh", deal.factory_zh)
    page.select_option("#factory_province", PROVINCE)
    page.select_option("#factory_city", CITY)
    expect(page.locator("#factory_city option:checked")).to_have_text(
        deal.pick(divisions.city_name(CITY, "en"), divisions.city_name(CITY, "zh"))
    )
    deal.shot(page, "factory-signup")
    sign_up_from_the_email(page, deal, mailbox, deal.owner_email, deal.owner_name)
    path_is(page, "/dashboard")
    expect(page.locator("#dashboard-factory")).to_have_text(deal.pick(deal.factory_en, deal.factory_zh))
    expect(page.locator("#not-verified-yet")).to_have_text(deal.t("fac.not_verified_yet"))
    expect(page.get_by_text(divisions.place(CITY, PROVINCE, deal.lang), exact=True)).to_be_visible()
    steps = page.locator(".next-step")
    for key in (
        "step.licence",
        "step.products",
        "step.meetings",
        "step.shipping",
        "step.bank",
    ):  # what buyers will need
        expect(steps.filter(has_text=deal.t(key))).to_have_count(1)
    deal.shot(page, "factory-dashboard-new")


def factory_fills_its_profile(page: Page, deal: Deal) -> None:
    page.click("#section-profile")
    expect(page.locator("#legal_name_en")).to_be_visible()
    page.fill("#legal_name_en", deal.legal_name)
    page.fill("#legal_name_zh", f"厦门港灯陶瓷有限公司 {deal.token}")
    page.fill("#address", "18 Kiln Road, Huli District")
    page.click("#cat-home_kitchen")
    page.fill("#founded_year", "2004")
    page.fill("#staff_count", "120")
    page.fill(
        "#about_en",
        "Stoneware mugs and tableware for coffee shops and lifestyle brands: 12 kilns, in-house glaze lab, "
        "QC on every batch.",
    )
    page.fill("#about_zh", "为咖啡店和生活方式品牌生产粗陶马克杯和餐具：12 座窑炉，自有釉料实验室，每批次质检。")
    page.click("#profile-save")
    toast_says(page, deal.t("profile.saved"))
    deal.shot(page, "factory-profile")


def factory_adds_a_product(page: Page, deal: Deal) -> None:
    page.click("#section-products")
    page.click("#new-product")
    expect(page.locator("#name_en")).to_be_visible()
    page.fill("#name_en", deal.product_en)
    page.fill("#name_zh", deal.product_zh)
    page.click("#category")
    page.get_by_role("option", name=deal.pick(*CATEGORIES["home_kitchen"])).click()
    page.fill("#sample_price", "12.50")
    page.fill("#sample_max_qty", "4")
    page.fill("#sample_lead_time_days", "5")
    page.click("#product-save")
    expect(page).to_have_url(re.compile(r"/dashboard/products/\d+/?$"))
    toast_says(page, deal.t("prod.saved"))
    page.click("#section-products")
    row = page.locator(".product-row", has_text=deal.pick(deal.product_en, deal.product_zh))
    row.locator(".publish").click()
    expect(row.get_by_text(deal.t("prod.published"))).to_be_visible()
    deal.shot(page, "factory-products")


def factory_sets_shipping_fees(page: Page, deal: Deal) -> None:
    page.click("#section-orders")
    expect(page.locator("input[name=fee_north_america]")).to_be_visible()
    page.fill("input[name=label_north_america]", "DHL Express, 3-5 days")
    page.fill("input[name=fee_north_america]", "18.00")
    page.fill("input[name=label_europe]", "DHL Express, 4-6 days")
    page.fill("input[name=fee_europe]", "20.00")
    page.get_by_role("button", name=deal.t("common.save")).click()
    toast_says(page, deal.t("avail.saved"))
    deal.shot(page, "factory-shipping-fees")


def factory_opens_its_calendar(page: Page, deal: Deal) -> None:
    page.click("#section-availability")
    expect(page.locator("#day_0")).to_be_visible()
    for day in range(7):  # a small factory that answers every day, Shanghai time
        page.fill(f"#day_{day}", "08:00-12:00, 13:00-22:00")
    page.fill("#min_notice_hours", "12")
    page.click("#availability-save")
    toast_says(page, deal.t("avail.saved"))
    page.get_by_label(deal.t("avail.type_name_en")).fill(deal.meeting_en)
    page.get_by_label(deal.t("avail.type_name_zh")).fill(deal.meeting_zh)
    page.get_by_label(deal.t("avail.duration")).fill("30")
    page.get_by_role("button", name=deal.t("avail.add")).last.click()
    expect(page.get_by_text(deal.pick(deal.meeting_en, deal.meeting_zh))).to_be_visible()
    expect(page.locator(".preview-day").first).to_be_visible()
    deal.shot(page, "factory-availability")


def factory_uploads_its_licence(page: Page, deal: Deal) -> None:
    page.click("#section-documents")
    page.click("#doc-kind")
    page.get_by_role("option", name=deal.pick(*DOCUMENT_KINDS["business_license"]), exact=True).click()
    page.fill("#doc-number", "91350200MA8FIRST1")
    page.fill("#doc-issuer", deal.pick("Xiamen Administration for Market Regulation", "厦门市市场监督管理局"))
    page.fill("#doc-valid_until", (date.today() + timedelta(days=3 * 365)).isoformat())
    page.locator("#document input[type=file]").set_input_files(
        {"name": "licence.jpg", "mimeType": "image/jpeg", "buffer": licence_scan(deal.legal_name)}
    )
    expect(page.get_by_text("licence.jpg")).to_be_visible()
    page.click("#doc-submit")
    expect(page.locator(".document-row")).to_have_count(1)
    expect(page.locator(".document-row").get_by_text(deal.t("docs.status_pending"))).to_be_visible()
    deal.shot(page, "factory-licence-pending")
    page.click("#section-overview")
    expect(page.locator("#verification-pending")).to_have_text(deal.t("home.not_verified"))


def admin_approves_the_licence(admin: Page, deal: Deal) -> None:
    open_page(admin, "/login")
    admin.fill("#email", "admin@example.com")
    admin.fill("#password", DEMO_PASSWORD)
    admin.click("#login-submit")
    expect(admin.locator("#nav-logout")).to_be_visible()
    open_page(admin, "/admin/verification")
    expect(admin.locator("#review-title")).to_have_text(deal.t("review.title"))
    item = admin.locator(f".review-item[data-factory='{deal.factory_en}']")
    expect(item).to_have_count(1)
    expect(item).to_contain_text("91350200MA8FIRST1")
    deal.shot(admin, "admin-review-queue")
    item.locator(".approve").click()
    toast_says(admin, deal.t("review.approved"))
    expect(item).to_have_count(0)


def factory_is_verified(page: Page, deal: Deal) -> None:
    page.click("#section-overview")
    expect(page.locator("#dashboard-factory")).to_be_visible()
    reload(page)
    expect(page.get_by_text(deal.t("home.verified"), exact=True).first).to_be_visible()
    expect(page.locator(".next-step").first).to_be_visible()  # photos, logo… are still to come
    for key in (
        "step.licence",
        "step.products",
        "step.meetings",
        "step.shipping",
        "step.bank",
    ):  # done: buyers can deal
        expect(page.locator(".next-step").filter(has_text=deal.t(key))).to_have_count(0)
    deal.shot(page, "factory-dashboard-verified")
    page.click("#section-documents")
    expect(page.locator(".document-row").get_by_text(deal.t("docs.status_approved"))).to_be_visible()
    deal.shot(page, "factory-licence-approved")


def factory_enters_bank_details(page: Page, deal: Deal) -> None:
    """The owner, password re-entered, names the licensed company as the account holder."""
    page.click("#section-bank")
    expect(page.locator("#bank-none")).to_be_visible()
    expect(page.locator("#holder-help")).to_contain_text(deal.legal_name)
    page.fill("#account_holder", deal.legal_name)
    page.fill("#bank_name", deal.pick("Bank of China, Xiamen Branch", "中国银行厦门分行"))
    page.fill("#account_number", " ".join(ACCOUNT[i : i + 4] for i in range(0, len(ACCOUNT), 4)))  # as printed
    page.fill("#swift_bic", BIC.lower())  # as people type it
    page.fill("#bank_address", deal.pick("40 Hubin North Road, Siming District, Xiamen", "厦门市思明区湖滨北路 40 号"))
    page.select_option("#currency", "USD")
    page.fill("#password", deal.owner_password)
    deal.shot(page, "factory-bank-details-form")
    page.click("#bank-save")
    toast_says(page, deal.t("bank.saved"))
    expect(page.locator("#bank-saved")).to_contain_text("•••• " + ACCOUNT[-4:])
    expect(page.locator("#bank-saved")).not_to_contain_text(ACCOUNT)  # masked once saved
    deal.shot(page, "factory-bank-details-saved")


def buyer_signs_up(page: Page, deal: Deal, mailbox: SmtpStandIn) -> None:
    open_page(page, "/signup")
    expect(page.locator("#signup-submit")).to_have_text(deal.t("signup.submit"))  # from the browser's language
    page.fill("#full_name", deal.buyer_name)
    page.fill("#email", deal.buyer_email)
    page.fill("#password", deal.buyer_password)
    page.fill("#company_name", "Whitfield Goods Co.")
    deal.shot(page, "buyer-signup")
    sign_up_from_the_email(page, deal, mailbox, deal.buyer_email, deal.buyer_name)
    path_is(page, "/")
    expect(page.locator("#welcome")).to_contain_text(deal.buyer_name)
    deal.shot(page, "buyer-home")


def buyer_finds_the_factory(page: Page, deal: Deal) -> str:
    """Searches the directory for the new factory and opens its page; returns that page's path."""
    open_page(page, "/factories")
    page.fill("#search", deal.token)
    page.click("#search-submit")
    card = page.locator(".factory-card", has_text=deal.token)
    expect(card).to_have_count(1)
    expect(card).to_contain_text(deal.pick(deal.factory_en, deal.factory_zh))
    expect(card.get_by_text(deal.t("home.verified"))).to_be_visible()
    deal.shot(page, "buyer-directory")
    card.click()
    expect(page.locator("#factory-name")).to_have_text(deal.pick(deal.factory_en, deal.factory_zh))
    deal.shot(page, "buyer-factory-page")
    return re.search(r"/factories/[^/?#]+", page.url).group(0)


def buyer_books_a_meeting(page: Page, deal: Deal) -> str:
    """Books the first free slot; returns the meeting page's path."""
    page.click("#book-meeting")
    expect(page).to_have_url(re.compile(r"/meeting/new/?\?factory="))
    expect(page.locator("#meeting-type")).to_contain_text(deal.pick(deal.meeting_en, deal.meeting_zh))
    # The buyer's clock: the browser's New York zone, named in the reader's language.
    expect(page.locator("#buyer-zone")).to_have_text(zone_label(BUYER_ZONE, deal.lang, datetime.now(UTC)))
    slot = page.locator(".slot").first
    expect(slot).to_be_visible()
    buyer_time = slot.locator("p").first.inner_text()
    slot.click()
    page.fill("#agenda", "Glaze options for a 2,000-mug first order; packaging for retail")
    deal.shot(page, "buyer-booking")
    page.click("#confirm-booking")
    expect(page.locator("#meeting-title")).to_have_text(deal.pick(deal.meeting_en, deal.meeting_zh))
    expect(page.locator(".meeting-status").first).to_have_text(deal.t("meet.status_requested"))
    expect(page.locator("#meeting-when")).to_contain_text(buyer_time)
    deal.shot(page, "buyer-meeting-requested")
    return re.search(r"/meetings/\d+", page.url).group(0)


def factory_confirms_the_meeting(page: Page, deal: Deal) -> None:
    open_page(page, "/meetings")
    card = page.locator(".meeting-card", has_text=deal.buyer_name)
    expect(card).to_be_visible()
    expect(card).to_contain_text(deal.t("meet.status_requested"))
    card.click()
    page.click("#confirm-meeting")
    expect(page.locator(".meeting-status").first).to_have_text(deal.t("meet.status_confirmed"))
    deal.shot(page, "factory-meeting-confirmed")


def buyer_sees_the_meeting_confirmed(page: Page, deal: Deal, meeting_path: str) -> None:
    open_page(page, meeting_path)
    expect(page.locator(".meeting-status").first).to_have_text(deal.t("meet.status_confirmed"))
    deal.shot(page, "buyer-meeting-confirmed")


def buyer_orders_a_sample_by_bank_transfer(page: Page, deal: Deal, factory_path: str) -> str:
    """From the factory's page to a placed T/T order; returns the order's reference."""
    open_page(page, factory_path)
    expect(page.locator("#factory-name")).to_have_text(deal.pick(deal.factory_en, deal.factory_zh))
    page.locator(".product-card", has_text=deal.token).click()
    expect(page.locator("#product-name")).to_contain_text(deal.pick(deal.product_en, deal.product_zh))
    expect(page.locator("#sample-price")).to_contain_text("12.50")
    page.click("#order-sample")
    expect(page).to_have_url(re.compile(r"/orders/new/?\?factory="))
    expect(page.locator("main")).to_contain_text(deal.pick(deal.factory_en, deal.factory_zh))
    page.select_option("#ship_country", "US")
    for field, value in (
        ("name", deal.buyer_name),
        ("company", "Whitfield Goods Co."),
        ("line1", "214 Wythe Ave"),
        ("city", "Brooklyn"),
        ("region", "NY"),
        ("postal_code", "11249"),
        ("phone", "+1 718 555 0142"),
    ):
        page.fill(f"#ship_{field}", value)
    page.locator("#ship_phone").blur()
    expect(page.locator("#order-total")).to_contain_text("30.50")  # 12.50 + 18.00 to North America
    page.click("#pay-bank")
    deal.shot(page, "buyer-order-form")
    page.click("#place-order")
    expect(page).to_have_url(re.compile(r"/orders/\d+/?$"))
    status_is(page, deal, "order.status_awaiting_payment")
    details = page.locator("#bank-details")
    expect(details).to_contain_text(deal.t("order.bank_help"))
    expect(details).to_contain_text(deal.legal_name)  # the licensed company holds the account
    expect(details).to_contain_text(ACCOUNT)  # in full for the payer
    expect(details).to_contain_text(BIC)
    reference = page.locator("#order-reference").inner_text()
    expect(page.locator("#bank-reference")).to_have_text(deal.t("order.bank_reference", reference=reference))
    expect(page.locator("#bank-changed-notice")).to_have_count(0)  # set before the order: nothing changed
    expect(page.locator("main")).to_contain_text(f"{deal.pick(deal.factory_en, deal.factory_zh)} × {deal.buyer_name}")
    deal.shot(page, "buyer-order-bank-transfer")
    return reference


def factory_confirms_the_transfer_and_ships(page: Page, deal: Deal, reference: str) -> None:
    open_page(page, "/dashboard/orders")
    card = page.locator(".order-card", has_text=reference)
    expect(card).to_contain_text(deal.t("order.status_awaiting_payment"))
    card.click()
    expect(page.locator("#order-reference")).to_have_text(reference)
    expect(page.locator("#mark-paid")).to_have_text(deal.t("order.mark_paid"))
    page.click("#mark-paid")
    status_is(page, deal, "order.status_paid")
    expect(page.locator(".timeline-row").last).to_contain_text(deal.t("order.event_bank_transfer_received"))
    page.click("#accept-order")
    status_is(page, deal, "order.status_accepted")
    page.click("#carrier-choice")
    page.get_by_role("option", name=BY_CODE["dhl"].name(deal.lang)).click()
    page.fill("#tracking", TRACKING)
    deal.shot(page, "factory-ship-form")
    page.click("#ship-order")
    status_is(page, deal, "order.status_shipped")
    deal.shot(page, "factory-order-shipped")


def buyer_receives_and_completes(page: Page, deal: Deal, order_path: str) -> None:
    open_page(page, order_path)
    status_is(page, deal, "order.status_shipped")
    expect(page.locator("#tracking-info")).to_contain_text(BY_CODE["dhl"].name(deal.lang))
    link = page.locator("#tracking-link")
    expect(link).to_contain_text(TRACKING)
    expect(link).to_have_attribute("href", BY_CODE["dhl"].tracking_url.format(number=TRACKING))
    deal.shot(page, "buyer-order-shipped")
    page.click("#mark-delivered")
    status_is(page, deal, "order.status_delivered")
    page.click("#complete-order")
    status_is(page, deal, "order.status_completed")
    deal.shot(page, "buyer-order-completed")


def both_see_it_completed(buyer: Page, factory: Page, deal: Deal, reference: str) -> None:
    open_page(buyer, "/orders")
    card = buyer.locator(".order-card", has_text=reference)
    expect(card).to_contain_text(deal.t("order.status_completed"))
    expect(card).to_contain_text(deal.pick(deal.factory_en, deal.factory_zh))
    deal.shot(buyer, "buyer-orders-list")
    open_page(factory, "/dashboard/orders")
    card = factory.locator(".order-card", has_text=reference)
    expect(card).to_contain_text(deal.t("order.status_completed"))
    deal.shot(factory, "factory-orders-list")


# ---------------------------------------------------------------- the story


def new_context(browser: Browser, app_url: str, lang: str, zone: str) -> tuple[BrowserContext, list[str]]:
    ctx = browser.new_context(
        base_url=app_url, viewport={"width": 1280, "height": 900}, locale=LOCALES[lang], timezone_id=zone
    )
    ctx.set_default_timeout(20000)
    return ctx, watch_csp(ctx)


@pytest.fixture
def patient_expect():
    """Three people and ~30 pages on a shared, busy machine: wait up to 15 s for what should show up."""
    expect.set_options(timeout=15_000)
    yield
    expect.set_options(timeout=5_000)  # Playwright's default, which the other tests rely on


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.usefixtures("patient_expect")
@pytest.mark.timeout(900)  # the whole story is ~30 page loads in three browsers: minutes on a loaded machine
def test_a_new_factory_and_a_new_buyer_make_their_first_deal(
    browser: Browser, app_url: str, mailbox: SmtpStandIn, lang: str
):
    deal = Deal(lang)
    # The factory's browser speaks English: a Chinese-speaking owner switches the language on the page.
    factory_ctx, factory_csp = new_context(browser, app_url, "en", "Asia/Shanghai")
    buyer_ctx, buyer_csp = new_context(browser, app_url, lang, BUYER_ZONE)
    admin_ctx, admin_csp = new_context(browser, app_url, lang, "Europe/London")
    try:
        factory, buyer, admin = factory_ctx.new_page(), buyer_ctx.new_page(), admin_ctx.new_page()

        factory_signs_up(factory, deal, mailbox)
        factory_fills_its_profile(factory, deal)
        factory_adds_a_product(factory, deal)
        factory_sets_shipping_fees(factory, deal)
        factory_opens_its_calendar(factory, deal)
        factory_uploads_its_licence(factory, deal)
        admin_approves_the_licence(admin, deal)
        factory_enters_bank_details(factory, deal)
        factory_is_verified(factory, deal)

        buyer_signs_up(buyer, deal, mailbox)
        factory_path = buyer_finds_the_factory(buyer, deal)
        meeting_path = buyer_books_a_meeting(buyer, deal)
        factory_confirms_the_meeting(factory, deal)
        buyer_sees_the_meeting_confirmed(buyer, deal, meeting_path)

        reference = buyer_orders_a_sample_by_bank_transfer(buyer, deal, factory_path)
        order_path = re.search(r"/orders/\d+", buyer.url).group(0)
        factory_confirms_the_transfer_and_ships(factory, deal, reference)
        buyer_receives_and_completes(buyer, deal, order_path)
        both_see_it_completed(buyer, factory, deal, reference)
    finally:
        factory_ctx.close()
        buyer_ctx.close()
        admin_ctx.close()
    violations = factory_csp + buyer_csp + admin_csp
    assert not violations, "the Content-Security-Policy blocked something:\n" + "\n".join(violations)
