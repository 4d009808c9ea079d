"""`/admin/verification`: admins review licences and certificates."""

from __future__ import annotations

import reflex as rx

from realsourcing.core.errors import NotFound, PermissionDenied, ValidationFailed
from realsourcing.profile import documents
from realsourcing.profile.states.documents import DocumentView, document_view
from realsourcing.ui.session import SessionState


class VerificationState(SessionState):
    loaded: bool = False
    queue: list[DocumentView] = []
    reasons: dict[str, str] = {}
    errors: dict[str, str] = {}

    def _reload(self):
        user = self.current_user()
        try:
            self.queue = [document_view(r) for r in documents.review_queue(user)]
        except PermissionDenied:
            return self.refuse(user)
        self.loaded = True

    @rx.event
    def open(self):
        self.loaded = False
        self.reasons, self.errors = {}, {}
        return self._reload()

    @rx.event
    def set_reason(self, document_id: int, value: str):
        self.reasons = {**self.reasons, str(int(document_id)): str(value)[:1000]}

    @rx.event
    def decide(self, document_id: int, approve: bool):
        user = self.current_user()
        key = str(int(document_id))
        try:
            documents.review(user, int(document_id), bool(approve), self.reasons.get(key, ""))
        except PermissionDenied:
            return self.refuse(user)
        except NotFound:
            return rx.toast.error(self.tr("err.not_found"))
        except ValidationFailed as exc:
            self.errors = {**self.errors, key: self.tr(exc.field_errors["reason"])}
            return
        self.errors = {k: v for k, v in self.errors.items() if k != key}
        reload = self._reload()
        return reload or rx.toast.success(self.tr("review.approved" if approve else "review.rejected"))
