"""The audit log reads as sentences (issue 14): every kind of entry any service writes, found by grepping the
source, has its sentence in edi_tracker.audit, and no entry shows `field: a → b`."""

import re
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse

from edi_tracker.audit import DESCRIBERS, describe
from edi_tracker.models import AuditEvent
from plans import services

ROOT = Path(__file__).resolve().parents[2]
APPS = ["edi_tracker", "plans", "workforce", "metrics", "networks", "reports", "api", "sso"]


def verbs_written_in_the_source() -> set[str]:
    """Every verb a service passes to audit_record, literal or chosen between two literals."""
    verbs = set()
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            text = path.read_text()
            # audit_record, or networks' _both_audits, which writes the member's log through it
            for call in re.finditer(r"(?:audit_record|_both_audits)\((.*?)\)\n", text, re.S):
                verbs.update(re.findall(r'"([a-z_]+\.[a-z_]+)"', call.group(1)))
            # a verb chosen before the call: verb = "invitation.created" ... verb = "invitation.renewed"
            verbs.update(re.findall(r'\bverb = "([a-z_]+\.[a-z_]+)"', text))
    return verbs


def test_every_verb_written_has_its_sentence():
    written = verbs_written_in_the_source()
    assert {"plan.imported", "action.updated", "membership.removed", "recipient.removed", "invitation.renewed",
            "leads.chased"} <= written  # the grep finds them
    assert sorted(written - set(DESCRIBERS)) == []


