"""The factory's team: owners invite people by email, change their role, remove them.

Rules (the pure ones are in team_rules.py):
- Only an owner manages the team (require_owner); staff see who is in it, nothing more.
- An invitation names an address and a role (owner or staff). Its email holds a one-time link
  (accounts/one_time_links.py, purpose team_invite) valid INVITE_TTL, written in the invitee's language
  when the address has an account, else the inviter's. A factory sends at most INVITES_PER_DAY
  invitation emails (first sends and resends) in any 24 hours. An address already in the team, or with
  an unexpired pending invitation, is refused at the form.
- Resending replaces the invitation with a new one (new link, new expiry; the old link stops working);
  revoking withdraws it. Accepted invitations are closed for good.
- Opening the link only shows the invitation; accepting uses it. Signed in with the invited address:
  that account joins. No account for the address: a short sign-up (name, password) creates a factory
  account (the link proved the mailbox) that joins. Signed in as someone else, or the address has an
  account but is not signed in: nothing is used, the page says what to do.
- One factory per person (team_rules.join_refusal; a unique index on factory_members.user_id is the
  last word when two acceptances race).
- The last owner can be neither removed nor made staff. Team changes take the factory's lock row first
  (profile/storage.lock_factory), so two owners demoting each other at once cannot leave none.
- A removed member loses access at their next request: every service asks membership.py, which
  reads the database, never the session. The owners are told when an invitation is accepted; a
  removed member, and a member whose role changed, are told too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlencode

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select
from starlette.concurrency import run_in_threadpool

from realsourcing.accounts import one_time_links
from realsourcing.accounts.email_address import normalize_email
from realsourcing.accounts.identity import CurrentUser
from realsourcing.accounts.models import LinkPurpose, Role, User
from realsourcing.accounts.passwords import hash_password, password_problem
from realsourcing.accounts.service import _clean_name, _load_current_user, create_session
from realsourcing.config import get_settings
from realsourcing.core import i18n, idempotency
from realsourcing.core.errors import DomainError, NotFound, ValidationFailed
from realsourcing.core.offload import run_cpu
from realsourcing.db import get_existing, id_of, session_scope, utcnow
from realsourcing.notifications.models import OutboxMessage
from realsourcing.notifications.service import notify, render
from realsourcing.profile.membership import require_member, require_owner, role_of, team
from realsourcing.profile.models import Factory, FactoryInvite, FactoryMember, InviteStatus, MemberRole
from realsourcing.profile.storage import lock_factory
from realsourcing.profile.team_rules import ROLES, invite_state, join_refusal, last_owner_refusal

INVITE_PATH = "/invite"
INVITE_TTL = timedelta(days=7)
INVITES_PER_DAY = 20  # invitation emails (first sends and resends) one factory may send in 24 hours
INVITE_KIND = "team_invite"  # the idempotency kind and the email's template

ROLE_NAMES = {
    MemberRole.OWNER.value: {"en": "Owner", "zh": "所有者"},
    MemberRole.STAFF.value: {"en": "Staff", "zh": "员工"},
}


class InviteRefused(DomainError):
    """The invitation cannot be accepted here and now (the key says why; nothing was used)."""


class TooManyInvites(DomainError):
    def __init__(self, limit: int) -> None:
        super().__init__("err.team_invites_per_day", limit=limit)


# ---------------------------------------------------------------- what the team page shows


@dataclass(frozen=True)
class MemberView:
    user_id: int
    name: str
    email: str
    role: str
    is_you: bool


@dataclass(frozen=True)
class InviteView:
    id: int
    email: str
    role: str
    state: str  # pending | expired
    sent_at: datetime
    expires_at: datetime
    invited_by: str


@dataclass(frozen=True)
class TeamView:
    is_owner: bool
    members: list[MemberView]
    invites: list[InviteView]  # open invitations (pending or expired), newest first; owners only


def team_view(actor: CurrentUser, now: datetime | None = None) -> TeamView:
    """The actor's team: every member sees who is in it; owners also see the open invitations."""
    now = now or utcnow()
    with session_scope() as db:
        factory_id = id_of(require_member(db, actor))
        is_owner = role_of(db, factory_id, actor.id) == MemberRole.OWNER.value
        members = [
            MemberView(id_of(user), user.full_name, user.email, role, user.id == actor.id)
            for user, role in team(db, factory_id)
        ]
        invites: list[InviteView] = []
        if is_owner:
            rows = db.exec(
                select(FactoryInvite, User.full_name)
                .join(User, col(User.id) == FactoryInvite.invited_by_id)
                .where(FactoryInvite.factory_id == factory_id, FactoryInvite.status == InviteStatus.PENDING.value)
                .order_by(col(FactoryInvite.created_at).desc(), col(FactoryInvite.id).desc())
            ).all()
            invites = [
                InviteView(
                    id_of(invite),
                    invite.email,
                    invite.role,
                    invite_state(invite.status, invite.expires_at, now),
                    invite.created_at,
                    invite.expires_at,
                    inviter,
                )
                for invite, inviter in rows
            ]
        return TeamView(is_owner, members, invites)


