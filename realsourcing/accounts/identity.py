"""Who is asking: the acting user every service receives (resolved from the session by accounts.service)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from realsourcing.accounts.models import Role


@dataclass(frozen=True)
class CurrentUser:
    """Who is asking. Built on the server from the session row; never sent to the browser whole."""

    id: int
    email: str
    full_name: str
    company_name: str
    role: str
    language: str
    factory_id: int | None = None
    factory_role: str | None = None
    session_id: int | None = None
    timezone: str = "UTC"
    has_password: bool = True  # False: signs in through OIDC only (or the account was deleted)
    signed_up_at: datetime | None = None  # the account's creation (UTC)
    session_started_at: datetime | None = None  # this session's sign-in (UTC); None outside a session

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN.value

    @property
    def is_factory_member(self) -> bool:
        return self.factory_id is not None

    @property
    def is_buyer(self) -> bool:
        return self.role == Role.BUYER.value
