"""Tagged PDFs (PDF/UA-1, for screen readers) laid out once by WeasyPrint: the one way the product renders a
PDF, used by the highlight report (reports/pdf.py) and the network's board report (networks/pdf.py).
WeasyPrint is imported when a PDF is made, not at start-up."""

import base64
from dataclasses import dataclass

from django.conf import settings

PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_tags": True}


@dataclass
class RenderedPdf:
    content: bytes
    pages: int


def svg_data_uri(svg: str) -> str:
    """A chart's SVG as an image source the PDF's HTML can embed."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def render_pdf_html(html: str) -> RenderedPdf:
    """The HTML laid out once and written as a tagged PDF, with its page count."""
    from weasyprint import HTML  # about 2 s to import: paid by what renders a PDF, not by every process

    document = HTML(string=html, base_url=str(settings.BASE_DIR)).render(**PDF_OPTIONS)
    return RenderedPdf(content=document.write_pdf(**PDF_OPTIONS), pages=len(document.pages))
