"""Import plans from Word, Excel and CSV in the seeds' shapes; export and import again; bad files."""

import csv
import io
import zipfile

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from edi_tracker.models import AuditEvent
from plans import services
from plans.exports import COLUMNS, plan_export_csv, plan_export_xlsx
from plans.importers.reading import read_plan_file
from plans.importers.rows import ImportRefused
from plans.importers.services import plan_import_confirm
from plans.models import Action, Plan, ProgressUpdate

from . import docx_fixtures as fx


def actions_by_ref(parsed):
    return {a.reference: a for a in parsed.actions}


def test_strategy_tables_with_merged_cells_bullets_repeated_header_and_a_tracked_change():
    parsed = read_plan_file("strategy.docx", fx.strategy_docx())
    assert parsed.title == "Children's Services EDI Strategy and Action Plan 2022–25"
    assert [(t.code, t.title, t.sponsor) for t in parsed.themes] == [
        ("1", "Career Progression", "Director Children's Social Care"),
        ("5", "HR and Transparency", "Director Education and Learning"),
    ]
    actions = actions_by_ref(parsed)
    assert list(actions) == ["CP1", "CP2", "CP3", "CP4", "THR1"]  # blank row and repeated header skipped
    # The merged lead cell is each row's lead.
    assert actions["CP1"].lead_officer == actions["CP2"].lead_officer == "HR Business Partner"
    # Bullets are separate measures.
    assert actions["CP1"].measures == ["Guidance developed for recruiting managers", "75% of those surveyed satisfied"]
    # The tracked insertion is read, and reported with its table and row.
    assert actions["CP4"].title == "Promote cross-directorate development opportunities. and secondments"
    assert any(w.startswith("Table 2, row 7: tracked changes") for w in parsed.warnings), parsed.warnings
    assert actions["CP4"].deadline_text == "Q1 2023/24"
    assert parsed.framework == "local"
    assert "Strategy action table" in parsed.tables[0].shape


def test_eflg_rows_belong_to_the_evidence_above_and_start_from_their_rag():
    parsed = read_plan_file("eflg.docx", fx.eflg_docx())
    assert parsed.framework == "eflg"
    assert [(t.code, t.title, t.sponsor) for t in parsed.themes] == [
        ("1", "Leadership and organisational commitment", "Chief Executive"),
        ("4", "Employing a diverse and engaged workforce", "Director of People and Policy"),
    ]
    assert "Leaders show commitment" in parsed.themes[0].objective
    actions = actions_by_ref(parsed)
    assert list(actions) == ["1.1", "1.2", "1.3", "4.1", "4.2"]
    assert actions["1.2"].dependencies == "Evidence: Structures in place: a corporate EDI group chaired by the Chief Executive."
    assert [actions[r].status for r in actions] == ["green", "amber", "red", "amber", "green"]
    assert actions["1.2"].lead_officer == "CEDIS"


def test_scwres_metric_cells_list_several_actions_each_linked_to_its_metric():
    parsed = read_plan_file("scwres.docx", fx.scwres_docx())
    assert parsed.framework == "sc_wres"
    actions = actions_by_ref(parsed)
    assert list(actions) == ["M2.1", "M2.2", "M7.1", "M7.2"]  # the embedded file's label is not an action
    assert actions["M2.2"].title == "Ensure that interview panels have a diverse make up"
    assert actions["M2.2"].metrics == ["2"] and actions["M7.1"].metrics == ["7a", "7b"]
    assert actions["M7.2"].measures == ["Staff have confidence in reporting incidents"]
    assert actions["M7.2"].deadline_text == "May 2023"


def test_confirm_stores_everything_in_one_go(org, editor):
    parsed = read_plan_file("eflg.docx", fx.eflg_docx())
    result = plan_import_confirm(organisation=org, actor=editor, parsed=parsed)
    plan = result.plan
    assert plan.framework == "eflg" and plan.status == "draft" and plan.title == "Equality Improvement Plan September 2022"
    assert plan.themes.count() == 2 and plan.actions.count() == 5
    red = plan.actions.get(reference="1.3")
    assert red.status == "red" and red.deadline_date.isoformat() == "2022-11-30"
    first = red.updates.get()
    assert first.author == editor and first.commentary  # red needs a commentary: the import gives one
    assert AuditEvent.objects.filter(verb="plan.imported").exists()


