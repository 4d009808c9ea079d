"""Licences and certificates of the member's factory."""

from __future__ import annotations

from typing import TypedDict

import reflex as rx

from realsourcing.core import i18n, idempotency, timefmt
from realsourcing.core.errors import DomainError, PermissionDenied, ValidationFailed
from realsourcing.core.offload import run_cpu
from realsourcing.core.uploads import MAX_DOCUMENT_BYTES
from realsourcing.profile import documents, storage
from realsourcing.profile.documents import DocumentForm, DocumentRow
from realsourcing.profile.states.storage import StorageMeterView, meter_view
from realsourcing.profile.terms import DOCUMENT_KINDS
from realsourcing.ui.session import SessionState, id_from_client, refusals_shown
from realsourcing.ui.uploading import read_upload, selection_refusals


class DocumentView(TypedDict):
    id: int
    kind: str
    number: str
    issuer: str
    valid_from: str
    valid_until: str
    status: str
    reason: str
    filename: str
    factory: str
    legal_names: str
    uploaded: str
    # "Expired on Nov 30, 2026" / "已于2026年11月30日过期" when valid_until has passed, else "" (both: a
    # language switch shows the other at once)
    expired_en: str
    expired_zh: str


def document_view(row: DocumentRow, zone: str, lang: str) -> DocumentView:
    return DocumentView(
        id=row.id,
        kind=row.kind,
        number=row.certificate_number,
        issuer=row.issuing_body,
        valid_from=timefmt.calendar_day(row.valid_from, lang) if row.valid_from else "",
        valid_until=timefmt.calendar_day(row.valid_until, lang) if row.valid_until else "",
        status=row.status,
        reason=row.rejection_reason,
        filename=row.original_filename,
        factory=row.factory_name,
        legal_names=row.legal_names,
        uploaded=timefmt.moment(row.uploaded_at, zone, lang),
        expired_en=_expired_note(row, "en"),
        expired_zh=_expired_note(row, "zh"),
    )


def _expired_note(row: DocumentRow, lang: str) -> str:
    if row.expired_on is None:
        return ""
    return i18n.translate("review.expired_on", lang, date=timefmt.calendar_day(row.expired_on, lang))


DOCUMENT_FORM = "/dashboard/documents"

# The page field that shows each field the document rules (profile/documents.py) can refuse.
SHOWN_AT = {
    "kind": "kind",
    "certificate_number": "number",
    "issuing_body": "issuer",
    "valid_from": "valid_from",
    "valid_until": "valid_until",
    "file": "file",
}
FORM_ERROR = "form"  # a refusal for a field the page has no place for is said above "Submit", never dropped


def shown_errors(field_errors: dict[str, str]) -> dict[str, str]:
    """The rules' refusals (field → message key), keyed by the page field that shows each one."""
    shown: dict[str, str] = {}
    for field, key in field_errors.items():
        shown.setdefault(SHOWN_AT.get(field, FORM_ERROR), key)
    return shown


class DocumentsState(SessionState):
    loaded: bool = False
    rows: list[DocumentView] = []
    kind: str = "business_license"
    number: str = ""
    issuer: str = ""
    valid_from: str = ""
    valid_until: str = ""
    errors: dict[str, str] = {}
    working: bool = False  # "Submit" shows a spinner and takes no click while the file is checked and stored
    storage: StorageMeterView = meter_view(None)
    # One document per key, however often "Submit" is pressed. The form stays open after an upload, so
    # the next one takes a new key when the form is next edited (its number is cleared and required).
    _key: idempotency.FormKey = idempotency.FormKey()

    def _reload(self) -> None:
        user = self.user()
        self.rows = [document_view(r, user.timezone, self.lang) for r in documents.my_documents(user)]
        self.storage = meter_view(storage.my_storage(user))
        self.loaded = True

    @rx.event
    @refusals_shown
    def open(self):
        self.loaded, self.working = False, False
        self.errors = {}
        self._key = self._key.opened(DOCUMENT_FORM)  # kept when a reconnect runs this again
        self._reload()

    @rx.event
    def set_kind(self, value: str):
        if value in DOCUMENT_KINDS:
            self.kind = value
            self._key = self._key.opened(DOCUMENT_FORM)

    @rx.event
    def set_field(self, name: str, value: str):
        if name in ("number", "issuer", "valid_from", "valid_until"):
            setattr(self, name, str(value)[:200])  # only these four, never a client-chosen attribute
            self._key = self._key.opened(DOCUMENT_FORM)

    @rx.event
    @refusals_shown
    async def upload(self, files: list[rx.UploadFile]):
        user = self.user()
        self.errors = {}
        if not files:
            self.errors = {"file": self.tr("docs.no_file")}
            return
        self.working = True
        yield
        try:
            data = await read_upload(files[0], MAX_DOCUMENT_BYTES)
            document_id = await run_cpu(  # checking the file is CPU work: off the event loop every tab shares
                documents.add_document,
                user,
                DocumentForm(self.kind, self.number, self.issuer, self.valid_from, self.valid_until),
                files[0].filename or "",
                data,
                key=self._key.key,
            )
        except PermissionDenied:
            raise  # not a member: refusals_shown sends them away
        except ValidationFailed as exc:
            self.errors = {field: self.tr(key) for field, key in shown_errors(exc.field_errors).items()}
            return
        except DomainError as exc:  # e.g. too large, not a PDF/JPEG/PNG, storage full: said next to the file
            self.errors = {"file": self.explain(exc)}
            return
        finally:
            self.working = False
        self._key = self._key.used_for(document_id)
        self.number = self.issuer = self.valid_from = self.valid_until = ""
        self._reload()
        yield rx.clear_selected_files("document")
        yield rx.toast.success(self.tr("docs.uploaded"))

    @rx.event
    def refused_at_selection(self, rejected: list):
        """A file the browser refused when chosen (too large, not a PDF/JPEG/PNG): said at the file field."""
        refused = selection_refusals(rejected, MAX_DOCUMENT_BYTES, 1)
        self.errors = {"file": self.tr(refused[0][1], **refused[0][2])} if refused else {}

    @rx.event
    @refusals_shown
    def remove(self, document_id: int):
        documents.delete_document(self.user(), id_from_client(document_id))
        self._reload()
