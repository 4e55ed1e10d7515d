"""The network's tables as one workbook, a sheet each, written with edi_tracker.tables' conventions (a bold,
frozen header; text escaped and stored as text, never a formula). openpyxl is imported when a workbook is made."""

import io

from edi_tracker.tables import _xlsx_text, escape_cell

from .selectors import (DECLARATION_FIGURES, METRIC_FIGURES, PAY_GAP_FIGURES, pay_band_table, side_by_side)


def pay_band_sheet(table: dict) -> tuple[str, list[str], list[list]]:
    bands = pay_band_table(table)
    headings = ["Organisation", "Scope"] + [f"{label}: {band}" for _, label in bands["groups"] for band in bands["bands"]]
    headings.append("Local population BME %")
    rows = []
    for row in bands["rows"] + ([bands["total"]] if bands["total"] else []):
        cells = [cell["text"] for group in row["groups"] for cell in group["cells"]]
        if not row["published"]:
            cells = ["not published"] * (len(headings) - 3)
        rows.append([row["name"], row["scope"], *cells,
                     "" if row["local_population_bme_pct"] is None else row["local_population_bme_pct"]])
    return "Pay bands", headings, rows


def figures_sheet(name: str, table: dict, figures) -> tuple[str, list[str], list[list]]:
    items = side_by_side(table, figures)
    members = [m["name"] for m in table["members"]]
    headings = ["Figure", *members, "Network lower quartile", "Network median", "Network upper quartile"]
    rows = []
    for item in items:
        by_name = {r["name"]: r["value"] for r in item["rows"]}
        stats = item["stats"]
        rows.append([item["figure"].title, *[("not published" if by_name.get(m) is None else by_name[m]) for m in members],
                     *[("" if stats[k] is None else stats[k]) for k in ("lower_quartile", "median", "upper_quartile")]])
    return name, headings, rows


def network_workbook(table: dict) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    sheets = [pay_band_sheet(table), figures_sheet("SC-WRES metrics", table, METRIC_FIGURES),
              figures_sheet("Pay gaps", table, PAY_GAP_FIGURES),
              figures_sheet("Declaration rates", table, DECLARATION_FIGURES)]
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    for title, headings, rows in sheets:
        sheet = workbook.create_sheet(title[:31])
        sheet.append(list(headings))
        for cell in sheet[1]:
            cell.font, cell.alignment = bold, wrap
        for r, row in enumerate(rows, start=2):
            for c, value in enumerate(row, start=1):
                cell = sheet.cell(row=r, column=c)
                if isinstance(value, str):
                    cell.value = _xlsx_text(escape_cell(value))
                    cell.data_type = "s"
                else:
                    cell.value = value
        for column in sheet.columns:
            sheet.column_dimensions[column[0].column_letter].width = 18
        sheet.column_dimensions["A"].width = 40
        sheet.freeze_panes = "B2"
    notes = workbook.create_sheet("Notes")
    for line in [f"{table['name']}: figures for {table['year'] - 1}/{str(table['year'])[2:]} published by its members.",
                 "Each figure is as its member published it, with disclosure control applied (metrics.md §6).",
                 "<N: a count of fewer than N people (the member's threshold), not shown.",
                 "<10%: a share of 3 people or fewer (the regional alliance's rule), not shown.",
                 "not shown (network total): a member's count of the cell is suppressed, so the total is withheld.",
                 "Network median and quartiles: of the members' published values (QUARTILE.INC)."]:
        notes.append([_xlsx_text(escape_cell(line))])
    notes.column_dimensions["A"].width = 100
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
