"""The highlight report as a tagged PDF (PDF/UA-1), A4, laid out once by WeasyPrint from a picture."""

import base64
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from edi_tracker import charts

PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_tags": True}


@dataclass
class RenderedPdf:
    content: bytes
    pages: int


def chart_data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def report_title(picture: dict) -> str:
    subject = picture["plan"]["title"] if picture["plan"] else picture["organisation"]["name"]
    return f"Highlight report {picture['quarter']['label']}: {subject}"


def report_html(picture: dict, generated_at: datetime) -> str:
    return render_to_string("reports/pdf/highlight.html", {
        "p": picture,
        "title": report_title(picture),
        "generated_at": timezone.localtime(generated_at),
        "status_chart": chart_data_uri(charts.status_chart(picture)),
        "groups_chart": chart_data_uri(charts.groups_chart(picture)),
    })


def render_pdf(picture: dict, generated_at: datetime) -> RenderedPdf:
    from weasyprint import HTML  # about 2 s to import: paid by what renders a PDF, not by every process

    html = HTML(string=report_html(picture, generated_at), base_url=str(settings.BASE_DIR))
    document = html.render(**PDF_OPTIONS)
    return RenderedPdf(content=document.write_pdf(**PDF_OPTIONS), pages=len(document.pages))
