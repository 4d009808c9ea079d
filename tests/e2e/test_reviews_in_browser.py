"""A review from a paid sample order in the browser: the buyer rates a completed order, the factory (in
Chinese) answers once, and the factory page shows the review, its answer and the count in the trust panel."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from realsourcing.db import session_scope
from realsourcing.profile.models import Factory
from tests.e2e.helpers import log_in, open_page
from tests.support.builders import (
    PASSWORD,
    a_buyer,
    a_completed_order,
    a_factory,
    a_product,
    an_email,
    with_bank_details,
)


def test_the_buyer_rates_the_sample_the_factory_answers_and_the_factory_page_shows_it(page: Page, browser, app_url):
    owner_email, buyer_email = an_email("owner"), an_email("buyer")
    owner = with_bank_details(a_factory(owner_email, name="Review Ceramics", city="Xiamen"))
    buyer = a_buyer(buyer_email, full_name="Anna Berg", company_name="Nordic Home")
    order_id = a_completed_order(owner, buyer, a_product(owner, name_en="Glazed bowl", published=True))
    with session_scope() as db:
        slug = db.get(Factory, owner.factory_id).slug

    log_in(page, buyer_email, PASSWORD)
    open_page(page, f"/orders/{order_id}")
    form = page.locator("#review-form")
    expect(form).to_contain_text("Rate this sample")
    page.click("#submit-review")  # nothing chosen: refused at each field
    expect(page.locator("#rating_matched-error")).to_contain_text("Choose a rating from 1 to 5")
    expect(page.locator("#text-error")).to_contain_text("Write at least a few words")
    page.get_by_role("radiogroup", name="Sample matched the description").get_by_role("radio", name="5").click()
    page.get_by_role("radiogroup", name="Communication").get_by_role("radio", name="4").click()
    page.get_by_role("radiogroup", name="Shipping time").get_by_role("radio", name="4").click()
    page.fill("#review-text", "The bowl matched the photos; the glaze is even.")
    page.wait_for_timeout(1100)  # past the button's double-click guard, as a person would be
    page.click("#submit-review")
    review = page.locator("#order-review")
    expect(review).to_contain_text("The bowl matched the photos; the glaze is even.")
    expect(review).to_contain_text("from a paid sample order of Glazed bowl")
    expect(review).to_contain_text("Anna · N.")
    expect(page.locator("#review-form")).to_have_count(0)  # one review per order

    factory = browser.new_context(base_url=app_url, viewport={"width": 1280, "height": 900}, locale="zh-CN")
    factory.add_cookies([{"name": "rs_lang", "value": "zh", "url": app_url}])
    factory_page = factory.new_page()
    log_in(factory_page, owner_email, PASSWORD)
    open_page(factory_page, f"/orders/{order_id}")
    expect(factory_page.locator("#order-review")).to_contain_text("买家的评价")
    expect(factory_page.locator("#order-review .review-language")).to_have_text("原文为英文")
    factory_page.fill("#review-answer", "感谢您的评价，欢迎再次合作！")
    factory_page.wait_for_timeout(1100)
    factory_page.click("#submit-answer")
    expect(factory_page.locator("#order-review .review-answer")).to_have_text("感谢您的评价，欢迎再次合作！")
    expect(factory_page.locator("#answer-form")).to_have_count(0)  # answered once
    factory.close()

    open_page(page, f"/factories/{slug}")
    shown = page.locator(".review")
    expect(shown).to_have_count(1)
    expect(shown).to_contain_text("The bowl matched the photos; the glaze is even.")
    expect(shown.locator(".review-answer")).to_have_text("感谢您的评价，欢迎再次合作！")
    expect(shown).to_contain_text("Written in Chinese")
    expect(page.locator("#trust-panel")).to_contain_text("Reviews from paid sample orders")
    expect(page.locator("#trust-panel")).to_contain_text("Sample matched the description")
