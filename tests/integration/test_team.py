"""The factory team against the real database: invitations, joining, roles, removal, who may do what."""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from realsourcing.accounts import email_sign_in
from realsourcing.accounts import service as accounts
from realsourcing.accounts.identity import CurrentUser
from realsourcing.accounts.models import Role, User
from realsourcing.core import idempotency
from realsourcing.core.errors import DomainError, NotFound, PermissionDenied, ValidationFailed
from realsourcing.db import session_scope, utcnow
from realsourcing.notifications.models import Notification, OutboxMessage
from realsourcing.profile import factories, team
from realsourcing.profile.models import FactoryInvite, FactoryMember
from realsourcing.profile.team import INVITE_KIND, INVITES_PER_DAY, InviteRefused, JoinForm, TooManyInvites
from tests.support.builders import PASSWORD, a_buyer, a_factory, a_team_member, an_email
from tests.support.coroutines import run_coroutine

INVITE_URL = re.compile(r"https?://\S+?/invite\?token=([\w\-]+)")


def invite(owner: CurrentUser, email: str, role: str = "staff", **kwargs) -> int:
    return team.invite(owner, email, role, key=idempotency.new_key(), **kwargs)


def invitations_to(address: str) -> list[OutboxMessage]:
    with session_scope() as db:
        return list(
            db.exec(
                select(OutboxMessage)
                .where(OutboxMessage.to_address == address, OutboxMessage.kind == INVITE_KIND)
                .order_by(col(OutboxMessage.id))
            ).all()
        )


def latest_token(address: str) -> str:
    found = INVITE_URL.search(invitations_to(address)[-1].body_text)
    assert found, "the invitation email holds no link"
    return found.group(1)


def join_by_sign_up(token: str, name: str = "New Colleague", password: str = PASSWORD, **kwargs):
    return run_coroutine(team.accept_with_sign_up(token, JoinForm(name, password), **kwargs))


def membership(user_id: int) -> tuple[int, str] | None:
    with session_scope() as db:
        row = db.exec(select(FactoryMember).where(FactoryMember.user_id == user_id)).first()
        return (row.factory_id, row.role) if row else None


def notifications_of(user_id: int, kind: str) -> list[Notification]:
    with session_scope() as db:
        return list(db.exec(select(Notification).where(Notification.user_id == user_id, Notification.kind == kind)))


# ---------------------------------------------------------------- inviting and joining


def test_a_new_person_joins_as_staff_through_the_emailed_link_and_a_short_sign_up():
    owner = a_factory(name="Ningbo Lights")
    email = an_email("staff")
    invite(owner, email, "staff")
    [mail] = invitations_to(email)
    assert mail.subject == "Factory Owner invited you to join Ningbo Lights on RealSourcing"
    assert "as Staff" in mail.body_text and "within 7 days" in mail.body_text
    assert mail.payload == {}  # the link is in the body only, never in a payload shown elsewhere
    token = latest_token(email)
    seen = team.preview(token, None)
    assert (seen.state, seen.email, seen.role, seen.has_account) == ("pending", email, "staff", False)
    member, session_token = join_by_sign_up(token, "Wang Fang")
    assert (member.factory_id, member.factory_role, member.full_name) == (owner.factory_id, "staff", "Wang Fang")
    assert accounts.resolve_session(session_token).factory_id == owner.factory_id  # signed in, in the team
    with session_scope() as db:
        assert db.get(User, member.id).role == Role.FACTORY.value
    [told] = notifications_of(owner.id, "team_invite_accepted")
    assert told.link == "/dashboard/team" and told.payload["name"] == "Wang Fang"
    assert team.preview(token, None).state == "accepted"
    with pytest.raises(InviteRefused):  # the link worked once
        join_by_sign_up(token, "Someone Else")


