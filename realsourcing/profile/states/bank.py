"""`/dashboard/bank`: the factory's bank details; every member reads them masked, the owner changes them."""

from __future__ import annotations

from typing import TypedDict

import reflex as rx
from starlette.concurrency import run_in_threadpool

from realsourcing.accounts import reauth
from realsourcing.accounts import service as accounts
from realsourcing.accounts.identity import CurrentUser
from realsourcing.core import timefmt
from realsourcing.core.errors import TooManyAttempts
from realsourcing.profile import bank_details, bank_setup
from realsourcing.profile.bank_setup import NoApprovedLicence
from realsourcing.profile.membership import OwnerOnly
from realsourcing.ui.session import SessionState, refusals_shown, sign_out_browser

# The form's own fields; the password is read separately and never kept in the state.
FORM_FIELDS = bank_details.FIELDS


class BankRow(TypedDict):
    label: str
    value: str


class BankState(SessionState):
    loaded: bool = False
    is_owner: bool = False
    owner_name: str = ""
    licensed_names: str = ""  # "" when no approved licence
    has_details: bool = False
    saved_rows: list[BankRow] = []  # the saved details, account masked
    last_changed: str = ""
    history: list[str] = []
    values: dict[str, str] = {}  # the form's starting values (never the full account number)
    errors: dict[str, str] = {}
    message: str = ""  # a refusal that is no field's (staff, no licence)
    has_password: bool = True
    holder_help: str = ""
    owner_note: str = ""
    fresh_help: str = ""
    saving: bool = False  # "Save" shows a spinner and takes no click while saving
    form_version: int = 0  # a new number re-mounts the form (the password field empties after a save)

    def _load(self, user: CurrentUser) -> None:
        """Database work: run in a thread by the handlers."""
        view = bank_setup.page(user)
        lang, zone = self.lang, user.timezone
        self.is_owner, self.owner_name = view.is_owner, view.owner_name
        self.licensed_names = " / ".join(view.licensed_names)
        self.holder_help = self.tr("bank.holder_help", names=self.licensed_names)
        self.owner_note = self.tr("bank.owner_only_note", owner=view.owner_name)
        self.fresh_help = self.tr("bank.fresh_help", minutes=reauth.FRESH_SIGN_IN_MINUTES)
        details = view.details
        self.has_details = details is not None
        self.saved_rows = []
        if details is not None:
            rows = details.lines(lang)
            rows[2] = (rows[2][0], details.masked_account())  # the account number, masked
            self.saved_rows = [BankRow(label=label, value=value) for label, value in rows]
        self.last_changed = ""
        if view.history:
            last = view.history[0]
            self.last_changed = self.tr("bank.last_changed", when=timefmt.moment(last.when, zone, lang), who=last.by)
        self.history = [
            self.tr(
                "bank.history_changed" if c.replaced_earlier else "bank.history_set",
                when=timefmt.moment(c.when, zone, lang),
                who=c.by,
            )
            for c in view.history
        ]
        self.values = {
            "account_holder": details.account_holder if details else (view.licensed_names or [""])[0],
            "bank_name": details.bank_name if details else "",
            "account_number": "",
            "swift_bic": details.swift_bic if details else "",
            "bank_address": details.bank_address if details else "",
            "currency": details.currency if details else "USD",
        }
        self.has_password = reauth.has_password(user)

    @rx.event
    @refusals_shown
    async def open(self):
        self.loaded, self.errors, self.message, self.saving = False, {}, "", False
        user = await run_in_threadpool(self.user)
        await run_in_threadpool(self._load, user)
        self.loaded = True

    @rx.var
    def currency_options(self) -> list[BankRow]:
        return [BankRow(label=bank_details.currency_label(c, self.lang), value=c) for c in bank_details.CURRENCIES]

    @rx.event
    async def save(self, form: dict):
        if self.saving:
            return
        self.saving = True
        yield  # the button shows it is working before anything is checked
        try:
            yield await self._save(form)
        finally:
            self.saving = False

    @refusals_shown
    async def _save(self, form: dict):
        user = await run_in_threadpool(self.user)
        self.errors, self.message = {}, ""
        values = {name: str(form.get(name, "") or "")[:400] for name in FORM_FIELDS}
        password = str(form.get("password", "") or "")[:256]
        try:
            changed = await bank_setup.save(user, values, password, self.client_ip())
        except (OwnerOnly, NoApprovedLicence) as exc:
            self.message = self.explain(exc)  # said on the page, in place of the form
            return None
        except TooManyAttempts as exc:
            self.errors = {"password": self.explain(exc)}
            return None
        await run_in_threadpool(self._load, user)
        self.form_version += 1
        return rx.toast.success(self.tr("bank.saved" if changed else "bank.unchanged"))

    @rx.event
    def sign_in_again(self):
        """Accounts without a password: end this session and sign in afresh, then come back here."""
        self._forget_resolved_user()
        accounts.revoke_session(self._session_token())
        return sign_out_browser("/login?next=/dashboard/bank")
