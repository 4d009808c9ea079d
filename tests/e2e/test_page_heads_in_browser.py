"""Public pages read without JavaScript, in the running prod app: each factory, product, webinar and the
directory arrive with their own title, description, canonical address, language alternates, link-preview
tags and JSON-LD, plus their main text — and people still get the working Reflex page."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from email.message import Message
from html.parser import HTMLParser
from xml.etree import ElementTree

import extruct
from playwright.sync_api import Page, expect

from realsourcing.core import sitemap
from realsourcing.core.i18n import translate
from tests.e2e.helpers import open_page

NS = {"s": sitemap.SITEMAP_NS}


def fetch(url: str, **headers: str) -> tuple[int, Message, str]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


class _Head(HTMLParser):
    """Title, metas, links and the <noscript> text of a page, as a crawler sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.titles: list[str] = []
        self.metas: dict[str, str] = {}
        self.links: list[dict[str, str]] = []
        self.html_lang = ""
        self.noscript = ""
        self._in: str = ""

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.html_lang = a.get("lang", "")
        elif tag == "title":
            self._in = "title"
            self.titles.append("")
        elif tag == "meta" and ("name" in a or "property" in a):
            self.metas[a.get("name") or a["property"]] = a.get("content", "")
        elif tag == "link":
            self.links.append(a)
        elif tag == "noscript":
            self._in = "noscript"

    def handle_endtag(self, tag):
        if tag in ("title", "noscript"):
            self._in = ""

    def handle_data(self, data):
        if self._in == "title":
            self.titles[-1] += data
        elif self._in == "noscript":
            self.noscript += data + " "


def parse(html: str) -> _Head:
    head = _Head()
    head.feed(html)
    return head


def public_urls(app_url: str) -> list[str]:
    body = fetch(f"{app_url}/sitemap.xml")[2]
    root = ElementTree.fromstring(body)
    return [u.findtext("s:loc", namespaces=NS) or "" for u in root.findall("s:url", NS)]


def first(urls: list[str], part: str) -> str:
    """The plain address of the first listed page whose path has `part` (the sitemap lists ?lang= versions)."""
    return next(u.split("?")[0] for u in urls if part in u)


def json_ld(html: str, app_url: str) -> list[dict]:
    return extruct.extract(html, base_url=app_url, syntaxes=["json-ld"])["json-ld"]


def test_a_factory_page_carries_its_own_head_and_text(app_url: str, page: Page):
    url = first(public_urls(app_url), "/factories/")
    status, headers, html = fetch(url, **{"Accept-Encoding": "gzip", "Accept-Language": "en-US"})
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    head = parse(html)
    open_page(page, url.removeprefix(app_url))
    name = page.locator("#factory-name").inner_text().strip()
    assert name
    assert len(head.titles) == 1 and head.titles[0].startswith(name) and head.titles[0].endswith("RealSourcing")
    assert 50 <= len(head.metas["description"]) <= 160
    links = {(link.get("rel"), link.get("hreflang", "")): link["href"] for link in head.links}
    assert links[("canonical", "")] == url
    assert links[("alternate", "en")] == f"{url}?lang=en"
    assert links[("alternate", "zh-Hans")] == f"{url}?lang=zh"
    assert links[("alternate", "x-default")] == url
    assert head.metas["og:title"] == head.titles[0] and head.metas["og:url"] == url
    assert head.metas["twitter:title"] == head.titles[0]
    if "og:image" in head.metas:  # the cover photo (or logo), absolute and really served
        image = head.metas["og:image"]
        assert image.startswith(f"{app_url}/_upload/")
        with urllib.request.urlopen(image, timeout=30) as response:
            assert response.status == 200 and response.headers["Content-Type"].startswith("image/")
    (org,) = json_ld(html, app_url)
    assert org["@type"] == "Organization" and org["name"] == name and org["url"] == url
    assert org["address"]["addressCountry"] == "CN"
    assert name in head.noscript
    # what the page shows as verified, the structured data names as credentials
    if page.get_by_text(translate("fac.no_docs", "en")).count() == 0:
        assert org["hasCredential"], "a verified factory lists its documents as credentials"
        assert all(c["@type"] == "EducationalOccupationalCredential" for c in org["hasCredential"])


def test_the_chinese_version_is_chinese_and_canonical_to_itself(app_url: str):
    url = first(public_urls(app_url), "/factories/")
    status, _, html = fetch(f"{url}?lang=zh")
    head = parse(html)
    assert status == 200 and head.html_lang == "zh-Hans"
    links = {(link.get("rel"), link.get("hreflang", "")): link["href"] for link in head.links}
    assert links[("canonical", "")] == f"{url}?lang=zh"
    assert head.metas["og:locale"] == "zh_CN"
    assert any("\u4e00" <= ch <= "\u9fff" for ch in head.metas["description"])
    # the language cookie of a Chinese visitor picks Chinese too, without changing the canonical address
    _, _, by_cookie = fetch(url, Cookie="rs_lang=zh")
    cookie_head = parse(by_cookie)
    assert cookie_head.html_lang == "zh-Hans"
    assert {(lk.get("rel"), lk.get("hreflang", "")): lk["href"] for lk in cookie_head.links}[("canonical", "")] == url


