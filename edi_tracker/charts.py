"""The one chart module: server-side SVG charts, the same on the pages and in the PDF: the metrics page's
drawn by matplotlib, the dashboards' two (drawn again after every progress update) by hand, far faster.

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

from .status import STATUS_LOOKS, status_look

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


# The dashboards' two charts are drawn here as SVG by hand, not by matplotlib: they are drawn again after
# every progress update (their figures change), and matplotlib took 50-150 ms a chart, a large part of a
# dashboard's cost under load (bench/load.py); this takes well under a millisecond. They follow the same
# rules as matplotlib's charts above: text as text in the page's typeface at FONT_PX on the screen, named
# for screen readers, colour with a hatch and a word, presentation attributes only, ids of their own.

PT = 72  # the SVG's units are points (as matplotlib's), so FONT_SIZE units are FONT_PX on the screen
FONT_SIZE = FONT_PX * 0.75
INK = "#0b0c0c"


def _text_width(text: str) -> float:
    """A generous estimate of a text's width in the chart's units (Arial averages about 0.55 em)."""
    return len(text) * FONT_SIZE * 0.6


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _text(x: float, y: float, words: str, *, anchor: str = "start", fill: str = INK, bold: bool = False) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (f'<text x="{_num(x)}" y="{_num(y)}" text-anchor="{anchor}" dominant-baseline="central" '
            f'font-family="{escape(FONT_FAMILY, quote=True)}" font-size="{_num(FONT_SIZE)}px" fill="{fill}"{weight}>'
            f"{escape(words, quote=False)}</text>")


_HATCH_PATHS = {"/": "M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2", "\\": "M-1,5 l2,2 M0,0 l6,6 M5,-1 l2,2",
                "|": "M3,0 v6", "x": "M0,0 l6,6 M6,0 l-6,6"}


def _hatch_patterns(prefix: str) -> str:
    """One <pattern> of lines for each status with a hatch (edi_tracker.status), drawn over its colour."""
    patterns = []
    for look in STATUS_LOOKS:
        if not look.hatch:
            continue
        path = _HATCH_PATHS[look.hatch[0]]  # "///", "\\\\\\", "|||", "xxx": the kind of line
        patterns.append(f'<pattern id="{prefix}-hatch-{look.value}" patternUnits="userSpaceOnUse" width="6" height="6">'
                        f'<path d="{path}" stroke="{INK}" stroke-width="1" fill="none"/></pattern>')
    return "<defs>" + "".join(patterns) + "</defs>"


def _bar(prefix: str, x: float, y: float, width: float, height: float, look) -> str:
    """A bar in the status's colour, its hatch over it, outlined."""
    box = f'x="{_num(x)}" y="{_num(y)}" width="{_num(width)}" height="{_num(height)}"'
    hatch = f'<rect {box} fill="url(#{prefix}-hatch-{look.value})"/>' if look.hatch else ""
    return (f'<rect {box} fill="{look.colour}"/>{hatch}'
            f'<rect {box} fill="none" stroke="{INK}" stroke-width="0.6"/>')


def _ticks(top: int) -> list[int]:
    """Whole-number ticks from 0 to at least `top`, about five of them."""
    step = 1
    for candidate in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        step = candidate
        if top / candidate <= 6:
            break
    return list(range(0, top + step, step)) if top else [0, 1]


def _axis(x0: float, scale: float, y: float, top: int) -> tuple[str, float]:
    """The x axis under the bars, its ticks and its label; returns the SVG and the y below it."""
    parts = [f'<path d="M{_num(x0)},{_num(y)} H{_num(x0 + scale * top)}" stroke="{INK}" stroke-width="0.8"/>']
    for tick in _ticks(top):
        if tick > top:
            break
        x = x0 + scale * tick
        parts.append(f'<path d="M{_num(x)},{_num(y)} v3.5" stroke="{INK}" stroke-width="0.8"/>')
        parts.append(_text(x, y + 3.5 + FONT_SIZE * 0.75, str(tick), anchor="middle"))
    label_y = y + 3.5 + FONT_SIZE * 2.2
    parts.append(_text(x0 + scale * top / 2, label_y, "Number of actions", anchor="middle"))
    return "".join(parts), label_y + FONT_SIZE * 0.8


def _prefix(title: str, description: str) -> str:
    """The chart's id prefix: its title's words and a digest of what it shows (two charts never share one)."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:40] or "figure"
    return f"chart-{slug}-{hashlib.sha256((title + description).encode()).hexdigest()[:8]}"


def _svg(width: float, height: float, body: str, title: str, description: str, prefix: str) -> str:
    """The chart's <svg>: sized in points, named for assistive technology, every id under `prefix`."""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{_num(width)}pt" height="{_num(height)}pt" '
            f'viewBox="0 0 {_num(width)} {_num(height)}" class="app-chart" role="img" '
            f'aria-labelledby="{prefix}-title {prefix}-desc">'
            f'<title id="{prefix}-title">{escape(title, quote=False)}</title>'
            f'<desc id="{prefix}-desc">{escape(description, quote=False)}</desc>'
            f'{_hatch_patterns(prefix)}<rect width="100%" height="100%" fill="#ffffff"/>{body}</svg>')


