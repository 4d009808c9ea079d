"""Readable URL slugs for names in Chinese, Latin script or both (宁波海天塑料 → "ningbo-haitian-suliao").

Rules:
- Chinese characters become tone-less pinyin (pypinyin, which reads polyphones such as 重庆 by context);
  the characters of one word are written together and words are joined by hyphens.
- Words: pypinyin's phrase dictionary first; the characters left over are read two at a time (most Chinese
  words in a company name have two characters), and a place or works suffix (市, 区, 厂 …) that would
  start a pair joins the word before it (深圳市 → "shenzhenshi").
- Everything else goes through python-slugify: lower-case ASCII, accents dropped, any run of other
  characters one hyphen.
- At most MAX_SLUG_LENGTH characters, cut at a word boundary; "" when nothing readable is left.
"""

from __future__ import annotations

import re
import unicodedata

from pypinyin import Style, lazy_pinyin
from pypinyin.seg.mmseg import seg
from slugify import slugify

MAX_SLUG_LENGTH = 60  # the column holds 80: room for a "-NNN" suffix on clashes

_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# One-character suffixes of place names and works that belong to the word before them.
_SUFFIXES = frozenset("市省区县镇乡村州厂社")


def _han_words(run: str) -> list[str]:
    """A run of Chinese characters cut into words (see the module's rules), in order."""
    words: list[str] = []
    singles: list[str] = []

    def pair_up() -> None:
        i = 0
        while i < len(singles):
            if singles[i] in _SUFFIXES and words:
                words[-1] += singles[i]
                i += 1
            else:
                words.append("".join(singles[i : i + 2]))
                i += 2
        singles.clear()

    for token in seg.cut(run):
        if len(token) == 1:
            singles.append(token)
        else:
            pair_up()
            words.append(token)
    pair_up()
    return words


def _pinyin(run: str) -> str:
    """A run of Chinese characters as pinyin words separated by spaces."""
    syllables = lazy_pinyin(run, style=Style.NORMAL)  # one syllable per character, read in context
    if len(syllables) != len(run):  # not expected for Han-only text; fall back to one word per character
        return " ".join(syllables)
    out, i = [], 0
    for word in _han_words(run):
        out.append("".join(syllables[i : i + len(word)]))
        i += len(word)
    return " ".join(out)


def slug_of(name: str, max_length: int = MAX_SLUG_LENGTH) -> str:
    """The slug for a name; "" when the name holds nothing that can be written in a URL."""
    text = unicodedata.normalize("NFKC", name or "")
    text = _HAN_RUN.sub(lambda m: f" {_pinyin(m.group(0))} ", text)
    return slugify(text, max_length=max_length, word_boundary=True, save_order=True)


def with_suffix(base: str, n: int) -> str:
    """The n-th candidate for a base slug: base itself, then base-2, base-3 …"""
    return base if n <= 1 else f"{base}-{n}"
