"""robots.txt and the sitemap (sitemaps.org 0.9), as text; nothing here reads the database.

Rules:
- Every page is listed once per language (`?lang=en`, `?lang=zh`: the query sets the language for that
  visit); each entry names both versions and the plain address as x-default (hreflang alternates).
- Every address is absolute, on the site's own origin (APP_URL).
- One sitemap file holds at most MAX_URLS addresses; past that /sitemap.xml is an index of numbered files.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from xml.sax.saxutils import escape, quoteattr

MAX_URLS = 50_000  # the sitemaps.org limit for one file
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
# Site language → hreflang; the Chinese UI is in simplified characters.
HREFLANGS = (("en", "en"), ("zh", "zh-Hans"))
# Private areas and machinery that crawlers have no business in (each is also refused to strangers).
DISALLOWED = (
    "/dashboard",
    "/admin",
    "/account",
    "/orders",
    "/meetings",
    "/meeting/",
    "/notifications",
    "/api/",
    "/auth/",
    "/link",
    "/login",
    "/signup",
    "/_upload",
    "/_event",
    "/webinars/*/live",
)


@dataclass(frozen=True)
class PublicPage:
    path: str  # "/factories/ningbo-haitian-suliao"
    lastmod: datetime | None = None


def robots_txt(app_url: str) -> str:
    lines = ["User-agent: *", "Allow: /", *(f"Disallow: {p}" for p in DISALLOWED), ""]
    lines.append(f"Sitemap: {app_url.rstrip('/')}/sitemap.xml")
    return "\n".join(lines) + "\n"


def _w3c(moment: datetime) -> str:
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)  # stored as UTC
    return aware.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def _with_lang(url: str, lang: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}lang={lang}"


def urls_per_page() -> int:
    return len(HREFLANGS)


def urlset(pages: list[PublicPage], app_url: str) -> str:
    """One sitemap file listing every language version of `pages`."""
    base = app_url.rstrip("/")
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">',
    ]
    for page in pages:
        plain = base + page.path
        links = [
            f'<xhtml:link rel="alternate" hreflang="{tag}" href={quoteattr(_with_lang(plain, lang))}/>'
            for lang, tag in HREFLANGS
        ]
        links.append(f'<xhtml:link rel="alternate" hreflang="x-default" href={quoteattr(plain)}/>')
        lastmod = f"<lastmod>{_w3c(page.lastmod)}</lastmod>" if page.lastmod else ""
        for lang, _tag in HREFLANGS:
            out.append(f"<url><loc>{escape(_with_lang(plain, lang))}</loc>{lastmod}{''.join(links)}</url>")
    out.append("</urlset>")
    return "\n".join(out) + "\n"


def pages_per_file(max_urls: int | None = None) -> int:
    return max(1, (MAX_URLS if max_urls is None else max_urls) // urls_per_page())


def file_count(page_count: int, max_urls: int | None = None) -> int:
    """How many sitemap files `page_count` pages take (1 means no index is needed)."""
    per = pages_per_file(max_urls)
    return max(1, -(-page_count // per))


def file_pages(pages: list[PublicPage], number: int, max_urls: int | None = None) -> list[PublicPage]:
    """The pages of numbered file `number` (1-based); [] past the last one."""
    per = pages_per_file(max_urls)
    return pages[(number - 1) * per : number * per] if number >= 1 else []


def sitemap_index(pages: list[PublicPage], app_url: str, max_urls: int | None = None) -> str:
    """An index of the numbered files /sitemap-1.xml … that hold `pages`."""
    base = app_url.rstrip("/")
    out = ['<?xml version="1.0" encoding="UTF-8"?>', f'<sitemapindex xmlns="{SITEMAP_NS}">']
    for number in range(1, file_count(len(pages), max_urls) + 1):
        chunk = file_pages(pages, number, max_urls)
        stamps = [p.lastmod for p in chunk if p.lastmod is not None]
        lastmod = f"<lastmod>{_w3c(max(stamps))}</lastmod>" if stamps else ""
        out.append(f"<sitemap><loc>{escape(f'{base}/sitemap-{number}.xml')}</loc>{lastmod}</sitemap>")
    out.append("</sitemapindex>")
    return "\n".join(out) + "\n"
