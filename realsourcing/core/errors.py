"""Errors the domain raises; states turn them into messages in the user's language.

Each carries an i18n message key (see services/i18n.py), never a sentence, so one rule can be
shown in English or Chinese.
"""

from __future__ import annotations


class DomainError(Exception):
    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


class PermissionDenied(DomainError):
    def __init__(self, key: str = "err.permission_denied", **params: object) -> None:
        super().__init__(key, **params)


class NotFound(DomainError):
    def __init__(self, key: str = "err.not_found", **params: object) -> None:
        super().__init__(key, **params)


class ValidationFailed(DomainError):
    """One message key per form field that is wrong."""

    def __init__(self, field_errors: dict[str, str]) -> None:
        super().__init__("err.fix_fields")
        self.field_errors = field_errors


class TooManyAttempts(DomainError):
    def __init__(self, minutes: int) -> None:
        super().__init__("err.too_many_attempts", minutes=minutes)
        self.minutes = minutes
