"""The one chart module (edi_tracker.charts): SVG fit to inline in a page under our CSP, its text as text
(escaped), named for screen readers, and two charts never sharing an id in one page."""

import re
from xml.dom import minidom

from edi_tracker import charts


def picture(label: str) -> dict:
    counts = [{"status": s, "word": w, "count": n} for s, w, n in
              [("red", "Red", 2), ("amber", "Amber", 3), ("green", "Green", 4), ("complete", "Complete", 1),
               ("not_started", "Not started", 0)]]
    return {"counts": counts, "as_at": "2022-09-30", "groups_title": "Theme",
            "groups": [{"label": label, "total": 10, "counts": counts}]}


def test_text_users_wrote_is_escaped_text_and_the_chart_is_named():
    svg = charts.groups_chart(picture('<script>alert("x")</script> & co'))
    root = minidom.parseString(svg).documentElement  # well-formed: it can be inlined as it is
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert root.getAttribute("role") == "img"
    title_id, desc_id = root.getAttribute("aria-labelledby").split()
    named = {e.getAttribute("id"): e.firstChild.data for e in root.getElementsByTagName("title")
             + root.getElementsByTagName("desc")}
    assert named[title_id] == "Actions by theme and status at 30 September 2022"
    assert named[desc_id].endswith("2 red, 3 amber, 4 green, 1 complete, 0 not started.")


def test_fit_for_a_page_without_inline_styles_in_the_pages_typeface():
    svg = charts.status_chart(picture("Theme"))
    assert "style=" not in svg and "<style" not in svg
    fonts = set(re.findall(r'<text[^>]*font-family="([^"]*)"', svg))
    assert fonts == {"&#x27;Liberation Sans&#x27;, Arial, sans-serif"}
    assert set(re.findall(r'<text[^>]*font-size="([^"]*)"', svg)) == {"12px"}  # 16 px at the chart's own size


def test_two_charts_in_one_page_share_no_id():
    first, second = charts.status_chart(picture("A")), charts.groups_chart(picture("A"))
    ids = re.findall(r'\sid="([^"]+)"', first + second)
    assert len(ids) == len(set(ids))
    # and every reference points at an id of its own chart
    for svg in (first, second):
        own = set(re.findall(r'\sid="([^"]+)"', svg))
        assert set(re.findall(r"url\(#([^)]+)\)", svg)) <= own
        assert set(re.findall(r'href="#([^"]+)"', svg)) <= own
