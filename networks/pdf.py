"""The network's board report as a tagged PDF (PDF/UA-1), A4 landscape, laid out once by WeasyPrint, with
the same renderer as the highlight report (edi_tracker/pdf.py). WeasyPrint is imported when a PDF is made."""

from datetime import datetime

from django.template.loader import render_to_string
from django.utils import timezone

from edi_tracker.pdf import RenderedPdf, render_pdf_html, svg_data_uri

from . import charts
from .selectors import DECLARATION_FIGURES, METRIC_FIGURES, PAY_GAP_FIGURES, pay_band_table, side_by_side


# The pan-network table has too many columns for one A4 page's width: the board report prints it in parts, a few
# groups each, every part with the members' names (the seed's own report printed BAME, Asian and Black together).
PAY_BAND_PARTS = (("bme", "asian", "black"), ("mixed", "other"), ("white", "not_known"))


def pay_band_parts(bands: dict) -> list[dict]:
    """The pay band table (selectors.pay_band_table) cut into PAY_BAND_PARTS: each part's column groups, and each
    row with only those groups."""
    parts = []
    for keys in PAY_BAND_PARTS:
        columns = [c for c in bands["columns"] if c["group"] in keys]
        rows = [{**row, "groups": [g for g in row["groups"] if g["group"] in keys]}
                for row in bands["rows"] + ([bands["total"]] if bands["total"] else [])]
        parts.append({"columns": columns, "rows": rows, "span": sum(c["span"] for c in columns),
                      "labels": " · ".join(c["label"] for c in columns)})
    return parts


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
    bands = pay_band_table(table)
    return render_to_string("networks/pdf/board.html", {
        "network": network, "table": table, "bands": bands, "band_parts": pay_band_parts(bands), "sections": sections,
        "title": f"{network.name}: published figures {year - 1}/{str(year)[2:]}",
        "generated_at": timezone.localtime(generated_at),
    })


def render_pdf(network, table: dict, generated_at: datetime) -> RenderedPdf:
    return render_pdf_html(report_html(network, table, generated_at))
