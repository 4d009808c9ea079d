"""An order's documents as PDF: GET /api/orders/{id}/proforma.pdf and /api/orders/{id}/receipt.pdf.

Rules:
- The order's buyer, its factory's members and admins get the file; anyone else signed in gets the
  same 404 as for an order that does not exist; nobody signed in is sent to log in (the same for every id).
- A receipt before the money was received: 409 with the reason in both languages.
- The database read runs in a thread, the PDF is made on the bounded CPU pool (core.offload): neither
  holds up the event loop. The answer is an attachment under a readable name, never cached.
"""

from __future__ import annotations

from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from realsourcing.accounts import service as accounts
from realsourcing.core.errors import NotFound, PermissionDenied
from realsourcing.core.offload import run_cpu
from realsourcing.orders import invoice_pdf, invoices
from realsourcing.orders.invoice_pdf import DocumentKind
from realsourcing.orders.row_ids import row_id

NOT_FOUND = "Not found"


async def _document(request: Request, kind: DocumentKind) -> Response:
    order_id = row_id(request.path_params["order_id"])  # huge, negative, not a number: no such order
    if order_id is None:
        return PlainTextResponse(NOT_FOUND, status_code=404)
    user = await run_in_threadpool(accounts.resolve_session, request.cookies.get(accounts.SESSION_COOKIE))
    if user is None:
        return RedirectResponse(f"/login?next={quote(f'/orders/{order_id}', safe='')}", status_code=303)
    try:
        document = await run_in_threadpool(invoices.document_for, user, order_id, kind)
        pdf = await run_cpu(invoice_pdf.render, document)
    except (NotFound, PermissionDenied):
        return PlainTextResponse(NOT_FOUND, status_code=404)  # nobody learns which orders exist
    except (invoices.NoReceiptYet, invoice_pdf.TotalsDoNotAddUp) as refused:
        return PlainTextResponse(invoice_pdf.both(refused.key), status_code=409)
    name = invoice_pdf.download_name(kind, document.order_reference)
    return Response(
        pdf,
        media_type="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "private, no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )


async def proforma_pdf(request: Request) -> Response:
    return await _document(request, DocumentKind.PROFORMA)


async def receipt_pdf(request: Request) -> Response:
    return await _document(request, DocumentKind.RECEIPT)
