"""Email addresses: one normalised spelling, so an address is stored and compared the same way everywhere."""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email

from realsourcing.core.errors import ValidationFailed


def normalize_email(raw: str) -> str:
    """Validated, normalised, lower-case email; raises ValidationFailed on {'email': key}."""
    raw = (raw or "").strip()
    if not raw:
        raise ValidationFailed({"email": "err.email_required"})
    try:
        result = validate_email(raw, check_deliverability=False)
    except EmailNotValidError:
        raise ValidationFailed({"email": "err.email_invalid"}) from None
    return result.normalized.lower()