def test_the_invitation_is_written_in_the_invitees_language_when_known_else_the_inviters():
    owner = a_factory(name="Ningbo Lights")
    known = a_buyer(an_email("zh-reader"))
    accounts.set_language(known, "zh")
    invite(owner, known.email, language="en")
    assert invitations_to(known.email)[0].subject == "Factory Owner 邀请您加入 RealSourcing 上的 Ningbo Lights"
    unknown = an_email("nobody-yet")
    invite(owner, unknown, "owner", language="zh")
    [mail] = invitations_to(unknown)
    assert mail.language == "zh" and "以“所有者”身份" in mail.body_text


def test_an_existing_factory_account_without_a_factory_joins_signed_in():
    first = a_factory(name="First Works")
    person = a_team_member(first)
    team.remove_member(first, person.id)
    second = a_factory(name="Second Works")
    invite(second, person.email, "owner")
    token = latest_token(person.email)
    assert team.preview(token, person).refusal == ""
    joined = team.accept(person, token)
    assert (joined.factory_id, joined.factory_role) == (second.factory_id, "owner")
    assert membership(person.id) == (second.factory_id, "owner")


def test_signed_in_as_another_account_nothing_is_used_and_the_page_can_say_why():
    owner = a_factory()
    invited = an_email("invited")
    invite(owner, invited)
    token = latest_token(invited)
    someone = a_buyer(an_email("someone"))
    with pytest.raises(InviteRefused) as refused:
        team.accept(someone, token)
    assert refused.value.key == "err.team_invite_other_account" and refused.value.params == {"email": invited}
    assert team.preview(token, someone).state == "pending"  # still usable by the right person
    member, _ = join_by_sign_up(token)
    assert member.factory_id == owner.factory_id


def test_an_address_with_an_account_is_asked_to_log_in_not_to_sign_up():
    owner = a_factory()
    known = a_buyer(an_email("known"))
    invite(owner, known.email)
    token = latest_token(known.email)
    assert team.preview(token, None).has_account is True
    with pytest.raises(InviteRefused) as refused:
        join_by_sign_up(token)
    assert refused.value.key == "err.team_invite_log_in"


def test_a_person_belongs_to_one_factory_only():
    mine, theirs = a_factory(name="Mine"), a_factory(name="Theirs")
    invite(mine, theirs.email)
    token = latest_token(theirs.email)
    assert team.preview(token, theirs).refusal == "err.team_other_factory"
    with pytest.raises(InviteRefused) as refused:
        team.accept(theirs, token)
    assert refused.value.key == "err.team_other_factory"
    assert membership(theirs.id) == (theirs.factory_id, "owner")
    with pytest.raises(IntegrityError), session_scope() as db:  # and the database says so too
        db.add(FactoryMember(factory_id=mine.factory_id, user_id=theirs.id, role="staff"))
        db.flush()


def test_a_buyer_account_cannot_join_a_factory():
    owner = a_factory()
    buyer = a_buyer(an_email("buyer"))
    invite(owner, buyer.email)
    with pytest.raises(InviteRefused) as refused:
        team.accept(buyer, latest_token(buyer.email))
    assert refused.value.key == "err.team_buyer_account"
    assert membership(buyer.id) is None


def test_a_team_invitation_link_is_never_a_sign_up_or_sign_in_link():
    owner = a_factory()
    email = an_email("invited")
    invite(owner, email)
    token = latest_token(email)
    for purpose in ("team_invite", "signup", "sign_in"):
        with pytest.raises(email_sign_in.LinkRefused):
            email_sign_in.confirm_link(token, purpose)
    assert team.preview(token, None).state == "pending"


# ---------------------------------------------------------------- pending invitations


def test_a_revoked_invitation_stops_working_at_once():
    owner = a_factory()
    email = an_email("revoked")
    invite_id = invite(owner, email)
    token = latest_token(email)
    team.revoke(owner, invite_id)
    assert team.preview(token, None).state == "revoked"
    with pytest.raises(InviteRefused):
        join_by_sign_up(token)
    assert team.team_view(owner).invites == []
    with pytest.raises(DomainError) as closed:
        team.revoke(owner, invite_id)
    assert closed.value.key == "err.team_invite_closed"


