"""reports.access: the one way views fetch a report or a recipient. 404 for another organisation's object
(and for an outsider, who has no membership here), 403 for a member whose role does not allow it."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from edi_tracker.models import Membership, Role
from reports import access
from reports.models import Report, ReportRecipient

from .conftest import Q2


@pytest.fixture
def report(org, history_plan):
    return Report.objects.create(organisation=org, plan=history_plan, quarter_year=Q2.year, quarter_number=Q2.number)


@pytest.fixture
def recipient(org):
    return ReportRecipient.objects.create(organisation=org, name="Chair", email="chair@example.org")


def membership_of(user):
    return Membership.objects.select_related("organisation").get(user=user)


def test_get_report_for_each_persona(report, editor, viewer, outsider):
    # A member with the role: views and edits.
    assert access.get_report(membership_of(editor), report.pk, need=access.EDIT) == report
    # A member without it: views, but may not make, retry or email it.
    assert access.get_report(membership_of(viewer), report.pk) == report
    with pytest.raises(PermissionDenied):
        access.get_report(membership_of(viewer), report.pk, need=access.EDIT)
    # Another organisation's member (an outsider here): not found, whatever is asked.
    for need in (access.VIEW, access.EDIT):
        with pytest.raises(Http404):
            access.get_report(membership_of(outsider), report.pk, need=need)
    with pytest.raises(Http404):
        access.get_report(membership_of(editor), report.pk + 1000)


def test_get_recipient_for_each_persona(recipient, admin_member, editor, make_member, other_org):
    assert access.get_recipient(membership_of(admin_member), recipient.pk) == recipient
    with pytest.raises(PermissionDenied):
        access.get_recipient(membership_of(editor), recipient.pk)
    elsewhere_admin = make_member(Role.ADMIN, organisation=other_org, username="elsewhere-admin")
    with pytest.raises(Http404):
        access.get_recipient(membership_of(elsewhere_admin), recipient.pk)
