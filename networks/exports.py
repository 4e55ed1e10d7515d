"""The network's tables as one workbook, a sheet each, written with edi_tracker.tables' conventions (a bold,
frozen header; text escaped and stored as text, never a formula). openpyxl is imported when a workbook is made."""

from edi_tracker.tables import write_xlsx_sheets

from .selectors import (DECLARATION_FIGURES, METRIC_FIGURES, PAY_GAP_FIGURES, pay_band_table, side_by_side)


def pay_band_sheet(table: dict) -> tuple[str, list[str], list[list]]:
    """The pan-network table as the page shows it: for each group, the local population's share (where the group
    has one) and its share of all staff and of each national band."""
    bands = pay_band_table(table)
    headings = ["Organisation", "Scope"]
    for group in bands["columns"]:
        if group["local"]:
            headings.append(f"{group['label']}: local population")
        headings += [f"{group['label']}: {band}" for band in bands["bands"]]
    rows = []
    for row in bands["rows"] + ([bands["total"]] if bands["total"] else []):
        cells = []
        for group in row["groups"]:
            if group["local"] is not None:
                local = group["local"]["value"]
                cells.append("" if row["total"] else ("not set" if local is None else local))
            cells += [cell["text"] for cell in group["cells"]] if row["published"] else \
                ["not published"] * len(bands["bands"])
        rows.append([row["name"], row["scope"], *cells])
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
    """A sheet per table, and a sheet of notes, written as every workbook of the product is
    (edi_tracker.tables.write_xlsx_sheets)."""
    notes = [f"{table['name']}: figures for {table['year'] - 1}/{str(table['year'])[2:]} published by its members.",
             "Each figure is as its member published it, with disclosure control applied (metrics.md §6).",
             "withheld: fewer people than the member's threshold, or a number withheld so that a small number "
             "elsewhere cannot be worked out (the two are not told apart); not shown.",
             "<10%: a share of 3 people or fewer (the regional alliance's rule), not shown.",
             "not shown (network total): a member's count of the cell is suppressed, so the total is withheld.",
             "Local population: the member's local population share of the group, in per cent, as it was set when "
             "the member published; not set where it was not.",
             "not published: the member's publication is older than the groups' figures.",
             "Network median and quartiles: of the members' published values (QUARTILE.INC)."]
    return write_xlsx_sheets([
        pay_band_sheet(table), figures_sheet("SC-WRES metrics", table, METRIC_FIGURES),
        figures_sheet("Pay gaps", table, PAY_GAP_FIGURES), figures_sheet("Declaration rates", table, DECLARATION_FIGURES),
        ("Notes", ["Notes"], [[line] for line in notes]),
    ])
