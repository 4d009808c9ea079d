"""A sample order's proforma invoice and receipt as PDF (ReportLab), every label in English and Chinese.

Rules:
- One document carries both languages: each label reads "English · 中文"; names the factory gave in both
  (legal name, product names) are printed in both.
- Chinese is set in ReportLab's built-in CID font STSong-Light (one of the Adobe Asian fonts every PDF
  reader has), so no font file ships or is embedded; Latin text in Helvetica. Text people typed (addresses,
  bank instructions, options) is split into runs, each set in the font that has its characters.
- Dates are calendar days in the seller's (the factory's) time zone, and the document names that zone;
  the "generated" stamp in the footer is UTC and says so.
- Amounts are integer cents, formatted by core.money (Babel, English notation) with the currency named
  once; line totals are quantity × unit price, and a document whose stored subtotal or total does not
  add up to its lines and shipping is refused (`TotalsDoNotAddUp`), never printed.
- A proforma invoice states what to pay and how (for bank transfers: the payee's bank and the order
  number as payment reference; a cancelled order says it is not payable and shows no bank details).
  A receipt states when and how much was received, how (card: the payment provider's reference; bank
  transfer: the day the factory confirmed it), and, for a refunded order, that it was refunded and when.

Pure: data in, bytes out; no database, no Reflex. `orders.invoices` gathers the data and decides who may
have which document.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from io import BytesIO
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from babel.numbers import get_currency_name
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from realsourcing.core.errors import DomainError
from realsourcing.core.i18n import translate
from realsourcing.core.money import format_money
from realsourcing.core.timefmt import known_zone, zone_label
from realsourcing.orders.lifecycle import OrderStatus, PaymentMethod

CJK_FONT = "STSong-Light"
LATIN, LATIN_BOLD = "Helvetica", "Helvetica-Bold"
INK, MUTED, RULE, SHADE = (
    colors.HexColor("#1f2328"),
    colors.HexColor("#59636e"),
    colors.HexColor("#c9ced6"),
    colors.HexColor("#f0f2f5"),
)
ALERT, ALERT_SHADE = colors.HexColor("#b42318"), colors.HexColor("#fdecea")
MARGIN = 18 * mm
WIDTH = A4[0] - 2 * MARGIN - 12  # the text block: between the margins, less the frame's own 6 pt each side


class DocumentKind(StrEnum):
    PROFORMA = "proforma"
    RECEIPT = "receipt"


NUMBER_PREFIX = {DocumentKind.PROFORMA: "PI", DocumentKind.RECEIPT: "RC"}


def document_number(kind: DocumentKind, order_reference: str) -> str:
    """The document's number, derived from the order's: PI-RS-2026-000123, RC-RS-2026-000123."""
    return f"{NUMBER_PREFIX[kind]}-{order_reference}"


def download_name(kind: DocumentKind, order_reference: str) -> str:
    """The name a download is saved under: proforma-invoice-RS-2026-000123.pdf, receipt-RS-2026-000123.pdf."""
    word = "proforma-invoice" if kind == DocumentKind.PROFORMA else "receipt"
    safe = "".join(c for c in order_reference if c.isascii() and (c.isalnum() or c in "-_"))
    return f"{word}-{safe}.pdf" if safe else f"{word}.pdf"


class TotalsDoNotAddUp(DomainError):
    def __init__(self) -> None:
        super().__init__("order.invoice_err_totals")


@dataclass(frozen=True)
class InvoiceLine:
    name_en: str
    name_zh: str
    quantity: int
    unit_cents: int
    options: str = ""

    @property
    def total_cents(self) -> int:
        return self.quantity * self.unit_cents


@dataclass(frozen=True)
class Seller:
    name_en: str
    name_zh: str
    address: list[str]  # lines, as the factory wrote them
    contact: list[str]  # name, email, phone (those given)


@dataclass(frozen=True)
class Buyer:
    name: str
    company: str
    ship_to: list[str]  # the order's ship-to address, one line each
    phone: str


@dataclass(frozen=True)
class PaymentFacts:
    """What a receipt states about the money (None on a document for an unpaid order)."""

    paid_at: datetime
    provider_reference: str  # card: the payment provider's id for the payment; bank transfer: ""
    refunded_at: datetime | None = None


@dataclass(frozen=True)
class OrderDocument:
    kind: DocumentKind
    order_reference: str
    status: str  # an OrderStatus value
    placed_at: datetime  # UTC
    zone: str  # the seller's IANA zone: every date on the document is a day there
    currency: str
    seller: Seller
    buyer: Buyer
    lines: list[InvoiceLine]
    shipping_label: str
    shipping_cents: int
    subtotal_cents: int
    total_cents: int
    payment_method: str  # a PaymentMethod value
    generated_at: datetime  # UTC
    # (catalogue key of the label, or "" for free text; value): the payee's bank, for bank-transfer orders
    bank_details: list[tuple[str, str]] = field(default_factory=list)
    payment: PaymentFacts | None = None

    @property
    def number(self) -> str:
        return document_number(self.kind, self.order_reference)

    @property
    def issued_at(self) -> datetime:
        """A proforma is issued when the order is placed, a receipt when the money is received."""
        return self.payment.paid_at if self.kind == DocumentKind.RECEIPT and self.payment else self.placed_at

    def check_totals(self) -> None:
        """The stored amounts must be what the lines and the shipping fee add up to."""
        subtotal = sum(line.total_cents for line in self.lines)
        if subtotal != self.subtotal_cents or subtotal + self.shipping_cents != self.total_cents:
            raise TotalsDoNotAddUp()


# ---------------------------------------------------------------- text in two scripts


# Registered once at import, not on first use: documents are made on several threads at once.
pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))


def _latin_has(char: str) -> bool:
    """Helvetica here is WinAnsi-encoded: a character outside cp1252 goes to the CJK font."""
    try:
        char.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def markup(text: str) -> str:
    """Paragraph markup for text people typed or the catalogue holds: escaped, CJK runs in the CJK font."""
    out: list[str] = []
    run, run_latin = "", True
    for char in text:
        latin = _latin_has(char)
        if run and latin != run_latin:
            out.append(escape(run) if run_latin else f'<font face="{CJK_FONT}">{escape(run)}</font>')
            run = ""
        run, run_latin = run + char, latin
    if run:
        out.append(escape(run) if run_latin else f'<font face="{CJK_FONT}">{escape(run)}</font>')
    return "".join(out)


def both(key: str, **params: object) -> str:
    """A catalogue text in both languages, "English · 中文"."""
    return f"{translate(key, 'en', **params)} · {translate(key, 'zh', **params)}"


def both_each(key: str, en: dict[str, object], zh: dict[str, object]) -> str:
    """Like `both`, with parameters that read differently in each language (a zone's name)."""
    return f"{translate(key, 'en', **en)} · {translate(key, 'zh', **zh)}"


def _style(
    size: float = 9,
    *,
    bold: bool = False,
    color: colors.Color = INK,
    right: bool = False,
    leading: float | None = None,
    **kw: object,
) -> ParagraphStyle:
    return ParagraphStyle(
        "s",
        fontName=LATIN_BOLD if bold else LATIN,
        fontSize=size,
        leading=leading or size * 1.3,
        textColor=color,
        alignment=TA_RIGHT if right else 0,
        **kw,
    )


BODY, SMALL, MUTED_SMALL = _style(9), _style(8), _style(7.5, color=MUTED)
BODY_BOLD, BODY_RIGHT = _style(9, bold=True), _style(9, right=True)


def p(text: str, style: ParagraphStyle = BODY) -> Paragraph:
    return Paragraph(markup(text), style)


def label(key: str, style: ParagraphStyle = MUTED_SMALL, **params: object) -> Paragraph:
    return p(both(key, **params), style)


def stacked(key: str, right: bool = False) -> Paragraph:
    """A column heading: English over Chinese."""
    style = _style(8, bold=True, right=right)
    return Paragraph(
        f"{markup(translate(key, 'en'))}<br/>{markup(translate(key, 'zh'))}",
        style,
    )


# ---------------------------------------------------------------- values


def day(at: datetime, zone: str) -> str:
    """The calendar day of an instant in the zone, ISO (2026-12-04): read the same in both languages."""
    return at.astimezone(ZoneInfo(known_zone(zone))).date().isoformat()


def money(cents: int, currency: str) -> str:
    return format_money(cents, currency, "en")


def status_text(status: str) -> str:
    return both(f"order.status_{status}") if status in {s.value for s in OrderStatus} else status


def method_text(method: str) -> str:
    return both("order.bank" if method == PaymentMethod.BANK_TRANSFER.value else "order.invoice_method_card")


def currency_text(currency: str) -> str:
    code = currency.upper()
    return f"{code} — {get_currency_name(code, locale='en_US')} · {get_currency_name(code, locale='zh_Hans_CN')}"


# ---------------------------------------------------------------- the document


def _header(doc: OrderDocument) -> list[Flowable]:
    title_key = "order.invoice_title_proforma" if doc.kind == DocumentKind.PROFORMA else "order.invoice_title_receipt"
    title = [
        Paragraph(escape(translate(title_key, "en")), _style(20, bold=True, leading=24)),
        Paragraph(markup(translate(title_key, "zh")), _style(16, spaceBefore=2)),
        Spacer(1, 3 * mm),
        p(doc.seller.name_en, BODY_BOLD),
        p(doc.seller.name_zh, BODY),
    ]
    meta_rows = [
        ("order.invoice_number", doc.number),
        ("order.invoice_issue_date", day(doc.issued_at, doc.zone)),
        ("order.invoice_order_number", doc.order_reference),
        ("order.invoice_order_date", day(doc.placed_at, doc.zone)),
        ("order.invoice_status", status_text(doc.status)),
    ]
    meta = Table(
        [
            [label(key, SMALL), p(value, BODY_BOLD if key == "order.invoice_number" else BODY)]
            for key, value in meta_rows
        ],
        colWidths=[36 * mm, 48 * mm],
        style=TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -2), 0.25, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ]
        ),
    )
    header = Table(
        [[title, meta]],
        colWidths=[WIDTH - 86 * mm, 86 * mm],
        style=TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (0, 0), 0)]),
    )
    zone = known_zone(doc.zone)
    at = doc.issued_at
    note = p(
        both_each(
            "order.invoice_zone_note", {"zone": zone_label(zone, "en", at)}, {"zone": zone_label(zone, "zh", at)}
        ),
        MUTED_SMALL,
    )
    return [header, Spacer(1, 1.5 * mm), note, Spacer(1, 4 * mm)]