def test_an_invitation_expires_after_seven_days_is_listed_as_expired_and_can_be_resent():
    owner = a_factory()
    email = an_email("late")
    invite_id = invite(owner, email)
    old_token = latest_token(email)
    later = utcnow() + timedelta(days=7, minutes=1)
    assert team.preview(old_token, None, now=later).state == "expired"
    with pytest.raises(InviteRefused):
        join_by_sign_up(old_token, now=later)
    [listed] = team.team_view(owner, now=later).invites
    assert (listed.id, listed.state) == (invite_id, "expired")
    assert invite(owner, email, now=later) != invite_id  # an expired invitation does not block a new one
    new_token = latest_token(email)
    assert team.preview(new_token, None, now=later).state == "pending"
    assert [i.state for i in team.team_view(owner, now=later).invites] == ["pending"]


def test_resending_sends_a_new_link_and_the_old_one_stops_working():
    owner = a_factory()
    email = an_email("resent")
    first = invite(owner, email)
    old_token = latest_token(email)
    second = team.resend(owner, first)
    assert second != first and len(invitations_to(email)) == 2
    assert team.preview(old_token, None).state == "replaced"
    member, _ = join_by_sign_up(latest_token(email))
    assert member.factory_id == owner.factory_id
    with pytest.raises(DomainError):  # accepted: nothing left to resend
        team.resend(owner, second)


def test_the_form_refuses_a_member_a_second_pending_invitation_and_bad_fields():
    owner = a_factory()
    with pytest.raises(ValidationFailed) as refused:
        invite(owner, "not an email", "boss")
    assert refused.value.field_errors == {"email": "err.email_invalid", "role": "err.team_role"}
    with pytest.raises(ValidationFailed) as refused:
        invite(owner, owner.email.upper())
    assert refused.value.field_errors == {"email": "err.team_already_member"}
    email = an_email("twice")
    invite(owner, email)
    with pytest.raises(ValidationFailed) as refused:
        invite(owner, email, "owner")
    assert refused.value.field_errors == {"email": "err.team_already_invited"}


def test_the_same_submit_twice_sends_one_invitation():
    owner = a_factory()
    email = an_email("double")
    key = idempotency.new_key()
    first = team.invite(owner, email, "staff", key=key)
    assert team.invite(owner, email, "staff", key=key) == first
    assert len(invitations_to(email)) == 1


def test_a_factory_sends_a_limited_number_of_invitations_a_day():
    owner = a_factory()
    sent = [invite(owner, an_email(f"n{i}")) for i in range(INVITES_PER_DAY - 1)]
    team.resend(owner, sent[0])  # resends count too
    with pytest.raises(TooManyInvites) as refused:
        invite(owner, an_email("one-too-many"))
    assert refused.value.params == {"limit": INVITES_PER_DAY}
    with pytest.raises(TooManyInvites):
        team.resend(owner, sent[1])
    tomorrow = utcnow() + timedelta(hours=24, minutes=1)
    assert invite(owner, an_email("next-day"), now=tomorrow)
    other = a_factory()  # the limit is per factory
    assert invite(other, an_email("elsewhere"))


# ---------------------------------------------------------------- who may do what


def test_staff_see_the_team_but_cannot_manage_it():
    owner = a_factory()
    staff = a_team_member(owner)
    invite_id = invite(owner, an_email("pending"))
    view = team.team_view(staff)
    assert view.is_owner is False and view.invites == []
    assert {(m.email, m.role) for m in view.members} == {(owner.email, "owner"), (staff.email, "staff")}
    for attempt in (
        lambda: invite(staff, an_email("by-staff")),
        lambda: team.resend(staff, invite_id),
        lambda: team.revoke(staff, invite_id),
        lambda: team.remove_member(staff, owner.id),
        lambda: team.change_role(staff, staff.id, "owner"),
    ):
        with pytest.raises(PermissionDenied) as refused:
            attempt()
        assert refused.value.key == "err.owner_only"
    assert membership(owner.id) == (owner.factory_id, "owner")