# One entry of each verb, with the summary and changes its service writes.
EXAMPLES = {
    "report.superseded": ("Highlight report 2022/23 Q1 of “EDI Strategy” made again: the report asked for on 3 July 2022 "
                          "is kept as superseded", {},
                          "Made the 2022/23 Q1 highlight report of “EDI Strategy” again; the earlier one is kept as superseded."),
    "extract.rechecked": ("Staff extract for 2026 checked again after mapping ethnicity values: checked", {},
                          "Checked the staff extract for 2026 again after mapping ethnicity values: checked."),
    "sso.configured": ("Single sign-on set up: https://login.example.org/tenant/v2.0, required for members", {},
                       "Set up single sign-on: https://login.example.org/tenant/v2.0, required for members."),
    "api_token.created": ("API token “Power BI” (ab12cd…) created, with no expiry", {},
                          "Created the API token “Power BI” (ab12cd…), with no expiry."),
    "api_token.revoked": ("API token “Power BI” (ab12cd…) revoked", {}, "Revoked the API token “Power BI” (ab12cd…)."),
    "api_token.used": ("API token “Power BI” (ab12cd…) used today, first for /api/v1/o/demo/plans/", {},
                       "The API token “Power BI” (ab12cd…) was used today, first for /api/v1/o/demo/plans/."),
    "network.invited": ("Demo Borough Council invited to Northshire regional alliance", {},
                        "Demo Borough Council was invited to join Northshire regional alliance."),
    "network.joined": ("Demo Borough Council joined Northshire regional alliance", {},
                       "Demo Borough Council joined Northshire regional alliance."),
    "network.declined": ("Demo Borough Council declined the invitation to Northshire regional alliance", {},
                         "Demo Borough Council declined the invitation to Northshire regional alliance."),
    "network.left": ("Demo Borough Council left Northshire regional alliance", {},
                     "Demo Borough Council left Northshire regional alliance."),
    "network.published": ("Demo Borough Council's 2026 figures (social care staff) published to Northshire regional "
                          "alliance (replacing the earlier publication)", {},
                          "Published Demo Borough Council's 2026 figures (social care staff) to Northshire regional "
                          "alliance (replacing the earlier publication)."),
    "network.withdrawn": ("Demo Borough Council's 2026 figures withdrawn from Northshire regional alliance", {},
                          "Withdrew Demo Borough Council's 2026 figures from Northshire regional alliance."),
    "organisation.created": ("Organisation Demo Borough Council created", {}, "Created the organisation Demo Borough Council."),
    "membership.added": ("Head of HR added as Plan editor", {"role": [None, "editor"]}, "Added Head of HR as Plan editor."),
    "membership.role_changed": ("Head of HR is now Organisation admin", {"role": ["editor", "admin"]},
                                "Changed Head of HR’s role from Plan editor to Organisation admin."),
    "membership.removed": ("Head of HR removed from the organisation", {"role": ["editor", None]},
                           "Removed Head of HR from the organisation (they were Plan editor)."),
    "invitation.created": ("edi.lead@example.org invited as Action lead", {"role": [None, "lead"]},
                           "Invited edi.lead@example.org as Action lead."),
    "invitation.renewed": ("edi.lead@example.org invited as Viewer", {"role": [None, "viewer"]},
                           "Invited edi.lead@example.org again, as Viewer."),
    "invitation.role_changed": ("The invitation to edi.lead@example.org now gives the role Viewer",
                                {"role": ["lead", "viewer"]},
                                "Changed the invitation to edi.lead@example.org’s role from Action lead to Viewer."),
    "invitation.resent": ("The invitation to edi.lead@example.org sent again", {},
                          "Sent the invitation to edi.lead@example.org again."),
    "invitation.revoked": ("The invitation to edi.lead@example.org withdrawn", {},
                           "Withdrew the invitation to edi.lead@example.org."),
    "invitation.accepted": ("edi.lead@example.org accepted the invitation and joined as Viewer", {},
                            "Accepted the invitation to edi.lead@example.org and joined as Viewer."),
    "plan.created": ("Plan “EDI Strategy” created", {}, "Created the plan “EDI Strategy”."),
    "plan.updated": ("Plan “EDI Strategy” edited", {"period_end": ["2025-03-31", "2026-03-31"]},
                     "Changed the plan “EDI Strategy”’s end of the period from 31 March 2025 to 31 March 2026."),
    "plan.imported": ("“EDI Strategy” imported from plan.docx: 80 added, 4 updated",
                      {"file": "plan.docx", "created": [f"A{i}" for i in range(80)], "updated": ["B1", "B2", "B3", "B4"],
                       "status_changes": ["B1"], "missing_from_file": []},
                      "Imported 84 actions into “EDI Strategy” from plan.docx: 80 added, 4 updated."),
    "theme.created": ("Theme “CP Culture” added to “EDI Strategy”", {}, "Added the theme “CP Culture” to “EDI Strategy”."),
    "theme.updated": ("Theme “CP Culture” edited", {"sponsor": ["", "Director of Children's Services"]},
                      "Set the theme “CP Culture”’s sponsor to “Director of Children's Services”."),
    "action.created": ("Action HW 3 added to “EDI Strategy”", {}, "Added action HW 3 to “EDI Strategy”."),
    "action.updated": ("Action HW 3 edited", {"deadline_text": ["30 April 2023", "31 March 2024"]},
                       "Changed HW 3’s deadline from “30 April 2023” to “31 March 2024”."),
    "measure.met": ("HW 3: success measure marked met", {"met": [False, True], "measure": "Policy published"},
                    "Marked HW 3’s success measure “Policy published” as met."),
    "measure.unmet": ("HW 3: success measure marked not met", {"met": [True, False], "measure": "Policy published"},
                      "Marked HW 3’s success measure “Policy published” as not met."),
    "progress.recorded": ("HW 3: Green → Amber", {"status": ["green", "amber"]},
                          "Changed HW 3’s status from Green to Amber."),
    "leads.chased": ("Chased 1 lead about 2 actions", {
        "emailed": [{"lead": "Head of HR", "email": "hr@example.org", "actions": ["HW 3", "HW 4"]}],
        "not_reached": [{"action": "CP1", "action_id": 1, "why": "It has no lead in EDI Tracker."}], "failed": []},
        "Emailed 1 lead about 2 actions."),
    "extract.confirmed": ("Staff extract 2022 stored (1,234 rows), replacing staff-old.csv", {},
                          "Stored the staff extract 2022 (1,234 rows), replacing staff-old.csv."),
    "ethnicity.mapped": ("Ethnicity “Any other White” mapped to White other", {},
                         "Mapped the ethnicity “Any other White” to White other."),
    "organisation.metric_settings": ("Workforce figures settings changed", {"disclosure_threshold": ["10", "5"]},
                                     "Changed the workforce figures settings’ disclosure threshold from 10 to 5."),
    "organisation.social_care_areas": ("Social care areas and pay settings changed",
                                       {"pay_period_days": ["30", "31"], "standard_weekly_hours": ["37", "36"]},
                                       "Changed the social care and pay settings:"),
    "report.requested": ("Highlight report 2022/23 Q1 of “EDI Strategy” asked for", {},
                         "Asked for the 2022/23 Q1 highlight report of “EDI Strategy”."),
    "report.made": ("Highlight report 2022/23 Q1 of “EDI Strategy” made (6 pages)", {},
                    "Made the 2022/23 Q1 highlight report of “EDI Strategy” (6 pages)."),
    "report.failed": ("Highlight report 2022/23 Q1 of “EDI Strategy” failed", {},
                      "Could not make the 2022/23 Q1 highlight report of “EDI Strategy”."),
    "report.not_queued": ("Highlight report 2022/23 Q1 of “EDI Strategy” could not be queued", {},
                          "Could not start making the 2022/23 Q1 highlight report of “EDI Strategy”."),
    "report.retried": ("Highlight report 2022/23 Q1 of “EDI Strategy” tried again", {"previous_failure": "Timed out"},
                       "Tried the 2022/23 Q1 highlight report of “EDI Strategy” again."),
    "report.email_failed": ("Highlight report 2022/23 Q1 of “EDI Strategy” was not emailed to every recipient",
                            {"reason": "Mail server down"},
                            "Could not email the 2022/23 Q1 highlight report of “EDI Strategy” to every recipient."),
    "report.email_resent": ("Highlight report 2022/23 Q1 of “EDI Strategy” sent to its recipients again",
                            {"previous_failure": "Mail server down"},
                            "Sent the 2022/23 Q1 highlight report of “EDI Strategy” to its recipients again."),
    "recipient.added": ("Chair of the Board <chair@example.org> will receive the highlight reports", {},
                        "Added Chair of the Board <chair@example.org> to the report recipients."),
    "recipient.paused": ("Chair <chair@example.org> will no longer receive the reports", {"active": [True, False]},
                         "Paused the reports to Chair <chair@example.org>."),
    "recipient.resumed": ("Chair <chair@example.org> will receive the reports", {"active": [False, True]},
                          "Resumed the reports to Chair <chair@example.org>."),
    "recipient.removed": ("Chair <chair@example.org> removed from the report recipients", {},
                          "Removed Chair <chair@example.org> from the report recipients."),
}