def _parties(doc: OrderDocument) -> Flowable:
    s, b = doc.seller, doc.buyer
    seller = [p(s.name_en, BODY_BOLD), p(s.name_zh)] + [p(line) for line in s.address]
    if s.contact:
        seller += [Spacer(1, 1.5 * mm), label("order.invoice_contact")] + [p(line) for line in s.contact]
    buyer = [p(b.name, BODY_BOLD)] + ([p(b.company)] if b.company else [])
    buyer += [Spacer(1, 1.5 * mm), label("order.ship_to")] + [p(line) for line in b.ship_to]
    if b.phone:
        buyer += [p(f"{both('order.ship_phone')}: {b.phone}")]
    half = WIDTH / 2
    return Table(
        [
            [label("order.invoice_seller", _style(8, bold=True)), label("order.invoice_buyer", _style(8, bold=True))],
            [seller, buyer],
        ],
        colWidths=[half, half],
        style=TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("BOX", (0, 0), (0, -1), 0.5, RULE),
                ("BOX", (1, 0), (1, -1), 0.5, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
            ]
        ),
    )


def _product_cell(line: InvoiceLine) -> list[Flowable]:
    cell: list[Flowable] = [p(line.name_en)]
    if line.name_zh and line.name_zh != line.name_en:
        cell.append(p(line.name_zh, _style(9, color=MUTED)))
    if line.options:
        cell.append(p(f"{both('order.invoice_options')}: {line.options}", MUTED_SMALL))
    return cell


