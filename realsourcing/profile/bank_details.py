"""A factory's bank details for bank transfers (T/T): what they are, how they are checked, how they read.

Rules (pure, no Reflex; the database only in `for_factory` and `last_change`):
- The details are structure, never free text: account holder, bank name, account number or IBAN,
  SWIFT/BIC, bank address and an ISO 4217 currency. An IBAN is checked (country format and check digits)
  and a BIC too, with python-stdnum; a domestic account number is 5–34 digits (spaces and dashes dropped).
- The account holder must be the licensed company: equal to the English or the Chinese legal name on
  the factory's approved business licence, after `normalised_name` (case, spaces, full-width/half-width
  brackets, punctuation and the "Co., Ltd." spellings). Paying into someone else's account ("payee
  diversion") is the commonest sourcing fraud; this is what stops it.
- `lines(lang)` is how the details read on an order page or a proforma invoice, in either language.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass
from datetime import datetime

from babel.numbers import get_currency_name
from sqlmodel import Session, col, select
from stdnum import bic as stdnum_bic
from stdnum import iban as stdnum_iban
from stdnum.exceptions import ValidationError

from realsourcing.core import i18n
from realsourcing.core.errors import ValidationFailed
from realsourcing.profile.models import FactoryBankDetails, FactoryBankDetailsChange

# Currencies a factory may be paid in (ISO 4217); their names come from Babel in the reader's language.
CURRENCIES = ("USD", "EUR", "CNY", "HKD", "GBP", "JPY", "AUD", "CAD", "CHF", "SGD")
FIELDS = ("account_holder", "bank_name", "account_number", "swift_bic", "bank_address", "currency")
_LIMITS = {"account_holder": 200, "bank_name": 140, "bank_address": 300}
_BABEL_LOCALE = {"en": "en", "zh": "zh_Hans_CN"}

# Spellings of the company-form words that mean the same on a bank form and a licence.
_WORD_FORMS = {"company": "co", "limited": "ltd", "corporation": "corp", "incorporated": "inc"}


@dataclass(frozen=True)
class BankDetails:
    account_holder: str
    bank_name: str
    account_number: str  # a compact IBAN or a domestic number (digits only)
    swift_bic: str
    bank_address: str
    currency: str

    @property
    def is_iban(self) -> bool:
        return looks_like_iban(self.account_number)

    def account_for_people(self) -> str:
        """The account as people copy it: an IBAN in groups of four, a domestic number as it is."""
        return stdnum_iban.format(self.account_number) if self.is_iban else self.account_number

    def masked_account(self) -> str:
        """Only the last 4 characters: what the dashboard shows once saved."""
        return f"•••• {self.account_number[-4:]}"

    def currency_name(self, lang: str) -> str:
        return currency_label(self.currency, lang)

    def lines(self, lang: str) -> list[tuple[str, str]]:
        """(label, value) pairs in the reader's language: the order page and the proforma invoice print these."""
        account_label = "bank.iban" if self.is_iban else "bank.account_number"
        return [
            (i18n.translate("bank.account_holder", lang), self.account_holder),
            (i18n.translate("bank.bank_name", lang), self.bank_name),
            (i18n.translate(account_label, lang), self.account_for_people()),
            (i18n.translate("bank.swift_bic", lang), self.swift_bic),
            (i18n.translate("bank.bank_address", lang), self.bank_address),
            (i18n.translate("bank.currency", lang), self.currency_name(lang)),
        ]

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def currency_label(code: str, lang: str) -> str:
    """ "USD — US Dollar" / "USD — 美元"."""
    return f"{code} — {get_currency_name(code, locale=_BABEL_LOCALE.get(lang, 'en'))}"


# ---------------------------------------------------------------- checking what was typed


def _clean_text(value: object) -> str:
    return " ".join(unicodedata.normalize("NFKC", str(value or "")).split())


def looks_like_iban(account: str) -> bool:
    """Two letters and two digits first: meant as an IBAN (and then it must be a valid one)."""
    return bool(re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]+", account))


