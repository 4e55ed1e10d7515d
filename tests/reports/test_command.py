import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from reports.models import Report


def test_highlight_report_command_writes_the_pdf(history_plan, org, tmp_path, capsys):
    out = tmp_path / "q2.pdf"
    call_command("highlight_report", org.slug, str(history_plan.pk), "--quarter", "2022/23-Q2", "--out", str(out))
    assert "Wrote" in capsys.readouterr().out
    pdf = PdfReader(out)
    assert pdf.metadata.title == "Highlight report 2022/23 Q2: Children's Services EDI plan"
    assert Report.objects.get().status == "done"


def test_the_command_writes_the_report_made_and_makes_it_again_only_when_told(history_plan, org, tmp_path, capsys):
    args = ["highlight_report", org.slug, str(history_plan.pk), "--quarter", "2022/23-Q2"]
    call_command(*args, "--out", str(tmp_path / "a.pdf"))
    first = Report.objects.get()
    capsys.readouterr()
    call_command(*args, "--out", str(tmp_path / "b.pdf"))
    assert "already made: writing it as it is (give --again to make it again)" in capsys.readouterr().out
    assert Report.objects.count() == 1 and (tmp_path / "b.pdf").read_bytes() == (tmp_path / "a.pdf").read_bytes()
    call_command(*args, "--out", str(tmp_path / "c.pdf"), "--again")
    first.refresh_from_db()
    second = Report.objects.exclude(pk=first.pk).get()
    assert second.status == "done" and first.superseded_by == second


@pytest.mark.parametrize("args, message", [
    (["nowhere", "1"], "There is no organisation with the short name “nowhere”."),
    (["lambeth-demo", "Not a plan"], "has no plan “Not a plan”"),
    (["lambeth-demo", "PLAN", "--quarter", "2022-Q2"], "“2022-Q2” is not a financial quarter: write it like 2022/23-Q2."),
])
def test_highlight_report_command_bad_input(history_plan, tmp_path, args, message):
    args = [history_plan.title if a == "PLAN" else a for a in args]
    if "--quarter" not in args:
        args += ["--quarter", "2022/23-Q2"]
    with pytest.raises(CommandError, match=message):
        call_command("highlight_report", *args, "--out", str(tmp_path / "x.pdf"))
    assert Report.objects.count() == 0
