"""Issue 14, "Workforce uploads": the upload form names what is missing; the check report speaks HR's column
names and lists errors by row; a dry run leaves no refused upload behind; unknown ethnicity values are
mapped on the check page and the same upload checked again; templates and the list of columns."""

import csv
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from workforce.checking import pseudonym
from workforce.formats import FORMATS
from workforce.models import EthnicityMapping, Extract, ExtractStatus
from workforce.services import extract_recheck

HR_CSV = ("Employee Number,Ethnic Origin,Grade,Hourly Rate\n"
          "1,Martian,Scale 1,12.00\n"   # row 2: a value we do not know
          "2,White British,Scale 1,twelve\n"  # row 3: not a pay
          "3,Black African,Scale 2,15.00\n")
MAPPABLE_CSV = ("Employee Number,Full Name,Ethnic Origin,Grade,Hourly Rate\n"
                "1,Chief Officer,Martian,Scale 1,12.00\n2,Social Worker,White British,Scale 1,12.50\n"
                "3,Team Manager,Martian,Scale 2,15.00\n")


def upload(client, org, text, name="staff.csv", kind="staff"):
    return client.post(reverse("workforce:index", args=[org.slug]),
                       {"kind": kind, "year": "2022", "file": SimpleUploadedFile(name, text.encode())})


def test_submitting_the_empty_form_names_each_missing_field(client_for, hr, org):
    response = client_for(hr).post(reverse("workforce:index", args=[org.slug]), {"year": ""})
    assert response.status_code == 200
    html = response.content.decode()
    start = html.index('class="govuk-error-summary"')
    summary = html[start:html.index("</div>\n</div>", start)]
    assert "There is a problem" in summary
    for message in ("Choose what the file holds: staff, recruitment, casework, CPD or survey",
                    "Enter the reporting year, for example 2022", "Choose the extract file to upload"):
        assert message in summary
    assert 'href="#id_file"' in summary and 'href="#id_year"' in summary
    assert Extract.objects.count() == 0


def test_the_check_report_uses_hrs_column_names_and_lists_errors_by_row(client_for, hr, org):
    client = client_for(hr)
    page = client.get(upload(client, org, HR_CSV)["Location"]).content.decode()
    assert "Employee Number, Ethnic Origin, Grade, Hourly Rate" in page  # the columns used, as HR named them
    errors = page[page.index("Errors by row"):page.index("</table>", page.index("Errors by row"))]
    rows = re.findall(r'<td class="govuk-table__cell govuk-table__cell--numeric">(\d+)</td><td class="govuk-table__cell">([^<]+)</td>', errors)
    assert rows == [("2", "Ethnic Origin"), ("3", "Hourly Rate")]
    assert "hourly_pay" not in page and ">ethnicity<" not in page
    assert "WRES group (from Ethnic Origin)" in page and "Wres group" not in page
    # The errors' download speaks the same words.
    extract = Extract.objects.get()
    download = client.get(reverse("workforce:extract-errors", args=[org.slug, extract.pk])).content.decode("utf-8-sig")
    assert [r[:2] for r in csv.reader(io.StringIO(download))][1:] == [["2", "Ethnic Origin"], ["3", "Hourly Rate"]]


def test_a_dry_run_from_the_command_line_is_not_listed_as_an_upload(client_for, hr, org, tmp_path):
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_text(MAPPABLE_CSV.replace("Martian", "White Irish"))
    bad.write_text(HR_CSV)
    call_command("import_extract", org.slug, "staff", str(good), "--year", "2022", "--dry-run")
    with pytest.raises(SystemExit):
        call_command("import_extract", org.slug, "staff", str(bad), "--year", "2022", "--dry-run")
    assert Extract.objects.count() == 0
    page = client_for(hr).get(reverse("workforce:index", args=[org.slug])).content.decode()
    assert "Nothing has been uploaded yet." in page and "Refused" not in page
    # Without --dry-run a refused file is listed, as an upload would be.
    with pytest.raises(SystemExit):
        call_command("import_extract", org.slug, "staff", str(bad), "--year", "2022")
    assert list(Extract.objects.values_list("status", flat=True)) == [ExtractStatus.REFUSED]


