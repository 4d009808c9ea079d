"""Set-up commands used by the Makefile: `python -m realsourcing.cli migrate|seed|accounts|prepare`."""

from __future__ import annotations

import argparse
import sys

from alembic.config import Config

from alembic import command
from realsourcing.config import PROJECT_ROOT, get_settings
from realsourcing.profile.factories import reindex_all
from realsourcing.seed import DEMO_PASSWORD, demo_accounts, seed_demo_data


def migrate() -> None:
    """Bring the database to the newest schema (alembic upgrade head)."""
    cfg = Config(str(PROJECT_ROOT / "alembic.ini"))
    cfg.attributes["configure_logging"] = False
    command.upgrade(cfg, "head")


def seed() -> None:
    if seed_demo_data():
        print("Loaded the demo marketplace.")
    else:
        print("Database already has data: demo data not loaded again.")


def print_accounts() -> None:
    url = get_settings().app_url
    print()
    print(f"RealSourcing demo accounts (password for all: {DEMO_PASSWORD})")
    for account in demo_accounts()[:8]:
        print(f"  {account.email:<52} {account.note}")
    print(f"  … and {len(demo_accounts()) - 8} more factory owners (owner@<factory-slug>.example.com)")
    print(f"Open {url}")
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m realsourcing.cli")
    parser.add_argument("command", choices=("migrate", "seed", "accounts", "prepare"))
    args = parser.parse_args(argv)
    if args.command in ("migrate", "prepare"):
        migrate()
    if args.command in ("seed", "prepare"):
        seed()
    if args.command == "prepare":
        reindex_all()  # search text and Verified flags, e.g. after a migration added a column
    if args.command in ("accounts", "prepare"):
        print_accounts()
    return 0


if __name__ == "__main__":
    sys.exit(main())