# ---------------------------------------------------------------- inviting


def invite_url(token: str) -> str:
    return f"{get_settings().app_url}{INVITE_PATH}?{urlencode({'token': token})}"


def _sent_today(db: Session, factory_id: int, now: datetime) -> int:
    return db.exec(
        select(func.count()).where(
            FactoryInvite.factory_id == factory_id, FactoryInvite.created_at > now - timedelta(hours=24)
        )
    ).one()


def _factory_names(factory: Factory) -> dict[str, str]:
    return {"factory": factory.display_name_en, "factory_zh": factory.display_name_zh or factory.display_name_en}


def _send(
    db: Session, factory: Factory, inviter: User, email: str, role: str, language: str, now: datetime
) -> FactoryInvite:
    """A new pending invitation with its link, and its email in the outbox (the caller's transaction)."""
    if _sent_today(db, id_of(factory), now) >= INVITES_PER_DAY:
        raise TooManyInvites(INVITES_PER_DAY)
    known = db.exec(select(User).where(User.email == email)).first()
    language = i18n.supported(known.language if known is not None else language)
    invite = FactoryInvite(
        factory_id=id_of(factory),
        email=email,
        role=role,
        invited_by_id=id_of(inviter),
        language=language,
        created_at=now,
        expires_at=now + INVITE_TTL,
    )
    db.add(invite)
    db.flush()
    token = one_time_links.issue(
        db, LinkPurpose.TEAM_INVITE, email, now=now, payload={"invite_id": id_of(invite)}, ttl=INVITE_TTL
    )
    db.flush()
    link = one_time_links.find(db, token, LinkPurpose.TEAM_INVITE)
    invite.link_id = id_of(link) if link is not None else None
    db.add(invite)
    values = {
        **_factory_names(factory),
        "inviter": inviter.full_name,
        "role": ROLE_NAMES[role]["en"],
        "role_zh": ROLE_NAMES[role]["zh"],
        "link": invite_url(token),
        "days": INVITE_TTL.days,
    }
    subject, body = render(INVITE_KIND, language, values)
    # No in-app notification and no payload: the body holds the link (see notifications.EMAIL_ONLY).
    db.add(
        OutboxMessage(
            user_id=known.id if known is not None else None,
            to_address=email,
            kind=INVITE_KIND,
            language=language,
            payload={},
            subject=subject[:300],
            body_text=body,
        )
    )
    return invite


