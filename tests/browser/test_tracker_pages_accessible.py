"""axe-core on every tracker and core page an admin can reach, with real content on them."""

from django.core.files.uploadedfile import SimpleUploadedFile

from edi_tracker.models import Role
from plans import services

from .conftest import assert_accessible, log_in


def test_every_tracker_page_passes_axe(page, org, make_member):
    admin = make_member(Role.ADMIN, username="edi-programme-manager")
    make_member(Role.VIEWER, username="assistant-director")
    plan = services.plan_create(organisation=org, actor=admin, title="SC-WRES action plan", framework="sc_wres", status="active")
    theme = services.theme_create(plan=plan, actor=admin, code="M1", title="Metric 1: pay bands", metrics=["1"])
    action = services.action_create(plan=plan, actor=admin, theme=theme, reference="1.1", title="Publish pay band data",
                                    lead_user=admin, deadline_text="TBC", measures=["Published"], metrics=["1"], tags=["race"])
    services.progress_update_record(action=action, author=admin, status="amber", commentary="Data delayed",
                                    evidence_file=SimpleUploadedFile("minutes.pdf", b"%PDF-1.4\n%%EOF\n"))
    log_in(page, "edi-programme-manager")
    base = f"/o/{org.slug}"
    for path in [
        f"{base}/", f"{base}/my-actions/", f"{base}/actions/", f"{base}/actions/?status=amber&overdue=on",
        f"{base}/plans/{plan.pk}/", f"{base}/plans/{plan.pk}/edit/", f"{base}/plans/new/",
        f"{base}/plans/{plan.pk}/themes/new/", f"{base}/plans/{plan.pk}/themes/{theme.pk}/edit/",
        f"{base}/plans/{plan.pk}/actions/new/", f"{base}/plans/{plan.pk}/deadlines/",
        f"{base}/actions/{action.pk}/", f"{base}/actions/{action.pk}/edit/",
        f"{base}/members/", f"{base}/audit/", "/accessibility/", "/privacy/",
    ]:
        response = page.goto(path)
        assert response.status == 200, path
        assert_accessible(page)


def test_error_pages_pass_axe(page, org, make_member):
    make_member(Role.VIEWER, username="assistant-director")
    log_in(page, "assistant-director")
    response = page.goto(f"/o/{org.slug}/members/")
    assert response.status == 403
    assert_accessible(page)
    response = page.goto("/o/no-such-council/")
    assert response.status == 404
    assert_accessible(page)


def test_a_part_of_a_page_waiting_for_the_server_keeps_its_contrast(page, org, make_member):
    """While htmx waits for an answer the part that asked is marked `htmx-request` (the deadline field as its
    preview is fetched, at every key; the progress form as it saves; a polled progress panel every second):
    its text, the grey hints included, keeps WCAG's contrast. It was dimmed to 70%, below 4.5:1, and axe
    failed whenever it ran during the deadline preview's first request."""
    admin = make_member(Role.ADMIN, username="edi-programme-manager")
    plan = services.plan_create(organisation=org, actor=admin, title="SC-WRES action plan", framework="sc_wres", status="active")
    action = services.action_create(plan=plan, actor=admin, reference="1.1", title="Publish pay band data",
                                    lead_user=admin, deadline_text="TBC")
    log_in(page, "edi-programme-manager")
    for path in (f"/o/{org.slug}/actions/{action.pk}/edit/", f"/o/{org.slug}/actions/{action.pk}/"):
        page.goto(path)
        page.wait_for_load_state("networkidle")  # the deadline preview's first request answered
        busy = page.evaluate("""() => { const parts = document.querySelectorAll('[hx-get], [hx-post]');
                                        parts.forEach(part => part.classList.add('htmx-request'));
                                        return parts.length; }""")
        assert busy, path
        assert_accessible(page)