def _account(raw: object) -> tuple[str, str | None]:
    """(the account as stored, error key or None)."""
    compact = re.sub(r"[\s\-.]", "", unicodedata.normalize("NFKC", str(raw or ""))).upper()
    if not compact:
        return "", "err.required"
    if looks_like_iban(compact):
        try:
            return stdnum_iban.validate(compact), None
        except ValidationError:
            return compact, "err.bank_iban_invalid"
    if not compact.isdigit():
        return compact, "err.bank_account_invalid"
    if not 5 <= len(compact) <= 34:
        return compact, "err.bank_account_length"
    return compact, None


def _swift(raw: object) -> tuple[str, str | None]:
    compact = re.sub(r"\s", "", unicodedata.normalize("NFKC", str(raw or ""))).upper()
    if not compact:
        return "", "err.required"
    try:
        return stdnum_bic.validate(compact), None
    except ValidationError:
        return compact, "err.bank_bic_invalid"


def checked(form: dict[str, str]) -> BankDetails:
    """The details from a form, each field checked; ValidationFailed names every wrong field."""
    errors: dict[str, str] = {}
    text = {name: _clean_text(form.get(name, "")) for name in _LIMITS}
    for name, limit in _LIMITS.items():
        if len(text[name]) < 2:
            errors[name] = "err.required"
        elif len(text[name]) > limit:
            errors[name] = "err.too_long"
    account, problem = _account(form.get("account_number", ""))
    if problem:
        errors["account_number"] = problem
    swift, problem = _swift(form.get("swift_bic", ""))
    if problem:
        errors["swift_bic"] = problem
    currency = str(form.get("currency", "") or "").strip().upper()
    if currency not in CURRENCIES:
        errors["currency"] = "err.bank_currency"
    if errors:
        raise ValidationFailed(errors)
    return BankDetails(
        account_holder=text["account_holder"],
        bank_name=text["bank_name"],
        account_number=account,
        swift_bic=swift,
        bank_address=text["bank_address"],
        currency=currency,
    )


# ---------------------------------------------------------------- the holder is the licensed company


def normalised_name(name: str) -> str:
    """A company name reduced to what identifies it: no case, spaces, punctuation or bracket width;
    "Co., Ltd." / "Co. Ltd" / "Company Limited" all the same.

    NFKC turns full-width letters and brackets （）into their half-width forms first.
    """
    text = unicodedata.normalize("NFKC", name or "").casefold()
    text = "".join(" " if unicodedata.category(ch)[0] in "PZS" else ch for ch in text)
    return "".join(_WORD_FORMS.get(word, word) for word in text.split())


def holder_matches(holder: str, licensed_names: list[str]) -> bool:
    """True when the holder is one of the licence's legal names (see `normalised_name`)."""
    wanted = normalised_name(holder)
    return bool(wanted) and any(wanted == normalised_name(name) for name in licensed_names if name.strip())


# ---------------------------------------------------------------- reading them back


def _details_of(row: FactoryBankDetails) -> BankDetails:
    return BankDetails(
        account_holder=row.account_holder,
        bank_name=row.bank_name,
        account_number=row.account_number,
        swift_bic=row.swift_bic,
        bank_address=row.bank_address,
        currency=row.currency,
    )


def for_factory(db: Session, factory_id: int) -> BankDetails | None:
    """The factory's bank details, or None when it has set none (then it takes no bank transfers)."""
    row = db.exec(select(FactoryBankDetails).where(FactoryBankDetails.factory_id == factory_id)).first()
    return _details_of(row) if row is not None else None


def are_set(db: Session, factory_id: int) -> bool:
    """Whether buyers may pay this factory by bank transfer."""
    found = db.exec(select(FactoryBankDetails.id).where(FactoryBankDetails.factory_id == factory_id)).first()
    return found is not None


def last_change(db: Session, factory_id: int) -> datetime | None:
    """When the factory last replaced details buyers may already have seen (not its first setting), or None."""
    return db.exec(
        select(FactoryBankDetailsChange.changed_at)
        .where(
            FactoryBankDetailsChange.factory_id == factory_id,
            FactoryBankDetailsChange.replaced_earlier == True,  # noqa: E712
        )
        .order_by(col(FactoryBankDetailsChange.changed_at).desc())
    ).first()
