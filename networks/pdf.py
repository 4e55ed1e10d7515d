"""The network's board report as a tagged PDF (PDF/UA-1), A4 landscape, laid out once by WeasyPrint, with
the same options as the highlight report (reports/pdf.py). WeasyPrint is imported when a PDF is made."""

import base64
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from . import charts
from .selectors import DECLARATION_FIGURES, METRIC_FIGURES, PAY_GAP_FIGURES, pay_band_table, side_by_side

PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_tags": True}


@dataclass
class RenderedPdf:
    content: bytes
    pages: int


def _data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def report_html(network, table: dict, generated_at: datetime) -> str:
    sections = []
    for title, figures in (("SC-WRES metrics", METRIC_FIGURES), ("Pay gaps", PAY_GAP_FIGURES),
                           ("Declaration rates", DECLARATION_FIGURES)):
        items = side_by_side(table, figures)
        for item in (i for i in items if i["stats"]["count"]):
            item["chart"] = _data_uri(charts.figure_chart(item["figure"].title, item["rows"], item["stats"],
                                                          item["figure"].kind))
        sections.append({"title": title, "items": items})
    year = table["year"]
    return render_to_string("networks/pdf/board.html", {
        "network": network, "table": table, "bands": pay_band_table(table), "sections": sections,
        "title": f"{network.name}: published figures {year - 1}/{str(year)[2:]}",
        "generated_at": timezone.localtime(generated_at),
    })


def render_pdf(network, table: dict, generated_at: datetime) -> RenderedPdf:
    from weasyprint import HTML

    html = HTML(string=report_html(network, table, generated_at), base_url=str(settings.BASE_DIR))
    document = html.render(**PDF_OPTIONS)
    return RenderedPdf(content=document.write_pdf(**PDF_OPTIONS), pages=len(document.pages))
