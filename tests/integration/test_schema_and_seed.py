"""The migration matches the models, and the demo marketplace loads once."""

import json
import subprocess
import sys

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, inspect
from sqlmodel import SQLModel, select

import realsourcing.tables  # noqa: F401
from realsourcing.accounts.identity import CurrentUser
from realsourcing.accounts.models import Role, User
from realsourcing.admin import service as admin
from realsourcing.core.errors import PermissionDenied
from realsourcing.db import get_engine, session_scope
from realsourcing.profile import factories, search_index
from realsourcing.profile.catalog_models import Product
from realsourcing.profile.models import Factory, FactoryDocument, MediaAsset
from realsourcing.seed import FACTORIES, seed_demo_data
from realsourcing.webinars.models import Webinar


def test_migrations_create_exactly_the_models():
    with get_engine().connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": search_index.include_object})
        diff = compare_metadata(context, SQLModel.metadata)
    assert diff == []


def test_the_tables_module_alone_registers_every_migrated_table():
    """alembic's env imports only realsourcing.tables: a table missing there would be dropped by autogenerate."""
    code = (
        "import json, realsourcing.tables; from sqlmodel import SQLModel; "
        "print(json.dumps(sorted(SQLModel.metadata.tables)))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    migrated = set(inspect(get_engine()).get_table_names()) - {"alembic_version"} - search_index.TABLES
    assert set(json.loads(result.stdout)) == migrated


def test_demo_marketplace_loads_once_and_is_believable():
    # conftest loaded it into the fresh database; a second load must change nothing
    assert seed_demo_data() is False
    with session_scope() as db:
        count = lambda model, *where: db.exec(select(func.count()).select_from(model).where(*where)).one()  # noqa: E731
        assert count(Factory) >= 12 and len(FACTORIES) >= 12
        assert len(set(db.exec(select(Factory.province)).all())) >= 5
        assert len(set(db.exec(select(Factory.category)).all())) >= 8
        assert count(User, User.role == Role.BUYER.value) >= 3
        assert count(User, User.role == Role.ADMIN.value) >= 1
        assert count(FactoryDocument, FactoryDocument.status == "approved") > 0
        assert count(FactoryDocument, FactoryDocument.status == "pending") > 0
        assert count(Product) >= 24
        assert count(MediaAsset) >= 36
        assert count(Webinar, Webinar.status == "scheduled") >= 12
        assert count(Webinar, Webinar.status == "ended") >= 12


def test_landing_page_factories_are_verified_first():
    cards = factories.featured_factories(limit=12)
    flags = [c.is_verified for c in cards]
    assert flags == sorted(flags, reverse=True)


def test_only_admins_see_platform_counts():
    buyer = CurrentUser(id=1, email="b@example.com", full_name="B", company_name="", role="buyer", language="en")
    try:
        admin.platform_counts(buyer)
    except PermissionDenied:
        pass
    else:
        raise AssertionError("a buyer read the admin overview")
    boss = CurrentUser(id=1, email="a@example.com", full_name="A", company_name="", role="admin", language="en")
    assert admin.platform_counts(boss).factories >= 12


def test_factory_overview_is_for_members_only():
    outsider = CurrentUser(
        id=999999,
        email="x@example.com",
        full_name="X",
        company_name="",
        role="factory",
        language="en",
        factory_id=1,
        factory_role="owner",
    )
    try:
        factories.overview_for_member(outsider)
    except PermissionDenied:
        return
    raise AssertionError("a non-member read a factory's dashboard")
