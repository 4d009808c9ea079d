"""The public face in the running prod app: /robots.txt and /sitemap.xml answer as themselves (not with the
single-page app's shell), their addresses open real pages, and ?lang= picks the page's language."""

from __future__ import annotations

import urllib.request
from xml.etree import ElementTree

from playwright.sync_api import Browser, Page, expect

from realsourcing.core import sitemap
from tests.e2e.helpers import open_page

NS = {"s": sitemap.SITEMAP_NS, "x": sitemap.XHTML_NS}
TITLE_EN = "Trust a Chinese factory before your first sample"
TITLE_ZH = "第一次打样之前，先建立对工厂的信任"


def fetch(url: str) -> tuple[int, str, bytes]:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status, response.headers["Content-Type"], response.read()


def test_robots_txt_is_served_as_plain_text_by_the_prod_app(app_url: str):
    status, content_type, body = fetch(f"{app_url}/robots.txt")
    text = body.decode()
    assert status == 200 and content_type.startswith("text/plain")
    assert "<html" not in text.lower()
    assert text.startswith("User-agent: *\n") and "Disallow: /dashboard\n" in text
    assert f"Sitemap: {app_url}/sitemap.xml" in text


def test_sitemap_xml_is_served_as_xml_and_its_addresses_open_public_pages(app_url: str, page: Page):
    status, content_type, body = fetch(f"{app_url}/sitemap.xml")
    assert status == 200 and content_type == "application/xml; charset=utf-8"
    root = ElementTree.fromstring(body)  # the app shell is not XML: this would raise
    assert root.tag == f"{{{sitemap.SITEMAP_NS}}}urlset"
    locs = [u.findtext("s:loc", namespaces=NS) or "" for u in root.findall("s:url", NS)]
    assert all(loc.startswith(f"{app_url}/") for loc in locs)
    factory = next(loc for loc in locs if "/factories/" in loc and loc.endswith("?lang=zh"))
    product = next(loc for loc in locs if "/products/" in loc and loc.endswith("?lang=en"))
    for loc in (factory, product):
        assert fetch(loc)[0] == 200
    open_page(page, factory.removeprefix(app_url))
    expect(page.locator("#factory-name")).to_be_visible()
    expect(page.locator("#nav-login")).to_have_text("登录")  # ?lang=zh: the Chinese version
    open_page(page, product.removeprefix(app_url))
    expect(page.locator("#nav-login")).to_have_text("Log in")  # ?lang=en switches back


def test_a_lang_query_sets_the_language_of_the_visit(browser: Browser, app_url: str):
    ctx = browser.new_context(base_url=app_url, locale="en-US")
    try:
        page = ctx.new_page()
        open_page(page, "/?lang=zh")
        expect(page.locator("#home-title")).to_have_text(TITLE_ZH)
        open_page(page, "/factories")  # the choice holds for the rest of the visit
        expect(page.locator("#nav-login")).to_have_text("登录")
        open_page(page, "/?lang=en")
        expect(page.locator("#home-title")).to_have_text(TITLE_EN)
        open_page(page, "/?lang=fr")  # not a language of the site: the visitor's own choice stays
        expect(page.locator("#home-title")).to_have_text(TITLE_EN)
    finally:
        ctx.close()
