"""Directory search at scale (a benchmark, not a test): `make bench-directory`.

Loads BENCH_FACTORIES factories (10,000) with BENCH_PRODUCTS_PER_FACTORY products each (10) and
certificates into a fresh database — SQLite by default, or PostgreSQL when REFLEX_DB_URL/DATABASE_URL is
a postgresql:// URL (a schema of its own, dropped afterwards) — with bulk inserts (executemany; COPY on
PostgreSQL), and prints the load time. Then times representative directory queries (English, Chinese
2- and 4-character terms, mixed, filters, sorts, deep pages) at the service layer
(profile.directory.search: count, page and card data), and the same queries through the old path
(`LIKE '%word%'` over every row and an exact count), in the same run. Prints median and p95 per query
and over all, and the ratio old/new. Goal: p95 < 50 ms at 100,000 factories / 1,000,000 products
(BENCH_FACTORIES=100000) on SQLite and PostgreSQL.
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FACTORIES = int(os.environ.get("BENCH_FACTORIES", "10000"))
PRODUCTS_PER_FACTORY = int(os.environ.get("BENCH_PRODUCTS_PER_FACTORY", "10"))
REPEATS = int(os.environ.get("BENCH_REPEATS", "15"))
# BENCH_KEEP=1 keeps the database (PostgreSQL schema or SQLite file, named in the output) to read plans in.
OLD_REPEATS = int(os.environ.get("BENCH_OLD_REPEATS", "5"))  # the old path is slow at 100,000

_given = os.environ.get("REFLEX_DB_URL") or os.environ.get("DATABASE_URL") or ""
_schema = ""
if _given.startswith("postgresql"):
    _schema = f"rs_bench_{uuid.uuid4().hex[:8]}"
    url = f"{_given}{'&' if '?' in _given else '?'}options={quote(f'-csearch_path={_schema}')}"
else:
    url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='realsourcing-bench-')) / 'directory.db'}"
os.environ["REFLEX_DB_URL"] = os.environ["DATABASE_URL"] = url

import json  # noqa: E402
import math  # noqa: E402

from sqlalchemy import exists, func, insert, or_  # noqa: E402
from sqlmodel import col, select  # noqa: E402

from realsourcing.cli import migrate  # noqa: E402
from realsourcing.core import divisions  # noqa: E402
from realsourcing.db import (  # noqa: E402
    get_engine,
    session_scope,
    utcnow,
)
from realsourcing.profile import directory  # noqa: E402
from realsourcing.profile.catalog_models import Product  # noqa: E402
from realsourcing.profile.factories import to_cards  # noqa: E402
from realsourcing.profile.models import Factory, FactoryDocument, ReviewStatus  # noqa: E402
from realsourcing.profile.search_text import indexed_text  # noqa: E402
from realsourcing.profile.terms import CATEGORIES, CERTIFICATE_KINDS  # noqa: E402

WORDS = (
    "steel",
    "bamboo",
    "cotton",
    "led",
    "silicone",
    "leather",
    "glass",
    "ceramic",
    "wireless",
    "organic",
    "kids",
    "pet",
    "garden",
    "solar",
    "bottle",
    "lamp",
    "bag",
    "chair",
    "speaker",
    "mug",
    "tent",
    "shoe",
    "toy",
    "box",
    "brush",
)
CITIES = {
    "Shenzhen": "深圳",
    "Ningbo": "宁波",
    "Yiwu": "义乌",
    "Dongguan": "东莞",
    "Xiamen": "厦门",
    "Suzhou": "苏州",
    "Foshan": "佛山",
    "Qingdao": "青岛",
    "Guangzhou": "广州",
    "Wenzhou": "温州",
    "Hefei": "合肥",
    "Jinhua": "金华",
    "Chengdu": "成都",
    "Tianjin": "天津",
}
WORDS_ZH = (
    "玩具",
    "灯具",
    "蓝牙音箱",
    "不锈钢",
    "竹制品",
    "硅胶",
    "皮革",
    "玻璃",
    "陶瓷",
    "帐篷",
    "鞋",
    "水杯",
    "收纳盒",
)

FACTORY_COLUMNS = (
    "id", "slug", "legal_name_en", "legal_name_zh", "display_name_en", "display_name_zh", "province", "city",
    "address", "main_markets", "category", "categories", "monthly_capacity", "typical_moq", "languages",
    "about_en", "about_zh", "contact_name", "contact_email", "contact_phone", "timezone",
    "is_verified", "founded_year", "created_at", "updated_at", "search_text",
)  # fmt: skip
PRODUCT_COLUMNS = (
    "factory_id", "name_en", "name_zh", "category", "description_en", "description_zh", "specifications",
    "currency", "sample_max_qty", "customization", "status", "sample_price_cents", "moq", "created_at",
    "updated_at",
)  # fmt: skip
JSON_COLUMNS = {"main_markets", "categories", "languages", "specifications", "customization"}


def generate(first: int, last: int, rnd: random.Random, now: datetime) -> tuple[list[dict], list[dict], list[dict]]:
    """Factories first..last with their products and certificates; search_text as the services build it."""
    factories, products, docs = [], [], []
    for i in range(first, last + 1):
        category = rnd.choice(list(CATEGORIES))
        town = rnd.choice(list(CITIES))
        city = divisions.match_city(CITIES[town]) or divisions.match_city("金华")  # 义乌 is a town of 金华
        assert city is not None
        province = city[:2] + "0000"
        name = f"{rnd.choice(WORDS).title()} {rnd.choice(WORDS).title()} Manufacturing {i}"
        name_zh = f"{CITIES[town]}{rnd.choice(WORDS_ZH)}制造厂{i}"
        names = [
            (f"{rnd.choice(WORDS)} {rnd.choice(WORDS)} {rnd.choice(WORDS)}", rnd.choice(WORDS_ZH))
            for _ in range(PRODUCTS_PER_FACTORY)
        ]
        published = [pair for n, pair in enumerate(names) if n % 10 != 9]  # one product in ten is a draft
        places = [*divisions.search_names(city), *divisions.search_names(province)]
        parts = [name, name_zh, name + " Co., Ltd.", *places, *CATEGORIES[category]]
        factories.append(
            {
                "id": i,
                "slug": f"factory-{i}",
                "legal_name_en": name + " Co., Ltd.",
                "legal_name_zh": "",
                "display_name_en": name,
                "display_name_zh": name_zh,
                "province": province,
                "city": city,
                "address": "",
                "main_markets": [],
                "category": category,
                "categories": [category],
                "monthly_capacity": "",
                "typical_moq": rnd.choice((50, 100, 300, 500, 1000, 5000)),
                "languages": [],
                "about_en": "",
                "about_zh": "",
                "contact_name": "",
                "contact_email": "",
                "contact_phone": "",
                "timezone": "Asia/Shanghai",
                "is_verified": rnd.random() < 0.6,
                "founded_year": rnd.randint(1985, 2022),
                "created_at": now - timedelta(days=rnd.randint(0, 900)),
                "updated_at": now - timedelta(minutes=rnd.randint(0, 100000)),
                "search_text": indexed_text([*parts, *(n for pair in published for n in pair)]),
            }
        )
        for n, (name_en, product_zh) in enumerate(names):
            products.append(
                {
                    "factory_id": i,
                    "name_en": name_en,
                    "name_zh": product_zh,
                    "category": category,
                    "description_en": "",
                    "description_zh": "",
                    "specifications": {},
                    "currency": "USD",
                    "sample_max_qty": 3,
                    "customization": [],
                    "status": "draft" if n % 10 == 9 else "published",
                    "sample_price_cents": 1500,
                    "moq": 500,
                    "created_at": now,
                    "updated_at": now,
                }
            )
        for kind in rnd.sample(CERTIFICATE_KINDS, k=rnd.randint(0, 3)):
            docs.append(
                {
                    "factory_id": i,
                    "kind": kind,
                    "certificate_number": f"C-{i}",
                    "issuing_body": "SGS",
                    "storage_key": f"x/{i}",
                    "original_filename": "",
                    "content_type": "application/pdf",
                    "size_bytes": 1,
                    "rejection_reason": "",
                    "status": "approved" if rnd.random() < 0.8 else "pending",
                    "valid_until": date(2030, 1, 1),
                    "created_at": now,
                }
            )
    return factories, products, docs


def _copy(connection, table: str, columns: tuple[str, ...], rows: list[dict]) -> None:
    """PostgreSQL COPY: the fastest bulk load there is."""
    with connection.cursor() as cursor, cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([json.dumps(row[c]) if c in JSON_COLUMNS else row[c] for c in columns])


def load() -> None:
    rnd = random.Random(7)
    now = datetime.now(UTC)
    engine = get_engine()
    batch = 5000
    for first in range(1, FACTORIES + 1, batch):
        factories, products, docs = generate(first, min(FACTORIES, first + batch - 1), rnd, now)
        if engine.dialect.name == "postgresql":
            raw = engine.raw_connection()
            try:
                driver = raw.driver_connection
                _copy(driver, "factories", FACTORY_COLUMNS, factories)
                _copy(driver, "products", PRODUCT_COLUMNS, products)
                driver.commit()
            finally:
                raw.close()
            with engine.begin() as conn:
                conn.execute(insert(FactoryDocument), docs)
        else:
            with engine.begin() as conn:
                conn.execute(insert(Factory), factories)  # the FTS5 triggers index each row
                conn.execute(insert(Product), products)
                conn.execute(insert(FactoryDocument), docs)
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.exec_driver_sql("SELECT setval('factories_id_seq', (SELECT max(id) FROM factories))")
        conn.exec_driver_sql("ANALYZE")


def old_search(query: directory.SearchQuery) -> directory.SearchResult:
    """The directory search before the index (issue 12): LIKE over every row's text, an exact count."""
    conditions = []
    for word in query.text.lower().split()[:8]:
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        conditions.append(col(Factory.search_text).like(f"%{escaped}%", escape="\\"))
    if query.category:
        conditions.append(col(Factory.category) == query.category)
    if query.province:
        conditions.append(col(Factory.province) == query.province)
    if query.verified_only:
        conditions.append(col(Factory.is_verified).is_(True))
    if query.max_moq is not None:
        conditions.append(col(Factory.typical_moq).is_not(None))
        conditions.append(col(Factory.typical_moq) <= query.max_moq)
    if query.certification:
        conditions.append(
            exists().where(
                col(FactoryDocument.factory_id) == col(Factory.id),
                col(FactoryDocument.kind) == query.certification,
                col(FactoryDocument.status) == ReviewStatus.APPROVED.value,
                or_(col(FactoryDocument.valid_until).is_(None), col(FactoryDocument.valid_until) >= utcnow().date()),
            )
        )
    orders = {
        "newest": [col(Factory.created_at).desc(), col(Factory.id).desc()],
        "name": [func.lower(Factory.display_name_en), col(Factory.id)],
        "established": [col(Factory.founded_year).is_(None), col(Factory.founded_year), col(Factory.id)],
    }
    relevance = [col(Factory.is_verified).desc(), col(Factory.updated_at).desc(), col(Factory.id).desc()]
    with session_scope() as db:
        total = db.exec(select(func.count()).select_from(Factory).where(*conditions)).one()
        pages = max(1, math.ceil(total / directory.PAGE_SIZE))
        page = min(max(1, query.page), pages)
        factories = db.exec(
            select(Factory)
            .where(*conditions)
            .order_by(*orders.get(query.sort, relevance))
            .offset((page - 1) * directory.PAGE_SIZE)
            .limit(directory.PAGE_SIZE)
        ).all()
        return directory.SearchResult(to_cards(db, list(factories)), total, page, pages)