def test_staff_can_do_the_rest_of_the_dashboard():
    owner = a_factory(name="Shared Works")
    staff = a_team_member(owner)
    form = factories.profile_form(staff)
    factories.update_profile(staff, {**form, "about_en": "Written by staff", "categories": "electronics"})
    assert factories.profile_form(owner)["about_en"] == "Written by staff"
    assert factories.overview_for_member(staff).name_en == "Shared Works"


def test_another_factorys_owner_and_a_buyer_reach_nothing():
    owner = a_factory()
    staff = a_team_member(owner)
    invite_id = invite(owner, an_email("pending"))
    stranger = a_factory(name="Elsewhere")
    for attempt in (
        lambda: team.remove_member(stranger, staff.id),
        lambda: team.change_role(stranger, staff.id, "owner"),
        lambda: team.revoke(stranger, invite_id),
        lambda: team.resend(stranger, invite_id),
    ):
        with pytest.raises(NotFound):
            attempt()
    buyer = a_buyer(an_email("buyer"))
    for attempt in (
        lambda: invite(buyer, an_email("x")),
        lambda: team.remove_member(buyer, staff.id),
        lambda: team.team_view(buyer),
    ):
        with pytest.raises(PermissionDenied):
            attempt()
    assert membership(staff.id) == (owner.factory_id, "staff")


def test_the_last_owner_can_be_neither_removed_nor_made_staff():
    owner = a_factory()
    for attempt in (lambda: team.remove_member(owner, owner.id), lambda: team.change_role(owner, owner.id, "staff")):
        with pytest.raises(DomainError) as refused:
            attempt()
        assert refused.value.key == "err.team_last_owner"
    second = a_team_member(owner, "staff")
    team.change_role(owner, second.id, "owner")
    assert notifications_of(second.id, "team_role_changed")[0].payload["role"] == "Owner"
    team.change_role(second, owner.id, "staff")  # two owners: one may make the other staff
    with pytest.raises(DomainError) as refused:
        team.change_role(second, second.id, "staff")
    assert refused.value.key == "err.team_last_owner"
    with pytest.raises(PermissionDenied):  # the former owner is staff now, on their very next call
        team.remove_member(owner, second.id)


def test_a_removed_member_loses_access_at_once_and_is_told():
    owner = a_factory(name="Closing Doors")
    staff = a_team_member(owner)
    still_signed_in_as = staff  # what a tab resolved before the removal (factory_id still set)
    assert factories.overview_for_member(still_signed_in_as)
    team.remove_member(owner, staff.id)
    with pytest.raises(PermissionDenied):
        factories.overview_for_member(still_signed_in_as)
    with pytest.raises(PermissionDenied):
        factories.profile_form(still_signed_in_as)
    [told] = notifications_of(staff.id, "team_removed")
    assert told.payload["factory"] == "Closing Doors" and told.link == "/factories"
    assert membership(staff.id) is None
    assert {m.email for m in team.team_view(owner).members} == {owner.email}


def test_removing_someone_not_in_the_team_is_not_found():
    owner = a_factory()
    with pytest.raises(NotFound):
        team.remove_member(owner, a_buyer(an_email("outsider")).id)
    with session_scope() as db:
        assert db.exec(select(FactoryInvite).where(FactoryInvite.factory_id == owner.factory_id)).first() is None


def test_a_join_form_with_bad_fields_uses_nothing():
    owner = a_factory()
    email = an_email("careful")
    invite(owner, email)
    token = latest_token(email)
    with pytest.raises(ValidationFailed) as refused:
        join_by_sign_up(token, "A", "short")
    assert set(refused.value.field_errors) == {"full_name", "password"}
    assert team.preview(token, None).state == "pending"
    assert parse_qs(urlsplit(team.invite_url(token)).query)["token"] == [token]
