"""The edge of every page: a refusal from the domain reaches the visitor whatever kind of handler
raised it (plain, `yield`, `async`, async `yield`), and anything else is left to surface as a bug."""

from __future__ import annotations

import asyncio
import inspect
from concurrent.futures import ThreadPoolExecutor

import pytest
from reflex.state import State

from realsourcing.core.errors import NotFound, PermissionDenied, ValidationFailed
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
