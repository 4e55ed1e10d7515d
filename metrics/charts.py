"""Server-side SVG charts (matplotlib), the same on the page and in the PDF. Each bar carries its
number and each group a hatch pattern as well as a colour, so nothing is told by colour alone; the
table of the same numbers always stands beside the chart."""

import io
import logging
import re
from xml.sax.saxutils import escape

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

# Every text on a chart is drawn as written: a label with a pair of dollar signs (a theme title, the
# organisation's words for BME staff) is not read as mathematics, nor handed to TeX. reports/charts.py
# uses the same settings.
PLAIN_TEXT = {"text.parse_math": False, "text.usetex": False}

RC = {
    **PLAIN_TEXT,
    "svg.hashsalt": "edi-tracker",  # the same figures give the same file
    "svg.fonttype": "none",  # text stays text: searchable, and read by screen readers in the PDF
    "font.family": ["Liberation Sans", "DejaVu Sans"],
    "font.size": 10,
}  # applied around each chart (rc_context), whatever else in the process has set

logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)  # no line per missing font per label

# Colour-blind-safe pairs (Okabe–Ito), each with a hatch.
STYLES = {
    "white": ("#0072B2", ""), "bme": ("#E69F00", "//"), "not_known": ("#999999", ".."),
    "female": ("#CC79A7", "//"), "male": ("#009E73", ""),
}


def _svg(fig, title: str, description: str) -> str:
    """The figure as SVG text, the same bytes for the same figures (no date, a fixed hash salt), named
    for assistive technology: role="img" with aria-labelledby pointing at its <title> and <desc>."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None, "Title": title, "Description": description})
    plt.close(fig)
    svg = buffer.getvalue()
    name = "chart-" + (re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "figure")
    svg = re.sub(r"\s*<title>.*?</title>", "", svg, count=1, flags=re.S)
    labels = (f'\n <title id="{name}-title">{escape(title)}</title>'
              f'\n <desc id="{name}-desc">{escape(description)}</desc>')
    return re.sub(r"<svg\b([^>]*)>", lambda m: f'<svg{m.group(1)} role="img" aria-labelledby="{name}-title {name}-desc">{labels}',
                  svg, count=1)


def stacked_shares(title: str, description: str, rows: list[tuple[str, dict]], groups: list[tuple[str, str]]) -> str:
    """Horizontal 100% bars, one per row (a pay band or quartile): each group's share, labelled."""
    with matplotlib.rc_context(RC):
        return _stacked_shares(title, description, rows, groups)


def _stacked_shares(title: str, description: str, rows: list[tuple[str, dict]], groups: list[tuple[str, str]]) -> str:
    height = 0.6 + 0.45 * max(len(rows), 1)
    fig, ax = plt.subplots(figsize=(7.5, height))
    ordered = rows[::-1]  # the first row at the top
    labels = [label for label, _ in ordered]
    lefts = [0.0] * len(ordered)
    for key, name in groups:
        colour, hatch = STYLES.get(key, ("#555555", ""))
        values = [(shares.get(key) or 0) for _, shares in ordered]
        bars = ax.barh(labels, values, left=lefts, color=colour, hatch=hatch, edgecolor="white", label=name)
        for bar, value in zip(bars, values):
            if value >= 6:
                ax.text(bar.get_x() + bar.get_width() / 2, bar.get_y() + bar.get_height() / 2, f"{value:.0f}%",
                        ha="center", va="center", color="black", fontsize=8,
                        bbox={"facecolor": "white", "edgecolor": "none", "pad": 1, "alpha": 0.85})
        lefts = [left + value for left, value in zip(lefts, values)]
    ax.set_xlim(0, 100)
    ax.set_xlabel("Share of headcount (%)")
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(ncol=len(groups), loc="upper center", bbox_to_anchor=(0.5, -0.35 if len(rows) < 4 else -0.18), frameon=False)
    ax.set_title(title, loc="left", fontsize=11)
    return _svg(fig, title, description)


QUARTILE_NAMES = ["Lower", "Lower middle", "Upper middle", "Upper"]


def _groups(bme_label: str) -> list[tuple[str, str]]:
    return [("white", "White"), ("bme", bme_label), ("not_known", "Not known")]


def pay_band_chart(document: dict, bme_label: str) -> str | None:
    """Metric 1 of a (published) §8 document: each pay band's ethnic make-up. None without metric 1."""
    metric = document.get("metric_1")
    if not metric:
        return None
    groups = _groups(bme_label)
    rows = [(band["band"], {g: band[f"{g}_pct"] for g, _ in groups}) for band in metric["bands"]]
    return stacked_shares(f"Ethnicity of staff in each pay band, {document['year']}",
                          f"Share of White, {bme_label} and not known staff in each pay band, lowest paid first; "
                          "the table beside it has the numbers.", rows, groups)


def quartile_chart(document: dict, kind: str, bme_label: str) -> str | None:
    """The pay quartiles by sex (kind "gender") or ethnicity (kind "ethnicity") of a (published) §8
    document. None without that pay gap."""
    gap = (document.get("pay_gaps") or {}).get("ethnicity_wres" if kind == "ethnicity" else kind)
    if not gap or not gap.get("quartiles"):
        return None
    keys = [("female", "Women"), ("male", "Men")] if kind == "gender" else _groups(bme_label)
    rows = [(QUARTILE_NAMES[q["quartile"] - 1], {k: q[f"{k}_pct"] for k, _ in keys}) for q in gap["quartiles"]]
    return stacked_shares(f"Pay quartiles by {'sex' if kind == 'gender' else 'ethnicity'}, {document['year']}",
                          "Each pay quartile's make-up, lowest paid first; the table beside it has the numbers.", rows, keys)