def _lines(doc: OrderDocument) -> Flowable:
    head = [
        stacked("order.invoice_line_no"),
        stacked("order.invoice_product"),
        stacked("order.quantity", right=True),
        stacked("order.unit_price", right=True),
        stacked("order.invoice_amount", right=True),
    ]
    rows: list[list] = [head]
    for n, line in enumerate(doc.lines, start=1):
        rows.append(
            [
                p(str(n)),
                _product_cell(line),
                p(str(line.quantity), BODY_RIGHT),
                p(money(line.unit_cents, doc.currency), BODY_RIGHT),
                p(money(line.total_cents, doc.currency), BODY_RIGHT),
            ]
        )
    widths = [10 * mm, WIDTH - 88 * mm, 20 * mm, 28 * mm, 30 * mm]
    return Table(
        rows,
        colWidths=widths,
        repeatRows=1,
        style=TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("LINEABOVE", (0, 0), (-1, 0), 0.75, INK),
                ("LINEBELOW", (0, 0), (-1, 0), 0.5, INK),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        ),
    )


def _totals(doc: OrderDocument) -> Flowable:
    shipping = both("order.shipping") + (f" ({doc.shipping_label})" if doc.shipping_label else "")
    rows = [
        [p(both("order.invoice_subtotal")), p(money(doc.subtotal_cents, doc.currency), BODY_RIGHT)],
        [p(shipping), p(money(doc.shipping_cents, doc.currency), BODY_RIGHT)],
        [
            p(f"{both('order.total')} ({doc.currency.upper()})", _style(10.5, bold=True)),
            p(money(doc.total_cents, doc.currency), _style(10.5, bold=True, right=True)),
        ],
    ]
    totals = Table(
        rows,
        colWidths=[62 * mm, 30 * mm],
        style=TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEABOVE", (0, -1), (-1, -1), 0.75, INK),
                ("LINEBELOW", (0, -1), (-1, -1), 0.75, INK),
                ("BACKGROUND", (0, -1), (-1, -1), SHADE),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        ),
    )
    currency = p(f"{both('order.invoice_currency')}: {currency_text(doc.currency)}", SMALL)
    return Table(
        [[currency, totals]],
        colWidths=[WIDTH - 92 * mm, 92 * mm],
        style=TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
    )


