"""edi_tracker.text: the article before a phrase, and file names shortened without losing their type."""

import pytest

from datetime import date, datetime, timezone

from django.template import Context, Template

from edi_tracker.text import agree, long_date, plural, role_phrase, shorten_filename, status_counts_phrase, with_article, word_list


@pytest.mark.parametrize("phrase,expected", [
    ("Excel workbook", "an Excel workbook"),
    ("Word document", "a Word document"),
    ("CSV file", "a CSV file"),
    ("HR data officer", "an HR data officer"),
    ("organisation admin", "an organisation admin"),
    ("action lead", "an action lead"),
    ("plan editor", "a plan editor"),
    (".pdf file", "a .pdf file"),
    ("XLSX file", "an XLSX file"),
    ("PDF", "a PDF"),
    ("university", "a university"),
])
def test_with_article(phrase, expected):
    assert with_article(phrase) == expected


def test_a_long_file_name_keeps_its_extension():
    name = "Minutes of the equality board " * 10 + ".pdf"
    short = shorten_filename(name, 200)
    assert len(short) <= 200 and short.endswith(".pdf") and short.startswith("Minutes of the equality board")
    assert shorten_filename("folder/short.docx", 200) == "short.docx"
    assert shorten_filename("x" * 300, 200) == "x" * 200  # no extension to keep


@pytest.mark.parametrize("count,expected", [(0, "0 actions"), (1, "1 action"), (2, "2 actions"), (84, "84 actions")])
def test_plural(count, expected):
    assert plural(count, "action") == expected


def test_plural_with_its_own_plural_form_and_agreeing_words():
    assert plural(1, "person", "people") == "1 person" and plural(3, "person", "people") == "3 people"
    assert agree(1, "it", "them") == "it" and agree(2, "it", "them") == "them" and agree(0, "has", "have") == "have"


def test_word_list():
    assert word_list([]) == ""
    assert word_list(["red"]) == "red"
    assert word_list(["red", "amber"]) == "red and amber"
    assert word_list(["3 red", "2 amber", "3 not started"]) == "3 red, 2 amber and 3 not started"
    assert word_list(["a", "b", "c"], "or") == "a, b or c"


def test_status_counts_leave_out_zeros_and_never_end_with_a_comma():
    counts = [("red", "Red", 3), ("amber", "Amber", 0), ("green", "Green", 2), ("not_started", "Not started", 3)]
    assert status_counts_phrase(counts) == "3 red, 2 green and 3 not started"
    assert status_counts_phrase([("red", "Red", 0), ("not_started", "Not started", 3)]) == "3 not started"
    assert status_counts_phrase([("red", "Red", 0)]) == ""


@pytest.mark.parametrize("label,expected", [
    ("Action lead", "an action lead"), ("Plan editor", "a plan editor"), ("HR data officer", "an HR data officer"),
    ("Organisation admin", "an organisation admin"), ("Viewer", "a viewer"),
])
def test_role_phrase(label, expected):
    assert role_phrase(label) == expected


def test_long_date():
    assert long_date(date(2023, 4, 30)) == "30 April 2023"
    assert long_date(date(2023, 4, 1)) == "1 April 2023"
    assert long_date("2023-04-30") == "30 April 2023"
    assert long_date(datetime(2023, 4, 30, 23, 30, tzinfo=timezone.utc)) == "1 May 2023"  # London time (BST)
    assert long_date(None) == "" and long_date("") == "" and long_date("TBC") == "TBC"


def test_the_template_filters_are_there_without_a_load():
    html = Template('You lead {{ n|counted:"action" }}. Keep {{ n|agree:"it,them" }} up to date; {{ d|long_date }}.')
    assert html.render(Context({"n": 1, "d": date(2023, 4, 30)})) == "You lead 1 action. Keep it up to date; 30 April 2023."
    assert html.render(Context({"n": 4, "d": "2023-04-30"})) == "You lead 4 actions. Keep them up to date; 30 April 2023."
