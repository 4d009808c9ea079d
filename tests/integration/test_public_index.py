"""The public face against the real database: slugs made at sign-up, and the sitemap and robots.txt served by
the app's own HTTP routes (httpx's ASGI transport through make_api, as the app mounts them)."""

from __future__ import annotations

import asyncio
import threading
import uuid
from datetime import timedelta
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import httpx
from sqlalchemy import update
from sqlmodel import col, select

from realsourcing.accounts import service as accounts
from realsourcing.accounts.service import SignUpForm
from realsourcing.api import make_api
from realsourcing.core import sitemap
from realsourcing.db import session_scope, utcnow
from realsourcing.profile import catalog, directory
from realsourcing.profile.catalog_models import Product
from realsourcing.profile.models import Factory
from realsourcing.webinars import service as webinars
from realsourcing.webinars.service import WebinarForm
from tests.support.builders import PASSWORD, a_factory, a_product, an_email

NS = {"s": sitemap.SITEMAP_NS, "x": sitemap.XHTML_NS}


def factory_named(name_en: str, name_zh: str = "") -> str:
    owner = accounts.sign_up(
        SignUpForm(
            email=an_email("slug"),
            password=PASSWORD,
            full_name="Owner",
            account_type="factory",
            factory_name_en=name_en,
            factory_name_zh=name_zh,
            factory_city="330200",
            factory_province="330000",
        )
    )
    with session_scope() as db:
        factory = db.get(Factory, owner.factory_id)
        assert factory is not None
        return factory.slug


def test_a_chinese_factory_name_gets_a_pinyin_slug_and_clashes_count_on():
    word = uuid.uuid4().hex[:6]  # this run's own names: the test database is shared by every test
    first = factory_named(f"宁波海天塑料 {word}")
    assert first == f"ningbo-haitian-suliao-{word}"
    assert factory_named(f"宁波海天塑料 {word}") == f"{first}-2"
    assert factory_named(f"宁波海天塑料 {word}") == f"{first}-3"


def test_the_chinese_name_is_used_when_the_english_one_gives_nothing_readable():
    word = uuid.uuid4().hex[:6]
    assert factory_named("——", f"海天{word}") == f"haitian-{word}"
    assert factory_named("！！", "").startswith("factory")


def test_a_slug_that_only_starts_like_another_does_not_count_as_a_clash():
    word = uuid.uuid4().hex[:6]
    assert factory_named(f"Acme {word} Tools") == f"acme-{word}-tools"
    assert factory_named(f"Acme {word}") == f"acme-{word}"


def get(path: str) -> httpx.Response:
    async def send() -> httpx.Response:
        transport = httpx.ASGITransport(app=make_api())
        async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
            return await client.get(path)

    box: dict = {}
    thread = threading.Thread(target=lambda: box.update(response=asyncio.run(send())))
    thread.start()
    thread.join()
    return box["response"]


