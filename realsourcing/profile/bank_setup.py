"""Setting a factory's bank details: who may, what must hold first, and who is told.

Rules:
- Every member reads the details (the account masked to its last 4 characters) and their history; only
  the factory's OWNER changes them (staff get OwnerOnly with a message; strangers PermissionDenied).
- Only after proving it is them again (`accounts.reauth`: the password, or a fresh sign-in for accounts
  without one), checked after the form so a typo costs no password attempt.
- Only with an approved, unexpired business licence, and only to an account held by the licensed company
  (`bank_details.holder_matches` against the names the admin approved with the licence).
- Saving the same details again changes nothing and tells nobody (a double click, a retry).
- Every setting is kept in the history (who, when, what it became). A change of details buyers may
  already have seen tells the buyer of every open bank-transfer order (awaiting payment) — in-app and by
  email, linking to the order, whose page then says when the details changed — and the factory's other
  members (a hijacked owner account shows up in their inboxes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, col, select
from starlette.concurrency import run_in_threadpool

from realsourcing.accounts import reauth
from realsourcing.accounts.identity import CurrentUser
from realsourcing.accounts.models import User
from realsourcing.core.errors import DomainError, ValidationFailed
from realsourcing.db import id_of, session_scope, utcnow
from realsourcing.notifications.service import notify
from realsourcing.orders.lifecycle import OrderStatus, PaymentMethod
from realsourcing.orders.models import SampleOrder
from realsourcing.profile import bank_details
from realsourcing.profile.bank_details import BankDetails
from realsourcing.profile.factories import document_is_current
from realsourcing.profile.membership import is_owner, members, require_member, require_owner
from realsourcing.profile.models import (
    DocumentKind,
    Factory,
    FactoryBankDetails,
    FactoryBankDetailsChange,
    FactoryDocument,
    FactoryMember,
    MemberRole,
)
from realsourcing.profile.storage import lock_factory


class NoApprovedLicence(DomainError):
    """Bank details wait for the business licence: the holder is checked against its legal names."""

    def __init__(self) -> None:
        super().__init__("err.bank_no_licence")


@dataclass(frozen=True)
class ChangeRow:
    when: datetime
    by: str
    replaced_earlier: bool


@dataclass(frozen=True)
class BankPage:
    is_owner: bool
    owner_name: str
    licensed_names: list[str]  # empty: no approved, unexpired business licence
    details: BankDetails | None
    updated_at: datetime | None
    history: list[ChangeRow] = field(default_factory=list)


def licensed_names(db: Session, factory_id: int) -> list[str]:
    """The legal names on the factory's approved, unexpired business licence ([] when there is none)."""
    today = utcnow().date()
    licences = db.exec(
        select(FactoryDocument).where(
            FactoryDocument.factory_id == factory_id, FactoryDocument.kind == DocumentKind.BUSINESS_LICENSE.value
        )
    ).all()
    approved = [d for d in licences if document_is_current(d, today)]
    if not approved:
        return []
    current = max(approved, key=lambda d: (d.reviewed_at or d.created_at, id_of(d)))  # the latest approval
    return [n for n in (current.licensed_name_en, current.licensed_name_zh) if n.strip()]


def page(actor: CurrentUser) -> BankPage:
    """What the dashboard's bank section shows the actor (any member of the factory)."""
    with session_scope() as db:
        factory = require_member(db, actor)
        factory_id = id_of(factory)
        row = db.exec(select(FactoryBankDetails).where(FactoryBankDetails.factory_id == factory_id)).first()
        owner = db.exec(
            select(User.full_name)
            .join(FactoryMember, col(FactoryMember.user_id) == User.id)
            .where(FactoryMember.factory_id == factory_id, FactoryMember.role == MemberRole.OWNER.value)
        ).first()
        changes = db.exec(
            select(FactoryBankDetailsChange, User.full_name)
            .join(User, col(User.id) == FactoryBankDetailsChange.changed_by_id, isouter=True)
            .where(FactoryBankDetailsChange.factory_id == factory_id)
            .order_by(col(FactoryBankDetailsChange.changed_at).desc(), col(FactoryBankDetailsChange.id).desc())
            .limit(20)
        ).all()
        return BankPage(
            is_owner=is_owner(db, factory_id, actor.id),
            owner_name=owner or "",
            licensed_names=licensed_names(db, factory_id),
            details=bank_details.for_factory(db, factory_id),
            updated_at=row.updated_at if row else None,
            history=[ChangeRow(c.changed_at, name or "", c.replaced_earlier) for c, name in changes],
        )