@idempotency.once(INVITE_KIND)
def invite(
    actor: CurrentUser, email: str, role: str, *, key: str, language: str = "", now: datetime | None = None
) -> int:
    """Invite `email` as `role` to the actor's factory (owners only); the invitation's id.

    `language` is the inviter's, used when the address has no account. Raises ValidationFailed
    (email, role), TooManyInvites, PermissionDenied.
    """
    errors: dict[str, str] = {}
    try:
        email = normalize_email(email)
    except ValidationFailed as exc:
        errors.update(exc.field_errors)
    if role not in ROLES:
        errors["role"] = "err.team_role"
    if errors:
        raise ValidationFailed(errors)
    now = now or utcnow()
    with session_scope() as db:
        factory = require_owner(db, actor)
        factory_id = id_of(factory)
        lock_factory(db, factory_id)
        if any(user.email == email for user, _role in team(db, factory_id)):
            raise ValidationFailed({"email": "err.team_already_member"})
        open_invites = db.exec(
            select(FactoryInvite).where(
                FactoryInvite.factory_id == factory_id,
                FactoryInvite.email == email,
                FactoryInvite.status == InviteStatus.PENDING.value,
            )
        ).all()
        if any(invite_state(i.status, i.expires_at, now) == InviteStatus.PENDING.value for i in open_invites):
            raise ValidationFailed({"email": "err.team_already_invited"})
        inviter = get_existing(db, User, actor.id)
        made = _send(db, factory, inviter, email, role, language or actor.language, now)
        for old in open_invites:  # expired invitations of the address give way to the new one
            _close(db, old, InviteStatus.REPLACED, now)
        idempotency.remember(db, id_of(made))
        return id_of(made)


def _close(db: Session, invitation: FactoryInvite, status: InviteStatus, now: datetime) -> None:
    one_time_links.withdraw_link(db, invitation.link_id, now)
    invitation.status = status.value
    invitation.closed_at = now
    db.add(invitation)


def _open_invite(db: Session, factory_id: int, invite_id: int) -> FactoryInvite:
    invitation = db.get(FactoryInvite, invite_id)
    if invitation is None or invitation.factory_id != factory_id:
        raise NotFound()
    if invitation.status != InviteStatus.PENDING.value:
        raise DomainError("err.team_invite_closed")
    return invitation


def resend(actor: CurrentUser, invite_id: int, language: str = "", now: datetime | None = None) -> int:
    """Send a pending or expired invitation again, with a new link and expiry; the new invitation's id."""
    now = now or utcnow()
    with session_scope() as db:
        factory = require_owner(db, actor)
        lock_factory(db, id_of(factory))
        old = _open_invite(db, id_of(factory), invite_id)
        inviter = get_existing(db, User, actor.id)
        made = _send(db, factory, inviter, old.email, old.role, language or old.language, now)
        _close(db, old, InviteStatus.REPLACED, now)
        return id_of(made)


def revoke(actor: CurrentUser, invite_id: int, now: datetime | None = None) -> None:
    """Withdraw a pending (or expired) invitation: its link stops working at once."""
    now = now or utcnow()
    with session_scope() as db:
        factory = require_owner(db, actor)
        _close(db, _open_invite(db, id_of(factory), invite_id), InviteStatus.REVOKED, now)


# ---------------------------------------------------------------- members


def _member_row(db: Session, factory_id: int, user_id: int) -> FactoryMember:
    row = db.exec(
        select(FactoryMember).where(FactoryMember.factory_id == factory_id, FactoryMember.user_id == user_id)
    ).first()
    if row is None:
        raise NotFound()
    return row


def _roles(db: Session, factory_id: int) -> list[tuple[int, str]]:
    return [(id_of(user), role) for user, role in team(db, factory_id)]


def remove_member(actor: CurrentUser, user_id: int) -> None:
    """Take a member off the team (owners only; never the last owner). They are told."""
    with session_scope() as db:
        factory = require_owner(db, actor)
        factory_id = id_of(factory)
        lock_factory(db, factory_id)
        row = _member_row(db, factory_id, user_id)
        if refusal := last_owner_refusal(_roles(db, factory_id), user_id, None):
            raise DomainError(refusal)
        db.delete(row)
        removed = get_existing(db, User, user_id)
        notify(
            db,
            removed,
            "team_removed",
            {**_factory_names(factory), "by": actor.full_name},
            link="/factories",
            actor_id=actor.id,
        )