def in_days(days: int) -> str:
    return (utcnow() + timedelta(days=days)).astimezone(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%dT%H:%M")


def scheduled_webinar(owner, title: str, days: int, *, cancel: bool = False) -> int:
    webinar_id = webinars.save_webinar(owner, WebinarForm(title_en=title, start_local=in_days(days)))
    webinars.schedule(owner, webinar_id)
    if cancel:
        webinars.cancel(owner, webinar_id, "The line is down for maintenance.")
    return webinar_id


def test_the_sitemap_lists_public_pages_in_both_languages_and_nothing_private_draft_or_deleted():
    word = uuid.uuid4().hex[:6]
    owner = a_factory(name=f"Sitemap Works {word}")
    published = a_product(owner, published=True, name_en="Published cup")
    draft = a_product(owner, name_en="Draft cup")
    deleted = a_product(owner, published=True, name_en="Deleted cup")
    catalog.delete(owner, deleted)
    # Deletion also unpublishes; a row deleted while still marked published must stay out all the same.
    still_marked = a_product(owner, published=True, name_en="Deleted but marked published")
    with session_scope() as db:
        db.exec(update(Product).where(col(Product.id) == still_marked).values(deleted_at=utcnow()))
    upcoming = scheduled_webinar(owner, "Upcoming tour", 3)
    cancelled = scheduled_webinar(owner, "Cancelled tour", 4, cancel=True)
    draft_webinar = webinars.save_webinar(owner, WebinarForm(title_en="Draft tour", start_local=in_days(5)))

    response = get("/sitemap.xml")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/xml; charset=utf-8"
    root = ElementTree.fromstring(response.content)
    assert root.tag == f"{{{sitemap.SITEMAP_NS}}}urlset"
    app_url = "http://localhost:3000"  # APP_URL of the test settings
    locs = [u.findtext("s:loc", namespaces=NS) or "" for u in root.findall("s:url", NS)]
    assert locs and all(loc.startswith(f"{app_url}/") for loc in locs)
    plain = {loc.rsplit("?lang=", 1)[0] for loc in locs}

    with session_scope() as db:
        factory = db.get(Factory, owner.factory_id)
        assert factory is not None
        slug, updated = factory.slug, factory.updated_at
    for path in (f"/factories/{slug}", f"/products/{published}", f"/webinars/{upcoming}", "/", "/factories"):
        assert f"{app_url}{path}?lang=en" in locs and f"{app_url}{path}?lang=zh" in locs
    for path in (
        f"/products/{draft}",
        f"/products/{deleted}",
        f"/products/{still_marked}",
        f"/webinars/{cancelled}",
        f"/webinars/{draft_webinar}",
    ):
        assert f"{app_url}{path}" not in plain
    assert not any(
        p.removeprefix(app_url).startswith(("/dashboard", "/admin", "/orders", "/meetings", "/account", "/api/"))
        for p in plain
    )

    for url in root.findall("s:url", NS):
        loc = url.findtext("s:loc", namespaces=NS) or ""
        base = loc.rsplit("?lang=", 1)[0]
        links = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
        assert links == {"en": f"{base}?lang=en", "zh-Hans": f"{base}?lang=zh", "x-default": base}
        if loc == f"{app_url}/factories/{slug}?lang=zh":
            assert url.findtext("s:lastmod", namespaces=NS) == sitemap._w3c(updated)


def test_numbered_sitemap_files_exist_only_past_the_limit():
    assert get("/sitemap-1.xml").status_code == 404  # the test site fits in one file
    assert get("/sitemap-0.xml").status_code == 404


def test_robots_txt_is_plain_text_pointing_at_the_absolute_sitemap():
    response = get("/robots.txt")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    assert "Disallow: /dashboard" in response.text
    assert response.text.rstrip().endswith("Sitemap: http://localhost:3000/sitemap.xml")


def test_the_factory_slug_in_the_sitemap_opens_its_page():
    owner = a_factory(name=f"浙江{uuid.uuid4().hex[:4]}五金厂")
    with session_scope() as db:
        slug = db.exec(select(Factory.slug).where(Factory.id == owner.factory_id)).one()
    assert directory.factory_page(slug).id == owner.factory_id


def test_past_the_per_file_limit_sitemap_xml_is_an_index_of_files_that_hold_every_page(monkeypatch):
    monkeypatch.setattr(sitemap, "MAX_URLS", 10)  # 5 pages a file instead of 25,000
    index = ElementTree.fromstring(get("/sitemap.xml").content)
    assert index.tag == f"{{{sitemap.SITEMAP_NS}}}sitemapindex"
    files = [e.findtext("s:loc", namespaces=NS) or "" for e in index.findall("s:sitemap", NS)]
    assert len(files) >= 2 and files[0] == "http://localhost:3000/sitemap-1.xml"
    locs: list[str] = []
    for url in files:
        response = get(url.removeprefix("http://localhost:3000"))
        assert response.status_code == 200 and response.headers["content-type"] == "application/xml; charset=utf-8"
        urls = ElementTree.fromstring(response.content).findall("s:url", NS)
        assert 0 < len(urls) <= 10
        locs += [u.findtext("s:loc", namespaces=NS) or "" for u in urls]
    assert "http://localhost:3000/factories?lang=zh" in locs
    assert len(locs) == len(set(locs))
    assert get(f"/sitemap-{len(files) + 1}.xml").status_code == 404
