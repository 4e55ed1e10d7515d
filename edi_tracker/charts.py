"""The one chart module: server-side SVG charts (matplotlib), the same on the pages and in the PDF.

- Text stays text (`svg.fonttype = 'none'`): searchable, selectable, read by screen readers, drawn in the
  page's typeface (Liberation Sans, Arial), and at least as large as the page's small print when the chart
  is shown at its own size (FONT_PX).
- Each chart is named for assistive technology: role="img" with aria-labelledby pointing at its <title>
  and <desc>; the table of the same numbers always stands beside it.
- Never colour alone: each group or status has a hatch as well as a colour, a legend and its number.
- Fit to be inlined in a page under our CSP (no inline styles): matplotlib's style attributes and <style>
  element become SVG presentation attributes, and every id is prefixed so that several charts can share a
  page. The PDF embeds the very same SVG.
- The same figures give the same bytes (fixed hash salt, no date), so charts can be cached by content.
- matplotlib is imported the first time a chart is drawn, never at start-up
  (tests/core/test_startup_imports.py).

Status colours, hatches, words and order come from the one table of status presentation,
`edi_tracker.status`.
"""

import hashlib
import io
import logging
import re
from datetime import date
from functools import cache
from html import escape

from .status import status_look

# The page's small print (govuk-body-s) on a wide screen: chart text is never smaller when a chart is shown
# at its own size, and each chart is drawn as wide as the column it is shown in (half a column: about 4.5
# inches; the full column: 6.2 to 6.6), so that it is not scaled down on a wide screen.
FONT_PX = 16
FONT_FAMILY = "'Liberation Sans', Arial, sans-serif"  # the pages' typeface (and the PDF's)

# Every text on a chart is drawn as written: a label with a pair of dollar signs (a theme title, the
# organisation's words for BME staff) is not read as mathematics, nor handed to TeX.
PLAIN_TEXT = {"text.parse_math": False, "text.usetex": False}

RC = {
    **PLAIN_TEXT,
    "svg.hashsalt": "edi-tracker",  # the same figures give the same file
    "svg.fonttype": "none",  # text stays text
    "font.family": ["Liberation Sans", "DejaVu Sans"],
    "font.size": FONT_PX * 0.75,  # points: 12 pt is 16 px at the chart's own size
    "hatch.linewidth": 1.0,
}  # applied around each chart (rc_context), whatever else in the process has set

logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)  # no line per missing font per label


@cache
def matplotlib_agg():
    """matplotlib on its Agg backend, imported the first time a chart is drawn: importing it costs about
    a second, which every management command, web worker and Celery worker would otherwise pay."""
    import matplotlib

    matplotlib.use("Agg")
    return matplotlib


def _figure(width: float, height: float):
    """A matplotlib Figure (not pyplot: nothing is kept in a global registry), width and height in inches."""
    matplotlib_agg()
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height))


# SVG for a page under our CSP -------------------------------------------------------------------------

_FONT_WORDS = {"italic", "oblique", "bold", "bolder", "lighter", "small-caps"}


def _declarations(style: str) -> list[tuple[str, str]]:
    """A style attribute's declarations as presentation attributes; the `font` shorthand is spread out."""
    pairs = []
    for declaration in style.split(";"):
        if ":" not in declaration:
            continue
        name, value = (part.strip() for part in declaration.split(":", 1))
        if name == "font":
            words = value.split()
            for index, word in enumerate(words):
                if word.endswith("px") or word.endswith("pt"):
                    pairs.append(("font-size", word))
                    break
                if word.isdigit():
                    pairs.append(("font-weight", word))
                elif word in _FONT_WORDS:
                    pairs.append(("font-weight" if word.startswith(("bold", "light")) else "font-style", word))
            pairs.append(("font-family", FONT_FAMILY))
        elif name == "font-family":
            pairs.append((name, FONT_FAMILY))
        else:
            pairs.append((name, value))
    return pairs


def _attribute(name: str, value: str) -> str:
    return f'{name}="{escape(value.replace(chr(34), chr(39)), quote=True)}"'


