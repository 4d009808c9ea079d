"""Admins read the outbox, but never a one-time sign-in or sign-up link meant for someone else."""

from __future__ import annotations

from realsourcing.accounts import service as accounts
from realsourcing.db import session_scope
from realsourcing.notifications.models import OutboxMessage
from realsourcing.notifications.service import EMAIL_ONLY, outbox_for_admin

LINK = "http://localhost/link?token=secret-one-time-token"


def test_link_emails_are_listed_without_their_body_and_other_emails_with_it():
    admin, _ = accounts.authenticate("admin@example.com", "realsourcing-demo", ip="10.12.0.1")
    with session_scope() as db:
        for kind in sorted(EMAIL_ONLY):
            db.add(OutboxMessage(to_address=f"{kind}@example.com", kind=kind, subject="Your link", body_text=LINK))
        db.add(
            OutboxMessage(to_address="plain@example.com", kind="order_shipped", subject="Shipped", body_text="DHL 1")
        )
    rows = {r.to_address: r for r in outbox_for_admin(admin)}
    for kind in EMAIL_ONLY:
        row = rows[f"{kind}@example.com"]
        assert row.body_hidden and "secret-one-time-token" not in row.body
    assert rows["plain@example.com"].body == "DHL 1" and not rows["plain@example.com"].body_hidden