def test_a_product_page_is_a_product_with_its_sample_offer(app_url: str, page: Page):
    url = first(public_urls(app_url), "/products/")
    _, _, html = fetch(url)
    (product,) = json_ld(html, app_url)
    assert product["@type"] == "Product" and product["url"] == url
    assert product["manufacturer"]["url"].startswith(f"{app_url}/factories/")
    offer = product["offers"]
    assert offer["@type"] == "Offer" and float(offer["price"]) > 0 and len(offer["priceCurrency"]) == 3
    open_page(page, url.removeprefix(app_url))
    shown = page.locator("h1").first.inner_text().strip()
    assert product["name"] == shown
    assert parse(html).titles[0].startswith(shown)
    expect(page).to_have_title(f"{shown} · RealSourcing")


def test_a_webinar_page_is_an_online_event(app_url: str):
    url = first(public_urls(app_url), "/webinars/")
    _, _, html = fetch(url)
    (event,) = json_ld(html, app_url)
    assert event["@type"] == "Event"
    assert event["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert event["startDate"].endswith("Z") and event["endDate"] > event["startDate"]
    assert event["organizer"]["url"].startswith(f"{app_url}/factories/")


def test_the_directory_lists_factories_that_open(app_url: str):
    _, _, html = fetch(f"{app_url}/factories/")
    (items,) = json_ld(html, app_url)
    assert items["@type"] == "ItemList" and items["numberOfItems"] == len(items["itemListElement"]) > 0
    for item in items["itemListElement"][:3]:
        assert fetch(item["url"])[0] == 200
    assert len(parse(html).titles) == 1


def test_a_missing_factory_answers_404_with_the_apps_page(app_url: str, page: Page):
    status, _, html = fetch(f"{app_url}/factories/no-such-factory-here/")
    assert status == 404 and "application/ld+json" not in html
    open_page(page, "/factories/no-such-factory-here")
    expect(page.locator("#notfound-title")).to_be_visible()


def test_people_still_get_the_working_page(app_url: str, page: Page):
    """The added head and text change nothing for a visitor: the page hydrates without errors and the
    text meant for readers without scripts stays out of sight."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    url = first(public_urls(app_url), "/factories/")
    open_page(page, url.removeprefix(app_url))
    expect(page.locator("#factory-name")).to_be_visible()
    assert page.locator("noscript").count() == 1
    name = page.locator("#factory-name").inner_text().strip()

    assert page.title().startswith(name)  # the tab shows the factory, not "Factory · RealSourcing"
    assert not [e for e in errors if "ydrat" in e or "Minified React error" in e], errors
    data = page.evaluate(
        "[...document.querySelectorAll('script[type=\"application/ld+json\"]')].map(s => s.textContent)"
    )
    assert json.loads(data[0])["@type"] == "Organization"


def test_hashed_build_files_are_cached_for_a_year_and_pages_revalidate(app_url: str):
    url = first(public_urls(app_url), "/factories/")
    _, headers, html = fetch(url)
    assert headers["Cache-Control"] == "no-cache"
    assets = re.findall(r'href="(/assets/[^"]+\.js)"', html)
    assert assets, "the page names its build files"
    for asset in assets[:3]:
        _, asset_headers, _ = fetch(f"{app_url}{asset}")
        assert asset_headers["Cache-Control"] == "public, max-age=31536000, immutable"


def test_the_landing_page_and_the_webinar_square_have_their_own_heads(app_url: str):
    _, _, home = fetch(f"{app_url}/", **{"Accept-Language": "zh-CN"})
    head = parse(home)
    assert head.titles == [f"RealSourcing — {translate('home.title', 'zh')}"] and head.html_lang == "zh-Hans"
    kinds = {d["@type"] for d in json_ld(home, app_url)}
    assert kinds == {"WebSite", "Organization"}
    _, _, square = fetch(f"{app_url}/webinars/")
    (items,) = json_ld(square, app_url)
    assert items["@type"] == "ItemList"
    assert all(i["url"].startswith(f"{app_url}/webinars/") for i in items["itemListElement"])
    assert parse(square).metas["description"] == translate("head.square_description", "en")


def test_every_image_on_a_public_page_says_what_it_shows(app_url: str, page: Page):
    urls = public_urls(app_url)
    for path in ("/", "/factories", first(urls, "/factories/"), first(urls, "/products/"), "/webinars"):
        open_page(page, path.removeprefix(app_url))
        page.wait_for_load_state("networkidle")
        missing = page.evaluate("[...document.images].filter(i => !i.getAttribute('alt')).map(i => i.src)")
        assert not missing, f"{path}: images without alt text: {missing}"


def test_the_directory_filters_have_names_for_screen_readers(page: Page):
    open_page(page, "/factories")
    for key in ("dir.filter_category", "dir.filter_province", "dir.filter_cert", "dir.filter_moq"):
        expect(page.get_by_role("combobox", name=translate(key, "en"))).to_be_visible()
