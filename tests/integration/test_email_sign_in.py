"""Sign-up by emailed link, one-time sign-in links, and no lock-out, against the real database."""

from __future__ import annotations

import hashlib
import threading
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlmodel import select
from starlette.testclient import TestClient

from realsourcing.accounts import email_sign_in, one_time_links, session_exchange
from realsourcing.accounts import service as accounts
from realsourcing.accounts.models import LinkPurpose, OneTimeLink, User
from realsourcing.accounts.passwords import verify_password
from realsourcing.accounts.service import SignUpForm
from realsourcing.api import make_api
from realsourcing.config import get_settings
from realsourcing.core.errors import TooManyAttempts, ValidationFailed
from realsourcing.db import session_scope, utcnow
from realsourcing.notifications import service as notifications
from realsourcing.notifications.models import OutboxMessage
from realsourcing.profile.models import Factory
from tests.support.builders import PASSWORD, a_buyer, an_email
from tests.support.coroutines import run_coroutine
from tests.support.smtp_standin import LINK, SmtpStandIn, body_of, link_in


def ip_of_my_own() -> str:
    """An IP no other test signs up from (the per-IP allowance is shared by the whole run)."""
    n = int(hashlib.sha256(an_email().encode()).hexdigest()[:6], 16)
    return f"10.{100 + n % 100}.{(n >> 8) % 250}.{n % 250}"


def sign_up(email: str, *, ip: str | None = None, now=None, **fields) -> None:
    form = SignUpForm(email=email, password=fields.pop("password", PASSWORD), full_name="New Person", **fields)
    run_coroutine(email_sign_in.request_sign_up(form, ip or ip_of_my_own(), now=now))


def emails_to(address: str) -> list[OutboxMessage]:
    with session_scope() as db:
        return list(db.exec(select(OutboxMessage).where(OutboxMessage.to_address == address)).all())


def token_in(message: OutboxMessage) -> str:
    found = LINK.search(message.body_text)
    assert found, "the email holds no one-time link"
    return parse_qs(urlsplit(found.group(0)).query)["token"][0]


def user_with(email: str) -> User | None:
    with session_scope() as db:
        return db.exec(select(User).where(User.email == email)).first()


@pytest.fixture
def settings_env(monkeypatch):
    """Set environment variables the settings read, for this test only."""

    def apply(**values: str) -> None:
        for name, value in values.items():
            monkeypatch.setenv(name, value)
        get_settings.cache_clear()

    yield apply
    monkeypatch.undo()
    get_settings.cache_clear()


# ---------------------------------------------------------------- sign-up answers the same


def test_sign_up_answers_the_same_for_a_new_and_a_known_email_and_creates_nothing_yet():
    known = a_buyer(an_email("known"), full_name="Known Person")
    new = an_email("new")
    assert sign_up(new) is None
    assert sign_up(known.email) is None  # no error, no "email taken"
    assert user_with(new) is None  # the account waits for the link
    [confirm] = emails_to(new)
    assert confirm.kind == "signup_confirm" and "/link?token=" in confirm.body_text
    existing = [m for m in emails_to(known.email) if m.kind == "signup_existing_account"]
    assert len(existing) == 1


def test_the_known_account_is_told_to_log_in_with_a_sign_in_link_in_its_language():
    known = a_buyer(an_email("known"), full_name="Wang Fang")
    with session_scope() as db:
        row = db.exec(select(User).where(User.id == known.id)).one()
        row.language = "zh"
        db.add(row)
    sign_up(known.email, password="someone else's guess")
    [message] = [m for m in emails_to(known.email) if m.kind == "signup_existing_account"]
    assert message.subject == "您已有 RealSourcing 账户"
    assert f"{get_settings().app_url}/login" in message.body_text and "Wang Fang" in message.body_text
    token = token_in(message)
    assert one_time_links.preview(token) == one_time_links.LinkPreview(LinkPurpose.SIGN_IN.value, known.email)
    user, session = email_sign_in.confirm_link(token, "sign_in")
    assert user.id == known.id and accounts.resolve_session(session).id == known.id
    with session_scope() as db:  # the stranger's password changed nothing
        assert verify_password(PASSWORD, db.get(User, known.id).password_hash)


