"""The network's board report as a tagged PDF (PDF/UA-1), A4 landscape, laid out once by WeasyPrint, with
the same renderer as the highlight report (edi_tracker/pdf.py). WeasyPrint is imported when a PDF is made."""

from datetime import datetime

from django.template.loader import render_to_string
from django.utils import timezone

from edi_tracker.pdf import RenderedPdf, render_pdf_html, svg_data_uri

from . import charts
from .selectors import DECLARATION_FIGURES, METRIC_FIGURES, PAY_GAP_FIGURES, pay_band_table, side_by_side


def report_html(network, table: dict, generated_at: datetime) -> str:
    sections = []
    for title, figures in (("SC-WRES metrics", METRIC_FIGURES), ("Pay gaps", PAY_GAP_FIGURES),
                           ("Declaration rates", DECLARATION_FIGURES)):
        items = side_by_side(table, figures)
        for item in (i for i in items if i["stats"]["count"]):
            item["chart"] = svg_data_uri(charts.figure_chart(item["figure"].title, item["rows"], item["stats"],
                                                          item["figure"].kind))
        sections.append({"title": title, "items": items})
    year = table["year"]
    return render_to_string("networks/pdf/board.html", {
        "network": network, "table": table, "bands": pay_band_table(table), "sections": sections,
        "title": f"{network.name}: published figures {year - 1}/{str(year)[2:]}",
        "generated_at": timezone.localtime(generated_at),
    })


def render_pdf(network, table: dict, generated_at: datetime) -> RenderedPdf:
    return render_pdf_html(report_html(network, table, generated_at))
