"""Exactly once from the browser: a create carries a key, and the same key never creates twice.

Rules:
- A form takes its key when it opens (`FormKey`, held in a backend-only state var) and sends it with
  every submit; a double click, or a retry after an answer that never arrived, repeats the key. The
  key is kept until something is created with it: a tab reconnecting after a server restart runs the
  page's on_load again and must still find the first result. After a create, the next opening of the
  form takes a new key (not the create's own handler: a double click's second event, queued behind the
  first, must still carry the first key).
- A key is an opaque token of 16-64 characters from [A-Za-z0-9_-]; anything else is refused
  (`StaleForm`). It means nothing but "the same submit" and belongs to (actor, kind): the same token
  from another user, or for another kind of create, is another key.
- The create stores (actor, kind, key) -> the id it made in the same transaction as that row
  (`remember`), so either both exist or neither; a unique constraint on (actor, kind, key) refuses a
  twin that got past the first look while the first was still running.
- `once(kind)` wraps a service's create: a repeated key answers with the first result before anything
  runs; if the create fails and meanwhile a twin with the same key has committed (the unique
  constraint, a slot the twin took, ...), the twin's result is the answer.

Adding a create: decorate the service function with `@once(KIND)` (it takes `actor` and `key`) and call
`remember(db, new_id)` in its transaction; in the page state, a `_key: FormKey = FormKey()` var,
`self._key = self._key.opened(<the form's URL>)` in on_load, `key=self._key.key` to the service and
`self._key = self._key.used_for(new_id)` after it.

A form whose create's answer is a page of its own (the new product, the webinar list) can also close the
gap of an answer lost on the way: `unanswered(form)` is what its key made while the browser has not yet
shown that page — a tab reconnecting to the form after a create runs on_load there, and is sent to the
result instead of a fresh form that would create a twin; the result's page calls `answered()`, and the
next opening takes a new key.
"""

from __future__ import annotations

import functools
import inspect
import re
import secrets
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import ParamSpec

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, Session, SQLModel, select

from realsourcing.core.columns import created_at_field
from realsourcing.core.errors import DomainError
from realsourcing.db import session_scope

KEY_PATTERN = re.compile(r"[A-Za-z0-9_-]{16,64}")
KIND_PATTERN = re.compile(r"[a-z_]{1,40}")

P = ParamSpec("P")


class IdempotencyKey(SQLModel, table=True):
    """One create, by its key: what it made (the id of the row, in the table its kind names)."""

    __tablename__ = "idempotency_keys"
    __table_args__ = (UniqueConstraint("actor_id", "kind", "key", name="uq_idempotency_key"),)

    id: int | None = Field(default=None, primary_key=True)
    actor_id: int = Field(foreign_key="users.id")
    kind: str = Field(max_length=40)
    key: str = Field(max_length=64)
    result_id: int
    created_at: datetime = created_at_field()


class StaleForm(DomainError):
    """The submit carried no usable key (the form's state was lost): the form must be opened again."""

    def __init__(self) -> None:
        super().__init__("err.form_expired")


def new_key() -> str:
    """A fresh key for a form that has just opened (32 URL-safe characters)."""
    return secrets.token_urlsafe(24)


@dataclass(frozen=True)
class FormKey:
    """The key of one form as its page state holds it: for which form (its URL), and what it created."""

    key: str = ""
    form: str = ""
    result_id: int = 0  # 0: nothing created with this key yet

    def opened(self, form: str) -> FormKey:
        """The key for an opening of `form`: this one while it has created nothing on the same form, else a new one."""
        if self.key and self.form == form and not self.result_id:
            return self
        return FormKey(new_key(), form)

    def used_for(self, result_id: int) -> FormKey:
        """After a create: repeats of this submit keep sending this key; the next opening takes a new one."""
        return replace(self, result_id=result_id)

    def unanswered(self, form: str) -> int:
        """What this key created on `form` whose answer the browser has not shown yet (see `answered`); 0: none."""
        return self.result_id if self.form == form else 0

    def answered(self) -> FormKey:
        """The browser shows what this key created: the form's next opening takes a new key."""
        return FormKey() if self.result_id else self


def checked(key: object) -> str:
    if not isinstance(key, str) or not KEY_PATTERN.fullmatch(key):
        raise StaleForm()
    return key


def result_of(actor_id: int, kind: str, key: str) -> int | None:
    """What the create with this key made, if it has committed."""
    with session_scope() as db:
        return db.exec(
            select(IdempotencyKey.result_id).where(
                IdempotencyKey.actor_id == actor_id, IdempotencyKey.kind == kind, IdempotencyKey.key == key
            )
        ).first()


@dataclass
class _Pending:
    actor_id: int
    kind: str
    key: str
    remembered: list[int] = field(default_factory=list)


_pending: ContextVar[_Pending | None] = ContextVar("idempotency_pending", default=None)


def remember(db: Session, result_id: int) -> None:
    """Inside a create wrapped by `once`: store its key -> result_id in the create's own transaction.

    Flushed at once, so a twin that committed the same key first fails here (unique constraint).
    """
    pending = _pending.get()
    if pending is None:
        raise RuntimeError("idempotency.remember() outside a create wrapped by idempotency.once()")
    db.add(IdempotencyKey(actor_id=pending.actor_id, kind=pending.kind, key=pending.key, result_id=result_id))
    db.flush()
    pending.remembered.append(result_id)


def once(kind: str) -> Callable[[Callable[P, int]], Callable[P, int]]:
    """Make a service's create answer a repeated key with its first result (see the module's rules).

    The create takes the acting user as `actor` and the form's key as `key`, returns the new row's id
    and calls `remember(db, id)` in the transaction that makes the row.
    """
    if not KIND_PATTERN.fullmatch(kind):
        raise ValueError(f"idempotency kind {kind!r}: 1-40 of [a-z_]")

    def decorate(create: Callable[P, int]) -> Callable[P, int]:
        signature = inspect.signature(create)
        if not {"actor", "key"} <= signature.parameters.keys():
            raise TypeError(f"{create.__qualname__} must take `actor` and `key` to be made idempotent")

        @functools.wraps(create)
        def run(*args: P.args, **kwargs: P.kwargs) -> int:
            call = signature.bind(*args, **kwargs)
            actor_id, key = int(call.arguments["actor"].id), checked(call.arguments["key"])
            first = result_of(actor_id, kind, key)
            if first is not None:
                return first
            pending = _Pending(actor_id, kind, key)
            token = _pending.set(pending)
            try:
                made = create(*args, **kwargs)
            except Exception:
                first = result_of(actor_id, kind, key)
                if first is not None:  # a twin with this key committed while this one ran
                    return first
                raise
            finally:
                _pending.reset(token)
            if pending.remembered != [made]:
                raise RuntimeError(f"{create.__qualname__} returned {made} but remembered {pending.remembered}")
            return made

        return run

    return decorate
