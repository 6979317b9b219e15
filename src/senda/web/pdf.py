"""PDFs of pages: the board pack and the quarterly report."""

from __future__ import annotations

from pathlib import Path

from django.contrib.staticfiles import finders

#: The print stylesheet the PDF is laid out with.
PRINT_CSS = "senda/board-pack.css"


def pdf_bytes(html: str) -> bytes:
    """``html`` laid out as a tagged PDF (headings, tables, reading order and language, for
    screen readers) by WeasyPrint with the print stylesheet (read from disk: nothing is
    fetched over the network). The board pack and the quarterly report both use it."""
    from weasyprint import CSS, HTML

    stylesheet = finders.find(PRINT_CSS)
    base = Path(str(stylesheet)).parent.as_uri() + "/"
    document = HTML(string=html, base_url=base)
    return document.write_pdf(stylesheets=[CSS(filename=stylesheet)], pdf_tags=True)
