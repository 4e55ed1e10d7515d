from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from plans.models import Plan

from . import docx_fixtures as fx


def upload(client, url, name, data):
    return client.post(url, {"file": SimpleUploadedFile(name, data)})


def test_check_then_confirm_in_the_browser(client_for, editor, org):
    client = client_for(editor)
    url = reverse("plans:plan-import", args=[org.slug])
    preview = upload(client, url, "eflg.docx", fx.eflg_docx())
    html = preview.content.decode()
    assert preview.status_code == 200 and "Nothing has been saved yet" in html
    assert "Employing a diverse and engaged workforce" in html and "read as 30 November 2022" in html
    assert "Equality Framework improvement table" in html  # the mapping is shown
    assert Plan.objects.count() == 0
    token = preview.context["token"]
    done = client.post(url, {"token": token})
    plan = Plan.objects.get()
    assert done.status_code == 302 and done["Location"] == reverse("plans:plan-detail", args=[org.slug, plan.pk])
    assert plan.actions.count() == 5
    # A second confirm of the same import (a double click, another tab) does nothing and says so.
    again = client.post(url, {"token": token}, follow=True)
    html = again.content.decode()
    assert "This import was already confirmed: Imported eflg.docx: 5 actions added, 0 updated, 5 status changes" in html
    assert reverse("plans:plan-detail", args=[org.slug, plan.pk]) in html
    assert Plan.objects.count() == 1 and plan.actions.count() == 5


def test_a_bad_file_is_explained_on_the_form(client_for, editor, org):
    response = upload(client_for(editor), reverse("plans:plan-import", args=[org.slug]), "plan.docx", b"%PDF-1.7")
    assert response.status_code == 200
    assert "is named .docx but is not a Word document" in response.content.decode()
    assert Plan.objects.count() == 0


def test_update_from_a_file_lists_what_is_missing(client_for, editor, org):
    client = client_for(editor)
    upload_url = reverse("plans:plan-import", args=[org.slug])
    client.post(upload_url, {"token": upload(client, upload_url, "s.docx", fx.strategy_docx()).context["token"]})
    plan = Plan.objects.get()
    into = reverse("plans:plan-import-into", args=[org.slug, plan.pk])
    preview = upload(client, into, "eflg.docx", fx.eflg_docx())
    html = preview.content.decode()
    assert "In the plan but not in this file, and kept as they are: CP1, CP2, CP3, CP4, THR1." in html
    result = client.post(into, {"token": preview.context["token"]}, follow=True)
    assert "5 actions added" in result.content.decode()
    assert plan.actions.count() == 10


def test_a_token_from_another_plan_is_refused(client_for, editor, org):
    client = client_for(editor)
    url = reverse("plans:plan-import", args=[org.slug])
    token = upload(client, url, "s.docx", fx.strategy_docx()).context["token"]
    other = Plan.objects.create(organisation=org, title="Other")
    response = client.post(reverse("plans:plan-import-into", args=[org.slug, other.pk]), {"token": token}, follow=True)
    assert "has expired" in response.content.decode()
    assert other.actions.count() == 0


def test_export_download(client_for, viewer, editor, org):
    client = client_for(editor)
    url = reverse("plans:plan-import", args=[org.slug])
    client.post(url, {"token": upload(client, url, "s.docx", fx.strategy_docx()).context["token"]})
    plan = Plan.objects.get()
    csv_response = client_for(viewer).get(reverse("plans:plan-export", args=[org.slug, plan.pk]) + "?format=csv")
    assert csv_response["Content-Type"].startswith("text/csv")
    assert 'filename="childrens-services-edi-strategy-and-action-plan-202225.csv"' in csv_response["Content-Disposition"]
    assert csv_response.content.decode("utf-8-sig").startswith("Reference,Theme code,Theme,Action,Lead officer")
    assert client_for(viewer).get(reverse("plans:plan-export", args=[org.slug, plan.pk]) + "?format=pdf").status_code == 404
