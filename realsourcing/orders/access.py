"""Who may see and act on an order: its buyer and the members of its factory; nobody else."""

from __future__ import annotations

from sqlmodel import Session

from realsourcing.accounts.identity import CurrentUser
from realsourcing.core.errors import NotFound, PermissionDenied
from realsourcing.orders.lifecycle import Side
from realsourcing.orders.models import SampleOrder
from realsourcing.orders.row_ids import row_id
from realsourcing.profile.membership import is_member


def order_for(db: Session, actor: CurrentUser, order_id: int) -> tuple[SampleOrder, Side]:
    """The order and the side the actor is on (NotFound, or PermissionDenied for anyone else)."""
    order = db.get(SampleOrder, order_id) if row_id(order_id) is not None else None
    if order is None:
        raise NotFound()
    if is_member(db, order.factory_id, actor.id):
        return order, Side.FACTORY
    if order.buyer_id == actor.id:
        return order, Side.BUYER
    raise PermissionDenied()
