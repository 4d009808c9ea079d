"""No account can exist with an email nobody proved: each path that creates or moves an account, tested.

That is why there is no `email_verified` column and booking, ordering and messaging need no gate
(README: "Every account's email is verified"). A new path that creates users must join this list.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from sqlmodel import select

from realsourcing.accounts import email_sign_in
from realsourcing.accounts import service as accounts
from realsourcing.accounts.models import OidcIdentity, User
from realsourcing.accounts.service import SignUpForm
from realsourcing.db import session_scope
from realsourcing.seed import ADMIN, BUYERS, FACTORIES
from tests.integration.test_account_changes import an_ip, emails_to, token_in
from tests.support.builders import PASSWORD, an_email
from tests.support.coroutines import run_coroutine

PACKAGE = Path(__file__).resolve().parents[2] / "realsourcing"
ISSUER = "https://id.example.com"

# Where the application builds a User row or calls the functions that do, and why each is safe.
ACCOUNT_MAKERS = {
    ("accounts/service.py", "create_account"),  # only from a used sign-up link (below) and `sign_up`
    ("accounts/service.py", "sign_up"),  # scripts and tests: no module of the application calls it
    ("accounts/service.py", "sign_in_with_oidc"),  # only with the provider's email_verified == True
    ("accounts/email_sign_in.py", "_account_for_link"),  # the emailed sign-up link: the mailbox answered
    ("profile/team.py", "_create_and_join"),  # a team invitation's one-time link, sent to that mailbox
    ("seed.py", "seed_demo_data"),  # demo accounts at example.com (RFC 2606: nobody's mailbox), empty DB only
    ("seed.py", "_seed_factory"),
}


def _makers() -> set[tuple[str, str]]:
    found = set()
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text())
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.Call):
                    name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                    if name in {"User", "create_account", "sign_up"}:
                        found.add((str(path.relative_to(PACKAGE)), function.name))
    return found


def test_only_the_known_paths_create_accounts():
    assert _makers() == ACCOUNT_MAKERS


def test_the_sign_up_form_creates_the_account_only_from_the_link_sent_to_its_address():
    email = an_email("proven")
    form = SignUpForm(email=email, password=PASSWORD, full_name="Proven Person")
    run_coroutine(email_sign_in.request_sign_up(form, an_ip()))
    with session_scope() as db:
        assert db.exec(select(User).where(User.email == email)).first() is None
    user, _ = email_sign_in.confirm_link(token_in(emails_to(email, "signup_confirm")[0]), "signup")
    assert user.email == email


@pytest.mark.parametrize("verified", [False, "true", None])
def test_oidc_creates_no_account_for_an_email_the_provider_did_not_verify(verified):
    email = an_email("unverified")
    claims = {"sub": "u-" + email, "email": email}
    if verified is not None:
        claims["email_verified"] = verified
    with pytest.raises(accounts.OidcRefused):
        accounts.sign_in_with_oidc(ISSUER, claims)
    with session_scope() as db:
        assert db.exec(select(User).where(User.email == email)).first() is None
        assert db.exec(select(OidcIdentity).where(OidcIdentity.subject == "u-" + email)).first() is None


def test_oidc_creates_an_account_for_a_verified_email():
    email = an_email("verified")
    user, _ = accounts.sign_in_with_oidc(ISSUER, {"sub": "v-" + email, "email": email, "email_verified": True})
    assert user.email == email


def test_the_demo_accounts_use_reserved_example_addresses():
    demo = [ADMIN[0], *(b[0] for b in BUYERS), *(f"owner@{f.slug}.example.com" for f in FACTORIES)]
    assert all(address.endswith("example.com") for address in demo)
    with session_scope() as db:
        assert set(demo) <= set(db.exec(select(User.email)).all())
