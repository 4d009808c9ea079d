"""Directory search in the browser (issue 12): Chinese and English words find factories, and a word found
in more factories than are counted reads "1,000+" with a pager that goes on. Screenshots of the directory
(desktop and phone, English and Chinese) go to SHOTS_DIR when it is set, for a person to look at."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import delete, insert

from realsourcing.db import get_engine
from realsourcing.profile import directory
from realsourcing.profile.models import Factory
from realsourcing.profile.search_text import indexed_text
from tests.e2e.helpers import open_page, path_is

SHOTS = Path(os.environ["SHOTS_DIR"]) if os.environ.get("SHOTS_DIR") else None


def shoot(page: Page, name: str) -> None:
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def many_factories() -> Iterator[str]:
    """More factories holding one word than the directory counts; removed afterwards (other tests count)."""
    tag, now = "zq" + uuid.uuid4().hex[:6], datetime.now(UTC)
    rows = [
        {
            "slug": f"{tag}-{n}",
            "legal_name_en": f"{tag.title()} Works {n} Co., Ltd.",
            "display_name_en": f"{tag.title()} Works {n}",
            "display_name_zh": f"{tag}工厂{n}",
            "city": "330200",  # 宁波
            "province": "330000",  # 浙江
            "category": "toys",
            "categories": ["toys"],
            "main_markets": [],
            "languages": [],
            "search_text": indexed_text(
                [f"{tag} works {n}", f"{tag}工厂{n}", "ningbo", "宁波市", "zhejiang", "浙江省"]
            ),
            "created_at": now,
            "updated_at": now,
        }
        for n in range(directory.COUNT_CAP + 20)
    ]
    with get_engine().begin() as connection:
        connection.execute(insert(Factory), rows)
    try:
        yield tag
    finally:
        with get_engine().begin() as connection:
            connection.execute(delete(Factory).where(Factory.slug.startswith(f"{tag}-")))  # type: ignore[attr-defined]


def test_chinese_and_english_words_find_factories(page: Page, browser: Browser, app_url: str):
    open_page(page, "/factories?q=qingdao+tent")
    expect(page.locator(".factory-card").first).to_contain_text("Blue Ocean Outdoor")
    shoot(page, "directory-en-desktop")
    zh = browser.new_context(base_url=app_url, viewport={"width": 390, "height": 844}, locale="zh-CN")
    try:
        zh.add_cookies([{"name": "rs_lang", "value": "zh", "url": app_url}])
        phone = zh.new_page()
        open_page(phone, "/factories?q=%E8%93%9D%E7%89%99")  # 蓝牙: two characters
        expect(phone.locator("#result-count")).to_contain_text("家工厂")
        expect(phone.locator(".factory-card")).to_have_count(1)
        shoot(phone, "directory-zh-phone")
    finally:
        zh.close()


def test_a_common_word_reads_one_thousand_plus_and_pages_on(page: Page, browser: Browser, app_url, many_factories):
    open_page(page, f"/factories?q={many_factories}")
    expect(page.locator("#result-count")).to_have_text("1,000+ factories")
    expect(page.locator("#page-label")).to_contain_text("84+")
    shoot(page, "directory-capped-en-desktop")
    open_page(page, f"/factories?q={many_factories}&page=84")
    page.click("#page-next")
    path_is(page, "/factories")
    expect(page.locator("#page-label")).to_contain_text("85")
    expect(page.locator(".factory-card").first).to_be_visible()
    zh = browser.new_context(base_url=app_url, viewport={"width": 390, "height": 844}, locale="zh-CN")
    try:
        zh.add_cookies([{"name": "rs_lang", "value": "zh", "url": app_url}])
        phone = zh.new_page()
        open_page(phone, f"/factories?q={many_factories}")
        expect(phone.locator("#result-count")).to_have_text("1,000+ 家工厂")
        shoot(phone, "directory-capped-zh-phone")
        desktop = zh.new_page()
        desktop.set_viewport_size({"width": 1280, "height": 900})
        open_page(desktop, "/factories")
        shoot(desktop, "directory-zh-desktop")
    finally:
        zh.close()
    page.set_viewport_size({"width": 390, "height": 844})
    open_page(page, "/factories")
    shoot(page, "directory-en-phone")
