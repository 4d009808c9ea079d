"""Set-up commands used by the Makefile: `python -m realsourcing.cli migrate|seed|accounts|prepare`,
`derive-images` (WebP derivatives for photos stored without them; `prepare` runs it), and
`stripe-catch-up [--since HOURS]`, which applies Stripe payment events the webhook missed."""

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


def derive_images() -> None:
    from realsourcing.profile.media import derive_missing

    made = derive_missing()
    print(f"WebP derivatives written for {made} photos." if made else "Every photo has its WebP derivatives.")


def stripe_catch_up(hours: float) -> int:
    """Apply the Stripe payment events of the last `hours` that never reached the webhook."""
    from realsourcing.orders.stripe_catch_up import catch_up
    from realsourcing.orders.stripe_gateway import PaymentUnavailable, StripeGateway

    gateway = StripeGateway.from_settings()
    if gateway is None:
        print("Stripe is not configured (STRIPE_SECRET_KEY is empty): nothing to catch up.")
        return 1
    try:
        report = catch_up(gateway, hours)
    except PaymentUnavailable:
        print("Stripe could not be reached; nothing was changed. Try again later.")
        return 2
    print(
        f"Stripe events of the last {hours:g} hours: {report.listed} listed, {report.applied} applied now, "
        f"{report.late_refunds} late payments refunded."
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m realsourcing.cli")
    parser.add_argument(
        "command", choices=("migrate", "seed", "accounts", "prepare", "derive-images", "stripe-catch-up")
    )
    parser.add_argument("--since", type=float, default=72.0, metavar="HOURS", help="stripe-catch-up: how far back")
    args = parser.parse_args(argv)
    if args.command == "stripe-catch-up":
        return stripe_catch_up(args.since)
    if args.command in ("migrate", "prepare"):
        migrate()
    if args.command in ("seed", "prepare"):
        seed()
    if args.command in ("derive-images", "prepare"):
        derive_images()
    if args.command == "prepare":
        reindex_all()  # search text and Verified flags, e.g. after a migration added a column
    if args.command in ("accounts", "prepare"):
        print_accounts()
    return 0


if __name__ == "__main__":
    sys.exit(main())
