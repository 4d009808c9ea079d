"""Directory search at scale (a benchmark, not a test): `make bench-directory`.

Loads 10,000 factories and 100,000 products (with certificates) into a fresh database — SQLite by
default, or PostgreSQL when REFLEX_DB_URL/DATABASE_URL is a postgresql:// URL (a schema of its own,
dropped afterwards) — then times 20 representative directory queries at the service layer
(services.directory.search: count, page and card data). Prints median and p95 per query and over all.
Goal: p95 < 50 ms on SQLite.
"""

from __future__ import annotations

import os
import random
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

_given = os.environ.get("REFLEX_DB_URL") or os.environ.get("DATABASE_URL") or ""
_schema = ""
if _given.startswith("postgresql"):
    _schema = f"rs_bench_{uuid.uuid4().hex[:8]}"
    url = f"{_given}{'&' if '?' in _given else '?'}options={quote(f'-csearch_path={_schema}')}"
else:
    url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='realsourcing-bench-')) / 'directory.db'}"
os.environ["REFLEX_DB_URL"] = os.environ["DATABASE_URL"] = url

from sqlalchemy import insert  # noqa: E402

from realsourcing.cli import migrate  # noqa: E402
from realsourcing.db import get_engine  # noqa: E402
from realsourcing.profile import directory  # noqa: E402
from realsourcing.profile.catalog_models import Product  # noqa: E402
from realsourcing.profile.models import Factory, FactoryDocument  # noqa: E402
from realsourcing.profile.terms import CATEGORIES, CERTIFICATE_KINDS, PROVINCES  # noqa: E402

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
CITIES = (
    "Shenzhen",
    "Ningbo",
    "Yiwu",
    "Dongguan",
    "Xiamen",
    "Suzhou",
    "Foshan",
    "Qingdao",
    "Guangzhou",
    "Wenzhou",
    "Hefei",
    "Jinhua",
    "Chengdu",
    "Tianjin",
)


def load() -> None:
    rnd = random.Random(7)
    now = datetime.now(UTC)
    engine = get_engine()
    factories, products, docs = [], [], []
    for i in range(1, FACTORIES + 1):
        category = rnd.choice(list(CATEGORIES))
        city, province = rnd.choice(CITIES), rnd.choice(PROVINCES)
        name = f"{rnd.choice(WORDS).title()} {rnd.choice(WORDS).title()} Manufacturing {i}"
        product_names = [
            f"{rnd.choice(WORDS)} {rnd.choice(WORDS)} {rnd.choice(WORDS)}" for _ in range(PRODUCTS_PER_FACTORY)
        ]
        factories.append(
            {
                "id": i,
                "slug": f"factory-{i}",
                "legal_name_en": name + " Co., Ltd.",
                "legal_name_zh": "",
                "display_name_en": name,
                "display_name_zh": "",
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
                "bank_instructions": "",
                "is_verified": rnd.random() < 0.6,
                "founded_year": rnd.randint(1985, 2022),
                "created_at": now - timedelta(days=rnd.randint(0, 900)),
                "updated_at": now,
                "search_text": " ".join([name, city, province, CATEGORIES[category][0], *product_names]).lower(),
            }
        )
        for n in product_names:
            products.append(
                {
                    "factory_id": i,
                    "name_en": n,
                    "name_zh": "",
                    "category": category,
                    "description_en": "",
                    "description_zh": "",
                    "specifications": {},
                    "currency": "USD",
                    "sample_max_qty": 3,
                    "customization": [],
                    "status": "published",
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
    with engine.begin() as conn:
        conn.execute(insert(Factory), factories)
        for start in range(0, len(products), 20000):
            conn.execute(insert(Product), products[start : start + 20000])
        conn.execute(insert(FactoryDocument), docs)
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("ANALYZE")
        else:
            conn.exec_driver_sql("ANALYZE")


QUERIES = [
    ("everything, first page", directory.SearchQuery()),
    ("everything, page 40", directory.SearchQuery(page=40)),
    ("one word", directory.SearchQuery(text="bamboo")),
    ("two words", directory.SearchQuery(text="steel bottle")),
    ("three words", directory.SearchQuery(text="wireless speaker led")),
    ("city", directory.SearchQuery(text="ningbo")),
    ("no match", directory.SearchQuery(text="zirconium")),
    ("category", directory.SearchQuery(category="electronics")),
    ("province", directory.SearchQuery(province="Zhejiang")),
    ("verified only", directory.SearchQuery(verified_only=True)),
    ("certification", directory.SearchQuery(certification="iso_9001")),
    ("MOQ ≤ 100", directory.SearchQuery(max_moq=100)),
    ("text + category", directory.SearchQuery(text="lamp", category="home_kitchen")),
    ("text + verified", directory.SearchQuery(text="cotton bag", verified_only=True)),
    ("text + certification", directory.SearchQuery(text="glass", certification="ce")),
    (
        "category + province + verified",
        directory.SearchQuery(category="toys", province="Guangdong", verified_only=True),
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
        everything = []
        print(f"\n{'query':<34} {'results':>8} {'median':>9} {'p95':>9}")
        for label, query in QUERIES:
            directory.search(query)  # warm the cache once
            samples = []
            for _ in range(REPEATS):
                t0 = time.perf_counter()
                result = directory.search(query)
                samples.append(time.perf_counter() - t0)
            samples.sort()
            everything += samples
            p95 = samples[min(len(samples) - 1, int(round(0.95 * len(samples))) - 1)]
            print(f"{label:<34} {result.total:>8,} {statistics.median(samples) * 1000:>7.1f}ms {p95 * 1000:>7.1f}ms")
        everything.sort()
        p95_all = everything[int(0.95 * len(everything)) - 1]
        print(
            f"\nall {len(everything)} timings: median {statistics.median(everything) * 1000:.1f} ms, "
            f"p95 {p95_all * 1000:.1f} ms "
            f"(goal < 50 ms; ratio p95/goal {p95_all * 1000 / 50:.2f})"
        )
    finally:
        get_engine().dispose()
        if _schema:
            import psycopg

            with psycopg.connect(_given, autocommit=True) as conn:
                conn.execute(f'DROP SCHEMA IF EXISTS "{_schema}" CASCADE')


if __name__ == "__main__":
    main()
