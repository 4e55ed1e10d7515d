"""The network's charts: server-side SVG drawn with matplotlib directly, with the conventions of
metrics/charts.py (text stays text, a fixed hash salt, hatching as well as colour, a title and description
for assistive technology), so that it can move into edi_tracker/charts.py later. matplotlib is imported the
first time a chart is drawn, never at start-up. Each chart has its table on the same page.
"""

import io
import re
from functools import cache
from xml.sax.saxutils import escape

from .selectors import DECLARATION_FIGURES, METRIC_FIGURES, PARITY, PAY_GAP_FIGURES, side_by_side

RC = {
    "text.parse_math": False, "text.usetex": False, "svg.hashsalt": "edi-tracker", "svg.fonttype": "none",
    "font.family": ["Liberation Sans", "DejaVu Sans"], "font.size": 10,
}
BAR = ("#0072B2", "//")  # Okabe–Ito blue, hatched
PARITY_SHADE = ("#009E73", "..")  # the range of parity: green, dotted
FIGURES = {f.key: f for f in METRIC_FIGURES + PAY_GAP_FIGURES + DECLARATION_FIGURES}


@cache
def _matplotlib():
    import logging

    import matplotlib

    matplotlib.use("Agg")
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    return matplotlib


def _svg(fig, title: str, description: str) -> str:
    import matplotlib.pyplot as plt

    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight",
                metadata={"Date": None, "Title": title, "Description": description})
    plt.close(fig)
    svg = buffer.getvalue()
    name = "chart-" + (re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "figure")
    svg = re.sub(r"\s*<title>.*?</title>", "", svg, count=1, flags=re.S)
    labels = (f'\n <title id="{name}-title">{escape(title)}</title>'
              f'\n <desc id="{name}-desc">{escape(description)}</desc>')
    return re.sub(r"<svg\b([^>]*)>",
                  lambda m: f'<svg{m.group(1)} role="img" aria-labelledby="{name}-title {name}-desc">{labels}',
                  svg, count=1)


def figure_chart(title: str, rows: list[dict], stats: dict, kind: str) -> str:
    """One horizontal bar per member, labelled with its value; the network median as a dashed line and, for a
    relative likelihood, the range of parity (0.80–1.25) as a dotted band, each named in the legend."""
    with _matplotlib().rc_context(RC):
        import matplotlib.pyplot as plt

        shown = [r for r in rows if r["value"] is not None]
        fig, ax = plt.subplots(figsize=(5.5, 0.9 + 0.4 * max(len(shown), 1)))
        labels = [r["name"] for r in shown][::-1]
        values = [r["value"] for r in shown][::-1]
        if kind == "rl":
            ax.axvspan(*PARITY, facecolor="none", edgecolor=PARITY_SHADE[0], hatch=PARITY_SHADE[1],
                       label="Range of parity, 0.80 to 1.25")
        bars = ax.barh(labels, values, color=BAR[0], hatch=BAR[1], edgecolor="white", label="Member")
        if kind == "rl":  # the range's edges stay visible over the bars
            for edge in PARITY:
                ax.axvline(edge, color=PARITY_SHADE[0], linestyle=":", linewidth=1.5, zorder=3)
        fmt = "{:.2f}" if kind == "rl" else "{:.1f}%"
        for bar, value in zip(bars, values):
            ax.text(bar.get_width(), bar.get_y() + bar.get_height() / 2, " " + fmt.format(value), va="center")
        if stats.get("median") is not None:
            ax.axvline(stats["median"], color="#0b0c0c", linestyle="--",
                       label=f"Network median, {fmt.format(stats['median'])}")
        if not shown:
            ax.text(0.5, 0.5, "No member published this figure", transform=ax.transAxes, ha="center")
        ax.spines[["top", "right"]].set_visible(False)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=2, frameon=False)
        words = "; ".join(f"{r['name']} {fmt.format(r['value'])}" for r in shown) or "no values"
        return _svg(fig, title, f"{title}: {words}. The same figures are in the table beside the chart.")


def named_chart(table: dict, name: str) -> str | None:
    figure = FIGURES.get(name)
    if figure is None:
        return None
    from edi_tracker.caching import by_content

    (item,) = side_by_side(table, [figure])
    return by_content("network-chart", [figure.key, item["rows"], item["stats"]],
                      lambda: figure_chart(figure.title, item["rows"], item["stats"], figure.kind))
