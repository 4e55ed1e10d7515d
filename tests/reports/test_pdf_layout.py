"""The quarterly report's PDF read back with pypdf: pages filled (no near-empty page but the last), no table
row split across pages, the file named after the organisation, plan and quarter, metric figures with their
unit and their change as better or worse, and the status presentation read from one table."""

import io
import re
from datetime import datetime

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from pypdf import PdfReader

from edi_tracker import charts
from edi_tracker.status import STATUS_LOOKS
from metrics import wording
from plans import services as plan_services
from plans.models import Action
from reports import selectors
from reports.pdf import render_pdf, report_html

from .conftest import LONDON, Q2, at

# A4 and the report's @page margins (22 mm top, 20 mm bottom): the body's top and bottom, in points from
# the foot of the page. The running head and foot sit outside it.
PAGE_HEIGHT = 841.89
BODY_TOP = PAGE_HEIGHT - 22 / 25.4 * 72
BODY_BOTTOM = 20 / 25.4 * 72
STATUSES = ["green", "amber", "red", "complete", "not_started", "green"]


@pytest.fixture
def thirty_plan(org, editor, lead):
    """A plan of 30 actions in 3 themes, a third of them red or amber with commentary and next steps of
    different lengths, one with a long address in its title (the appendix must wrap it)."""
    plan = plan_services.plan_create(organisation=org, actor=editor, title="EFLG plan", status="active")
    themes = [plan_services.theme_create(plan=plan, actor=editor, code=f"T{n}", title=title)
              for n, title in enumerate(["Understanding and working with communities", "Leadership and organisational "
                                         "commitment", "Responsive services and customer care"], start=1)]
    for n in range(1, 31):
        title = (f"Improve how the council collects, analyses and publishes equality information for theme "
                 f"work stream number {n}" + (" and reviews it every year with partners" * (n % 3)))
        if n == 7:
            title = ("Publish the equality data at https://www.example.gov.uk/equality-and-diversity/"
                     "workforce-race-equality-standard-annual-report-2022-2023-final-version.pdf")
        action = plan_services.action_create(plan=plan, actor=editor, theme=themes[n % 3], reference=f"R{n:02d}",
                                             title=title, lead_user=lead, deadline_text="March 2023")
        Action.objects.filter(pk=action.pk).update(created_at=at("2022-01-01"))  # before the quarter
        status = STATUSES[n % len(STATUSES)]
        if status != "not_started":
            plan_services.progress_update_record(
                action=action, author=lead, status=status, at=at("2022-08-01"),
                commentary=("Work has started with the partners; the first findings went to the board. " * (1 + n % 4)),
                next_steps="Report the findings to the EDI board and agree the next stage." * (1 + n % 2),
                next_steps_timeframe="October 2022")
    return plan


def _pdf(plan) -> PdfReader:
    picture = selectors.plan_picture(plan, Q2)
    rendered = render_pdf(picture, datetime(2022, 10, 3, 9, 0, tzinfo=LONDON))
    return PdfReader(io.BytesIO(rendered.content))


def _lowest_body_text(page) -> float:
    """The y of the lowest line of text in the page's body (running head and foot left out)."""
    ys = []

    def visit(text, cm, tm, font, size):
        y = tm[5] * cm[3] + cm[5]
        if text.strip() and BODY_BOTTOM < y < BODY_TOP:
            ys.append(y)

    page.extract_text(visitor_text=visit)
    return min(ys) if ys else BODY_TOP


def test_a_30_action_report_has_no_near_empty_page_and_no_row_split(thirty_plan):
    pdf = _pdf(thirty_plan)
    pages = list(pdf.pages)
    assert len(pages) >= 4
    fills = [(BODY_TOP - _lowest_body_text(page)) / (BODY_TOP - BODY_BOTTOM) for page in pages]
    # Every page but the last is at least a quarter full (it had three near-empty pages before the sections
    # stopped starting on a new page).
    for number, fill in enumerate(fills[:-1], start=1):
        assert fill >= 0.25, f"page {number} of {len(pages)} is {fill:.0%} full: {[round(f, 2) for f in fills]}"
    texts = [page.extract_text() for page in pages]
    start = next(i for i, text in enumerate(texts) if "All 30 actions with their status at" in text)
    # Each appendix row holds its action's reference and its status "start → end": a row split across two
    # pages would leave them on different pages, and the counts of each page would differ.
    seen = []
    for text in texts[start:]:
        body = text.split("All 30 actions with their status at", 1)[-1]
        refs = re.findall(r"\bR\d\d\b", body)
        arrows = body.count("→") - body.count("(start →")  # the header row, repeated on each page
        assert len(refs) == arrows, (refs, arrows)
        assert len(refs) != 1 or len(texts) == start + 1, "a page holds one orphaned row"
        seen += refs
    assert sorted(seen) == [f"R{n:02d}" for n in range(1, 31)]
    # The long address is wrapped inside the appendix's column, not run past the margin: no line holds
    # more of it than the column can.
    lines = "\n".join(texts[start:]).splitlines()
    assert any("https://www.example" in line for line in lines)
    assert not any("https://www.example.gov.uk/equality-and-diversity/workforce" in line for line in lines)