def change_role(actor: CurrentUser, user_id: int, role: str) -> None:
    """Make a member owner or staff (owners only; the last owner stays owner). They are told."""
    if role not in ROLES:
        raise ValidationFailed({"role": "err.team_role"})
    with session_scope() as db:
        factory = require_owner(db, actor)
        factory_id = id_of(factory)
        lock_factory(db, factory_id)
        row = _member_row(db, factory_id, user_id)
        if row.role == role:
            return
        if refusal := last_owner_refusal(_roles(db, factory_id), user_id, role):
            raise DomainError(refusal)
        row.role = role
        db.add(row)
        values = {**_factory_names(factory), "by": actor.full_name, "role": ROLE_NAMES[role]["en"]}
        values["role_zh"] = ROLE_NAMES[role]["zh"]
        notify(db, get_existing(db, User, user_id), "team_role_changed", values, link="/dashboard", actor_id=actor.id)


# ---------------------------------------------------------------- accepting


@dataclass(frozen=True)
class InvitePreview:
    """What the invitation page shows before anything is used."""

    state: str  # pending | expired | accepted | revoked | replaced | unknown
    email: str = ""
    role: str = ""
    factory_en: str = ""
    factory_zh: str = ""
    inviter: str = ""
    has_account: bool = False
    refusal: str = ""  # for the signed-in viewer with the invited address: why they cannot join (a key)


def _invite_of(db: Session, token: str | None) -> tuple[FactoryInvite | None, int | None]:
    """The invitation a token's link names (any state), and the link's id."""
    link = one_time_links.find(db, token, LinkPurpose.TEAM_INVITE)
    if link is None:
        return None, None
    invitation = db.get(FactoryInvite, int(link.payload.get("invite_id") or 0))
    if invitation is None or invitation.link_id != link.id:
        return None, link.id
    return invitation, link.id


def preview(token: str | None, viewer: CurrentUser | None, now: datetime | None = None) -> InvitePreview:
    """What the invitation would do for this viewer (signed in or not), without using it."""
    now = now or utcnow()
    with session_scope() as db:
        invitation, _link_id = _invite_of(db, token)
        if invitation is None:
            return InvitePreview("unknown")
        factory = get_existing(db, Factory, invitation.factory_id)
        inviter = get_existing(db, User, invitation.invited_by_id)
        account = db.exec(select(User).where(User.email == invitation.email)).first()
        refusal = ""
        if viewer is not None and viewer.email == invitation.email:
            refusal = _refusal_for(db, get_existing(db, User, viewer.id), invitation.factory_id) or ""
        return InvitePreview(
            state=invite_state(invitation.status, invitation.expires_at, now),
            email=invitation.email,
            role=invitation.role,
            factory_en=factory.display_name_en,
            factory_zh=factory.display_name_zh or factory.display_name_en,
            inviter=inviter.full_name,
            has_account=account is not None,
            refusal=refusal,
        )


def _refusal_for(db: Session, user: User, factory_id: int) -> str | None:
    current = db.exec(select(FactoryMember.factory_id).where(FactoryMember.user_id == id_of(user))).first()
    return join_refusal(user.role, current, factory_id)


def _usable_invite(db: Session, token: str | None, now: datetime) -> FactoryInvite:
    invitation, _link_id = _invite_of(db, token)
    if invitation is None or invite_state(invitation.status, invitation.expires_at, now) != InviteStatus.PENDING.value:
        raise InviteRefused("err.team_invite_unusable")
    return invitation