def test_confirming_the_sign_up_link_creates_the_factory_account_once():
    email = an_email("factory")
    sign_up(
        email,
        account_type="factory",
        factory_name_en="Pearl Delta Lamps",
        factory_name_zh="珠三角灯饰",
        factory_city="442000",  # 中山
        factory_province="440000",
        language="zh",
    )
    [message] = emails_to(email)
    assert message.subject == "请确认邮箱以完成注册"
    token = token_in(message)
    user, session = email_sign_in.confirm_link(token, "signup", ip="10.1.9.9")
    assert user.email == email and user.factory_role == "owner" and user.language == "zh"
    assert accounts.resolve_session(session).id == user.id
    with session_scope() as db:
        factory = db.get(Factory, user.factory_id)
        assert (factory.display_name_en, factory.display_name_zh, factory.province, factory.city) == (
            "Pearl Delta Lamps",
            "珠三角灯饰",
            "440000",  # the province chosen at sign-up is kept
            "442000",
        )
        assert verify_password(PASSWORD, db.get(User, user.id).password_hash)  # the password from the form
    with pytest.raises(email_sign_in.LinkRefused):
        email_sign_in.confirm_link(token, "signup")  # single use
    assert one_time_links.preview(token) is None
    assert accounts.authenticate(email, PASSWORD, ip="10.1.9.9")[0].id == user.id


def test_two_sign_up_links_for_one_address_make_one_account():
    email = an_email("twice")
    sign_up(email)
    sign_up(email)
    first, second = (token_in(m) for m in emails_to(email))
    one, _ = email_sign_in.confirm_link(first, "signup")
    two, _ = email_sign_in.confirm_link(second, "signup")
    assert one.id == two.id
    with session_scope() as db:
        assert len(db.exec(select(User).where(User.email == email)).all()) == 1


def test_bad_fields_are_refused_before_anything_is_sent():
    email = an_email("bad")
    with pytest.raises(ValidationFailed) as refused:
        sign_up(email, password="short")
    assert refused.value.field_errors == {"password": "err.password_too_short"}
    assert emails_to(email) == []


# ---------------------------------------------------------------- the tokens


def test_links_are_stored_hashed_and_hold_no_password():
    email = an_email("hashed")
    sign_up(email, password="my secret passphrase")
    token = token_in(emails_to(email)[0])
    with session_scope() as db:
        link = db.exec(select(OneTimeLink).where(OneTimeLink.email == email)).one()
        assert link.token_hash == hashlib.sha256(token.encode()).hexdigest() != token
        assert db.exec(select(OneTimeLink).where(OneTimeLink.token_hash == token)).first() is None
        assert "my secret passphrase" not in str(link.payload)
        assert verify_password("my secret passphrase", link.payload["password_hash"])


def test_a_link_works_for_fifteen_minutes_by_the_clock():
    issued = utcnow().replace(microsecond=0) - timedelta(hours=1)
    email = an_email("clock")
    sign_up(email, now=issued)
    token = token_in(emails_to(email)[0])
    assert one_time_links.preview(token, now=issued + timedelta(minutes=14, seconds=59)) is not None
    assert one_time_links.preview(token, now=issued + timedelta(minutes=15)) is None
    with pytest.raises(email_sign_in.LinkRefused):
        email_sign_in.confirm_link(token, "signup", now=issued + timedelta(minutes=15))
    assert user_with(email) is None
    user, _ = email_sign_in.confirm_link(token, "signup", now=issued + timedelta(minutes=14))
    assert user.email == email


def test_a_link_is_accepted_only_for_its_purpose():
    person = a_buyer(an_email("purpose"))
    email_sign_in.request_sign_in_link(person.email, ip="10.1.8.1")
    token = token_in([m for m in emails_to(person.email) if m.kind == "sign_in_link"][0])
    for wrong in ("signup", "password_reset", ""):
        with pytest.raises(email_sign_in.LinkRefused):
            email_sign_in.confirm_link(token, wrong)
    user, _ = email_sign_in.confirm_link(token, "sign_in")  # a wrong try did not spend it
    assert user.id == person.id


def test_unknown_and_garbage_tokens_are_refused():
    for token in ("", None, "x" * 500, "not-a-token"):
        assert one_time_links.preview(token) is None
        with pytest.raises(email_sign_in.LinkRefused):
            email_sign_in.confirm_link(token, "sign_in")


