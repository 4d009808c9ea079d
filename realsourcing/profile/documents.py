"""Licences and certificates: upload by a factory member, review by a platform admin.

Rules:
- Every upload starts as "pending review"; only admins approve or reject (a reason is required).
- A factory is Verified exactly when its business licence is approved and not expired.
- Expired documents are shown as expired, never as verified. One already expired is refused at upload
  (at its "valid until" field); one that expires while it waits is flagged "expired on …" in the review queue.
- The file is private: only the factory's members and admins may open it.
- Approving a business licence records the factory's legal names with it: bank details must be held by
  that company (profile/bank_setup.py), whatever the profile's names become later.
- A document counts against the factory's storage quota and document limit (profile/storage.py);
  past either, it is refused before anything is written.
- Checking the file is CPU work: callers on the event loop run add_document off it (core/offload.py).
- A document is stored once per form key (core/idempotency.py): a double click on "Submit", or a retry
  of the upload, answers with the first document; no second row, no second file, no second share of
  the quota (a twin that got past the first look removes the file it wrote).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlmodel import col, select

from realsourcing.accounts.identity import CurrentUser
from realsourcing.admin.service import require_admin
from realsourcing.config import get_settings
from realsourcing.core import idempotency
from realsourcing.core.errors import NotFound, PermissionDenied, ValidationFailed
from realsourcing.core.uploads import prepare_document, remove_stored, write_prepared
from realsourcing.db import get_existing, id_of, session_scope, utcnow
from realsourcing.notifications.service import notify
from realsourcing.profile.factories import document_is_current, refresh_verification
from realsourcing.profile.membership import is_member, members, require_member
from realsourcing.profile.models import DocumentKind, Factory, FactoryDocument, ReviewStatus
from realsourcing.profile.storage import lock_factory, require_room
from realsourcing.profile.terms import DOCUMENT_KINDS


@dataclass(frozen=True)
class DocumentForm:
    kind: str
    certificate_number: str = ""
    issuing_body: str = ""
    valid_from: str = ""  # ISO dates from the form
    valid_until: str = ""


@dataclass(frozen=True)
class DocumentRow:
    id: int
    kind: str
    certificate_number: str
    issuing_body: str
    valid_from: date | None
    valid_until: date | None
    status: str  # pending | approved | rejected | expired (approved but past valid_until)
    rejection_reason: str
    original_filename: str
    content_type: str
    uploaded_at: datetime
    factory_name: str = ""
    legal_names: str = ""  # the factory's legal names now: what approving its business licence records
    factory_slug: str = ""
    expired_on: date | None = None  # valid_until when it has passed, whatever the review status


def _parse_date(raw: str, field: str, errors: dict[str, str]) -> date | None:
    raw = (raw or "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        errors[field] = "err.date"
        return None


def check_form(form: DocumentForm) -> tuple[date | None, date | None]:
    """The form's dates (from, until); ValidationFailed naming each wrong field as DocumentForm names it."""
    errors: dict[str, str] = {}
    if form.kind not in DOCUMENT_KINDS:
        errors["kind"] = "err.document_kind"
    number, issuer = form.certificate_number.strip(), form.issuing_body.strip()
    if len(number) < 3:
        errors["certificate_number"] = "err.document_number_short" if number else "err.required"
    if len(issuer) < 2:
        errors["issuing_body"] = "err.issuer_short" if issuer else "err.required"
    valid_from = _parse_date(form.valid_from, "valid_from", errors)
    valid_until = _parse_date(form.valid_until, "valid_until", errors)
    if valid_until is None and "valid_until" not in errors and form.kind != "business_license":
        errors["valid_until"] = "err.required"
    if valid_from and valid_until and valid_until <= valid_from:
        errors["valid_until"] = "err.until_after_from"
    elif valid_until and valid_until < utcnow().date():
        errors["valid_until"] = "err.already_expired"
    if errors:
        raise ValidationFailed(errors)
    return valid_from, valid_until


DOCUMENT_KIND = "factory_document"


def upload_document(actor: CurrentUser, form: DocumentForm, filename: str, data: bytes) -> int:
    """`add_document` with a key of its own (server-side callers; the browser sends its form's key)."""
    return add_document(actor, form, filename, data, key=idempotency.new_key())


@idempotency.once(DOCUMENT_KIND)
def add_document(actor: CurrentUser, form: DocumentForm, filename: str, data: bytes, *, key: str) -> int:
    """Store a licence or certificate for the actor's factory, pending review. Returns its id (the first
    one's for a repeated key)."""
    with session_scope() as db:
        factory_id = id_of(require_member(db, actor))  # before validating or touching the disk
        require_room(db, factory_id, 1, actor.language, document=True)  # full already: refused before any decoding
    valid_from, valid_until = check_form(form)
    prepared = prepare_document(data)
    root = get_settings().private_dir
    stored = None
    try:
        with session_scope() as db:
            lock_factory(db, factory_id)
            require_room(db, factory_id, prepared.size_bytes, actor.language, document=True)
            stored = write_prepared(prepared, root, f"documents/{factory_id}")
            doc = FactoryDocument(
                factory_id=factory_id,
                kind=form.kind,
                certificate_number=" ".join(form.certificate_number.split())[:120],
                issuing_body=" ".join(form.issuing_body.split())[:200],
                valid_from=valid_from,
                valid_until=valid_until,
                storage_key=stored.key,
                original_filename=Path(filename or "").name[:255],  # shown to people only, never used as a path
                content_type=stored.content_type,
                size_bytes=stored.size_bytes,
                uploaded_by_id=actor.id,
            )
            db.add(doc)
            db.flush()
            idempotency.remember(db, id_of(doc))  # a twin with this key fails here, and its file goes
            return id_of(doc)
    except BaseException:
        if stored is not None:  # the row was not saved: its file must not stay behind
            remove_stored(root, stored.key)
        raise


