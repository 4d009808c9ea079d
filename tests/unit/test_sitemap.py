"""robots.txt and the sitemap as text: valid sitemaps.org XML, absolute addresses, both languages, an index past
the per-file limit."""

from datetime import UTC, datetime
from xml.etree import ElementTree

from realsourcing.core import sitemap
from realsourcing.core.sitemap import PublicPage

NS = {"s": sitemap.SITEMAP_NS, "x": sitemap.XHTML_NS}
APP = "https://realsourcing.example.com/"


def test_robots_allows_public_pages_keeps_crawlers_out_of_private_ones_and_names_the_sitemap():
    text = sitemap.robots_txt(APP)
    lines = text.splitlines()
    assert lines[0] == "User-agent: *" and "Allow: /" in lines
    for private in ("/dashboard", "/admin", "/account", "/orders", "/meetings", "/notifications", "/api/", "/auth/"):
        assert f"Disallow: {private}" in lines
    assert "Disallow: /link" in lines
    assert not any(line in ("Disallow: /factories", "Disallow: /products", "Disallow: /webinars") for line in lines)
    assert lines[-1] == "Sitemap: https://realsourcing.example.com/sitemap.xml"


def test_every_page_is_listed_in_both_languages_with_alternates_and_its_lastmod():
    stamp = datetime(2026, 12, 1, 8, 30, tzinfo=UTC)
    xml = sitemap.urlset([PublicPage("/"), PublicPage("/factories/a&b", stamp)], APP)
    root = ElementTree.fromstring(xml.encode())
    assert root.tag == f"{{{sitemap.SITEMAP_NS}}}urlset"
    urls = root.findall("s:url", NS)
    assert [u.findtext("s:loc", namespaces=NS) for u in urls] == [
        "https://realsourcing.example.com/?lang=en",
        "https://realsourcing.example.com/?lang=zh",
        "https://realsourcing.example.com/factories/a&b?lang=en",
        "https://realsourcing.example.com/factories/a&b?lang=zh",
    ]
    assert urls[0].find("s:lastmod", NS) is None
    assert urls[2].findtext("s:lastmod", namespaces=NS) == "2026-12-01T08:30:00+00:00"
    for url in urls:
        links = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
        assert all(link.get("rel") == "alternate" for link in url.findall("x:link", NS))
        loc = url.findtext("s:loc", namespaces=NS) or ""
        plain = loc.rsplit("?lang=", 1)[0]
        assert links == {"en": f"{plain}?lang=en", "zh-Hans": f"{plain}?lang=zh", "x-default": plain}


def test_naive_times_are_read_as_utc():
    xml = sitemap.urlset([PublicPage("/x", datetime(2026, 1, 2, 3, 4, 5))], APP)
    assert "<lastmod>2026-01-02T03:04:05+00:00</lastmod>" in xml


def test_past_the_per_file_limit_the_pages_are_split_into_numbered_files_under_an_index():
    pages = [PublicPage(f"/products/{n}", datetime(2026, 1, 1, tzinfo=UTC).replace(day=1 + n % 28)) for n in range(7)]
    # 4 addresses a file: 2 pages (each in two languages) a file, so 7 pages take 4 files.
    assert sitemap.file_count(len(pages), max_urls=4) == 4
    assert sitemap.file_count(len(pages)) == 1
    chunks = [sitemap.file_pages(pages, n, max_urls=4) for n in range(1, 5)]
    assert [p for chunk in chunks for p in chunk] == pages
    assert sitemap.file_pages(pages, 5, max_urls=4) == [] and sitemap.file_pages(pages, 0, max_urls=4) == []
    for chunk in chunks:
        urls = ElementTree.fromstring(sitemap.urlset(chunk, APP).encode()).findall("s:url", NS)
        assert len(urls) <= 4
    index = ElementTree.fromstring(sitemap.sitemap_index(pages, APP, max_urls=4).encode())
    assert index.tag == f"{{{sitemap.SITEMAP_NS}}}sitemapindex"
    entries = index.findall("s:sitemap", NS)
    assert [e.findtext("s:loc", namespaces=NS) for e in entries] == [
        f"https://realsourcing.example.com/sitemap-{n}.xml" for n in range(1, 5)
    ]
    assert entries[0].findtext("s:lastmod", namespaces=NS) == "2026-01-02T00:00:00+00:00"


def test_the_full_limit_is_fifty_thousand_addresses_a_file():
    assert sitemap.MAX_URLS == 50_000
    assert sitemap.file_count(25_000) == 1 and sitemap.file_count(25_001) == 2