def test_two_concurrent_confirmations_sign_in_once():
    person = a_buyer(an_email("race"))
    email_sign_in.request_sign_in_link(person.email, ip="10.1.8.2")
    token = token_in([m for m in emails_to(person.email) if m.kind == "sign_in_link"][0])
    results: list[str] = []
    start = threading.Barrier(4)

    def confirm() -> None:
        start.wait()
        try:
            email_sign_in.confirm_link(token, "sign_in")
            results.append("signed in")
        except email_sign_in.LinkRefused:
            results.append("refused")

    threads = [threading.Thread(target=confirm) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["refused", "refused", "refused", "signed in"]


# ---------------------------------------------------------------- throttling


def test_sign_up_is_throttled_per_ip_whether_the_emails_are_new_or_known(settings_env):
    settings_env(SIGNUP_MAX_PER_IP="3")
    ip = ip_of_my_own()
    known = a_buyer(an_email("known"))
    sign_up(an_email("a"), ip=ip)
    sign_up(known.email, ip=ip)
    sign_up(an_email("b"), ip=ip)
    for email in (an_email("c"), known.email):  # the same answer for both: nothing tells them apart
        with pytest.raises(TooManyAttempts) as throttled:
            sign_up(email, ip=ip)
        assert 1 <= throttled.value.minutes <= 60
    sign_up(an_email("elsewhere"))  # another network is not affected


def test_sign_up_allowance_comes_back_when_the_window_has_passed(settings_env):
    settings_env(SIGNUP_MAX_PER_IP="2", SIGNUP_WINDOW_MINUTES="30")
    ip, start = ip_of_my_own(), utcnow() - timedelta(hours=2)
    sign_up(an_email("a"), ip=ip, now=start)
    sign_up(an_email("b"), ip=ip, now=start + timedelta(minutes=1))
    with pytest.raises(TooManyAttempts) as throttled:
        sign_up(an_email("c"), ip=ip, now=start + timedelta(minutes=10))
    assert throttled.value.minutes == 21
    sign_up(an_email("d"), ip=ip, now=start + timedelta(minutes=31))


def test_one_address_gets_a_bounded_number_of_emails_without_being_told(settings_env):
    settings_env(SIGNUP_MAX_PER_IP="1000")
    email = an_email("flooded")
    for _ in range(email_sign_in.MAX_EMAILS_PER_ADDRESS + 3):
        sign_up(email, ip=ip_of_my_own())
    assert len(emails_to(email)) == email_sign_in.MAX_EMAILS_PER_ADDRESS


# ---------------------------------------------------------------- no lock-out


def test_a_throttled_account_still_signs_in_with_an_emailed_link():
    person = a_buyer(an_email("locked"))
    for i in range(5):
        with pytest.raises(ValidationFailed):
            accounts.authenticate(person.email, "a wrong guess!", ip=f"10.1.7.{i}")
    with pytest.raises(TooManyAttempts):
        accounts.authenticate(person.email, PASSWORD, ip="10.1.7.9")
    email_sign_in.request_sign_in_link(person.email.upper(), ip="10.1.7.9")
    [message] = [m for m in emails_to(person.email) if m.kind == "sign_in_link"]
    assert message.subject == "Your RealSourcing sign-in link"
    user, session = email_sign_in.confirm_link(token_in(message), "sign_in", ip="10.1.7.9")
    assert user.id == person.id and accounts.resolve_session(session).id == person.id
    # The owner proved who they are: the account's own count starts again.
    assert accounts.authenticate(person.email, PASSWORD, ip="10.1.7.9")[0].id == person.id


def test_a_throttled_ip_still_signs_its_people_in_with_an_emailed_link():
    ip = ip_of_my_own()
    for _ in range(20):
        with pytest.raises(ValidationFailed):
            accounts.authenticate(an_email("guess"), "a wrong guess!", ip=ip)
    colleague = a_buyer(an_email("colleague"))
    with pytest.raises(TooManyAttempts):
        accounts.authenticate(colleague.email, PASSWORD, ip=ip)
    email_sign_in.request_sign_in_link(colleague.email, ip=ip)
    [message] = [m for m in emails_to(colleague.email) if m.kind == "sign_in_link"]
    assert email_sign_in.confirm_link(token_in(message), "sign_in", ip=ip)[0].id == colleague.id


def test_a_sign_in_link_goes_only_to_an_active_account_and_the_answer_is_the_same():
    nobody = an_email("nobody")
    assert email_sign_in.request_sign_in_link(nobody, ip="10.1.6.1") is None
    assert emails_to(nobody) == []
    disabled = a_buyer(an_email("disabled"))
    with session_scope() as db:
        row = db.get(User, disabled.id)
        row.is_active = False
        db.add(row)
    assert email_sign_in.request_sign_in_link(disabled.email, ip="10.1.6.1") is None
    assert [m for m in emails_to(disabled.email) if m.kind == "sign_in_link"] == []
    with pytest.raises(ValidationFailed):
        email_sign_in.request_sign_in_link("not an email", ip="10.1.6.1")


def test_a_link_of_an_account_disabled_since_does_not_sign_in():
    person = a_buyer(an_email("later-disabled"))
    email_sign_in.request_sign_in_link(person.email, ip="10.1.6.2")
    token = token_in([m for m in emails_to(person.email) if m.kind == "sign_in_link"][0])
    with session_scope() as db:
        row = db.get(User, person.id)
        row.is_active = False
        db.add(row)
    with pytest.raises(email_sign_in.LinkRefused):
        email_sign_in.confirm_link(token, "sign_in")


# ---------------------------------------------------------------- off the event loop


def test_password_checks_and_hashes_run_on_the_cpu_pool_not_on_the_event_loop(monkeypatch):
    seen: dict[str, str] = {}
    real_verify, real_hash = accounts.verify_password, email_sign_in.hash_password

    def verify(*args):
        seen["verify"] = threading.current_thread().name
        return real_verify(*args)

    def hash_(*args):
        seen["hash"] = threading.current_thread().name
        return real_hash(*args)

    monkeypatch.setattr(accounts, "verify_password", verify)
    monkeypatch.setattr(email_sign_in, "hash_password", hash_)
    person = a_buyer(an_email("offloop"))

    async def both():
        seen["loop"] = threading.current_thread().name
        user, _ = await accounts.sign_in_with_password(person.email, PASSWORD, "10.1.5.1")
        await email_sign_in.request_sign_up(
            SignUpForm(email=an_email("offloop"), password=PASSWORD, full_name="Off Loop"), ip_of_my_own()
        )
        return user

    assert run_coroutine(both()).id == person.id
    assert seen["verify"].startswith("cpu-work") and seen["hash"].startswith("cpu-work")
    assert seen["loop"] not in (seen["verify"], seen["hash"])


def test_password_sign_in_on_the_loop_answers_like_the_threaded_one():
    person = a_buyer(an_email("async"))
    with pytest.raises(ValidationFailed) as refused:
        run_coroutine(accounts.sign_in_with_password(person.email, "a wrong guess!", "10.1.5.2"))
    assert refused.value.field_errors == {"password": "err.wrong_credentials"}
    user, token = run_coroutine(accounts.sign_in_with_password(person.email, PASSWORD, "10.1.5.2"))
    assert accounts.resolve_session(token).id == user.id == person.id


# ---------------------------------------------------------------- real SMTP


def test_the_emails_reach_a_real_smtp_server_with_a_working_link(settings_env):
    smtp = SmtpStandIn().start()
    try:
        settings_env(**smtp.env())
        email, known = an_email("smtp-new"), a_buyer(an_email("smtp-known"), full_name="Sam Known")
        sign_up(email)
        sign_up(known.email)
        assert notifications.deliver_due(limit=500).failed == 0
        [new_mail] = smtp.wait_for(email)
        [known_mail] = [m for m in smtp.wait_for(known.email, count=2) if "already" in m["Subject"]]
        assert new_mail["Subject"] == "Confirm your email to finish signing up"
        assert known_mail["Subject"] == "You already have a RealSourcing account"
        assert "Log in here:" in body_of(known_mail) and "Forgot your password?" in body_of(known_mail)
        token = parse_qs(urlsplit(link_in(new_mail)).query)["token"][0]
        assert email_sign_in.confirm_link(token, "signup")[0].email == email
    finally:
        smtp.stop()


def test_a_confirmed_link_ends_with_the_cookie_from_the_session_route():
    email = an_email("cookie")
    sign_up(email)
    user, session_token = email_sign_in.confirm_link(token_in(emails_to(email)[0]), "signup")
    client = TestClient(make_api())
    response = client.get(
        session_exchange.exchange_url(session_token, "/"),
        headers={"sec-fetch-site": "same-origin"},
        follow_redirects=False,
    )
    assert response.status_code == 303 and response.headers["location"] == "/"
    cookie = response.cookies.get(accounts.SESSION_COOKIE)
    assert cookie and accounts.resolve_session(cookie).id == user.id
    assert "httponly" in response.headers["set-cookie"].lower()