def _row(doc: FactoryDocument, today: date, factory: Factory | None = None) -> DocumentRow:
    status = doc.status
    if status == ReviewStatus.APPROVED.value and not document_is_current(doc, today):
        status = "expired"
    return DocumentRow(
        id=id_of(doc),
        kind=doc.kind,
        certificate_number=doc.certificate_number,
        issuing_body=doc.issuing_body,
        valid_from=doc.valid_from,
        valid_until=doc.valid_until,
        status=status,
        rejection_reason=doc.rejection_reason,
        original_filename=doc.original_filename,
        content_type=doc.content_type,
        uploaded_at=doc.created_at,
        factory_name=factory.display_name_en if factory else "",
        factory_slug=factory.slug if factory else "",
        expired_on=doc.valid_until if doc.valid_until is not None and doc.valid_until < today else None,
        legal_names=" / ".join(n for n in (factory.legal_name_en, factory.legal_name_zh) if n) if factory else "",
    )


def my_documents(actor: CurrentUser) -> list[DocumentRow]:
    today = utcnow().date()
    with session_scope() as db:
        factory = require_member(db, actor)
        docs = db.exec(
            select(FactoryDocument)
            .where(FactoryDocument.factory_id == factory.id)
            .order_by(col(FactoryDocument.created_at).desc())
        ).all()
        return [_row(d, today) for d in docs]


def delete_document(actor: CurrentUser, document_id: int) -> None:
    """A member withdraws one of their factory's documents (e.g. uploaded by mistake)."""
    with session_scope() as db:
        factory = require_member(db, actor)
        doc = db.get(FactoryDocument, document_id)
        if doc is None or doc.factory_id != factory.id:
            raise NotFound()
        db.delete(doc)
        db.flush()
        refresh_verification(db, factory)
    (get_settings().private_dir / doc.storage_key).unlink(missing_ok=True)


def review_queue(actor: CurrentUser, status: str = ReviewStatus.PENDING.value) -> list[DocumentRow]:
    """Documents for admins to review, oldest first; one that expired while it waited says since when
    (`expired_on`), so the admin rejects it rather than approving a certificate that verifies nothing."""
    require_admin(actor)
    today = utcnow().date()
    with session_scope() as db:
        rows = db.exec(
            select(FactoryDocument, Factory)
            .join(Factory, col(Factory.id) == FactoryDocument.factory_id)
            .where(FactoryDocument.status == status)
            .order_by(col(FactoryDocument.created_at), col(FactoryDocument.id))
            .limit(200)
        ).all()
        return [_row(d, today, f) for d, f in rows]


def review(actor: CurrentUser, document_id: int, approve: bool, reason: str = "") -> None:
    """Approve, or reject with a reason the factory will see. Admins only."""
    admin = require_admin(actor)
    reason = " ".join((reason or "").split())
    if not approve and len(reason) < 5:
        raise ValidationFailed({"reason": "err.reason_required"})
    with session_scope() as db:
        doc = db.get(FactoryDocument, document_id)
        if doc is None:
            raise NotFound()
        doc.status = ReviewStatus.APPROVED.value if approve else ReviewStatus.REJECTED.value
        doc.rejection_reason = "" if approve else reason[:1000]
        doc.reviewed_by_id = admin.id
        doc.reviewed_at = utcnow()
        factory = get_existing(db, Factory, doc.factory_id)
        if approve and doc.kind == DocumentKind.BUSINESS_LICENSE.value:
            # The names the admin approved with the licence: the only ones a bank account may carry.
            doc.licensed_name_en, doc.licensed_name_zh = factory.legal_name_en, factory.legal_name_zh
        db.add(doc)
        db.flush()
        refresh_verification(db, factory)
        payload = {"document": DOCUMENT_KINDS.get(doc.kind, (doc.kind, doc.kind))[0], "reason": doc.rejection_reason}
        for member in members(db, doc.factory_id):
            notify(
                db,
                member,
                "document_approved" if approve else "document_rejected",
                payload,
                link="/dashboard/documents",
                actor_id=admin.id,
            )


@dataclass(frozen=True)
class PrivateFile:
    path: Path
    content_type: str
    download_name: str


def open_document(actor: CurrentUser, document_id: int) -> PrivateFile:
    """The file behind a document, for its factory's members and for admins only."""
    with session_scope() as db:
        doc = db.get(FactoryDocument, document_id)
        if doc is None:
            raise NotFound()
        if not (actor.is_admin or is_member(db, doc.factory_id, actor.id)):
            raise PermissionDenied()
        extension = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}.get(doc.content_type, "bin")
        return PrivateFile(
            get_settings().private_dir / doc.storage_key, doc.content_type, f"{doc.kind}-{doc.id}.{extension}"
        )