def test_unknown_ethnicity_values_are_mapped_on_the_check_page_and_the_same_upload_checked_again(client_for, hr, org):
    client = client_for(hr)
    detail = upload(client, org, MAPPABLE_CSV)["Location"]
    extract = Extract.objects.get()
    assert extract.status == ExtractStatus.REFUSED and extract.report["unmapped_ethnicities"] == ["Martian"]
    page = client.get(detail).content.decode()
    assert "Check the file again" in page and "you do not need to upload it again" in page
    # What is kept to check it again is the table pseudonymised, without the name column: not the file.
    from django.core.files.storage import default_storage

    from workforce import staged

    with default_storage.open(f"staging/extract-{extract.pk}.recheck", "rb") as kept:
        header, rows = staged.loads_table(kept.read())  # typed JSON, never a pickle
    assert header == ["Employee Number", "Ethnic Origin", "Grade", "Hourly Rate"]
    assert [r[0] for r in rows] == [pseudonym(org.pk, n) for n in ("1", "2", "3")]
    assert "Chief Officer" not in repr(rows)
    client.post(reverse("workforce:ethnicity-map", args=[org.slug, extract.pk]), {"value": "Martian", "ethnicity": "other_any"})
    assert EthnicityMapping.objects.get(organisation=org).ethnicity == "other_any"  # kept for the next extracts
    response = client.post(reverse("workforce:extract-recheck", args=[org.slug, extract.pk]))
    assert response["Location"] == detail
    extract.refresh_from_db()
    assert extract.status == ExtractStatus.CHECKED and extract.report["error_count"] == 0
    assert Extract.objects.count() == 1  # the same upload, not a new one
    assert "passed its check" in client.get(detail).content.decode()
    # Nothing to check again now: a clear message, nothing changed.
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="nothing to check again"):
        extract_recheck(extract=extract, actor=hr.user if hasattr(hr, "user") else None)
    extract.refresh_from_db()
    assert extract.status == ExtractStatus.CHECKED


def test_a_recheck_with_values_still_unmapped_is_refused_again_and_can_be_checked_once_more(client_for, hr, org):
    client = client_for(hr)
    upload(client, org, MAPPABLE_CSV)
    extract = Extract.objects.get()
    client.post(reverse("workforce:extract-recheck", args=[org.slug, extract.pk]))
    extract.refresh_from_db()
    assert extract.status == ExtractStatus.REFUSED and extract.report["can_recheck"] is True


@pytest.mark.parametrize("kind", list(FORMATS))
def test_the_templates_have_exactly_the_columns_of_the_format(client_for, hr, org, kind):
    from openpyxl import load_workbook

    client = client_for(hr)
    names = [c.name for c in FORMATS[kind]]
    response = client.get(reverse("workforce:extract-template", args=[org.slug, kind, "csv"]))
    assert response["Content-Disposition"] == f'attachment; filename="{kind}-extract-template.csv"'
    assert next(csv.reader(io.StringIO(response.content.decode("utf-8-sig")))) == names
    response = client.get(reverse("workforce:extract-template", args=[org.slug, kind, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]] == names and sheet.max_row == 1
    assert client.get(reverse("workforce:extract-template", args=[org.slug, kind, "pdf"])).status_code == 404


def test_the_upload_page_lists_each_column_with_what_it_means(client_for, hr, org):
    page = client_for(hr).get(reverse("workforce:index", args=[org.slug])).content.decode()
    assert page.count("-extract-template.csv") == len(FORMATS) and page.count("-extract-template.xlsx") == len(FORMATS)
    assert "<code>full_pay_relevant</code>" in page
    assert "No for someone on reduced or nil pay because of leave in the pay period" in page
    assert "Also recognised: Hourly Rate, Ordinary Hourly Pay" in page
    assert "<code>employee_id</code> (required)" in page