def test_reimport_updates_by_reference_adds_new_lists_missing_and_records_status_changes(org, editor):
    plan = plan_import_confirm(organisation=org, actor=editor, parsed=read_plan_file("s.docx", fx.strategy_docx())).plan
    extra = services.action_create(plan=plan, actor=editor, reference="LOCAL1", title="Added in the app")
    rows = list(csv.reader(io.StringIO(plan_export_csv(plan).decode("utf-8-sig"))))
    header = rows[0]
    by_ref = {r[0]: r for r in rows[1:]}
    by_ref["CP1"][header.index("Action")] = "Implement a feedback process for all candidates."
    by_ref["CP2"][header.index("Status")] = "Amber"
    by_ref["CP2"][header.index("Latest commentary")] = "Pathways delayed by the restructure."
    del by_ref["LOCAL1"]
    new = list(by_ref["THR1"])
    new[0], new[header.index("Action")] = "THR2", "Implement exit interview recommendations."
    by_ref["THR2"] = new
    buffer = io.StringIO()
    csv.writer(buffer).writerows([header, *by_ref.values()])
    result = plan_import_confirm(organisation=org, actor=editor, plan=plan,
                                 parsed=read_plan_file("updated.csv", buffer.getvalue().encode()))
    assert result.created == ["THR2"] and result.updated == ["CP1"] and result.status_changes == ["CP2"]
    assert result.missing == ["LOCAL1"]
    assert Action.objects.filter(pk=extra.pk).exists()  # never deleted silently
    cp2 = plan.actions.get(reference="CP2")
    assert cp2.status == "amber"
    assert cp2.updates.get().commentary == "Pathways delayed by the restructure."
    assert cp2.updates.get().author == editor


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_export_then_import_gives_back_the_same_plan(org, editor, kind):
    parsed = read_plan_file("strategy.docx", fx.strategy_docx())
    plan = plan_import_confirm(organisation=org, actor=editor, parsed=parsed).plan
    action = plan.actions.get(reference="CP1")
    services.action_update(action=action, actor=editor, dependencies="=HYPERLINK(\"http://evil\")", metrics=["1", "9"], tags=["race"])
    services.progress_update_record(action=plan.actions.get(reference="CP2"), author=editor, status="red",
                                    commentary="@risk: budget", next_steps="+ escalate")
    exported = plan_export_csv(plan) if kind == "csv" else plan_export_xlsx(plan)
    copy = plan_import_confirm(organisation=org, actor=editor, parsed=read_plan_file(f"plan.{kind}", exported)).plan

    def snapshot(p):
        return [(a.reference, a.theme.code, a.theme.title, a.title, a.lead_officer, a.dependencies, a.resources,
                 [m.text for m in a.measures.all()], a.deadline_text, a.deadline_date, a.status, a.metrics,
                 sorted(t.name for t in a.tags.all()))
                for a in p.actions.select_related("theme").order_by("reference")]

    assert snapshot(copy) == snapshot(plan)
    assert copy.actions.get(reference="CP2").updates.get().commentary == "@risk: budget"


def test_exports_are_safe_from_formula_injection(org, editor):
    plan = services.plan_create(organisation=org, actor=editor, title="Plan")
    services.action_create(plan=plan, actor=editor, reference="X1", title="=1+1", lead_officer="+44 20 7946 0000",
                           dependencies="-2", resources="@SUM(A1)", measures=["=cmd|' /C calc'!A0"])
    rows = list(csv.reader(io.StringIO(plan_export_csv(plan).decode("utf-8-sig"))))
    assert rows[0] == COLUMNS
    row = dict(zip(rows[0], rows[1]))
    assert row["Action"] == "'=1+1" and row["Lead officer"] == "'+44 20 7946 0000"
    assert row["Dependencies"] == "'-2" and row["Resources"] == "'@SUM(A1)" and row["Success measures"].startswith("'=")
    sheet = load_workbook(io.BytesIO(plan_export_xlsx(plan))).active
    values = [c.value for c in sheet[2]]
    assert "'=1+1" in values
    assert all(not (isinstance(v, str) and v.startswith(("=", "+", "-", "@"))) for v in values)
    with zipfile.ZipFile(io.BytesIO(plan_export_xlsx(plan))) as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode()


