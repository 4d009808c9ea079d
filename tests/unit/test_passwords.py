from realsourcing.accounts.passwords import hash_password, password_problem, verify_password


def test_passwords_are_hashed_with_argon2id_and_salted():
    first, second = hash_password("correct horse battery"), hash_password("correct horse battery")
    assert first.startswith("$argon2id$")
    assert first != second  # a fresh salt each time
    assert "correct horse" not in first


def test_right_password_verifies_and_wrong_one_does_not():
    stored = hash_password("correct horse battery")
    assert verify_password("correct horse battery", stored)
    assert not verify_password("correct horse batterY", stored)
    assert not verify_password("", stored)


def test_account_without_password_never_verifies():
    assert not verify_password("anything at all", None)


def test_password_policy_explains_what_is_wrong():
    assert password_problem("short1") == "err.password_too_short"
    assert password_problem("x" * 129) == "err.password_too_long"
    assert password_problem("aaaaaaaaaaaa") == "err.password_too_simple"
    assert password_problem("maya@example.com", "maya@example.com") == "err.password_is_email"
    assert password_problem("a long enough passphrase") is None
