"""A generated PDF read back as a reader's PDF software would: its pages' text, in order (pypdf).

pypdf decodes the Chinese text of ReportLab's built-in CID font (STSong-Light, encoded with Adobe's
predefined UniGB-UCS2-H CMap), so tests can look for Chinese words as well as English ones.
"""

from __future__ import annotations

from io import BytesIO

from pypdf import PdfReader


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page."""
    return [page.extract_text() or "" for page in PdfReader(BytesIO(data)).pages]


def pdf_text(data: bytes) -> str:
    """The whole document's text, pages joined; runs of white space as one space."""
    return " ".join(" ".join(pdf_pages(data)).split())
