"""`/admin/verification`: admins review licences and certificates."""

from __future__ import annotations

import reflex as rx

from realsourcing.core.errors import ValidationFailed
from realsourcing.profile import documents
from realsourcing.profile.states.documents import DocumentView, document_view
from realsourcing.ui.session import SessionState, id_from_client, refusals_shown


class VerificationState(SessionState):
    loaded: bool = False
    queue: list[DocumentView] = []
    reasons: dict[str, str] = {}
    errors: dict[str, str] = {}

    def _reload(self) -> None:
        admin = self.user()
        self.queue = [document_view(r, admin.timezone, self.lang) for r in documents.review_queue(admin)]
        self.loaded = True

    @rx.event
    @refusals_shown
    def open(self):
        self.loaded = False
        self.reasons, self.errors = {}, {}
        self._reload()

    @rx.event
    @refusals_shown
    def set_reason(self, document_id: int, value: str):
        self.reasons = {**self.reasons, str(id_from_client(document_id)): str(value)[:1000]}

    @rx.event
    @refusals_shown
    def decide(self, document_id: int, approve: bool):
        doc_id = id_from_client(document_id)
        key = str(doc_id)
        try:
            documents.review(self.user(), doc_id, bool(approve), self.reasons.get(key, ""))
        except ValidationFailed as exc:  # the reason box of this one document, not the page's whole form
            self.errors = {**self.errors, key: self.tr(exc.field_errors["reason"])}
            return
        self.errors = {k: v for k, v in self.errors.items() if k != key}
        self._reload()
        return rx.toast.success(self.tr("review.approved" if approve else "review.rejected"))
