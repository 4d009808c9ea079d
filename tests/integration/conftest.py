"""Integration tests: services against the real test database."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session", autouse=True)
def database(migrated_database: str) -> str:
    """Every test here runs on the migrated, seeded test database of tests/conftest.py."""
    return migrated_database
