"""Recording progress: the rules of design.md §4, through the service and through the page."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from edi_tracker.models import AuditEvent
from plans import services
from plans.models import Action, ProgressUpdate

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + b"\x00" * 64


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


@pytest.mark.parametrize("status", ["red", "amber"])
def test_red_and_amber_need_a_commentary(action, lead, status):
    with pytest.raises(ValidationError) as error:
        services.progress_update_record(action=action, author=lead, status=status, commentary="   ")
    assert "need a commentary" in str(error.value)
    action.refresh_from_db()
    assert action.status == "not_started" and action.updates.count() == 0


def test_an_update_becomes_the_current_status_and_joins_the_history(action, lead):
    first = services.progress_update_record(action=action, author=lead, status="amber", commentary="Trainer delayed",
                                            next_steps="Book a new trainer", next_steps_timeframe="by March")
    second = services.progress_update_record(action=action, author=lead, status="green", commentary="Back on track")
    action.refresh_from_db()
    assert action.status == "green"
    assert [u.pk for u in action.updates.all()] == [second.pk, first.pk]
    assert (first.previous_status, second.previous_status) == ("not_started", "amber")
    event = AuditEvent.objects.filter(verb="progress.recorded").first()
    assert event.actor == lead and event.changes == {"status": ["amber", "green"]}


def test_a_save_from_a_stale_version_is_refused_with_what_the_other_person_saved(action, lead, editor):
    opened_version = action.version
    services.progress_update_record(action=Action.objects.get(pk=action.pk), author=editor, status="red",
                                    commentary="Budget withdrawn", expected_version=opened_version)
    with pytest.raises(services.VersionConflict) as conflict:
        services.progress_update_record(action=Action.objects.get(pk=action.pk), author=lead, status="green",
                                        commentary="All fine", expected_version=opened_version)
    assert conflict.value.latest.commentary == "Budget withdrawn"
    assert str(editor) in str(conflict.value)
    assert ProgressUpdate.objects.filter(action=action).count() == 1
    assert Action.objects.get(pk=action.pk).status == "red"


def test_the_page_shows_the_conflict_and_keeps_the_users_text(client_for, action, lead, editor, org):
    url = reverse("plans:progress-create", args=[org.slug, action.pk])
    opened_version = action.version
    client_for(editor).post(url, {"status": "red", "commentary": "Budget withdrawn", "version": opened_version})
    response = client_for(lead).post(url, {"status": "amber", "commentary": "My careful words", "version": opened_version})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else updated this action" in html
    assert "Budget withdrawn" in html  # what the other person saved
    assert "My careful words" in html  # the user's own text stays in the form
    assert Action.objects.get(pk=action.pk).status == "red"
    # Saving again, now from the version they have seen, works.
    again = client_for(lead).post(url, {"status": "amber", "commentary": "My careful words",
                                        "version": Action.objects.get(pk=action.pk).version})
    assert again.status_code == 302
    assert Action.objects.get(pk=action.pk).status == "amber"


def test_red_without_commentary_through_the_page(client_for, action, lead, org):
    url = reverse("plans:progress-create", args=[org.slug, action.pk])
    response = client_for(lead).post(url, {"status": "red", "commentary": "", "version": action.version})
    assert response.status_code == 400
    assert "red and amber need a commentary" in response.content.decode()
    assert action.updates.count() == 0


def test_htmx_update_returns_the_panel_with_the_new_history(client_for, action, lead, org):
    url = reverse("plans:progress-create", args=[org.slug, action.pk])
    response = client_for(lead).post(url, {"status": "amber", "commentary": "Slipping", "version": action.version},
                                     HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html and "Slipping" in html and "Amber" in html


def test_htmx_update_sends_the_new_status_for_the_header_out_of_band(client_for, action, lead, org):
    """The panel is swapped in place; the status under the heading comes with it, marked out of band,
    so the header shows the new status without a reload."""
    url = reverse("plans:progress-create", args=[org.slug, action.pk])
    response = client_for(lead).post(url, {"status": "amber", "commentary": "Slipping", "version": action.version},
                                     HTTP_HX_REQUEST="true")
    html = response.content.decode()
    header = html[html.index('<p class="govuk-body" id="action-status" hx-swap-oob="true">'):]
    header = header[:header.index("</p>")]
    assert "Amber" in header and "Not started" not in header
    # The full page has the same element, not marked: one id, swapped by the partial.
    page = client_for(lead).get(reverse("plans:action-detail", args=[org.slug, action.pk])).content.decode()
    assert page.count('id="action-status"') == 1 and "hx-swap-oob" not in page


@pytest.mark.parametrize("name,content,message", [
    ("notes.pdf", b"MZ\x90\x00 this is a Windows program", "must be a PDF"),
    ("minutes.pdf", PNG, "its content is not a .pdf file"),
    ("photo.png", PDF, "its content is not a .png file"),
    ("empty.pdf", b"", "is empty"),
    ("report.docx", b"PK\x03\x04 not really a zip", "must be a PDF"),
    ("script.html", b"<script>alert(1)</script>", "must be a PDF"),
])
def test_bad_evidence_files_are_refused_and_nothing_is_stored(action, lead, name, content, message):
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    with pytest.raises(ValidationError) as error:
        services.progress_update_record(action=action, author=lead, status="green", evidence_file=upload)
    assert message in str(error.value)
    assert action.updates.count() == 0


def test_an_evidence_file_over_the_limit_is_refused(action, lead, settings):
    settings.EVIDENCE_MAX_BYTES = 1024
    upload = SimpleUploadedFile("big.pdf", PDF + b"0" * 2048)
    with pytest.raises(ValidationError, match="smaller than"):
        services.progress_update_record(action=action, author=lead, status="green", evidence_file=upload)


@pytest.mark.parametrize("name,content,mime", [
    ("minutes.pdf", PDF, "application/pdf"),
    ("board.png", PNG, "image/png"),
    ("plan.docx", docx_bytes(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
])
def test_good_evidence_is_kept_and_served_only_to_members(client_for, action, lead, viewer, outsider, org, name, content, mime):
    update = services.progress_update_record(action=action, author=lead, status="green",
                                             evidence_file=SimpleUploadedFile(name, content))
    assert update.evidence_content_type == mime
    assert name not in update.evidence_file.name  # stored under an opaque name
    url = reverse("plans:evidence", args=[org.slug, update.pk])
    response = client_for(viewer).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert response["Content-Type"] == mime and "attachment" in response["Content-Disposition"]
    assert client_for(outsider).get(url).status_code == 404


def test_success_measures_can_be_marked_met_and_unmet(action, lead):
    measure = action.measures.first()
    services.measure_set_met(measure=measure, met=True, actor=lead)
    measure.refresh_from_db()
    assert measure.met and measure.met_by == lead and measure.met_on is not None
    services.measure_set_met(measure=measure, met=False, actor=lead)
    measure.refresh_from_db()
    assert not measure.met and measure.met_on is None
    assert AuditEvent.objects.filter(verb__in=["measure.met", "measure.unmet"]).count() == 2


def test_action_edit_conflict_keeps_the_editors_text(client_for, action, editor, admin_member, org):
    url = reverse("plans:action-edit", args=[org.slug, action.pk])
    base = {"reference": "CP1", "title": "Deliver anti-racist practice training", "deadline_text": "Dec 22",
            "measures": "90% of social workers trained", "tags": "race", "version": action.version}
    assert client_for(admin_member).post(url, {**base, "title": "Admin's new title"}).status_code == 302
    response = client_for(editor).post(url, {**base, "title": "Editor's own title"})
    assert response.status_code == 409
    assert "Editor&#x27;s own title" in response.content.decode()
    assert Action.objects.get(pk=action.pk).title == "Admin's new title"


def test_duplicate_reference_is_refused(plan, editor, action):
    with pytest.raises(ValidationError, match="already has an action cp1"):
        services.action_create(plan=plan, actor=editor, reference="cp1", title="Again")


def test_every_change_is_audited_with_what_changed(action, editor):
    services.action_update(action=action, actor=editor, title="A new title", deadline_text="Q1 2023/24")
    event = AuditEvent.objects.filter(verb="action.updated").get()
    assert event.actor == editor
    assert event.changes["title"] == ["Deliver anti-racist practice training", "A new title"]
    assert event.changes["deadline_text"] == ["Dec 22", "Q1 2023/24"]
