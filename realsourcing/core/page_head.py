"""What a public page's HTML says before any JavaScript runs: title, description, canonical address,
language alternates, link-preview tags (Open Graph, Twitter card), structured data (JSON-LD) and the
page's main text for readers that do not run scripts. Plain strings in, HTML out; nothing here knows
a stage or the database.

Rules:
- Every value is escaped for where it goes (attribute, text, or inside a <script> data block, where
  "<" is written as \\u003c so no text can close the block).
- The built page's own <title> and description are replaced, never doubled; everything else is added
  at the end of <head>. The main text goes in a <noscript> right after <body>: people with scripts get
  the same Reflex page, readers without them (crawlers, link unfurlers) get the text.
- Addresses are absolute, on the site's own origin; the language versions are `?lang=en` and
  `?lang=zh`, the plain address is x-default (as in the sitemap).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html import escape

from realsourcing.core.sitemap import HREFLANGS

DESCRIPTION_LIMIT = 160
UPLOAD_PREFIX = "/_upload/"  # where public media are served (Reflex's upload route)
OG_LOCALES = {"en": "en_US", "zh": "zh_CN"}

_TITLE = re.compile(r"<title>.*?</title>", re.DOTALL | re.IGNORECASE)
_DESCRIPTION = re.compile(r"<meta[^>]*name=[\"']description[\"'][^>]*>", re.IGNORECASE)
_HTML_LANG = re.compile(r"(<html[^>]*\slang=)[\"'][^\"']*[\"']", re.IGNORECASE)
_BODY_OPEN = re.compile(r"<body[^>]*>", re.IGNORECASE)


@dataclass(frozen=True)
class Section:
    """A part of the main text: a heading and its lines; a line may link somewhere (a path on this site)."""

    heading: str
    lines: list[tuple[str, str]] = field(default_factory=list)  # (text, path or "")


@dataclass(frozen=True)
class PageHead:
    title: str
    description: str
    path: str  # "/factories/ningbo-haitian" — without the language
    language: str  # "en" or "zh": the language this answer is written in
    language_chosen: bool = False  # the address asked for it (?lang=…): canonical is that language's address
    image_path: str = ""  # "/_upload/…" — the preview image, if there is one
    kind: str = "website"  # og:type
    json_ld: list[dict] = field(default_factory=list)
    heading: str = ""
    summary: str = ""
    sections: list[Section] = field(default_factory=list)


def tab_title(lang: str, name_en: str, name_zh: str, fallback: str) -> str:
    """What a browser tab shows for a page about something named in two languages: "<name> · RealSourcing"
    (the name in the reader's language, else the other one), or the page's generic title before it loads."""
    name = (name_zh or name_en) if lang == "zh" else (name_en or name_zh)
    return f"{name} · RealSourcing" if name else fallback


def media_path(key: str) -> str:
    """The public address of a stored media file (Reflex serves uploads at /_upload/), "" for no file."""
    return f"{UPLOAD_PREFIX}{key}" if key else ""


def shorten(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """One line of at most `limit` characters, cut at a word (or anywhere for Chinese), with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,.;:，。；：、") + "…"


def absolute(app_url: str, path: str) -> str:
    return app_url.rstrip("/") + path


def language_url(app_url: str, path: str, language: str | None) -> str:
    url = absolute(app_url, path)
    return url if language is None else f"{url}{'&' if '?' in url else '?'}lang={language}"


def _json_for_script(data: object) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def head_tags(head: PageHead, app_url: str) -> str:
    """The tags added to <head> (title and description included)."""
    canonical = language_url(app_url, head.path, head.language if head.language_chosen else None)
    description = shorten(head.description)
    attr = lambda value: escape(value, quote=True)  # noqa: E731
    tags = [
        f"<title>{escape(head.title, quote=False)}</title>",
        f'<meta name="description" content="{attr(description)}"/>',
        f'<link rel="canonical" href="{attr(canonical)}"/>',
    ]
    for lang, tag in HREFLANGS:
        tags.append(f'<link rel="alternate" hreflang="{tag}" href="{attr(language_url(app_url, head.path, lang))}"/>')
    tags.append(f'<link rel="alternate" hreflang="x-default" href="{attr(absolute(app_url, head.path))}"/>')
    og = {
        "og:type": head.kind,
        "og:site_name": "RealSourcing",
        "og:title": head.title,
        "og:description": description,
        "og:url": canonical,
        "og:locale": OG_LOCALES.get(head.language, "en_US"),
    }
    for lang, locale in OG_LOCALES.items():
        if lang != head.language:
            og["og:locale:alternate"] = locale
    if head.image_path:
        og["og:image"] = absolute(app_url, head.image_path)
    tags.extend(f'<meta property="{name}" content="{attr(value)}"/>' for name, value in og.items())
    twitter = {
        "twitter:card": "summary_large_image" if head.image_path else "summary",
        "twitter:title": head.title,
        "twitter:description": description,
    }
    if head.image_path:
        twitter["twitter:image"] = absolute(app_url, head.image_path)
    tags.extend(f'<meta name="{name}" content="{attr(value)}"/>' for name, value in twitter.items())
    tags.extend(f'<script type="application/ld+json">{_json_for_script(data)}</script>' for data in head.json_ld)
    return "".join(tags)


def main_text(head: PageHead) -> str:
    """The page's main text as plain HTML (headings, paragraphs, lists, links), for the <noscript>."""
    parts = [f'<div lang="{escape(head.language)}">']
    if head.heading:
        parts.append(f"<h1>{escape(head.heading, quote=False)}</h1>")
    if head.summary:
        parts.append(f"<p>{escape(head.summary, quote=False)}</p>")
    for section in head.sections:
        if not section.lines:
            continue
        parts.append(f"<h2>{escape(section.heading, quote=False)}</h2><ul>")
        for text, path in section.lines:
            label = escape(text, quote=False)
            parts.append(f'<li><a href="{escape(path, quote=True)}">{label}</a></li>' if path else f"<li>{label}</li>")
        parts.append("</ul>")
    parts.append("</div>")
    return "".join(parts)


def inject(html: str, head: PageHead, app_url: str) -> str:
    """The built page with this page's head and main text in it (see the module docstring)."""
    html = _TITLE.sub("", html)
    html = _DESCRIPTION.sub("", html)
    html = _HTML_LANG.sub(lambda m: f'{m.group(1)}"{"zh-Hans" if head.language == "zh" else "en"}"', html, count=1)
    tags = head_tags(head, app_url)
    end = html.lower().find("</head>")
    html = html[:end] + tags + html[end:] if end >= 0 else tags + html
    body = _BODY_OPEN.search(html)
    text = f"<noscript>{main_text(head)}</noscript>"
    return html[: body.end()] + text + html[body.end() :] if body else html + text
