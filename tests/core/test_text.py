"""edi_tracker.text: the article before a phrase, and file names shortened without losing their type."""

import pytest

from edi_tracker.text import shorten_filename, with_article


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