def check(actor: CurrentUser, form: dict[str, str]) -> BankDetails:
    """The details the owner typed, checked: owner, licence, every field, then the holder against the licence."""
    with session_scope() as db:
        factory = require_owner(db, actor)
        names = licensed_names(db, id_of(factory))
    if not names:
        raise NoApprovedLicence()
    errors: dict[str, str] = {}
    holder = str(form.get("account_holder", "") or "")
    if holder.strip() and not bank_details.holder_matches(holder, names):
        errors["account_holder"] = "err.bank_holder_not_licensed"  # said together with the other fields' errors
    try:
        details = bank_details.checked(form)
    except ValidationFailed as exc:
        raise ValidationFailed(errors | exc.field_errors) from exc
    if errors:
        raise ValidationFailed(errors)
    return details


def store(actor: CurrentUser, details: BankDetails) -> bool:
    """Save checked details (see `check`); True when they changed. One transaction with the history row
    and the notifications."""
    with session_scope() as db:
        factory = require_owner(db, actor)
        factory_id = id_of(factory)
        lock_factory(db, factory_id)  # two saves at once: one after the other, the second sees the first
        row = db.exec(select(FactoryBankDetails).where(FactoryBankDetails.factory_id == factory_id)).first()
        before = bank_details.for_factory(db, factory_id)
        if before == details:
            return False
        now = utcnow()
        row = row or FactoryBankDetails(
            factory_id=factory_id,
            account_holder="",
            bank_name="",
            account_number="",
            swift_bic="",
            bank_address="",
            currency="",
        )
        for name, value in details.as_dict().items():
            setattr(row, name, value)  # the dataclass's own fields, never names from the client
        row.updated_by_id, row.updated_at = actor.id, now
        db.add(row)
        db.add(
            FactoryBankDetailsChange(
                factory_id=factory_id,
                changed_by_id=actor.id,
                changed_at=now,
                replaced_earlier=before is not None,
                details=details.as_dict(),
            )
        )
        db.flush()
        if before is not None:
            _tell_about_change(db, factory, actor, now)
        return True


def _tell_about_change(db: Session, factory: Factory, actor: CurrentUser, when: datetime) -> None:
    open_orders = db.exec(
        select(SampleOrder).where(
            SampleOrder.factory_id == factory.id,
            SampleOrder.status == OrderStatus.AWAITING_PAYMENT.value,
            SampleOrder.payment_method == PaymentMethod.BANK_TRANSFER.value,
        )
    ).all()
    base = {"factory": factory.display_name_en, "factory_zh": factory.display_name_zh, "starts_at": when.isoformat()}
    for order in open_orders:
        buyer = db.get(User, order.buyer_id)
        if buyer is not None:
            payload = base | {"order_id": order.id, "reference": order.reference}
            notify(db, buyer, "order_bank_details_changed", payload, link=f"/orders/{order.id}", actor_id=actor.id)
    for member in members(db, id_of(factory)):
        notify(
            db,
            member,
            "bank_details_changed",
            base | {"by": actor.full_name},
            link="/dashboard/bank",
            actor_id=actor.id,
        )


async def save(actor: CurrentUser, form: dict[str, str], password: str, ip: str) -> bool:
    """Check the form, confirm it is the owner (password or fresh sign-in), then store; True when changed.

    The database work runs in threads and the password check on the CPU pool: nothing blocks the event loop.
    """
    details = await run_in_threadpool(check, actor, form)
    await reauth.confirm_identity(actor, password, ip)
    return await run_in_threadpool(store, actor, details)
