"""The server-sent head of the directory, a factory's page and a product's page (core/page_head.py):
what a search engine or a chat app's link preview reads, in the language asked for.

- A factory: its name, place and main category in the title; its own words (or a summary of its
  facts) as the description; its cover photo (else its logo) as the preview image; JSON-LD
  Organization with legal name, address, founding date, staff and each approved, unexpired
  certificate as a credential (the licence too, named as such).
- A product: name and factory in the title; JSON-LD Product with its sample as an Offer (price,
  currency, the most a buyer may order as a sample), made by the factory.
- The directory: JSON-LD ItemList of the factories on its first page.
None is returned for a page that does not exist (the caller answers 404 with the app's own page).
"""

from __future__ import annotations

from realsourcing.core.errors import NotFound
from realsourcing.core.i18n import translate
from realsourcing.core.money import format_money, to_major
from realsourcing.core.page_head import PageHead, Section, media_path, shorten
from realsourcing.profile import directory
from realsourcing.profile.terms import CATEGORIES, DOCUMENT_KINDS

DIRECTORY_LIST_SIZE = 24


def _vocab(table: dict[str, tuple[str, str]], key: str, lang: str) -> str:
    names = table.get(key)
    return (names[1] if lang == "zh" else names[0]) if names else key


def _pick(lang: str, en: str, zh: str) -> str:
    return (zh or en) if lang == "zh" else (en or zh)


def _number(value: int | None) -> str:
    return f"{value:,}" if value is not None else ""


def factory_head(slug: str, lang: str, app_url: str, *, language_chosen: bool = False) -> PageHead | None:
    try:
        page = directory.factory_page(slug)
    except NotFound:
        return None
    t = lambda key, **kw: translate(key, lang, **kw)  # noqa: E731
    name = _pick(lang, page.name_en, page.name_zh)
    place = ", ".join(p for p in (page.city, page.province) if p)
    category = _vocab(CATEGORIES, page.categories[0], lang) if page.categories else ""
    path = f"/factories/{page.slug}"
    what = t("head.verified_factory" if page.is_verified else "head.factory")
    title_bits = [name, " · ".join(b for b in (category, place) if b)]
    title = " — ".join(b for b in title_bits if b) + " · RealSourcing"
    facts = [
        (t("head.fact_place", place=place), "") if place else None,
        (t("head.fact_founded", year=page.founded_year), "") if page.founded_year else None,
        (t("head.fact_staff", count=_number(page.staff_count)), "") if page.staff_count else None,
        (t("head.fact_area", area=_number(page.floor_area_m2)), "") if page.floor_area_m2 else None,
        (t("head.fact_lines", count=page.production_lines), "") if page.production_lines else None,
        (t("head.fact_moq", moq=_number(page.typical_moq)), "") if page.typical_moq else None,
        (t("head.fact_lead", days=page.lead_time_days), "") if page.lead_time_days else None,
    ]
    current = [d for d in page.documents if not d.expired]
    credentials = [
        (
            " · ".join(b for b in (_vocab(DOCUMENT_KINDS, d.kind, lang), d.issuing_body, d.certificate_number) if b),
            "",
        )
        for d in current
    ]
    summary_text = _pick(lang, page.about_en, page.about_zh)
    generated = t(
        "head.factory_summary",
        name=name,
        what=what,
        category=category or t("head.products"),
        place=place or t("head.china"),
    )
    cover = next((m for m in page.gallery if m.is_cover and m.kind == "image"), None)
    image = media_path(cover.key) if cover else media_path(page.logo_key)
    organization: dict = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "@id": f"{app_url.rstrip('/')}{path}#organization",
        "name": name,
        "alternateName": [n for n in {page.name_en, page.name_zh} if n and n != name],
        "legalName": page.legal_name_zh if lang == "zh" and page.legal_name_zh else page.legal_name_en,
        "url": f"{app_url.rstrip('/')}{path}",
        "description": shorten(summary_text or generated, 500),
        "address": {
            "@type": "PostalAddress",
            "addressLocality": page.city,
            "addressRegion": page.province,
            "addressCountry": "CN",
        },
        "hasCredential": [
            {
                "@type": "EducationalOccupationalCredential",
                "credentialCategory": "license" if d.kind == "business_license" else "certificate",
                "name": _vocab(DOCUMENT_KINDS, d.kind, lang),
                **({"identifier": d.certificate_number} if d.certificate_number else {}),
                **({"recognizedBy": {"@type": "Organization", "name": d.issuing_body}} if d.issuing_body else {}),
                **({"dateCreated": d.valid_from.isoformat()} if d.valid_from else {}),
                **({"expires": d.valid_until.isoformat()} if d.valid_until else {}),
            }
            for d in current
        ],
    }
    if page.founded_year:
        organization["foundingDate"] = str(page.founded_year)
    if page.staff_count:
        organization["numberOfEmployees"] = {"@type": "QuantitativeValue", "value": page.staff_count}
    if image:
        organization["image"] = f"{app_url.rstrip('/')}{image}"
    if page.logo_key:
        organization["logo"] = f"{app_url.rstrip('/')}{media_path(page.logo_key)}"
    if not organization["alternateName"]:
        del organization["alternateName"]
    products = [(_pick(lang, p.name_en, p.name_zh), f"/products/{p.id}") for p in page.products]
    webinars = [(_pick(lang, w.title_en, w.title_zh), f"/webinars/{w.id}") for w in page.webinars]
    return PageHead(
        title=title,
        # what a link preview shows under the name: whether it is verified, then the factory's own words
        description=f"{what} · {summary_text or generated}",
        path=path,
        language=lang,
        language_chosen=language_chosen,
        image_path=image,
        kind="profile",
        json_ld=[organization],
        heading=name,
        summary=f"{what}. {summary_text or generated}",
        sections=[
            Section(t("head.facts"), [f for f in facts if f]),
            Section(t("head.credentials"), credentials),
            Section(t("head.products_heading"), products),
            Section(t("head.open_days"), webinars),
        ],
    )