QUERIES = [
    ("everything, first page", directory.SearchQuery()),
    ("everything, page 40", directory.SearchQuery(page=40)),
    ("one word", directory.SearchQuery(text="bamboo")),
    ("two words", directory.SearchQuery(text="steel bottle")),
    ("three words", directory.SearchQuery(text="wireless speaker led")),
    ("city", directory.SearchQuery(text="ningbo")),
    ("no match", directory.SearchQuery(text="zirconium")),
    ("exact name", directory.SearchQuery(text="(the name of factory 42, read after the load)")),
    ("Chinese, 2 characters", directory.SearchQuery(text="宁波")),
    ("Chinese, 2 + 2 characters", directory.SearchQuery(text="宁波 玩具")),
    ("Chinese, 4 characters", directory.SearchQuery(text="蓝牙音箱")),
    ("Chinese 3 + English", directory.SearchQuery(text="不锈钢 bottle")),
    ("Chinese 2 + filters", directory.SearchQuery(text="玩具", category="toys", verified_only=True)),
    ("category", directory.SearchQuery(category="electronics")),
    ("province", directory.SearchQuery(province="330000")),  # 浙江
    ("verified only", directory.SearchQuery(verified_only=True)),
    ("certification", directory.SearchQuery(certification="iso_9001")),
    ("MOQ ≤ 100", directory.SearchQuery(max_moq=100)),
    ("text + category", directory.SearchQuery(text="lamp", category="home_kitchen")),
    ("text + verified", directory.SearchQuery(text="cotton bag", verified_only=True)),
    ("text + certification", directory.SearchQuery(text="glass", certification="ce")),
    (
        "category + province + verified",
        directory.SearchQuery(category="toys", province="440000", verified_only=True),  # 广东
    ),
    (
        "all filters",
        directory.SearchQuery(
            text="silicone", category="pet_supplies", verified_only=True, certification="bsci", max_moq=1000
        ),
    ),
    ("sort by name", directory.SearchQuery(sort="name")),
    ("sort by newest, text", directory.SearchQuery(text="chair", sort="newest")),
    ("sort established, page 5", directory.SearchQuery(sort="established", page=5)),
]


