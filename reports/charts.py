"""Server-side SVG charts of a picture, the same on the dashboard and in the PDF.

Deterministic (fixed hash salt, no date in the metadata), with a <title> and <desc>, and never colour
alone: every bar carries its status word through a hatching pattern, a legend and its number. The page
and the PDF always show the numbers in a table beside the chart as well.
"""

import io
from html import escape

from metrics.charts import PLAIN_TEXT, matplotlib_agg

# GOV.UK colours, and a distinct hatching for each status so that print in grey still tells them apart.
STYLE = {
    "red": ("#d4351c", "///"),
    "amber": ("#f47738", "\\\\\\"),
    "green": ("#00703c", "..."),
    "complete": ("#1d70b8", "xxx"),
    "not_started": ("#b1b4b6", ""),
}
# Text users wrote (theme and plan titles) is drawn as plain text, never as mathematics or TeX.
RC = {**PLAIN_TEXT, "svg.hashsalt": "edi-tracker", "svg.fonttype": "path", "font.family": "DejaVu Sans",
      "font.size": 10, "hatch.color": "#ffffff", "hatch.linewidth": 1.0}


def _figure(**kwargs):
    """A matplotlib Figure (matplotlib is imported on first use, not at start-up)."""
    matplotlib_agg()
    from matplotlib.figure import Figure

    return Figure(**kwargs)


def _svg(figure, title: str, desc: str) -> str:
    buffer = io.StringIO()
    with matplotlib_agg().rc_context(RC):
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight")
    text = buffer.getvalue()
    text = text[text.index("<svg"):]  # no XML declaration or DOCTYPE: it is embedded in pages and PDFs
    head_end = text.index(">") + 1
    head = text[:head_end - 1] + f' role="img" aria-label="{escape(title)}">'
    return head + f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>" + text[head_end:]


def _short(label: str, limit: int = 38) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def status_chart(picture: dict) -> str:
    """Horizontal bars: how many actions are in each status at the quarter's end."""
    counts = picture["counts"]
    with matplotlib_agg().rc_context(RC):
        figure = _figure(figsize=(6.4, 2.6))
        axes = figure.subplots()
        labels = [c["word"] for c in counts][::-1]
        values = [c["count"] for c in counts][::-1]
        statuses = [c["status"] for c in counts][::-1]
        bars = axes.barh(labels, values, color=[STYLE[s][0] for s in statuses], edgecolor="#0b0c0c", linewidth=0.6)
        for bar, status in zip(bars, statuses):
            bar.set_hatch(STYLE[status][1])
        top = max(values + [1])
        for bar, value in zip(bars, values):
            axes.text(bar.get_width() + top * 0.01, bar.get_y() + bar.get_height() / 2, str(value), va="center")
        axes.set_xlim(0, top * 1.12)
        axes.set_xlabel("Number of actions")
        axes.spines[["top", "right"]].set_visible(False)
    title = f"Actions by status at {picture['as_at']}"
    desc = "; ".join(f"{c['word']}: {c['count']}" for c in counts) + "."
    return _svg(figure, title, desc)


def groups_chart(picture: dict) -> str:
    """Stacked horizontal bars: each theme's (or plan's) actions by status."""
    groups = picture["groups"]
    statuses = [c["status"] for c in picture["counts"]]
    words = [c["word"] for c in picture["counts"]]
    with matplotlib_agg().rc_context(RC):
        height = 1.2 + 0.42 * max(len(groups), 1)
        figure = _figure(figsize=(6.4, height))
        axes = figure.subplots()
        labels = [_short(g["label"]) for g in groups][::-1]
        lefts = [0] * len(groups)
        top = max([g["total"] for g in groups] + [1])
        for index, (status, word) in enumerate(zip(statuses, words)):
            values = [g["counts"][index]["count"] for g in groups][::-1]
            bars = axes.barh(labels, values, left=lefts, color=STYLE[status][0], edgecolor="#0b0c0c",
                             linewidth=0.6, label=word, hatch=STYLE[status][1])
            for bar, value in zip(bars, values):
                if value and bar.get_width() >= top * 0.06:
                    axes.text(bar.get_x() + bar.get_width() / 2, bar.get_y() + bar.get_height() / 2, str(value),
                              ha="center", va="center", color="#ffffff" if status != "not_started" else "#0b0c0c",
                              fontweight="bold", bbox={"boxstyle": "round,pad=0.1", "fc": "#0b0c0c" if status != "not_started" else "#ffffff", "ec": "none"})
            lefts = [left + value for left, value in zip(lefts, values)]
        axes.set_xlim(0, top * 1.05)
        axes.set_xlabel("Number of actions")
        axes.spines[["top", "right"]].set_visible(False)
        axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18 - 0.25 / max(len(groups), 1)), ncol=5,
                    frameon=False, handlelength=2.2, handleheight=1.2)
    title = f"Actions by {picture['groups_title'].lower()} and status at {picture['as_at']}"
    desc = " ".join(
        f"{g['label']}: " + ", ".join(f"{c['count']} {c['word'].lower()}" for c in g["counts"]) + "." for g in groups
    )
    return _svg(figure, title, desc)


CHARTS = {"status": status_chart, "groups": groups_chart}