def _presentation(svg: str) -> str:
    """matplotlib's style attributes and <style> element as presentation attributes (CSP: no inline styles)."""
    rules = ""
    match = re.search(r"<style[^>]*>(.*?)</style>", svg, flags=re.S)
    if match:
        rules = match.group(1)
        svg = svg[:match.start()] + svg[match.end():]
    svg = re.sub(r'\sstyle="([^"]*)"',
                 lambda m: " " + " ".join(_attribute(n, v) for n, v in _declarations(m.group(1))), svg)
    # `*{stroke-linejoin: round; stroke-linecap: butt}`: inherited properties, set once on the root.
    inherited = " ".join(_attribute(n, v) for n, v in _declarations(re.sub(r"^[^{]*\{|\}[^}]*$", "", rules.strip())))
    return svg, inherited


def _prefix_ids(svg: str, prefix: str) -> str:
    """Every id (and each reference to one) prefixed, so that several charts in one page never share an id."""
    svg = re.sub(r'\sid="([^"]+)"', lambda m: f' id="{prefix}-{m.group(1)}"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}-{m.group(1)})", svg)
    return re.sub(r'(xlink:href|href)="#([^"]+)"', lambda m: f'{m.group(1)}="#{prefix}-{m.group(2)}"', svg)


def svg_text(figure, title: str, description: str) -> str:
    """The figure as an <svg> element to inline in a page or embed in the PDF: the same bytes for the same
    figures, named for assistive technology (role="img", aria-labelledby its <title> and <desc>)."""
    buffer = io.StringIO()
    with matplotlib_agg().rc_context(RC):
        figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg"):]  # no XML declaration or DOCTYPE
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, flags=re.S)
    svg = re.sub(r"\s*<title>.*?</title>", "", svg, flags=re.S)
    svg, inherited = _presentation(svg)
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:40] or "figure"
    prefix = f"chart-{slug}-{hashlib.sha256(svg.encode()).hexdigest()[:8]}"
    svg = _prefix_ids(svg, prefix)
    labels = (f'<title id="{prefix}-title">{escape(title, quote=False)}</title>'
              f'<desc id="{prefix}-desc">{escape(description, quote=False)}</desc>')
    return re.sub(r"<svg\b([^>]*)>", lambda m: (f'<svg{m.group(1)} class="app-chart" role="img" '
                                                 f'aria-labelledby="{prefix}-title {prefix}-desc" {inherited}>{labels}'),
                  svg, count=1)


# Stacked 100% bars (the metrics page) ----------------------------------------------------------------

# Colour-blind-safe pairs (Okabe–Ito), each with a hatch.
GROUP_STYLES = {
    "white": ("#0072B2", ""), "bme": ("#E69F00", "//"), "not_known": ("#999999", "\\\\"),
    "female": ("#CC79A7", "//"), "male": ("#009E73", ""),
}


def _short(label: str, limit: int = 34) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def stacked_shares(title: str, description: str, rows: list[tuple[str, dict]], groups: list[tuple[str, str]],
                   *, width: float = 6.2) -> str:
    """Horizontal 100% bars, one per row (a pay band or quartile): each group's share, labelled."""
    with matplotlib_agg().rc_context(RC):
        figure = _figure(width, 1.2 + 0.5 * max(len(rows), 1))
        axes = figure.subplots()
        ordered = rows[::-1]  # the first row at the top
        labels = [_short(label) for label, _ in ordered]
        lefts = [0.0] * len(ordered)
        for key, name in groups:
            colour, hatch = GROUP_STYLES.get(key, ("#555555", ""))
            values = [(shares.get(key) or 0) for _, shares in ordered]
            bars = axes.barh(labels, values, left=lefts, color=colour, hatch=hatch, edgecolor="white", label=name)
            for bar, value in zip(bars, values):
                if value >= 6:
                    axes.text(bar.get_x() + bar.get_width() / 2, bar.get_y() + bar.get_height() / 2, f"{value:.0f}%",
                              ha="center", va="center", color="black",
                              bbox={"facecolor": "white", "edgecolor": "none", "pad": 1, "alpha": 0.85})
            lefts = [left + value for left, value in zip(lefts, values)]
        axes.set_xlim(0, 100)
        axes.set_xlabel("Share of headcount (%)")
        axes.spines[["top", "right"]].set_visible(False)
        narrow = width < 5.5  # in a half column: one legend entry a line, so the words keep their size
        axes.legend(ncol=1 if narrow else len(groups), loc="upper center", frameon=False,
                    bbox_to_anchor=(0.5, -0.3 if len(rows) < 4 else -0.2))
    return svg_text(figure, title, description)


QUARTILE_NAMES = ["Lower", "Lower middle", "Upper middle", "Upper"]


def _ethnic_groups(bme_label: str) -> list[tuple[str, str]]:
    return [("white", "White"), ("bme", bme_label), ("not_known", "Not known")]


