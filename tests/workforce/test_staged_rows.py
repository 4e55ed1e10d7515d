"""Checked rows wait for confirmation in a typed JSON file, never a pickle: reading one back cannot run
code, every value comes back as the type it was, and a file that is not what we wrote is refused with
nothing stored."""

import json
import pickle
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from workforce import services, staged
from workforce.models import Extract, StaffRecord

GOOD = (b"Employee ID,Ethnicity,Grade,Hourly Rate,Senior Manager,Pay Period Days,Date Left\n"
        b"1,Irish,A,12.50,Y,30,\n2,Indian,B,20.1,N,31,\n3,Black African,B,,,,\n4,White British,A,9.999,N,28,2021-06-30\n")


def test_every_type_the_check_produces_comes_back_as_it_was():
    columns = {"employee_id": ["k1", "k2", "k3"], "senior_manager": [True, None, False],
               "pay_period_days": [30, None, 1], "hourly_pay": [Decimal("12.50"), None, Decimal("0.0001")],
               "annual_salary": [Decimal("20000"), 3, None],
               "leaving_date": [None, date(2021, 6, 30), date(2022, 3, 31)], "notes": [None, None, None],
               "directorate": ["Adults\tand\nChildren \\ “quoted”", "", "Ünïcode"]}
    data = staged.dumps(columns, [2, 3, 5])
    assert data.startswith(b"{") and b"\x80" not in data[:2]  # JSON, not a pickle's protocol header
    back, rows = staged.loads(data)
    assert rows == [2, 3, 5]
    assert back["annual_salary"] == [Decimal("20000"), Decimal("3"), None]
    for name, values in columns.items():
        if name != "annual_salary":
            assert back[name] == values and [type(v) for v in back[name]] == [type(v) for v in values], name
    assert back["hourly_pay"][0].as_tuple() == Decimal("12.50").as_tuple()  # exact, trailing zero kept


def test_a_value_of_another_type_is_refused_when_writing():
    with pytest.raises(TypeError, match="Column odd holds object"):
        staged.dumps({"odd": [object()]}, [2])
    with pytest.raises(ValueError, match="Column short has 1 values for 2 rows"):
        staged.dumps({"short": ["a"]}, [2, 3])


class Boom:
    ran = False

    def __reduce__(self):
        return (setattr, (Boom, "ran", True))


@pytest.mark.parametrize("data, why", [
    (pickle.dumps({"columns": {}, "rows": [], "x": Boom()}), "not JSON"),
    (b'{"format": "something else", "rows": [], "columns": {}}', "not in the format"),
    (json.dumps({"format": staged.FORMAT, "rows": [2], "columns": {"a": {"type": "int", "values": ["2"]}}}).encode(),
     "Column a: '2' is not a int"),
    (json.dumps({"format": staged.FORMAT, "rows": [2], "columns": {"a": {"type": "int", "values": [True]}}}).encode(),
     "Column a: True is not a int"),
    (json.dumps({"format": staged.FORMAT, "rows": [2], "columns": {"a": {"type": "date", "values": ["31/3/22"]}}}).encode(),
     "Column a: '31/3/22' cannot be read"),
    (json.dumps({"format": staged.FORMAT, "rows": [2], "columns": {"a": {"type": "decimal", "values": ["x"]}}}).encode(),
     "Column a: 'x' cannot be read"),
    (json.dumps({"format": staged.FORMAT, "rows": [2], "columns": {"a": {"type": "code", "values": ["x"]}}}).encode(),
     "a type this version does not know"),
    (json.dumps({"format": staged.FORMAT, "rows": [2, 3], "columns": {"a": {"type": "text", "values": ["x"]}}}).encode(),
     "Column a has 1 values for 2 rows"),
])
def test_a_file_that_is_not_what_we_wrote_is_refused_without_running_anything(data, why):
    with pytest.raises(staged.StagedRowsError, match=why):
        staged.loads(data)
    assert Boom.ran is False


@pytest.mark.django_db
def test_confirm_stores_the_staged_rows_with_their_types_and_refuses_a_planted_pickle(org, hr, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    extract, _ = services.extract_check(organisation=org, kind="staff", year=2022, filename="s.csv", data=GOOD,
                                     uploaded_by=hr)
    assert extract.status == "checked", extract.report
    name = f"staging/extract-{extract.pk}.json"
    assert default_storage.exists(name)
    services.extract_confirm(extract=extract, actor=hr)
    stored = {r.row_number: r for r in StaffRecord.objects.filter(extract=extract)}
    assert stored[2].hourly_pay == Decimal("12.50") and stored[2].senior_manager is True
    assert stored[3].pay_period_days == 31 and stored[5].leaving_date == date(2021, 6, 30)
    assert stored[4].hourly_pay is None and stored[4].senior_manager is None

    # Someone with write access to the shared store swaps the staged rows for a pickle.
    again, _ = services.extract_check(organisation=org, kind="staff", year=2022, filename="t.csv",
                                   data=GOOD.replace(b"Irish", b"White Irish"), uploaded_by=hr)
    name = f"staging/extract-{again.pk}.json"
    default_storage.delete(name)
    default_storage.save(name, ContentFile(pickle.dumps({"columns": {}, "rows": [], "x": Boom()})))
    with pytest.raises(ValidationError, match="its checked rows could not be read back"):
        # As the confirm page does: the extract loaded afresh, its rows read from the staging file.
        services.extract_confirm(extract=Extract.objects.get(pk=again.pk), actor=hr, replace=True)
    assert Boom.ran is False
    assert Extract.objects.get(pk=again.pk).status == "checked"
    assert StaffRecord.objects.filter(extract=again).count() == 0
    assert StaffRecord.objects.filter(extract=extract).count() == 4  # the current extract is untouched


def test_a_kept_table_comes_back_cell_for_cell_and_anything_else_is_refused():
    """The upload kept to be checked again after mapping (extract_recheck) is typed JSON, not a pickle: the
    cells a CSV or XLSX reader gives come back as they were, and a file we did not write is refused."""
    import datetime as dt
    import pickle
    from decimal import Decimal

    header = ["Employee Number", "Start Date", "Hourly Rate", "FPRE"]
    rows = [["E1", dt.datetime(2023, 4, 30, 0, 0), 17.59, True], ["E2", dt.date(2024, 1, 31), Decimal("12.50"), None],
            ["E3", "31/01/2022", 11, "Y"], ["E4", dt.time(9, 30), "", False]]
    assert staged.loads_table(staged.dumps_table(header, rows)) == (header, rows)
    for bad in (pickle.dumps((header, rows)), b"{}", b'{"format": "edi-tracker/kept-table/1", "header": [], "rows": [[{"x": 1}]]}',
                b"\xff\xfe"):
        with pytest.raises(staged.StagedRowsError):
            staged.loads_table(bad)
