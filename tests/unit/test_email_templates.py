import re

from realsourcing.notifications.service import TEMPLATES, render

PAYLOAD = {
    "title": "Kiln tour",
    "title_zh": "窑炉参观",
    "buyer": "Maya (Northwind)",
    "factory": "Harbor Home",
    "meeting_type": "Deep factory audit",
    "when_utc": "2026-12-01 09:00",
    "reason": "Holiday",
    "by": "Li Wei",
    "reference": "RS-2026-000001",
    "total": "USD 58.00",
    "tracking": "DHL JD014600003828",
    "document": "ISO 9001",
    "link": "https://realsourcing.example/x",
    "name": "Maya",
}


def test_every_email_renders_in_english_and_chinese_with_nothing_left_unfilled():
    for kind in TEMPLATES:
        en_subject, en_body = render(kind, "en", PAYLOAD)
        zh_subject, zh_body = render(kind, "zh", PAYLOAD)
        for text in (en_subject, en_body, zh_subject, zh_body):
            assert not re.search(r"{\w+}", text), (kind, text)
        assert en_subject != zh_subject, kind
        assert re.search(r"[\u4e00-\u9fff]", zh_subject + zh_body), kind


def test_unknown_language_falls_back_to_english():
    assert render("order_shipped", "fr", PAYLOAD) == render("order_shipped", "en", PAYLOAD)


def test_a_meeting_email_shows_the_time_in_the_readers_zone_and_language():
    payload = {**PAYLOAD, "starts_at": "2026-12-01T01:00:00+00:00"}
    _subject, to_buyer = render("meeting_confirmed", "en", payload, "America/New_York")
    assert "Mon, Nov 30, 2026, 8:00 PM (New York, EST, UTC−5)" in to_buyer
    assert "UTC)" not in to_buyer.replace("UTC−5)", "")
    _subject, to_factory = render("meeting_requested", "zh", payload, "Asia/Shanghai")
    assert "2026年12月1日周二 09:00（上海，中国标准时间，UTC+8）" in to_factory


def test_messages_stored_before_times_had_zones_still_read_in_utc():
    _subject, body = render("meeting_reminder_1h", "en", {"when_utc": "2026-12-01 09:00"})
    assert "2026-12-01 09:00 UTC" in body


def test_a_meeting_email_gives_the_readers_start_and_end_then_the_other_sides():
    payload = {
        **PAYLOAD,
        "starts_at": "2026-12-01T01:00:00+00:00",
        "ends_at": "2026-12-01T01:45:00+00:00",
        "zones": ["America/New_York", "Asia/Shanghai"],
    }
    _subject, to_buyer = render("meeting_confirmed", "en", payload, "America/New_York")
    new_york = "Mon, Nov 30, 2026, 8:00 PM–8:45 PM (New York, EST, UTC−5)"
    assert f"{new_york} / Tue, Dec 1, 2026, 9:00 AM–9:45 AM (Shanghai, UTC+8)" in to_buyer
    _subject, to_factory = render("meeting_reminder_1h", "zh", payload, "Asia/Shanghai")
    factory_time = "2026年12月1日周二 09:00–09:45（上海，中国标准时间，UTC+8）"
    assert f"{factory_time}；2026年11月30日周一 20:00–20:45（纽约" in to_factory
