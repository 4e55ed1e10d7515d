"""The highlight report as a tagged PDF (PDF/UA-1), A4, laid out once by WeasyPrint from a picture."""

from datetime import datetime

from django.template.loader import render_to_string
from django.utils import timezone

from edi_tracker.pdf import RenderedPdf, render_pdf_html
from edi_tracker.pdf import svg_data_uri as chart_data_uri

from .selectors import picture_chart


def report_title(picture: dict) -> str:
    subject = picture["plan"]["title"] if picture["plan"] else picture["organisation"]["name"]
    return f"Highlight report {picture['quarter']['label']}: {subject}"


def report_html(picture: dict, generated_at: datetime) -> str:
    return render_to_string("reports/pdf/highlight.html", {
        "p": picture,
        "title": report_title(picture),
        "generated_at": timezone.localtime(generated_at),
        "status_chart": chart_data_uri(picture_chart(picture, "status")),
        "groups_chart": chart_data_uri(picture_chart(picture, "groups")),
    })


def render_pdf(picture: dict, generated_at: datetime) -> RenderedPdf:
    return render_pdf_html(report_html(picture, generated_at))