def _join(db: Session, invitation: FactoryInvite, user: User, token: str | None, now: datetime) -> None:
    """Use the link and add the user to the team (the caller checked who they are); owners are told."""
    if one_time_links.claim(db, token, LinkPurpose.TEAM_INVITE, now) is None:
        raise InviteRefused("err.team_invite_unusable")
    user_id = id_of(user)
    db.add(FactoryMember(factory_id=invitation.factory_id, user_id=user_id, role=invitation.role))
    if user.role != Role.FACTORY.value:
        user.role = Role.FACTORY.value
        db.add(user)
    invitation.status = InviteStatus.ACCEPTED.value
    invitation.accepted_by_id = user_id
    invitation.closed_at = now
    db.add(invitation)
    try:
        db.flush()
    except IntegrityError:  # a second membership raced in (one factory per person)
        raise InviteRefused("err.team_other_factory") from None
    factory = get_existing(db, Factory, invitation.factory_id)
    values = {
        **_factory_names(factory),
        "name": user.full_name,
        "email": user.email,
        "role": ROLE_NAMES[invitation.role]["en"],
        "role_zh": ROLE_NAMES[invitation.role]["zh"],
    }
    for owner, role in team(db, invitation.factory_id):
        if role == MemberRole.OWNER.value:
            notify(db, owner, "team_invite_accepted", values, link="/dashboard/team", actor_id=user_id)


def accept(actor: CurrentUser, token: str | None, now: datetime | None = None) -> CurrentUser:
    """The signed-in actor accepts: they join when the invitation is for their address. The actor, as now."""
    now = now or utcnow()
    with session_scope() as db:
        invitation = _usable_invite(db, token, now)
        lock_factory(db, invitation.factory_id)
        if actor.email != invitation.email:
            raise InviteRefused("err.team_invite_other_account", email=invitation.email)
        user = get_existing(db, User, actor.id)
        if refusal := _refusal_for(db, user, invitation.factory_id):
            raise InviteRefused(refusal)
        _join(db, invitation, user, token, now)
    return _load_current_user(actor.id)


@dataclass(frozen=True)
class JoinForm:
    full_name: str
    password: str


def _check_join_form(form: JoinForm, email: str) -> JoinForm:
    errors: dict[str, str] = {}
    name = _clean_name(form.full_name, 120)
    if len(name) < 2:
        errors["full_name"] = "err.name_required"
    if problem := password_problem(form.password, email):
        errors["password"] = problem
    if errors:
        raise ValidationFailed(errors)
    return JoinForm(name, form.password)


def _invited_email(token: str | None, now: datetime) -> str:
    with session_scope() as db:
        return _usable_invite(db, token, now).email


def _create_and_join(token: str | None, form: JoinForm, password_hash: str, now: datetime) -> int:
    with session_scope() as db:
        invitation = _usable_invite(db, token, now)
        lock_factory(db, invitation.factory_id)
        if db.exec(select(User.id).where(User.email == invitation.email)).first() is not None:
            raise InviteRefused("err.team_invite_log_in")  # an account appeared meanwhile: log in to accept
        user = User(
            email=invitation.email,
            password_hash=password_hash,
            full_name=form.full_name,
            role=Role.FACTORY.value,
            language=invitation.language,
        )
        db.add(user)
        db.flush()
        _join(db, invitation, user, token, now)
        return id_of(user)


async def accept_with_sign_up(
    token: str | None, form: JoinForm, ip: str = "", user_agent: str = "", now: datetime | None = None
) -> tuple[CurrentUser, str]:
    """No account for the invited address: create one (the link proved the mailbox) that joins the team.

    The new user and a session token for this browser. Raises ValidationFailed (full_name, password)
    or InviteRefused. The database work runs in threads, the password hash on the CPU pool.
    """
    now = now or utcnow()
    email = await run_in_threadpool(_invited_email, token, now)
    form = _check_join_form(form, email)
    password_hash = await run_cpu(hash_password, form.password)
    user_id = await run_in_threadpool(_create_and_join, token, form, password_hash, now)
    session_token = await run_in_threadpool(create_session, user_id, ip=ip, user_agent=user_agent, method="invite")
    return await run_in_threadpool(_load_current_user, user_id), session_token