def test_every_verb_written_has_an_example_here():
    assert sorted(verbs_written_in_the_source() - set(EXAMPLES)) == []


@pytest.mark.parametrize("verb", sorted(EXAMPLES))
def test_each_kind_of_entry_reads_as_a_sentence(verb):
    summary, changes, expected = EXAMPLES[verb]
    sentence = describe(AuditEvent(verb=verb, summary=summary, changes=changes))
    assert sentence.text == expected
    for line in [sentence.text, *sentence.details]:
        assert "→" not in line and not re.search(r"\b[a-z]+_[a-z_]+\b", line), line
        assert line[0].isupper() and line.endswith((".", ":")), line


def test_an_edit_of_several_fields_gives_one_sentence_each():
    sentence = describe(AuditEvent(verb="plan.updated", summary="Plan “EDI Strategy” edited", changes={
        "status": ["draft", "active"], "framework": ["local", "sc_wres"], "approved_on": [None, "2023-04-30"]}))
    assert sentence.text == "Edited the plan “EDI Strategy”:"
    assert sentence.details == [
        "Changed the plan “EDI Strategy”’s status from Draft to Active.",
        "Changed the plan “EDI Strategy”’s framework from Local EDI strategy to Social Care Workforce Race Equality "
        "Standard.",
        "Set the plan “EDI Strategy”’s approval date to 30 April 2023.",
    ]


def test_an_unknown_or_damaged_entry_falls_back_to_its_summary():
    assert describe(AuditEvent(verb="something.new", summary="Something happened",
                               changes={"colour": ["red", "blue"]})).details == ["Changed its colour from red to blue."]
    assert describe(AuditEvent(verb="membership.added", summary="Someone added as Viewer",
                               changes={"role": "damaged"})).text == "Someone added as Viewer."


def test_real_entries_from_the_services_read_as_sentences(client_for, org, admin_member, editor, lead):
    plan = services.plan_create(organisation=org, actor=editor, title="EDI Strategy", status="active")
    action = services.action_create(plan=plan, actor=editor, reference="HW 3", title="Publish the policy",
                                    deadline_text="30 April 2023", lead_user=lead)
    services.action_update(action=action, actor=editor, deadline_text="31 March 2024")
    services.progress_update_record(action=action, author=lead, status="amber", commentary="Late")
    services.plan_update(plan=plan, actor=editor, period_start=date(2022, 4, 1))
    page = client_for(admin_member).get(reverse("audit-log", args=[org.slug])).content.decode()
    for sentence in ["Created the plan “EDI Strategy”.", "Added action HW 3 to “EDI Strategy”.",
                     "Changed HW 3’s deadline from “30 April 2023” to “31 March 2024”.",
                     "Changed HW 3’s status from Not started to Amber.",
                     "Set the plan “EDI Strategy”’s start of the period to 1 April 2022."]:
        assert sentence in page
    assert "→" not in page and "deadline_text" not in page
