"""Password hashing (argon2id through pwdlib) and the password policy."""

from __future__ import annotations

from functools import lru_cache

from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

MIN_LENGTH = 10
MAX_LENGTH = 128


@lru_cache
def _hasher() -> PasswordHash:
    return PasswordHash((Argon2Hasher(),))  # argon2id with the library's recommended cost


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    if not password_hash:
        # Same work as a real check, so timing does not tell which accounts exist.
        _hasher().verify(password, _dummy_hash())
        return False
    return _hasher().verify(password, password_hash)


@lru_cache
def _dummy_hash() -> str:
    return hash_password("not-a-real-password-0000")


def password_problem(password: str, email: str = "") -> str | None:
    """The message key for what is wrong with a new password, or None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return "err.password_too_short"
    if len(password) > MAX_LENGTH:
        return "err.password_too_long"
    if email and password.strip().lower() == email.strip().lower():
        return "err.password_is_email"
    if len(set(password)) < 4:
        return "err.password_too_simple"
    return None