def pay_band_chart(document: dict, bme_label: str) -> str | None:
    """Metric 1 of a (published) §8 document: each pay band's ethnic make-up. None without metric 1."""
    metric = document.get("metric_1")
    if not metric:
        return None
    groups = _ethnic_groups(bme_label)
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
    keys = [("female", "Women"), ("male", "Men")] if kind == "gender" else _ethnic_groups(bme_label)
    rows = [(QUARTILE_NAMES[q["quartile"] - 1], {k: q[f"{k}_pct"] for k, _ in keys}) for q in gap["quartiles"]]
    return stacked_shares(f"Pay quartiles by {'sex' if kind == 'gender' else 'ethnicity'}, {document['year']}",
                          "Each pay quartile's make-up, lowest paid first; the table beside it has the numbers.",
                          rows, keys, width=4.4)


# Actions by status (dashboards and the PDF) -------------------------------------------------------------

def _day(value) -> str:
    """An ISO date (as a picture holds it) as people read it: 30 September 2022."""
    try:
        day = date.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return f"{day.day} {day:%B %Y}"


def status_chart(picture: dict) -> str:
    """Horizontal bars: how many actions are in each status at the quarter's end."""
    counts = picture["counts"]
    looks = [status_look(c["status"]) for c in counts][::-1]
    with matplotlib_agg().rc_context(RC):
        figure = _figure(4.6, 0.9 + 0.42 * max(len(counts), 1))  # shown in half a column
        axes = figure.subplots()
        values = [c["count"] for c in counts][::-1]
        bars = axes.barh([look.word for look in looks], values, color=[look.colour for look in looks],
                         edgecolor="#0b0c0c", linewidth=0.6)
        for bar, look in zip(bars, looks):
            bar.set_hatch(look.hatch)
        top = max(values + [1])
        for bar, value in zip(bars, values):
            axes.text(bar.get_width() + top * 0.01, bar.get_y() + bar.get_height() / 2, str(value), va="center")
        axes.set_xlim(0, top * 1.12)
        axes.set_xlabel("Number of actions")
        axes.spines[["top", "right"]].set_visible(False)
    title = f"Actions by status at {_day(picture['as_at'])}"
    description = "; ".join(f"{c['word']}: {c['count']}" for c in counts) + "."
    return svg_text(figure, title, description)


def groups_chart(picture: dict) -> str:
    """Stacked horizontal bars: each theme's (or plan's) actions by status."""
    groups = picture["groups"]
    looks = [status_look(c["status"]) for c in picture["counts"]]
    with matplotlib_agg().rc_context(RC):
        figure = _figure(6.6, 1.4 + 0.45 * max(len(groups), 1))
        axes = figure.subplots()
        labels = [_short(g["label"]) for g in groups][::-1]
        lefts = [0] * len(groups)
        top = max([g["total"] for g in groups] + [1])
        for index, look in enumerate(looks):
            values = [g["counts"][index]["count"] for g in groups][::-1]
            bars = axes.barh(labels, values, left=lefts, color=look.colour, edgecolor="#0b0c0c",
                             linewidth=0.6, label=look.word, hatch=look.hatch)
            for bar, value in zip(bars, values):
                if value and bar.get_width() >= top * 0.07:
                    dark = look.text_colour == "#ffffff"
                    axes.text(bar.get_x() + bar.get_width() / 2, bar.get_y() + bar.get_height() / 2, str(value),
                              ha="center", va="center", color=look.text_colour, fontweight="bold",
                              bbox={"boxstyle": "round,pad=0.1", "fc": "#0b0c0c" if dark else "#ffffff", "ec": "none"})
            lefts = [left + value for left, value in zip(lefts, values)]
        axes.set_xlim(0, top * 1.05)
        axes.set_xlabel("Number of actions")
        axes.spines[["top", "right"]].set_visible(False)
        axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2 - 0.3 / max(len(groups), 1)), ncol=3,
                    frameon=False, handlelength=2.2, handleheight=1.2)
    title = f"Actions by {picture['groups_title'].lower()} and status at {_day(picture['as_at'])}"
    description = " ".join(
        f"{g['label']}: " + ", ".join(f"{c['count']} {c['word'].lower()}" for c in g["counts"]) + "." for g in groups
    )
    return svg_text(figure, title, description)


DASHBOARD_CHARTS = {"status": status_chart, "groups": groups_chart}
