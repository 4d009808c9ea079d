import ast
import json
import re
from pathlib import Path

from realsourcing.core import i18n

PACKAGE = Path(__file__).resolve().parents[2] / "realsourcing"


def test_every_text_exists_in_english_and_chinese_with_the_same_placeholders():
    for key, entry in i18n.MESSAGES.items():
        assert set(entry) == set(i18n.LANGUAGES), key
        assert all(entry[lang].strip() for lang in i18n.LANGUAGES), key
        placeholders = {lang: set(re.findall(r"{(\w+)}", entry[lang])) for lang in i18n.LANGUAGES}
        assert placeholders["en"] == placeholders["zh"], key


def test_one_catalogue_file_per_language_with_the_same_keys_in_the_same_order():
    files = sorted(p.stem for p in i18n.LOCALES.glob("*.json"))
    assert files == sorted(i18n.LANGUAGES) == ["en", "zh"]
    english = list(i18n.CATALOGUES["en"])
    for lang, catalogue in i18n.CATALOGUES.items():
        assert list(catalogue) == english, f"{lang}.json: keys missing, extra or out of order"


def test_adding_a_language_is_adding_a_file(tmp_path):
    for lang in i18n.LANGUAGES:
        (tmp_path / f"{lang}.json").write_text((i18n.LOCALES / f"{lang}.json").read_text(encoding="utf-8"))
    dummy = {key: f"[xx] {text}" for key, text in i18n.CATALOGUES["en"].items()}
    (tmp_path / "xx.json").write_text(json.dumps(dummy), encoding="utf-8")
    catalogues = i18n.load_catalogues(tmp_path)
    assert i18n.languages_of(catalogues) == ("en", "xx", "zh")
    messages = i18n.messages_of(catalogues)
    assert messages["nav.login"] == {"en": "Log in", "xx": "[xx] Log in", "zh": "登录"}
    del dummy["nav.login"]  # a key missing in one language is visible as a missing entry
    (tmp_path / "xx.json").write_text(json.dumps(dummy), encoding="utf-8")
    assert set(i18n.messages_of(i18n.load_catalogues(tmp_path))["nav.login"]) == {"en", "zh"}


KEY = re.compile(
    r"(nav|home|login|signup|account|dash|admin|err|msg|common|notfound|denied|error|footer|brand|step|profile|docs"
    r"|media|prod|review|dir|fac|trust|product|web|meet|avail|order|notif|ins|pipe)\.[a-z0-9_]*[a-z0-9]"
)


def test_every_key_used_in_the_code_exists():
    used = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and KEY.fullmatch(node.value):
                used.add(node.value)
    missing = used - set(i18n.MESSAGES)
    assert not missing


def test_translate_fills_placeholders_and_falls_back_to_english():
    assert i18n.translate("err.too_many_attempts", "zh", minutes=3) == "失败次数过多，请 3 分钟后再试。"
    assert i18n.translate("err.too_many_attempts", "fr", minutes=3).startswith("Too many failed attempts")


def test_browser_language_picks_chinese_for_any_chinese_variant():
    assert i18n.from_accept_language("zh-CN,zh;q=0.9,en;q=0.8") == "zh"
    assert i18n.from_accept_language("en-US,en;q=0.9,zh;q=0.5") == "en"
    assert i18n.from_accept_language("de-DE,zh-TW;q=0.7") == "zh"
    assert i18n.from_accept_language("") == "en"
