"""Responsive images in the running prod app (issue 17): a factory's gallery and a product's images
offer WebP candidates at several widths with sizes, say their width and height, the first is loaded
eagerly with high priority and the others lazily, and the browser really shows a WebP."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.helpers import open_page

FACTORY = "/factories/suzhou-silkline-textiles"

READ_IMAGES = """sel => [...document.querySelectorAll(sel)].map(i => ({
    srcset: i.getAttribute('srcset') || '', sizes: i.getAttribute('sizes') || '',
    width: i.getAttribute('width'), height: i.getAttribute('height'), loading: i.getAttribute('loading'),
    priority: i.getAttribute('fetchpriority'), alt: i.getAttribute('alt') || '',
    current: i.currentSrc, complete: i.complete, natural: i.naturalWidth}))"""


FIRST_LOADED = (
    "() => { const i = document.querySelector('.gallery-item img'); return i && i.complete && i.naturalWidth > 0 }"
)


def _candidate_width(url: str) -> int:
    found = re.search(r"_w(\d+)\.webp$", url)
    assert found, url
    return int(found.group(1))


def _images(page: Page, selector: str) -> list[dict]:
    return page.evaluate(READ_IMAGES, selector)


def test_the_factory_gallery_offers_webp_at_several_widths_and_loads_the_first_first(page: Page):
    open_page(page, FACTORY)
    gallery = page.locator(".gallery-item img")
    expect(gallery.first).to_be_visible()
    images = _images(page, ".gallery-item img")
    assert len(images) >= 2
    for image in images:
        candidates = [c.strip().split(" ") for c in image["srcset"].split(",")]
        assert len(candidates) >= 2, image["srcset"]
        assert all(url.endswith(".webp") and re.fullmatch(r"\d+w", w) for url, w in candidates)
        assert all("/_upload/" in url for url, _ in candidates)
        assert image["sizes"]
        assert int(image["width"]) > 0 and int(image["height"]) > 0
        assert image["alt"]
    first, *rest = images
    assert first["loading"] == "eager" and first["priority"] == "high"
    assert all(i["loading"] == "lazy" and i["priority"] != "high" for i in rest)

    # the browser picked a WebP candidate and decoded it
    page.wait_for_function(FIRST_LOADED)
    first = _images(page, ".gallery-item img")[0]
    assert first["current"].endswith(".webp"), first["current"]
    assert _candidate_width(first["current"]) in (320, 640, 1200, 1280)


def test_each_screen_gets_the_webp_its_slot_needs_not_the_largest(browser, app_url):
    """With `sizes`, the browser picks the smallest candidate covering the slot: a desktop's two-column
    gallery (~310 CSS px) gets 320, a phone's full-width one (~360 CSS px) 640; never 1200/1280."""
    chosen = {}
    for name, width in (("phone", 390), ("desktop", 1280)):
        context = browser.new_context(base_url=app_url, viewport={"width": width, "height": 900}, device_scale_factor=1)
        page = context.new_page()
        open_page(page, FACTORY)
        page.wait_for_function(FIRST_LOADED)
        chosen[name] = _candidate_width(page.evaluate("document.querySelector('.gallery-item img').currentSrc"))
        context.close()
    assert chosen == {"phone": 640, "desktop": 320}


def test_product_images_offer_webp_with_width_and_height(page: Page):
    open_page(page, FACTORY)
    href = page.locator("a[href^='/products/']").first.get_attribute("href")
    assert href
    open_page(page, href)
    page.wait_for_function("() => [...document.images].some(i => (i.getAttribute('srcset') || '').includes('.webp'))")
    images = [i for i in _images(page, "main img") if ".webp" in i["srcset"]]
    assert images[0]["loading"] == "eager" and images[0]["priority"] == "high"
    assert all(int(i["width"]) > 0 and int(i["height"]) > 0 and i["alt"] for i in images)


def test_factory_and_product_cards_offer_small_webp_candidates_lazily(page: Page):
    open_page(page, "/factories")
    expect(page.locator(".factory-card img").first).to_be_visible()
    cards = _images(page, ".factory-card img")
    assert cards
    for card in cards:
        widths = [int(c.strip().split(" ")[1][:-1]) for c in card["srcset"].split(",")]
        assert widths and max(widths) <= 640 and ".webp" in card["srcset"]
        assert card["loading"] == "lazy" and card["alt"] and int(card["width"]) > 0
    open_page(page, FACTORY)
    products = _images(page, ".product-card img")
    assert products and all(".webp" in p["srcset"] and p["loading"] == "lazy" for p in products)
