"""What the directory index holds and how a query's words are looked up in it (pure, no I/O).

Rules:
- search_text is lower-case text (names, places, categories, published product names) followed by the
  Chinese (CJK) one- and two-character grams of that text, each standing alone between spaces.
- The trigram index (SQLite FTS5 trigram, PostgreSQL pg_trgm) finds a term of three or more characters
  anywhere in the text. A CJK term of one or two characters ("宁波", "鞋") is found as " 宁波 ": a
  standalone gram, i.e. exactly where the term occurs in the text, through the same index.
- Any other short term ("tv", "3号") has no index entry of its own: it is matched with LIKE on the rows
  the other words and filters leave.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

MAX_TERMS = 8
TRIGRAM = 3  # the shortest term a trigram index can look up
_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002ffff]+")


def is_cjk(term: str) -> bool:
    return bool(_CJK_RUN.fullmatch(term))


def cjk_grams(text: str) -> list[str]:
    """Every CJK character and pair of adjacent CJK characters in the text, once, in order of appearance."""
    grams: dict[str, None] = {}
    for run in _CJK_RUN.findall(text):
        for i, char in enumerate(run):
            grams.setdefault(char)
            if i + 1 < len(run):
                grams.setdefault(run[i : i + 2])
    return list(grams)


def indexed_text(parts: Iterable[str]) -> str:
    """The search_text stored for a factory with these names, places and product names."""
    text = " ".join(p.strip() for p in parts if p and p.strip()).lower()
    grams = cjk_grams(text)
    return f"{text}  {' '.join(grams)} " if grams else text


def search_terms(text: str) -> list[str]:
    """The words of a query, lower-case, without repeats, at most MAX_TERMS."""
    terms: dict[str, None] = {}
    for word in text.lower().split():
        terms.setdefault(word)
    return list(terms)[:MAX_TERMS]


def indexed_form(term: str) -> str | None:
    """What to look up in the trigram index for a term: the term itself (three or more characters), the
    standalone gram " 宁波 " (a short CJK term), or None (a short term the index cannot serve)."""
    if len(term) >= TRIGRAM:
        return term
    if is_cjk(term):
        return f" {term} "
    return None


def fts5_query(forms: list[str]) -> str:
    """An FTS5 MATCH query wanting every form as a substring: each one quoted, so nothing in it is syntax."""
    return " AND ".join('"' + form.replace('"', '""') + '"' for form in forms)