def status_chart(picture: dict) -> str:
    """Horizontal bars: how many actions are in each status at the quarter's end (first status at the top)."""
    counts = picture["counts"]
    title = f"Actions by status at {_day(picture['as_at'])}"
    description = "; ".join(f"{c['word']}: {c['count']}" for c in counts) + "."
    prefix = _prefix(title, description)
    width = 4.6 * PT  # shown in half a column
    row, bar = 0.42 * PT, 0.42 * PT * 0.8
    labels = [status_look(c["status"]).word for c in counts]
    x0 = 6 + max([_text_width(w) for w in labels] + [0]) + 6
    top = max([c["count"] for c in counts] + [1])
    scale = (width - x0 - 6 - _text_width(str(top)) - 4) / top
    parts, y = [], 8.0
    for c in counts:
        look = status_look(c["status"])
        mid = y + row / 2
        parts.append(_text(x0 - 6, mid, look.word, anchor="end"))
        if c["count"]:
            parts.append(_bar(prefix, x0, mid - bar / 2, scale * c["count"], bar, look))
        parts.append(_text(x0 + scale * c["count"] + 3, mid, str(c["count"])))
        y += row
    parts.append(f'<path d="M{_num(x0)},8 V{_num(y)}" stroke="{INK}" stroke-width="0.8"/>')
    axis, height = _axis(x0, scale, y, top)
    parts.append(axis)
    return _svg(width, height + 4, "".join(parts), title, description, prefix)


def groups_chart(picture: dict) -> str:
    """Stacked horizontal bars: each theme's (or plan's) actions by status (the first group at the top),
    with a legend of the statuses under them."""
    groups = picture["groups"]
    looks = [status_look(c["status"]) for c in picture["counts"]]
    title = f"Actions by {picture['groups_title'].lower()} and status at {_day(picture['as_at'])}"
    description = " ".join(
        f"{g['label']}: " + ", ".join(f"{c['count']} {c['word'].lower()}" for c in g["counts"]) + "." for g in groups
    )
    prefix = _prefix(title, description)
    width = 6.6 * PT
    row, bar = 0.45 * PT, 0.45 * PT * 0.8
    labels = [_short(g["label"]) for g in groups]
    x0 = 6 + max([_text_width(label) for label in labels] + [0]) + 6
    top = max([g["total"] for g in groups] + [1])
    scale = (width - x0 - 10) / top
    parts, y = [], 8.0
    for group, label in zip(groups, labels):
        mid = y + row / 2
        parts.append(_text(x0 - 6, mid, label, anchor="end"))
        left = 0
        for index, look in enumerate(looks):
            value = group["counts"][index]["count"]
            if not value:
                continue
            parts.append(_bar(prefix, x0 + scale * left, mid - bar / 2, scale * value, bar, look))
            if scale * value >= max(top * 0.07 * scale, _text_width(str(value)) + 4):
                dark = look.text_colour == "#ffffff"
                box_width = _text_width(str(value)) + 4
                centre = x0 + scale * (left + value / 2)
                parts.append(f'<rect x="{_num(centre - box_width / 2)}" y="{_num(mid - FONT_SIZE * 0.65)}" '
                             f'width="{_num(box_width)}" height="{_num(FONT_SIZE * 1.3)}" rx="2" '
                             f'fill="{INK if dark else "#ffffff"}"/>')
                parts.append(_text(centre, mid, str(value), anchor="middle", fill=look.text_colour, bold=True))
            left += value
        y += row
    parts.append(f'<path d="M{_num(x0)},8 V{_num(y)}" stroke="{INK}" stroke-width="0.8"/>')
    axis, y = _axis(x0, scale, y, top)
    parts.append(axis)
    # The legend: three statuses a line, each a swatch (colour and hatch) and its word.
    column = (width - 12) / 3
    y += 6
    for index, look in enumerate(looks):
        x = 6 + column * (index % 3)
        line_y = y + (index // 3) * FONT_SIZE * 1.8
        parts.append(_bar(prefix, x, line_y, 2.2 * FONT_SIZE, 1.2 * FONT_SIZE, look))
        parts.append(_text(x + 2.2 * FONT_SIZE + 6, line_y + 0.6 * FONT_SIZE, look.word))
    height = y + ((len(looks) + 2) // 3) * FONT_SIZE * 1.8 + 4
    return _svg(width, height, "".join(parts), title, description, prefix)


DASHBOARD_CHARTS = {"status": status_chart, "groups": groups_chart}
