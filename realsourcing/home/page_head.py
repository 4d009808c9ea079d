"""The server-sent head of the landing page and the webinar square (core/page_head.py): the site's
promise as title and description, JSON-LD WebSite and Organization for the landing page, ItemList of
the upcoming open days for the square, and their text and links for readers without scripts."""

from __future__ import annotations

from realsourcing.core.i18n import translate
from realsourcing.core.page_head import PageHead, Section
from realsourcing.webinars import service as webinars


def landing_head(lang: str, app_url: str, *, language_chosen: bool = False) -> PageHead:
    t = lambda key: translate(key, lang)  # noqa: E731
    base = app_url.rstrip("/")
    website = {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": "RealSourcing",
        "url": f"{base}/",
        "inLanguage": ["en", "zh-Hans"],
        "potentialAction": {
            "@type": "SearchAction",
            "target": f"{base}/factories?q={{search_term_string}}",
            "query-input": "required name=search_term_string",
        },
    }
    organization = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": "RealSourcing",
        "url": f"{base}/",
    }
    return PageHead(
        title=f"RealSourcing — {t('home.title')}",
        description=t("home.subtitle"),
        path="/",
        language=lang,
        language_chosen=language_chosen,
        json_ld=[website, organization],
        heading=t("home.title"),
        summary=t("home.subtitle"),
        sections=[
            Section("RealSourcing", [(t("head.directory_title"), "/factories"), (t("web.square_title"), "/webinars")])
        ],
    )


def square_head(lang: str, app_url: str, *, language_chosen: bool = False) -> PageHead:
    t = lambda key: translate(key, lang)  # noqa: E731
    base = app_url.rstrip("/")
    result = webinars.square()
    cards = [*result.live, *result.upcoming]
    title_of = lambda c: (c.title_zh or c.title_en) if lang == "zh" else (c.title_en or c.title_zh)  # noqa: E731
    items = {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "name": t("web.square_title"),
        "numberOfItems": len(cards),
        "itemListElement": [
            {"@type": "ListItem", "position": i + 1, "url": f"{base}/webinars/{c.id}", "name": title_of(c)}
            for i, c in enumerate(cards)
        ],
    }
    return PageHead(
        title=f"{t('web.square_title')} · RealSourcing",
        description=t("head.square_description"),
        path="/webinars",
        language=lang,
        language_chosen=language_chosen,
        json_ld=[items],
        heading=t("web.square_title"),
        summary=t("head.square_description"),
        sections=[Section(t("web.square_title"), [(title_of(c), f"/webinars/{c.id}") for c in cards])],
    )
