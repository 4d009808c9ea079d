"""The server-sent head of public pages (core/page_head.py), read back as a crawler would."""

from __future__ import annotations

import extruct

from realsourcing.api.page_heads import choose_language, match
from realsourcing.core.page_head import PageHead, Section, inject, shorten

APP = "https://realsourcing.example"
SHELL = (
    '<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/><title>Factory · RealSourcing</title>'
    '<meta name="description" content="old"/></head><body><div id="root"></div>'
    "<script>window.__hydration = 1;</script></body></html>"
)


def head(**changes) -> PageHead:
    values = dict(
        title="Ningbo Haitian — Plastics · RealSourcing",
        description="We mould </script><b>PP</b> & ABS parts.",
        path="/factories/ningbo-haitian",
        language="en",
        image_path="/_upload/cover.webp",
        kind="profile",
        json_ld=[{"@context": "https://schema.org", "@type": "Organization", "name": "A </script> B"}],
        heading="Ningbo Haitian",
        summary="Verified factory.",
        sections=[Section("Products", [("Cup", "/products/7"), ("Bowl <big>", "")])],
    )
    values.update(changes)
    return PageHead(**values)


def test_title_and_description_are_replaced_not_doubled() -> None:
    html = inject(SHELL, head(), APP)
    assert html.count("<title>") == 1
    assert "<title>Ningbo Haitian — Plastics · RealSourcing</title>" in html
    assert html.count('name="description"') == 1
    assert "old" not in html
    # the app's own scripts are untouched (their CSP hashes must still match)
    assert "<script>window.__hydration = 1;</script>" in html


def test_open_graph_twitter_and_json_ld_read_back() -> None:
    html = inject(SHELL, head(), APP)
    data = extruct.extract(html, base_url=APP, syntaxes=["json-ld", "opengraph"], uniform=True)
    assert data["json-ld"] == [{"@context": "https://schema.org", "@type": "Organization", "name": "A </script> B"}]
    og = data["opengraph"][0]
    assert og["og:title"] == "Ningbo Haitian — Plastics · RealSourcing"
    assert og["og:image"] == f"{APP}/_upload/cover.webp"
    assert og["og:url"] == f"{APP}/factories/ningbo-haitian"
    assert og["@type"] == "profile"  # extruct's uniform form names og:type @type
    assert 'name="twitter:card" content="summary_large_image"' in html
    # a value cannot close the data block or inject markup
    assert "A </script> B" not in html
    assert "<b>PP</b>" not in html and "&lt;/script&gt;&lt;b&gt;PP&lt;/b&gt; &amp; ABS" in html


def test_canonical_and_language_alternates() -> None:
    plain = inject(SHELL, head(), APP)
    assert f'<link rel="canonical" href="{APP}/factories/ningbo-haitian"/>' in plain
    assert f'hreflang="en" href="{APP}/factories/ningbo-haitian?lang=en"' in plain
    assert f'hreflang="zh-Hans" href="{APP}/factories/ningbo-haitian?lang=zh"' in plain
    assert f'hreflang="x-default" href="{APP}/factories/ningbo-haitian"' in plain
    chosen = inject(SHELL, head(language="zh", language_chosen=True), APP)
    assert f'<link rel="canonical" href="{APP}/factories/ningbo-haitian?lang=zh"/>' in chosen
    assert '<html lang="zh-Hans">' in chosen
    assert 'content="zh_CN"' in chosen and 'property="og:locale:alternate" content="en_US"' in chosen


def test_main_text_is_in_noscript_with_links() -> None:
    html = inject(SHELL, head(), APP)
    start = html.index("<noscript>")
    assert html.index("<body>") < start < html.index('<div id="root">')
    text = html[start : html.index("</noscript>")]
    assert "<h1>Ningbo Haitian</h1>" in text
    assert '<li><a href="/products/7">Cup</a></li>' in text
    assert "<li>Bowl &lt;big&gt;</li>" in text


def test_no_image_gives_a_small_card() -> None:
    html = inject(SHELL, head(image_path=""), APP)
    assert 'content="summary"' in html and "og:image" not in html


def test_description_is_shortened_at_a_word() -> None:
    text = "word " * 60
    short = shorten(text)
    assert len(short) <= 160 and short.endswith("…") and not short.endswith(" …")
    assert shorten("短句。") == "短句。"
    assert len(shorten("工" * 300)) == 160


def test_which_paths_get_a_head() -> None:
    assert match("/factories") == ("directory", "")
    assert match("/factories/") == ("directory", "")
    assert match("/factories/ningbo-haitian/") == ("factory", "ningbo-haitian")
    assert match("/products/12") == ("product", "12")
    assert match("/webinars/3/") == ("webinar", "3")
    assert match("/webinars/3/live") is None
    assert match("/dashboard") is None
    assert match("/factories/../admin") is None


def test_language_choice() -> None:
    assert choose_language("lang=zh", "", "en-US") == ("zh", True)
    assert choose_language("lang=xx", "rs_lang=zh", "en-US") == ("zh", False)
    assert choose_language("", "", "zh-CN,zh;q=0.9") == ("zh", False)
    assert choose_language("", 'bad"cookie; rs_lang=en', "zh-CN") in {("en", False), ("zh", False)}
    assert choose_language("", "", "") == ("en", False)


def test_only_hashed_build_files_are_cached_for_a_year() -> None:
    from realsourcing.api.static_cache import is_hashed_asset

    assert is_hashed_asset("/assets/root-QUdfBtgo.js")
    assert is_hashed_asset("/assets/__reflex_global_styles-NccINl-w.css")
    assert is_hashed_asset("/assets/manifest-6666ea52.js")
    assert not is_hashed_asset("/assets/root.js")
    assert not is_hashed_asset("/factories/root-QUdfBtgo.js")
    assert not is_hashed_asset("/favicon.ico")
