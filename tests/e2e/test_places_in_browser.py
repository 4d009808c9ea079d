"""Province and city pickers in the browser (issues 13 and 14): a factory owner reading Chinese picks 浙江 →
宁波 and saves; a buyer reading English sees "Ningbo, Zhejiang" on the factory page and finds it by either
name. Screenshots (desktop and phone, English and Chinese) go to SHOTS_DIR when it is set."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from playwright.sync_api import Browser, Page, expect
from sqlmodel import select

from realsourcing.db import session_scope
from realsourcing.profile.models import Factory
from tests.e2e.helpers import log_in, open_page
from tests.support.builders import PASSWORD, a_buyer, a_factory, an_email

SHOTS = Path(os.environ["SHOTS_DIR"]) if os.environ.get("SHOTS_DIR") else None


def shoot(page: Page, name: str) -> None:
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_owner_in_chinese_picks_zhejiang_ningbo_and_an_english_buyer_reads_it(
    page: Page, browser: Browser, app_url: str
):
    tag = uuid.uuid4().hex[:6]
    owner = a_factory(name=f"Seabreeze {tag} Homeware", city="Xiamen")
    with session_scope() as db:
        slug = db.exec(select(Factory.slug).where(Factory.id == owner.factory_id)).one()

    zh = browser.new_context(base_url=app_url, viewport={"width": 1280, "height": 900}, locale="zh-CN")
    try:
        zh.add_cookies([{"name": "rs_lang", "value": "zh", "url": app_url}])
        tab = zh.new_page()
        log_in(tab, owner.email, PASSWORD)
        open_page(tab, "/dashboard/profile")
        expect(tab.locator("label[for=province]")).to_have_text("省份")
        expect(tab.locator("#province option:checked")).to_have_text("福建省")  # where it signed up
        expect(tab.locator("#city option:checked")).to_have_text("厦门市")
        tab.select_option("#province", label="浙江省")
        expect(tab.locator("#city")).to_have_value("")  # 厦门 is not in 浙江: the city is chosen again
        expect(tab.locator("#city option")).to_have_count(12)  # "请选择城市" and 浙江's 11 cities
        expect(tab.locator("#unsaved-warning")).to_be_visible()
        tab.click("#profile-save")
        expect(tab.locator("#city:invalid")).to_have_count(1)  # the browser asks for the city before sending
        expect(tab.get_by_text("资料已保存。")).to_have_count(0)
        tab.select_option("#city", label="宁波市")
        tab.click("#cat-home_kitchen")  # a profile needs a category too
        tab.click("#profile-save")
        expect(tab.get_by_text("资料已保存。")).to_be_visible()
        shoot(tab, "profile-places-zh-desktop")
        tab.reload()
        tab.wait_for_selector("main[data-hydrated='true']")
        expect(tab.locator("#province")).to_have_value("330000")
        expect(tab.locator("#city")).to_have_value("330200")
        tab.set_viewport_size({"width": 390, "height": 844})
        tab.locator("#province").scroll_into_view_if_needed()
        shoot(tab, "profile-places-zh-phone")
        open_page(tab, f"/factories/{slug}")
        expect(tab.get_by_text("浙江省宁波市")).to_be_visible()
    finally:
        zh.close()

    buyer = a_buyer(an_email("buyer"))
    log_in(page, buyer.email, PASSWORD)
    open_page(page, f"/factories/{slug}")
    expect(page.get_by_text("Ningbo, Zhejiang")).to_be_visible()
    shoot(page, "factory-page-place-en-desktop")
    for words in (f"seabreeze {tag} ningbo", f"seabreeze {tag} 宁波"):
        open_page(page, f"/factories?q={words}")
        expect(page.locator(".factory-card")).to_have_count(1)
        expect(page.locator(".factory-card")).to_contain_text("Ningbo, Zhejiang")
    open_page(page, f"/factories?q=seabreeze+{tag}&province=330000")
    expect(page.locator(".factory-card")).to_have_count(1)
    expect(page.locator("#filter-province")).to_contain_text("Zhejiang")
    shoot(page, "directory-province-filter-en-desktop")
    open_page(page, f"/factories?q=seabreeze+{tag}&province=350000")
    expect(page.locator(".factory-card")).to_have_count(0)


def test_signup_pickers_in_both_languages_and_widths(page: Page, browser: Browser, app_url: str):
    open_page(page, "/signup?as=factory")
    page.select_option("#factory_province", label="Shanghai")
    expect(page.locator("#factory_city")).to_have_value("310000")  # a municipality is its own city
    page.select_option("#factory_province", label="Guangdong")
    expect(page.locator("#factory_city")).to_have_value("")
    page.select_option("#factory_city", label="Shenzhen")
    shoot(page, "signup-places-en-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    shoot(page, "signup-places-en-phone")
    zh = browser.new_context(base_url=app_url, viewport={"width": 390, "height": 844}, locale="zh-CN")
    try:
        zh.add_cookies([{"name": "rs_lang", "value": "zh", "url": app_url}])
        tab = zh.new_page()
        open_page(tab, "/signup?as=factory")
        expect(tab.locator("#factory_city option:checked")).to_have_text("请先选择省份")
        tab.select_option("#factory_province", label="浙江省")
        tab.select_option("#factory_city", label="宁波市")
        shoot(tab, "signup-places-zh-phone")
        tab.set_viewport_size({"width": 1280, "height": 900})
        shoot(tab, "signup-places-zh-desktop")
    finally:
        zh.close()
