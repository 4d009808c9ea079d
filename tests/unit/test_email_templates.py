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