def product_head(product_id: int, lang: str, app_url: str, *, language_chosen: bool = False) -> PageHead | None:
    try:
        page = directory.product_page(product_id)
    except NotFound:
        return None
    t = lambda key, **kw: translate(key, lang, **kw)  # noqa: E731
    name = _pick(lang, page.name_en, page.name_zh)
    factory = _pick(lang, page.factory_name_en, page.factory_name_zh)
    path = f"/products/{page.id}"
    base = app_url.rstrip("/")
    description = _pick(lang, page.description_en, page.description_zh)
    sample = format_money(page.sample_price_cents, page.currency, lang) if page.sample_price_cents else ""
    generated = t("head.product_summary", name=name, factory=factory)
    image = media_path(page.images[0].key) if page.images else ""
    product: dict = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": name,
        "url": f"{base}{path}",
        "description": shorten(description or generated, 500),
        "category": _vocab(CATEGORIES, page.category, lang),
        "manufacturer": {"@type": "Organization", "name": factory, "url": f"{base}/factories/{page.factory_slug}"},
    }
    if image:
        product["image"] = [f"{base}{media_path(m.key)}" for m in page.images if m.kind == "image"][
            :5
        ] or f"{base}{image}"
    if page.sample_price_cents:
        product["offers"] = {
            "@type": "Offer",
            "name": t("head.sample_offer"),
            "price": str(to_major(page.sample_price_cents, page.currency)),
            "priceCurrency": page.currency,
            "availability": "https://schema.org/InStock",
            "url": f"{base}{path}",
            "eligibleQuantity": {"@type": "QuantitativeValue", "maxValue": page.sample_max_qty},
            "seller": {"@type": "Organization", "name": factory},
        }
    facts = [
        (t("head.fact_sample", price=sample), "") if sample else None,
        (t("head.fact_moq", moq=_number(page.moq)), "") if page.moq else None,
        (t("head.fact_sample_lead", days=page.sample_lead_time_days), "") if page.sample_lead_time_days else None,
    ]
    specs = [(f"{k}: {v}", "") for k, v in page.specifications.items()]
    return PageHead(
        title=f"{name} — {factory} · RealSourcing",
        description=description or generated,
        path=path,
        language=lang,
        language_chosen=language_chosen,
        image_path=image,
        kind="product",
        json_ld=[product],
        heading=name,
        summary=description or generated,
        sections=[
            Section(t("head.facts"), [f for f in facts if f]),
            Section(t("head.specifications"), specs),
            Section(t("head.made_by"), [(factory, f"/factories/{page.factory_slug}")]),
        ],
    )


def directory_head(lang: str, app_url: str, *, language_chosen: bool = False) -> PageHead:
    t = lambda key, **kw: translate(key, lang, **kw)  # noqa: E731
    result = directory.search(directory.SearchQuery(page=1))
    cards = result.cards[:DIRECTORY_LIST_SIZE]
    base = app_url.rstrip("/")
    lines = [
        (
            " · ".join(
                b
                for b in (
                    _pick(lang, c.name_en, c.name_zh),
                    ", ".join(p for p in (c.city, c.province) if p),
                    t("head.verified_factory") if c.is_verified else "",
                )
                if b
            ),
            f"/factories/{c.slug}",
        )
        for c in cards
    ]
    item_list = {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "name": t("head.directory_title"),
        "numberOfItems": len(cards),
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": i + 1,
                "url": f"{base}/factories/{c.slug}",
                "name": _pick(lang, c.name_en, c.name_zh),
            }
            for i, c in enumerate(cards)
        ],
    }
    return PageHead(
        title=f"{t('head.directory_title')} · RealSourcing",
        description=t("head.directory_description"),
        path="/factories",
        language=lang,
        language_chosen=language_chosen,
        json_ld=[item_list],
        heading=t("head.directory_title"),
        summary=t("head.directory_description"),
        sections=[Section(t("head.factories"), lines)],
    )
