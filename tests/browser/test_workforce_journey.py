import re

from playwright.sync_api import expect

from edi_tracker.models import Role

from .conftest import assert_accessible, log_in


def test_hr_uploads_an_extract_reads_the_report_confirms_and_sees_the_figures(page, org, make_member, tmp_path):
    make_member(Role.HR, username="hr-business-partner")
    rows = ["Employee Number,Full Name,Ethnic Origin,Grade,Gender,Hourly Rate,Date Left"]
    rows += [f"{1000 + i},Person {i},White British,Scale 1-3,F,£{12 + i % 3}.50,{'15/06/2021' if i < 3 else ''}" for i in range(30)]
    rows += [f"{2000 + i},Person {i},Black African,Scale 1-3,M,£12.50," for i in range(20)]
    rows += [f"{3000 + i},Person {i},Asian Indian,PO1-PO4,F,£22.00," for i in range(12)]
    path = tmp_path / "staff 2022.csv"
    path.write_text("\n".join(rows) + "\n")

    log_in(page, "hr-business-partner")
    page.get_by_role("link", name="Workforce", exact=True).click()
    assert_accessible(page)
    page.get_by_label("Staff", exact=True).check()
    page.get_by_label("Reporting year").fill("2022")
    page.get_by_label("Extract file").set_input_files(str(path))
    page.get_by_role("button", name="Check the file").click()

    expect(page.get_by_text("The file passed its check. 62 rows are ready to store.")).to_be_visible()
    expect(page.get_by_text("Full Name")).to_be_visible()  # the name column, dropped unread
    assert_accessible(page)
    page.get_by_role("button", name="Confirm and store").click()
    expect(page.get_by_text(re.compile("is stored: 62 rows"))).to_be_visible()

    # The upload history lists the stored extract as the one in force.
    page.get_by_role("link", name="Workforce", exact=True).click()
    stored = page.get_by_role("row", name=re.compile("staff 2022.csv"))
    expect(stored).to_contain_text("Staff 2022")
    expect(stored).to_contain_text("62")
    expect(stored).to_contain_text("Current")
    assert_accessible(page)

    page.get_by_role("link", name="Race equality", exact=True).click()
    expect(page.get_by_role("heading", name="Workforce race equality")).to_be_visible()
    band = page.get_by_role("row", name=re.compile("^Scale 1-3"))
    # White in post in Scale 1-3 is 27, but 3 of the 30 White staff of the year left, and metric 8 publishes
    # the 30: the 27 is hidden too, or the 3 leavers could be worked out (metrics.md §6, across the document).
    expect(band.get_by_role("cell").first).to_have_text(re.compile(r"^withheld"))
    expect(band).to_contain_text("20")  # BME in Scale 1-3
    expect(page.get_by_role("img", name=re.compile("Ethnicity of staff in each pay band"))).to_be_visible()
    assert_accessible(page)


def test_hr_maps_an_unknown_ethnicity_on_the_check_page_and_checks_the_same_upload_again(page, org, make_member, tmp_path):
    from workforce.models import EthnicityMapping, Extract

    make_member(Role.HR, username="hr-business-partner")
    rows = ["Employee Number,Ethnic Origin,Grade,Hourly Rate"]
    rows += [f"{1000 + i},{'Martian' if i % 4 == 0 else 'White British'},Scale 1-3,£12.50" for i in range(16)]
    path = tmp_path / "staff with a new spelling.csv"
    path.write_text("\n".join(rows) + "\n")

    log_in(page, "hr-business-partner")
    page.get_by_role("link", name="Workforce", exact=True).click()
    page.get_by_role("button", name="Check the file").click()  # nothing filled in: each missing field is named
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Choose what the file holds")
    expect(summary).to_contain_text("Choose the extract file to upload")
    assert_accessible(page)
    page.get_by_label("Staff", exact=True).check()
    page.get_by_label("Reporting year").fill("2022")
    page.get_by_label("Extract file").set_input_files(str(path))
    page.get_by_role("button", name="Check the file").click()

    expect(page.get_by_role("heading", name="4 errors: nothing was stored")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("^2 Ethnic Origin Martian"))).to_be_visible()  # HR's column name
    assert_accessible(page)
    page.get_by_label("Category for “Martian”").select_option(label="Other ethnic group: Any other ethnic group")
    page.get_by_role("button", name="Save the category for “Martian”").click()
    expect(page.get_by_text("“Martian” is mapped")).to_be_visible()
    page.get_by_role("button", name="Check the file again").click()
    expect(page.get_by_text("The file passed its check. 16 rows are ready to store.")).to_be_visible()
    assert_accessible(page)
    assert Extract.objects.count() == 1 and EthnicityMapping.objects.get().ethnicity == "other_any"