def _time(run, query, repeats: int) -> tuple[list[float], directory.SearchResult]:
    run(query)  # warm the cache once
    samples = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = run(query)
        samples.append(time.perf_counter() - t0)
    return sorted(samples), result


def _p95(samples: list[float]) -> float:
    return samples[min(len(samples) - 1, max(0, math.ceil(0.95 * len(samples)) - 1))]


def main() -> None:
    if _schema:
        import psycopg

        with psycopg.connect(_given, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{_schema}"')
    try:
        migrate()
        start = time.perf_counter()
        load()
        print(
            f"Loaded {FACTORIES:,} factories and {FACTORIES * PRODUCTS_PER_FACTORY:,} products "
            f"into {get_engine().dialect.name} "
            f"in {time.perf_counter() - start:.1f} s"
        )
        with session_scope() as db:
            name = db.exec(select(Factory.display_name_en).where(Factory.id == 42)).one()
        QUERIES[[label for label, _ in QUERIES].index("exact name")] = ("exact name", directory.SearchQuery(text=name))
        new_all, old_all = [], []
        print(f"\n{'query':<32} {'results':>8} {'median':>8} {'p95':>8} | {'old':>8} {'old p95':>8} {'ratio':>6}")
        for label, query in QUERIES:
            samples, result = _time(directory.search, query, REPEATS)
            old_samples, old_result = _time(old_search, query, OLD_REPEATS)
            new_all += samples
            old_all += old_samples
            shown = f"{result.total:,}{'+' if result.total_capped else ''}"
            ratio = statistics.median(old_samples) / statistics.median(samples)
            print(
                f"{label:<32} {shown:>8} {statistics.median(samples) * 1000:>6.1f}ms {_p95(samples) * 1000:>6.1f}ms"
                f" | {statistics.median(old_samples) * 1000:>6.1f}ms {_p95(old_samples) * 1000:>6.1f}ms"
                f" {ratio:>5.1f}x   (old count {old_result.total:,})"
            )
        new_all.sort()
        old_all.sort()
        print(
            f"\nnew: all {len(new_all)} timings: median {statistics.median(new_all) * 1000:.1f} ms, "
            f"p95 {_p95(new_all) * 1000:.1f} ms (goal < 50 ms; ratio p95/goal {_p95(new_all) * 1000 / 50:.2f})"
        )
        print(
            f"old: all {len(old_all)} timings: median {statistics.median(old_all) * 1000:.1f} ms, "
            f"p95 {_p95(old_all) * 1000:.1f} ms; old/new p95 ratio {_p95(old_all) / _p95(new_all):.1f}x"
        )
    finally:
        get_engine().dispose()
        if os.environ.get("BENCH_KEEP"):
            print(f"kept {'schema ' + _schema if _schema else url} (BENCH_KEEP)")
        elif _schema:
            import psycopg

            with psycopg.connect(_given, autocommit=True) as conn:
                conn.execute(f'DROP SCHEMA IF EXISTS "{_schema}" CASCADE')
        else:
            shutil.rmtree(Path(url.removeprefix("sqlite:///")).parent, ignore_errors=True)  # ~0.5 GB at 100,000


if __name__ == "__main__":
    main()
