"""Linking OpenID Connect identities to accounts (the HTTP round trip is in tests/e2e)."""

import pytest
from sqlmodel import select

from realsourcing.accounts import service as accounts
from realsourcing.accounts.models import OidcIdentity, User
from realsourcing.accounts.service import OidcRefused, SignUpForm
from realsourcing.db import session_scope
from tests.support.builders import PASSWORD

ISSUER = "https://id.example"


def test_new_verified_email_creates_a_buyer_without_a_password(unique_email):
    email = unique_email("sso")
    user, token = accounts.sign_in_with_oidc(
        ISSUER, {"sub": "abc-" + email, "email": email, "email_verified": True, "name": "Sam Sso"}
    )
    assert user.email == email and user.is_buyer and user.full_name == "Sam Sso"
    assert accounts.resolve_session(token).id == user.id
    with session_scope() as db:
        assert db.get(User, user.id).password_hash is None


def test_verified_email_links_to_the_existing_account(unique_email):
    email = unique_email("existing")
    existing = accounts.sign_up(SignUpForm(email=email, password=PASSWORD, full_name="Has Password"))
    user, _ = accounts.sign_in_with_oidc(
        ISSUER, {"sub": "sub-" + email, "email": email.upper(), "email_verified": True}
    )
    assert user.id == existing.id
    # Later sign-ins find the identity by (issuer, sub), even if the provider's email changed.
    again, _ = accounts.sign_in_with_oidc(
        ISSUER, {"sub": "sub-" + email, "email": "changed@example.com", "email_verified": True}
    )
    assert again.id == existing.id
    with session_scope() as db:
        assert len(db.exec(select(OidcIdentity).where(OidcIdentity.user_id == existing.id)).all()) == 1


def test_unverified_email_never_takes_over_an_account(unique_email):
    email = unique_email("target")
    accounts.sign_up(SignUpForm(email=email, password=PASSWORD, full_name="Target"))
    with pytest.raises(OidcRefused) as refused:
        accounts.sign_in_with_oidc(ISSUER, {"sub": "attacker", "email": email, "email_verified": False})
    assert refused.value.key == "err.oidc_email_unverified"
    with pytest.raises(OidcRefused):
        accounts.sign_in_with_oidc(ISSUER, {"sub": "attacker2", "email": email, "email_verified": "true"})


def test_identity_without_email_or_subject_is_refused():
    with pytest.raises(OidcRefused):
        accounts.sign_in_with_oidc(ISSUER, {"sub": "no-email"})
    with pytest.raises(OidcRefused):
        accounts.sign_in_with_oidc(ISSUER, {"email": "x@example.com", "email_verified": True})
