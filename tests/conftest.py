"""Test-wide set-up: the environment of every run, the test database, and the markers of the three suites.

`make test` honours REFLEX_DB_URL / DATABASE_URL: with a postgresql:// URL every run creates its own
schema in that database and drops it afterwards; otherwise a temporary SQLite file is used. The
environment is set before anything imports realsourcing.config, so services, the app server
started by the browser tests, and these tests all use the same database.

The database is migrated and seeded only when a test asks for it (tests/integration and tests/e2e do,
through their conftest.py); tests/unit runs without one. Each test is marked `unit`, `integration`
or `e2e` after its folder, so `pytest -m "not e2e"` runs everything but the browser tests.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest

_RUN_DIR = Path(tempfile.mkdtemp(prefix="realsourcing-test-"))
_GIVEN_URL = os.environ.get("REFLEX_DB_URL") or os.environ.get("DATABASE_URL") or ""
_PG_SCHEMA = ""

if _GIVEN_URL.startswith("postgresql"):
    _PG_SCHEMA = f"rs_test_{uuid.uuid4().hex[:10]}"
    separator = "&" if "?" in _GIVEN_URL else "?"
    TEST_DB_URL = f"{_GIVEN_URL}{separator}options={quote(f'-csearch_path={_PG_SCHEMA}')}"
else:
    TEST_DB_URL = f"sqlite:///{_RUN_DIR / 'test.db'}"

os.environ.update(
    {
        "REFLEX_DB_URL": TEST_DB_URL,
        "DATABASE_URL": TEST_DB_URL,
        "INSTANCE_DIR": str(_RUN_DIR / "instance"),
        "REFLEX_UPLOADED_FILES_DIR": str(_RUN_DIR / "media"),
        "PRIVATE_DIR": str(_RUN_DIR / "private"),
        "REFLEX_TELEMETRY_ENABLED": "false",
    }
)


def _create_pg_schema() -> None:
    import psycopg

    with psycopg.connect(_GIVEN_URL.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{_PG_SCHEMA}"')


def _drop_pg_schema() -> None:
    import psycopg

    with psycopg.connect(_GIVEN_URL.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{_PG_SCHEMA}" CASCADE')


@pytest.fixture(scope="session")
def migrated_database():
    """The test database, created fresh, migrated to head and loaded with the demo marketplace once per run."""
    if _PG_SCHEMA:
        _create_pg_schema()
    from realsourcing.cli import migrate
    from realsourcing.seed import seed_demo_data

    migrate()
    assert seed_demo_data(), "the fresh test database already had data"
    yield TEST_DB_URL
    from realsourcing.db import get_engine

    get_engine().dispose()
    if _PG_SCHEMA:
        _drop_pg_schema()


@pytest.fixture
def unique_email():
    from tests.support.builders import an_email  # not at the top: realsourcing must load after the environment above

    return an_email


SUITES = ("unit", "integration", "e2e")  # the folders under tests/, and the marker each one's tests carry


@pytest.hookimpl(tryfirst=True)  # before -m deselects by marker
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    tests_dir = Path(__file__).parent
    for item in items:
        if item.path.is_relative_to(tests_dir) and (suite := item.path.relative_to(tests_dir).parts[0]) in SUITES:
            item.add_marker(suite)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    shutil.rmtree(_RUN_DIR, ignore_errors=True)