def _box(rows: list[list], shade: colors.Color = SHADE, edge: colors.Color = RULE) -> Table:
    return Table(
        rows,
        colWidths=[48 * mm, WIDTH - 48 * mm] if rows and len(rows[0]) == 2 else [WIDTH],
        style=TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, -1), shade),
                ("BOX", (0, 0), (-1, -1), 0.5, edge),
                ("TOPPADDING", (0, 0), (-1, -1), 3.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
            ]
        ),
    )


def _banner(text: str) -> Table:
    return _box([[p(text, _style(10, bold=True, color=ALERT))]], ALERT_SHADE, ALERT)


def _section(key: str) -> list[Flowable]:
    return [Spacer(1, 5 * mm), label(key, _style(10.5, bold=True)), Spacer(1, 1.5 * mm)]


def _proforma_payment(doc: OrderDocument) -> list[Flowable]:
    out = _section("order.invoice_payment")
    if doc.status == OrderStatus.CANCELLED.value:
        return [*out, _banner(both("order.invoice_cancelled_not_payable"))]
    rows = [[label("order.invoice_payment_method", SMALL), p(method_text(doc.payment_method))]]
    bank = doc.payment_method == PaymentMethod.BANK_TRANSFER.value
    if bank:
        details = [p(value) if not key else p(f"{both(key)}: {value}") for key, value in doc.bank_details]
        rows.append([label("order.invoice_payee_bank", SMALL), details or [p(both("order.invoice_bank_missing"))]])
        rows.append(
            [
                label("order.invoice_payment_reference", SMALL),
                [p(doc.order_reference, _style(10, bold=True)), p(both("order.invoice_reference_help"), MUTED_SMALL)],
            ]
        )
    else:
        rows.append([label("order.invoice_how_to_pay", SMALL), p(both("order.invoice_card_help"))])
    rows.append([label("order.invoice_amount_due", SMALL), p(money(doc.total_cents, doc.currency), BODY_BOLD)])
    out.append(_box(rows))
    if doc.payment is not None:
        out += [
            Spacer(1, 2 * mm),
            p(both("order.invoice_already_paid", day=day(doc.payment.paid_at, doc.zone)), BODY_BOLD),
        ]
    return out


