"""Factory province and city become GB/T 2260 division codes (issues 13 and 14)

Revision ID: division_codes
Revises: factory_invites
Create Date: 2026-12-04 19:30:00

Data only, no schema change: factories.province and factories.city held what people typed ("浙江省",
"Zhejiang", "宁波", "Ningbo City"); they now hold division codes ("330000", "330200") chosen from pickers
and named in the reader's language (realsourcing/core/divisions.py, data in core/data/cn_divisions.json).

- Each typed value is matched by realsourcing.core.divisions (English or Chinese, any case, with or without
  省/市/自治区/Province/City). A city is matched within the province when the province is known; a city
  matched alone ("Ningbo") also gives the province when none was typed or the typed one is unknown.
- A value that matches nothing, or more than one division ("Suzhou" without a province), is kept exactly
  as typed; the app shows such a value as it is, and the owner's next profile save asks for a real choice.
- search_text gains the matched divisions' English and Chinese names (and its Chinese grams are
  recomputed), so the directory finds the factory by both names right after migrating; SQLite's FTS5
  triggers and PostgreSQL's trigram index follow the update themselves.
- Downgrade writes the English names back for codes (the exact text once typed is not kept).
"""

import re
from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op
from realsourcing.core import divisions

revision: str = "division_codes"
down_revision: str | None = "factory_invites"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As in realsourcing/profile/search_text.py at this revision (a migration keeps its own copy).
_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002ffff]+")
_GRAMS = re.compile(r"  ((?:\S{1,2} )+)$")


def _with_grams(text: str) -> str:
    grams: dict[str, None] = {}
    for run in _CJK_RUN.findall(text):
        for i, char in enumerate(run):
            grams.setdefault(char)
            if i + 1 < len(run):
                grams.setdefault(run[i : i + 2])
    return f"{text}  {' '.join(grams)} " if grams else text


def _factories() -> sa.TableClause:
    return sa.table(
        "factories",
        sa.column("id", sa.Integer),
        sa.column("province", sa.String),
        sa.column("city", sa.String),
        sa.column("search_text", sa.Text),
    )


def codes_for(province: str, city: str) -> tuple[str, str]:
    """The stored pair for what was typed: codes where they match, the typed text where they do not."""
    province_code = divisions.match_province(province) if province.strip() else None
    city_code = divisions.match_city(city, province_code or "") if city.strip() else None
    if city_code is None and province_code is None and city.strip():
        city_code = divisions.match_city(city)  # the province typed is unknown: the city alone may say it
    if city_code is not None and province_code is None:
        found = divisions.city(city_code)
        province_code = found.province if found else None
    return province_code or province, city_code or city


def _searchable(text: str, codes: list[str]) -> str:
    body = _GRAMS.sub("", text or "")
    names = [n for code in codes for n in divisions.search_names(code)]
    return _with_grams(" ".join(p for p in (body, *names) if p).lower())


def upgrade() -> None:
    bind = op.get_bind()
    factories = _factories()
    rows = bind.execute(
        sa.select(factories.c.id, factories.c.province, factories.c.city, factories.c.search_text)
    ).all()
    updates = []
    for key, province, city, text in rows:
        new_province, new_city = codes_for(province or "", city or "")
        if (new_province, new_city) == (province, city):
            continue
        matched = [c for c in (new_city, new_province) if divisions.city(c) or divisions.province(c)]
        updates.append({"key": key, "p": new_province, "c": new_city, "t": _searchable(text, matched)})
    if updates:
        bind.execute(
            factories.update()
            .where(factories.c.id == sa.bindparam("key"))
            .values(province=sa.bindparam("p"), city=sa.bindparam("c"), search_text=sa.bindparam("t")),
            updates,
        )


def downgrade() -> None:
    bind = op.get_bind()
    factories = _factories()
    rows = bind.execute(sa.select(factories.c.id, factories.c.province, factories.c.city)).all()
    updates = [
        {"key": key, "p": divisions.province_name(p or "", "en"), "c": divisions.city_name(c or "", "en")}
        for key, p, c in rows
        if divisions.province(p or "") or divisions.city(c or "")
    ]
    if updates:
        bind.execute(
            factories.update()
            .where(factories.c.id == sa.bindparam("key"))
            .values(province=sa.bindparam("p"), city=sa.bindparam("c")),
            updates,
        )