@pytest.mark.parametrize("name,data,message", [
    ("plan.docx", b"%PDF-1.4 not a word file", "is named .docx but is not a Word document"),
    ("plan.xlsx", fx.strategy_docx(), "is named .xlsx but is not an Excel workbook"),
    ("plan.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "password-protected"),
    ("plan.docx", b"", "is empty"),
    ("plan.pdf", b"%PDF-1.4", "not a file we can import"),
    ("plan.docx", fx.docx_without_known_tables(), "No table in this file has a header we recognise"),
    ("plan.docx", fx.strategy_docx_with_duplicate(), "The reference CP1 is used twice (table 1, row 2 and table 1, row 3)"),
    ("plan.csv", "reference,theme,title,status\nX1,T,Do,green\n".encode("utf-16"), "not UTF-8"),
    ("plan.csv", b"just,some,columns\n1,2,3\n", "No table in this file has a header we recognise"),
    ("plan.csv", b"reference,theme,title,status\n", "have no actions in them"),
    ("plan.docx", b"PK\x03\x04" + b"\x00" * 100, "is named .docx but is not a Word document"),
])
def test_bad_files_are_refused_with_a_clear_message_and_nothing_is_stored(org, editor, name, data, message):
    with pytest.raises(ImportRefused) as error:
        read_plan_file(name, data)
    assert message in str(error.value)
    assert Plan.objects.count() == 0


def test_a_file_over_the_limit_is_refused(settings):
    settings.PLAN_IMPORT_MAX_BYTES = 2048
    with pytest.raises(ImportRefused, match="is larger than 2.0\xa0KB, the most we accept"):
        read_plan_file("plan.docx", fx.strategy_docx())


def test_a_failure_half_way_stores_nothing(org, editor):
    parsed = read_plan_file("s.docx", fx.strategy_docx())
    parsed.themes[1].actions[0].title = ""  # action_create refuses an empty title, after others were made
    with pytest.raises(ImportRefused, match="THR1"):
        plan_import_confirm(organisation=org, actor=editor, parsed=parsed)
    assert Plan.objects.count() == 0 and Action.objects.count() == 0 and ProgressUpdate.objects.count() == 0


def test_import_plan_command(org, editor, tmp_path, capsys):
    path = tmp_path / "eflg.docx"
    path.write_bytes(fx.eflg_docx())
    call_command("import_plan", org.slug, str(path), "--dry-run")
    assert "Dry run: 5 actions read" in capsys.readouterr().out and Plan.objects.count() == 0
    call_command("import_plan", org.slug, str(path))
    plan = Plan.objects.get()
    assert plan.actions.count() == 5
    out = tmp_path / "plan.xlsx"
    call_command("export_plan", org.slug, str(plan.pk), "--format", "xlsx", "--out", str(out))
    assert load_workbook(out).active.max_row == 6
    call_command("import_plan", org.slug, str(out), "--plan", str(plan.pk))
    assert "0 added, 0 updated" in capsys.readouterr().out
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"nonsense")
    with pytest.raises(CommandError, match="not a Word document"):
        call_command("import_plan", org.slug, str(bad))
    with pytest.raises(CommandError, match="no organisation"):
        call_command("import_plan", "nowhere", str(path))


def test_content_controls_and_nested_tables_are_read_and_reported():
    parsed = read_plan_file("hw.docx", fx.strategy_docx_with_hidden_structures())
    action = parsed.actions[0]
    assert action.title == "Raise awareness of institutional discrimination."
    assert action.measures == ["Training delivered", "Safe spaces set up"]
    assert "Table 1, row 2: a content control (its text was read)." in parsed.warnings
    assert "Table 1, row 2: a table inside a cell (its text was added to the cell)." in parsed.warnings