def _receipt_payment(doc: OrderDocument) -> list[Flowable]:
    paid = doc.payment
    assert paid is not None, "a receipt is only made for a paid order"
    out: list[Flowable] = []
    if paid.refunded_at is not None or doc.status == OrderStatus.REFUNDED.value:
        when = day(paid.refunded_at, doc.zone) if paid.refunded_at else ""
        out += [
            Spacer(1, 4 * mm),
            _banner(both("order.invoice_refunded_on", day=when) if when else both("order.invoice_refunded")),
        ]
    out += _section("order.invoice_payment_received")
    if doc.payment_method == PaymentMethod.CARD.value:
        reference = [p(both("order.invoice_card_by_stripe")), p(paid.provider_reference or "—", BODY_BOLD)]
    else:
        reference = [p(both("order.invoice_bank_confirmed", day=day(paid.paid_at, doc.zone)))]
    rows = [
        [label("order.invoice_paid_on", SMALL), p(day(paid.paid_at, doc.zone), BODY_BOLD)],
        [label("order.invoice_amount_received", SMALL), p(money(doc.total_cents, doc.currency), BODY_BOLD)],
        [label("order.invoice_payment_method", SMALL), p(method_text(doc.payment_method))],
        [label("order.invoice_provider_reference", SMALL), reference],
        [label("order.invoice_payment_reference", SMALL), p(doc.order_reference)],
    ]
    out.append(_box(rows))
    return out


def _footer(doc: OrderDocument) -> Callable:
    note_key = "order.invoice_footer_proforma" if doc.kind == DocumentKind.PROFORMA else "order.invoice_footer_receipt"
    generated = doc.generated_at.astimezone(ZoneInfo("UTC")).strftime("%Y-%m-%d %H:%M UTC")

    def draw(canvas, template) -> None:
        canvas.saveState()
        left, top = MARGIN + 6, 17 * mm
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(left, top, left + WIDTH, top)
        note = Paragraph(markup(both(note_key)), MUTED_SMALL)
        _, height = note.wrap(WIDTH, 12 * mm)
        note.drawOn(canvas, left, top - 1.5 * mm - height)
        page = both("order.invoice_page", n=canvas.getPageNumber())
        stamp = Paragraph(
            markup(f"{both('order.invoice_generated', at=generated)}   {page}"), _style(7.5, color=MUTED, right=True)
        )
        _, stamp_height = stamp.wrap(WIDTH, 10 * mm)
        stamp.drawOn(canvas, left, top - 3 * mm - height - stamp_height)
        canvas.restoreState()

    return draw


def render(doc: OrderDocument) -> bytes:
    """The document as PDF bytes (raises TotalsDoNotAddUp instead of printing amounts that disagree)."""
    doc.check_totals()
    if doc.kind == DocumentKind.RECEIPT and doc.payment is None:
        raise ValueError("a receipt needs the payment's facts")
    out = BytesIO()
    title_key = "order.invoice_title_proforma" if doc.kind == DocumentKind.PROFORMA else "order.invoice_title_receipt"
    pdf = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=16 * mm,
        bottomMargin=26 * mm,
        title=f"{both(title_key)} {doc.number}",
        author=doc.seller.name_en,
        subject=doc.order_reference,
        creator="RealSourcing",
    )
    story: list[Flowable] = [*_header(doc), _parties(doc), Spacer(1, 5 * mm), _lines(doc), Spacer(1, 3 * mm)]
    story.append(_totals(doc))
    story += _proforma_payment(doc) if doc.kind == DocumentKind.PROFORMA else _receipt_payment(doc)
    footer = _footer(doc)
    pdf.build(story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()