def test_the_pdf_uses_the_pages_typeface(thirty_plan):
    pdf = _pdf(thirty_plan)
    fonts = set()
    for page in pdf.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert fonts and all("Liberation-Sans" in name for name in fonts), fonts


def test_metric_figures_have_their_unit_and_changes_are_better_or_worse():
    assert wording.figure_text("1", 40.8) == "40.8%"
    assert wording.figure_text("2", 0.53) == "0.53 times as likely"
    assert wording.figure_text("9", -24.6) == "\u221224.6 percentage points"
    # A relative likelihood moving toward 1 is better, away from it worse, on either side of 1.
    assert wording.change("2", 0.8, 0.5)["verdict"] == "better"
    assert wording.change("3", 1.3, 2.0)["verdict"] == "better"
    assert wording.change("3", 2.0, 1.3)["verdict"] == "worse"
    assert wording.change("5", 0.5, 2.0)["verdict"] == "same"  # as far from parity on the other side
    assert wording.change("8", 1.0, 1.0) == {"verdict": "same", "text": "No change"}
    # Metric 9 (percentage points from the whole workforce's share): toward 0 is better.
    assert wording.change("9", -20.1, -24.6)["verdict"] == "better"
    assert wording.change("9", -24.6, -20.1)["text"].startswith("Worse: from \u221220.1 to \u221224.6 percentage points")
    # Metric 1 has no direction of its own: up or down, said so.
    assert wording.change("1", 40.8, 39.0)["text"] == "Up 1.8 percentage points (neither better nor worse in itself)"
    assert wording.change("2", None, 1.0)["verdict"] is None


def test_the_pdf_metrics_table_shows_units_and_better_or_worse(thirty_plan, org):
    picture = selectors.plan_picture(thirty_plan, Q2)
    items = []
    for key, value, previous in (("1", 40.8, 39.0), ("2", 0.53, 0.70), ("9", -24.6, -20.1)):
        items.append({"key": key, "title": f"Metric {key}", "value": value, "previous": previous, "trend": "up",
                      "figure": wording.figure_text(key, value), "previous_figure": wording.figure_text(key, previous),
                      "change": wording.change(key, value, previous), "words": "Words."})
    picture["metrics"] = {"year": 2022, "linked": ["1", "2", "9"], "items": items}
    html = report_html(picture, datetime(2022, 10, 3, 9, 0, tzinfo=LONDON))
    for text in ("40.8%", "0.53 times as likely", "\u221224.6 percentage points", "<span class=\"worse\">Worse</span>",
                 "away from parity (1.00)", "Up 1.8 percentage points"):
        assert text in html, text
    assert ">Up<" not in html and ">Down<" not in html


def test_status_words_tags_and_colours_come_from_one_table(thirty_plan):
    """Reads the tag, a chart and the PDF's page for every status: each shows the table's word, the tag its
    class, and the chart its colour and hatch."""
    picture = selectors.plan_picture(thirty_plan, Q2)
    svg = charts.status_chart(picture)
    groups_svg = charts.groups_chart(picture)
    html = report_html(picture, datetime(2022, 10, 3, 9, 0, tzinfo=LONDON))
    assert [c["status"] for c in picture["counts"]] == [look.value for look in STATUS_LOOKS]
    for look in STATUS_LOOKS:
        tag = render_to_string("includes/status_tag.html", {"status": look.value})
        assert f'class="govuk-tag app-status {look.tag_class}"' in tag and f">{look.word}<" in tag
        assert f">{look.word}<" in svg and f'fill="{look.colour}"' in svg  # text as text, the table's colour
        assert f">{look.word}<" in groups_svg
        assert f"<th scope=\"row\">{look.word}</th>" in html
    assert "style=" not in svg and "<style" not in svg  # fit for a page whose CSP forbids inline styles


def test_download_is_named_after_organisation_plan_and_quarter(thirty_plan, editor, client_for, org,
                                                              django_capture_on_commit_callbacks):
    from reports import services

    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_request(plan=thirty_plan, quarter=Q2, requested_by=editor)
    report.refresh_from_db()
    assert report.filename == "demo-borough-council-eflg-plan-2022-23-q2.pdf"
    response = client_for(editor).get(reverse("reports:report-download", args=[org.slug, report.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{report.filename}"'
    assert PdfReader(io.BytesIO(b"".join(response.streaming_content))).pages
