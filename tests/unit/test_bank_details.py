"""The rules of a factory's bank details, without a database: fields, IBAN and BIC, the licensed holder."""

from __future__ import annotations

import pytest

from realsourcing.core.errors import ValidationFailed
from realsourcing.profile.bank_details import (
    CURRENCIES,
    BankDetails,
    checked,
    currency_label,
    holder_matches,
    normalised_name,
)

GOOD = {
    "account_holder": "Ningbo Haitian Plastics Co., Ltd.",
    "bank_name": "Bank of China, Ningbo Branch",
    "account_number": "6217 8500 0000 1234 567",
    "swift_bic": "bkchcnbj",
    "bank_address": "No. 1 Zhongshan Road, Ningbo",
    "currency": "usd",
}


def field_errors(**changes: str) -> dict[str, str]:
    with pytest.raises(ValidationFailed) as refused:
        checked({**GOOD, **changes})
    return refused.value.field_errors


@pytest.mark.parametrize(
    "typed, same_as",
    [
        ("Ningbo Haitian Plastics Co., Ltd.", "NINGBO HAITIAN PLASTICS CO LTD"),
        ("Ningbo Haitian Plastics Co., Ltd.", "ningbo  haitian plastics company limited"),
        ("Ningbo Haitian Plastics Co., Ltd.", "Ningbo Haitian Plastics Co.,Ltd"),
        ("Ningbo Haitian Plastics Co., Ltd.", "Ningbo Haitian Plastics Co. Limited."),
        ("Ｎｉｎｇｂｏ Ｈａｉｔｉａｎ Co., Ltd.", "Ningbo Haitian Co Ltd"),  # full-width letters
        ("宁波海天（集团）有限公司", "宁波海天(集团)有限公司"),  # full-width and half-width brackets
        ("宁波海天（集团）有限公司", " 宁波海天 集团 有限公司 "),
        ("Shenzhen Bright-Star Electronics Co., Ltd.", "Shenzhen Bright Star Electronics Co Ltd"),
    ],
)
def test_names_that_differ_only_in_spelling_are_the_same_company(typed, same_as):
    assert normalised_name(typed) == normalised_name(same_as)
    assert holder_matches(same_as, [typed])


@pytest.mark.parametrize(
    "holder",
    [
        "Ningbo Haitian Trading Co., Ltd.",  # another company of a similar name
        "Haitian Plastics Co., Ltd.",
        "Zhang Wei",  # the owner in person
        "宁波海天贸易有限公司",
        "",
        "  ",
    ],
)
def test_any_other_holder_is_not_the_licensed_company(holder):
    assert not holder_matches(holder, ["Ningbo Haitian Plastics Co., Ltd.", "宁波海天塑料有限公司"])


def test_the_chinese_licensed_name_counts_as_much_as_the_english_one():
    names = ["Ningbo Haitian Plastics Co., Ltd.", "宁波海天塑料有限公司"]
    assert holder_matches("宁波海天塑料有限公司", names)
    assert holder_matches("ningbo haitian plastics company limited", names)
    assert not holder_matches("宁波海天塑料有限公司", ["Ningbo Haitian Plastics Co., Ltd."])  # no Chinese name licensed
    assert not holder_matches("Anything", [])  # no licence, no holder


def test_good_details_are_cleaned_for_storage():
    details = checked(GOOD)
    assert details == BankDetails(
        account_holder="Ningbo Haitian Plastics Co., Ltd.",
        bank_name="Bank of China, Ningbo Branch",
        account_number="6217850000001234567",
        swift_bic="BKCHCNBJ",
        bank_address="No. 1 Zhongshan Road, Ningbo",
        currency="USD",
    )
    assert not details.is_iban and details.masked_account() == "•••• 4567"


def test_an_iban_is_checked_and_shown_in_groups():
    details = checked({**GOOD, "account_number": "de89 3704 0044 0532 0130 00", "swift_bic": "COBADEFFXXX"})
    assert details.account_number == "DE89370400440532013000" and details.is_iban
    assert details.account_for_people() == "DE89 3704 0044 0532 0130 00"
    assert details.masked_account() == "•••• 3000"
    assert field_errors(account_number="DE89 3704 0044 0532 0130 01") == {"account_number": "err.bank_iban_invalid"}
    assert field_errors(account_number="GB82 WEST 1234 5698 7654") == {"account_number": "err.bank_iban_invalid"}


@pytest.mark.parametrize(
    "changes, expected",
    [
        ({"swift_bic": "BKCHCNB"}, {"swift_bic": "err.bank_bic_invalid"}),  # 7 characters
        ({"swift_bic": "BKCH12BJ"}, {"swift_bic": "err.bank_bic_invalid"}),  # no country there
        ({"swift_bic": ""}, {"swift_bic": "err.required"}),
        ({"account_number": "12AB34"}, {"account_number": "err.bank_account_invalid"}),
        ({"account_number": "1234"}, {"account_number": "err.bank_account_length"}),
        ({"account_number": ""}, {"account_number": "err.required"}),
        ({"currency": "XYZ"}, {"currency": "err.bank_currency"}),
        ({"bank_name": "B"}, {"bank_name": "err.required"}),
        ({"bank_address": "x" * 301}, {"bank_address": "err.too_long"}),
        (
            {"account_holder": "", "swift_bic": "nope", "currency": ""},
            {"account_holder": "err.required", "swift_bic": "err.bank_bic_invalid", "currency": "err.bank_currency"},
        ),
    ],
)
def test_each_wrong_field_is_named_with_its_reason(changes, expected):
    assert field_errors(**changes) == expected


def test_details_read_in_both_languages_with_babel_currency_names():
    details = checked({**GOOD, "currency": "EUR", "account_number": "DE89370400440532013000"})
    english, chinese = dict(details.lines("en")), dict(details.lines("zh"))
    assert english["Account holder"] == chinese["账户名"] == "Ningbo Haitian Plastics Co., Ltd."
    assert english["IBAN"] == "DE89 3704 0044 0532 0130 00"
    assert english["Account currency"] == "EUR — Euro" and chinese["账户币种"] == "EUR — 欧元"
    assert [currency_label(c, "en").split(" — ")[0] for c in CURRENCIES] == list(CURRENCIES)
