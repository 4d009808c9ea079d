"""Ids that come from outside (a route, a query string, a form, a provider's event) before they reach a query.

Rules:
- An id is ASCII digits (or an int) between 1 and the largest value an integer column holds; anything
  else (negative, huge, "²", "1e3") is no id at all, so the caller answers "not found", never a 500.

Pure: no database, no Reflex.
"""

from __future__ import annotations

MAX_ROW_ID = 2**31 - 1  # the largest id a row can have (a 32-bit integer primary key)


def row_id(value: object) -> int | None:
    """The id written in value, when it is one a row can have; None for anything else."""
    if isinstance(value, bool):
        return None
    text = str(value) if isinstance(value, int | str) else ""
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(MAX_ROW_ID)):
        return None
    number = int(text)
    return number if 1 <= number <= MAX_ROW_ID else None
