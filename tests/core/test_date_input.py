"""The GOV.UK date input (edi_tracker.forms.GovukDateField): three boxes, GOV.UK's error messages."""

import re
from datetime import date

import pytest
from django import forms

from edi_tracker.forms import GovukDateField, GovukDateInput


class DeadlineForm(forms.Form):
    deadline = GovukDateField(label="Deadline")


class OptionalForm(forms.Form):
    approved_on = GovukDateField(label="Approved on", required=False)


def boxes(day="", month="", year="", name="deadline"):
    return {f"{name}_day": day, f"{name}_month": month, f"{name}_year": year}


@pytest.mark.parametrize("day,month,year,expected", [
    ("30", "4", "2023", date(2023, 4, 30)),
    ("01", "04", "2023", date(2023, 4, 1)),
    (" 9 ", " 12 ", " 2024 ", date(2024, 12, 9)),
    ("29", "2", "2024", date(2024, 2, 29)),
])
def test_a_real_date_is_read(day, month, year, expected):
    form = DeadlineForm(boxes(day, month, year))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["deadline"] == expected


@pytest.mark.parametrize("day,month,year,message", [
    ("31", "2", "2023", "Deadline must be a real date"),
    ("29", "2", "2023", "Deadline must be a real date"),
    ("0", "4", "2023", "Deadline must be a real date"),
    ("30", "13", "2023", "Deadline must be a real date"),
    ("thirty", "4", "2023", "Deadline must be a real date"),
    ("30", "April", "2023", "Deadline must be a real date"),
    ("30", "4", "2023a", "Deadline must be a real date"),
    ("²", "4", "2023", "Deadline must be a real date"),
    ("99999999999999999999", "4", "2023", "Deadline must be a real date"),
    ("30", "", "2023", "Deadline must include a month"),
    ("", "4", "2023", "Deadline must include a day"),
    ("30", "4", "", "Deadline must include a year"),
    ("", "", "2023", "Deadline must include a day and month"),
    ("30", "4", "23", "Deadline year must include 4 numbers"),
    ("", "", "", "Enter deadline"),
])
def test_a_bad_date_gets_the_gov_uk_message(day, month, year, message):
    form = DeadlineForm(boxes(day, month, year))
    assert not form.is_valid()
    assert form.errors["deadline"] == [message]


def test_an_optional_date_may_be_left_empty_and_is_still_checked():
    assert OptionalForm(boxes(name="approved_on")).is_valid()
    assert OptionalForm({}).is_valid()
    form = OptionalForm(boxes("31", "4", "2023", name="approved_on"))
    assert form.errors["approved_on"] == ["Approved on must be a real date"]


def test_an_iso_date_under_the_fields_name_is_read_too():
    assert DeadlineForm({"deadline": "2023-04-30"}).is_valid()
    assert DeadlineForm({"deadline": "31/04/2023"}).errors["deadline"] == ["Deadline must be a real date"]


def test_the_boxes_show_the_date_and_an_unchanged_date_is_not_a_change():
    form = DeadlineForm(initial={"deadline": date(2023, 4, 30)})
    html = str(form["deadline"])
    for name, value in (("deadline_day", "30"), ("deadline_month", "4"), ("deadline_year", "2023")):
        assert re.search(f'<input [^>]*name="{name}" [^>]*value="{value}"', html), name
    assert 'class="govuk-input govuk-date-input__input govuk-input--width-4"' in html
    assert "<label" in html and ">Year</label>" in html
    unchanged = DeadlineForm(boxes("30", "04", "2023"), initial={"deadline": date(2023, 4, 30)})
    assert unchanged.is_valid() and not unchanged.has_changed()
    changed = DeadlineForm(boxes("1", "5", "2023"), initial={"deadline": date(2023, 4, 30)})
    assert changed.has_changed()


def test_what_was_typed_is_shown_again_with_the_error():
    form = DeadlineForm(boxes("31", "2", "2023"))
    form.is_valid()
    html = str(form["deadline"])
    assert 'value="31"' in html and 'value="2"' in html and 'value="2023"' in html
    # An error summary's link goes to the first box.
    assert form["deadline"].id_for_label == "id_deadline_day" and 'id="id_deadline_day"' in html
    assert 'for="id_deadline_day"' in html and 'id="id_deadline_year"' in html


def test_the_widget_decompresses_what_it_is_given():
    widget = GovukDateInput()
    assert widget.decompress(date(2023, 4, 30)) == ["30", "4", "2023"]
    assert widget.decompress("2023-04-30") == ["30", "4", "2023"]
    assert widget.decompress(None) == [None, None, None]
    assert widget.decompress("not a date") == [None, None, None]
