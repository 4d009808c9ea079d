"""Private files (licences, certificates): served only after checking who is asking."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response

from realsourcing.accounts import service as accounts
from realsourcing.core.errors import NotFound, PermissionDenied
from realsourcing.orders.row_ids import row_id
from realsourcing.profile import documents


async def document_file(request: Request) -> Response:
    """GET /api/documents/{id}: the file, for the factory's members and admins; 404 for everyone else."""
    document_id = row_id(request.path_params["document_id"])  # huge, negative, not a number: no such document
    if document_id is None:
        return PlainTextResponse("Not found", status_code=404)
    user = await run_in_threadpool(accounts.resolve_session, request.cookies.get(accounts.SESSION_COOKIE))
    if user is None:
        return PlainTextResponse("Not found", status_code=404)  # the same answer as for a document one may not see
    try:
        private = await run_in_threadpool(documents.open_document, user, document_id)
    except (PermissionDenied, NotFound):
        # The same answer either way: nobody learns which document ids exist.
        return PlainTextResponse("Not found", status_code=404)
    if not private.path.is_file():
        return PlainTextResponse("Not found", status_code=404)
    return FileResponse(
        private.path,
        media_type=private.content_type,
        filename=private.download_name,
        content_disposition_type="inline",
        headers={"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"},
    )
