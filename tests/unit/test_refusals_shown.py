"""The edge of every page: a refusal from the domain reaches the visitor whatever kind of handler
raised it (plain, `yield`, `async`, async `yield`), and anything else is left to surface as a bug."""

from __future__ import annotations

import asyncio
import inspect
import re
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path

import pytest
from reflex.state import State

from realsourcing.core.errors import NotFound, PermissionDenied, ValidationFailed
from realsourcing.profile import documents
from realsourcing.profile.documents import DocumentForm
from realsourcing.profile.pages.documents import dashboard_documents_page
from realsourcing.profile.states.documents import FORM_ERROR, DocumentsState, shown_errors
from realsourcing.profile.states.profile_editor import ProfileState
from realsourcing.profile.states.public import ProductPageState
from realsourcing.ui.session import SignInRequired, id_from_client, refusals_shown


def run_coroutine(coroutine):
    """asyncio.run in a thread of its own: in one pytest process with the browser tests, Playwright's
    loop is already running in this thread."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


class Page:
    """Stands in for a page state: records what _show_refusal was asked to show."""

    def _show_refusal(self, exc: Exception) -> str:
        return f"shown {type(exc).__name__}"


def drive_generator(generator) -> list:
    """Run a generator handler the way Reflex does: next() until StopIteration, keeping its value."""
    events = []
    try:
        while True:
            events.append(next(generator))
    except StopIteration as stop:
        if stop.value is not None:
            events.append(stop.value)
    return events


async def drive_async_generator(generator) -> list:
    return [event async for event in generator]


@refusals_shown
def plain(self, error: Exception | None):
    if error:
        raise error
    return "done"


@refusals_shown
def stepwise(self, error: Exception | None):
    yield "working"
    if error:
        raise error
    yield "done"


@refusals_shown
async def awaiting(self, error: Exception | None):
    await asyncio.sleep(0)
    if error:
        raise error
    return "done"


@refusals_shown
async def awaiting_stepwise(self, error: Exception | None):
    yield "working"
    await asyncio.sleep(0)
    if error:
        raise error
    yield "done"


def test_each_kind_of_handler_keeps_its_kind_so_reflex_runs_it_as_before():
    assert not inspect.isgeneratorfunction(plain) and not inspect.iscoroutinefunction(plain)
    assert inspect.isgeneratorfunction(stepwise)
    assert inspect.iscoroutinefunction(awaiting)
    assert inspect.isasyncgenfunction(awaiting_stepwise)
    assert plain.__name__ == "plain" and inspect.signature(plain) == inspect.signature(plain.__wrapped__)


@pytest.mark.parametrize("error", [SignInRequired(), PermissionDenied(), NotFound()])
def test_a_refusal_is_shown_even_after_a_yield_or_an_await(error):
    name = type(error).__name__
    assert plain(Page(), error) == f"shown {name}"
    assert drive_generator(stepwise(Page(), error)) == ["working", f"shown {name}"]
    assert run_coroutine(awaiting(Page(), error)) == f"shown {name}"
    assert run_coroutine(drive_async_generator(awaiting_stepwise(Page(), error))) == ["working", f"shown {name}"]


def test_without_a_refusal_the_handler_runs_unchanged():
    assert plain(Page(), None) == "done"
    assert drive_generator(stepwise(Page(), None)) == ["working", "done"]
    assert run_coroutine(awaiting(Page(), None)) == "done"
    assert run_coroutine(drive_async_generator(awaiting_stepwise(Page(), None))) == ["working", "done"]


def test_a_bug_is_not_turned_into_a_message():
    with pytest.raises(ZeroDivisionError):
        plain(Page(), ZeroDivisionError())
    with pytest.raises(ZeroDivisionError):
        drive_generator(stepwise(Page(), ZeroDivisionError()))
    with pytest.raises(ZeroDivisionError):
        run_coroutine(awaiting(Page(), ZeroDivisionError()))
    with pytest.raises(ZeroDivisionError):
        run_coroutine(drive_async_generator(awaiting_stepwise(Page(), ZeroDivisionError())))


def test_ids_from_the_browser_are_whole_numbers_or_name_nothing():
    assert (id_from_client(12), id_from_client("12")) == (12, 12)
    for sent in ("", "-1", "1.5", "1e3", "²", " 7", True, None, 3.0, {"id": 1}, [1]):
        with pytest.raises(NotFound):
            id_from_client(sent)


def page_state(cls):
    """A page state inside a fresh state tree, as Reflex builds it for one browser tab."""
    return State(_reflex_internal_init=True).get_substate(cls.get_full_name().split(".")[1:])


def test_a_refusal_reaches_the_page_state_own_vars_not_only_the_session_state():
    """A handler of a page state is bound to that state; the refusal must land in its `errors` / `missing`."""
    form = page_state(ProfileState)
    plain(form, ValidationFailed({"staff_count": "err.whole_number"}))
    assert form.errors == {"staff_count": "Enter a whole number."}
    product = page_state(ProductPageState)
    plain(product, NotFound())
    assert (product.missing, product.loaded) == (True, True)


# ---------------------------------------------------------------- every refusal at a field the page shows

DOCUMENT_RULES = Path(documents.__file__)


def fields_the_document_rules_name() -> set[str]:
    """Every field name profile/documents.py puts into a form refusal, read from its source."""
    source = DOCUMENT_RULES.read_text()
    named = set(re.findall(r'errors\["(\w+)"\]', source))
    named |= set(re.findall(r'_parse_date\([^,]+, "(\w+)"', source))
    named |= set(re.findall(r'ValidationFailed\(\{"(\w+)"', source)) - {"reason"}  # "reason": the admin's review
    return named


# One form per refusal the rules can give (today's date is the day the test runs).
LONG_AGO, SOON = "2001-01-01", (date.today() + timedelta(days=30)).isoformat()
BAD_DOCUMENT_FORMS = [
    DocumentForm("no_such_kind", "CN-1234", "SGS", valid_until=SOON),
    DocumentForm("iso_9001", "", "SGS", valid_until=SOON),
    DocumentForm("iso_9001", "ab", "SGS", valid_until=SOON),
    DocumentForm("iso_9001", "CN-1234", "", valid_until=SOON),
    DocumentForm("iso_9001", "CN-1234", "S", valid_until=SOON),  # one character: the "nothing visible"
    DocumentForm("iso_9001", "CN-1234", "SGS", valid_from="31/12/2020", valid_until=SOON),
    DocumentForm("iso_9001", "CN-1234", "SGS", valid_until="soon"),
    DocumentForm("iso_9001", "CN-1234", "SGS"),
    DocumentForm("iso_9001", "CN-1234", "SGS", valid_from=SOON, valid_until=SOON),
    DocumentForm("iso_9001", "CN-1234", "SGS", valid_until=LONG_AGO),
]


def refusals_of(form: DocumentForm) -> dict[str, str]:
    with pytest.raises(ValidationFailed) as refused:
        documents.check_form(form)
    return refused.value.field_errors


def error_ids_on(component) -> set[str]:
    """The ids of the field errors a compiled page can show."""
    return set(re.findall(r"doc-[a-z_]+-error", str(component)))


def test_every_refusal_of_the_document_form_is_shown_at_a_field_the_page_has():
    refused = {field: key for form in BAD_DOCUMENT_FORMS for field, key in refusals_of(form).items()}
    assert fields_the_document_rules_name() <= set(refused), "a field the rules refuse is missing from the table"
    refused["file"] = "err.upload_wrong_type"  # any other refusal of the upload is said at the file
    on_page = error_ids_on(dashboard_documents_page())
    for field, key in refused.items():
        shown = shown_errors({field: key})
        assert list(shown.values()) == [key]
        assert f"doc-{next(iter(shown))}-error" in on_page, f"a refusal of {field!r} would not be seen"
    for field in ("certificate_number", "issuing_body"):  # named one way by the rules, another by the page
        assert next(iter(shown_errors({field: "err.required"}))) != field


def test_a_refusal_for_a_field_the_page_does_not_have_is_said_above_submit():
    shown = shown_errors({"no_such_field": "err.required", "issuing_body": "err.issuer_short"})
    assert shown == {FORM_ERROR: "err.required", "issuer": "err.issuer_short"}
    assert f"doc-{FORM_ERROR}-error" in error_ids_on(dashboard_documents_page())


def test_a_one_letter_issuer_is_told_what_is_wrong_in_both_languages():
    assert refusals_of(BAD_DOCUMENT_FORMS[4]) == {"issuing_body": "err.issuer_short"}
    assert refusals_of(BAD_DOCUMENT_FORMS[3]) == {"issuing_body": "err.required"}
    form = page_state(DocumentsState)
    form.lang = "zh"
    form.errors = {f: form.tr(k) for f, k in shown_errors(refusals_of(BAD_DOCUMENT_FORMS[4])).items()}
    assert form.errors == {"issuer": "请填写发证机构的名称（至少 2 个字符）。"}


def test_a_file_the_browser_refuses_when_chosen_is_said_at_the_file_field():
    form = page_state(DocumentsState)
    form.lang = "en"
    DocumentsState.refused_at_selection.fn(form, [{"name": "scan.pdf", "codes": ["file-too-large"]}])
    assert form.errors == {"file": "That file is too large (at most 15 MB)."}
    DocumentsState.refused_at_selection.fn(form, [{"name": "a.svg", "codes": ["file-invalid-type"]}])
    assert form.errors == {"file": "That kind of file isn't accepted here. Use the formats listed."}
    DocumentsState.refused_at_selection.fn(form, "not a list")  # whatever a client sends names nothing
    assert form.errors == {}
