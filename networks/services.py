"""Every change to a network goes through one function here; the pages, the commands, the tasks and the
tests call the same ones. Each records itself in the network's audit log and, where an organisation is
concerned, in the organisation's own (edi_tracker.services.audit_record)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from edi_tracker.models import Organisation, User
from edi_tracker.services import audit_record
from metrics.compute import SCOPES, ScopeRefused
from metrics.selectors import published_document as metrics_published_document
from metrics.services import results_get_or_compute

from .selectors import SCOPE_WORDS
from .models import (MembershipStatus, Network, NetworkAuditEvent, NetworkCoordinator, NetworkMembership, NetworkReport,
                     Publication, ReportStatus)



class NetworkRefused(ValidationError):
    """A change the network's rules do not allow; its message says why, as a whole sentence."""


def _network_audit(*, network: Network, actor: User | None, verb: str, summary: str,
                   organisation: Organisation | None = None, changes: dict | None = None) -> NetworkAuditEvent:
    return NetworkAuditEvent.objects.create(
        network=network, organisation=organisation,
        actor=actor if actor is not None and actor.is_authenticated else None,
        verb=verb, summary=summary[:300], changes=changes or {})


def _both_audits(*, network: Network, organisation: Organisation, actor: User | None, verb: str, summary: str,
                 obj=None, changes: dict | None = None) -> None:
    _network_audit(network=network, organisation=organisation, actor=actor, verb=verb, summary=summary, changes=changes)
    audit_record(organisation=organisation, actor=actor, verb=verb, summary=summary, obj=obj, changes=changes)


@transaction.atomic
def create_network(*, slug: str, name: str, coordinators: list[User] = (), actor: User | None = None,
                   disclosure_threshold: int = 10) -> Network:
    """A new network with its coordinators (a site administrator's act)."""
    slug, name = (slug or "").strip(), (name or "").strip()
    if not slug or not name:
        raise NetworkRefused("A network needs a short name (slug) and a name.")
    from django.core.validators import validate_slug

    try:
        validate_slug(slug)
    except ValidationError:
        raise NetworkRefused(f"“{slug}” cannot be a network's short name: use letters, numbers, hyphens and "
                             "underscores only.") from None
    if not 3 <= disclosure_threshold <= 20:
        raise NetworkRefused("A network's disclosure threshold must be from 3 to 20.")
    if Network.objects.filter(slug=slug).exists():
        raise NetworkRefused(f"There is already a network “{slug}”.")
    network = Network.objects.create(slug=slug, name=name, disclosure_threshold=disclosure_threshold)
    for user in coordinators:
        NetworkCoordinator.objects.create(network=network, user=user)
    _network_audit(network=network, actor=actor, verb="network.created", summary=f"Network “{name}” created",
                   changes={"coordinators": [u.username for u in coordinators]})
    return network


@transaction.atomic
def coordinator_add(*, network: Network, user: User, actor: User | None = None) -> NetworkCoordinator:
    coordinator, created = NetworkCoordinator.objects.get_or_create(network=network, user=user)
    if created:
        _network_audit(network=network, actor=actor, verb="network.coordinator_added",
                       summary=f"{user} made a coordinator")
    return coordinator


@transaction.atomic
def invite_organisation(*, network: Network, organisation: Organisation, actor: User | None = None) -> NetworkMembership:
    """Invite an organisation (again, after it declined or left). Refused for a member or one already invited."""
    membership = NetworkMembership.objects.select_for_update().filter(network=network, organisation=organisation).first()
    if membership is not None and membership.status == MembershipStatus.MEMBER:
        raise NetworkRefused(f"{organisation} is already a member of {network}.")
    if membership is not None and membership.status == MembershipStatus.INVITED:
        raise NetworkRefused(f"{organisation} has already been invited to {network}.")
    now = timezone.now()
    if membership is None:
        membership = NetworkMembership(network=network, organisation=organisation)
    membership.status, membership.invited_by, membership.invited_at = MembershipStatus.INVITED, actor, now
    membership.answered_at = membership.left_at = None
    membership.save()
    _both_audits(network=network, organisation=organisation, actor=actor, verb="network.invited",
                 summary=f"{organisation} invited to {network}", obj=membership)
    return membership


def _invitation(network: Network, organisation: Organisation) -> NetworkMembership:
    membership = NetworkMembership.objects.select_for_update().filter(network=network, organisation=organisation).first()
    if membership is None or membership.status != MembershipStatus.INVITED:
        raise NetworkRefused(f"{organisation} has no invitation to {network} waiting for an answer.")
    return membership


@transaction.atomic
def accept_invitation(*, network: Network, organisation: Organisation, actor: User | None = None) -> NetworkMembership:
    membership = _invitation(network, organisation)
    membership.status, membership.answered_at = MembershipStatus.MEMBER, timezone.now()
    membership.save(update_fields=["status", "answered_at"])
    _both_audits(network=network, organisation=organisation, actor=actor, verb="network.joined",
                 summary=f"{organisation} joined {network}", obj=membership)
    return membership


@transaction.atomic
def decline_invitation(*, network: Network, organisation: Organisation, actor: User | None = None) -> NetworkMembership:
    membership = _invitation(network, organisation)
    membership.status, membership.answered_at = MembershipStatus.DECLINED, timezone.now()
    membership.save(update_fields=["status", "answered_at"])
    _both_audits(network=network, organisation=organisation, actor=actor, verb="network.declined",
                 summary=f"{organisation} declined the invitation to {network}", obj=membership)
    return membership


def _member(network: Network, organisation: Organisation, *, lock: bool = False) -> NetworkMembership:
    rows = NetworkMembership.objects.filter(network=network, organisation=organisation)
    membership = (rows.select_for_update() if lock else rows).first()
    if membership is None or membership.status != MembershipStatus.MEMBER:
        raise NetworkRefused(f"{organisation} is not a member of {network}.")
    return membership


@transaction.atomic
def leave_network(*, network: Network, organisation: Organisation, actor: User | None = None) -> NetworkMembership:
    """Leave: every publication the organisation shared with the network is withdrawn with it."""
    membership = _member(network, organisation, lock=True)
    now = timezone.now()
    for publication in Publication.objects.filter(network=network, organisation=organisation, withdrawn_at=None,
                                                  replaced_at=None):
        _withdraw(publication, actor=actor, now=now, why="on leaving the network")
    membership.status, membership.left_at = MembershipStatus.LEFT, now
    membership.save(update_fields=["status", "left_at"])
    _both_audits(network=network, organisation=organisation, actor=actor, verb="network.left",
                 summary=f"{organisation} left {network}", obj=membership)
    return membership


def threshold_for(network: Network, organisation: Organisation) -> int:
    """The disclosure threshold of what an organisation shares with a network: the higher of the two."""
    return max(network.disclosure_threshold, organisation.disclosure_threshold)


def published_document(*, network: Network, organisation: Organisation, year: int, scope: str) -> dict:
    """The document `metrics ORG YEAR --json --published --scope SCOPE` prints, with disclosure control at
    the network's threshold when that is the higher one."""
    document = results_get_or_compute(organisation=organisation, year=year, scope=scope)
    return metrics_published_document(organisation, year, scope, document, threshold_for(network, organisation))


@transaction.atomic
def publish_metrics(*, network: Network, organisation: Organisation, year: int, scope: str = "social_care",
                    actor: User | None = None) -> Publication:
    """Share a year's published figures with a network the organisation belongs to; replaces its older one."""
    if scope not in SCOPES:
        raise NetworkRefused(f"“{scope}” is not a scope: choose one of {', '.join(SCOPES)}.")
    _member(network, organisation)
    try:
        document = published_document(network=network, organisation=organisation, year=year, scope=scope)
    except ScopeRefused as refusal:
        raise NetworkRefused(f"{organisation}'s figures for {SCOPE_WORDS.get(scope, scope)} cannot be published: "
                             f"{refusal}.") from None
    if not document.get("workforce") or not document.get("metric_1"):
        raise NetworkRefused(f"{organisation} has no staff figures for {year}: confirm a staff extract for {year} "
                             "before publishing it.")
    now = timezone.now()
    older = list(Publication.objects.select_for_update().filter(network=network, organisation=organisation, year=year,
                                                                 withdrawn_at=None, replaced_at=None))
    Publication.objects.filter(pk__in=[p.pk for p in older]).update(replaced_at=now)
    publication = Publication.objects.create(
        network=network, organisation=organisation, year=year, scope=scope, document=document,
        threshold=threshold_for(network, organisation), created_by=actor,
        local_population_bme_pct=organisation.local_population_bme_pct,
        local_population=organisation.local_population())
    words = f"{organisation}'s {year} figures ({SCOPE_WORDS[scope]}) published to {network}"
    _both_audits(network=network, organisation=organisation, actor=actor, verb="network.published",
                 summary=words + (" (replacing the earlier publication)" if older else ""), obj=publication,
                 changes={"year": year, "scope": scope, "threshold": publication.threshold,
                          "replaced": [p.pk for p in older]})
    return publication


def _withdraw(publication: Publication, *, actor: User | None, now, why: str = "") -> None:
    publication.withdrawn_at = now
    publication.save(update_fields=["withdrawn_at"])
    _both_audits(network=publication.network, organisation=publication.organisation, actor=actor,
                 verb="network.withdrawn",
                 summary=f"{publication.organisation}'s {publication.year} figures withdrawn from {publication.network}"
                 + (f" {why}" if why else ""), obj=publication, changes={"year": publication.year})


@transaction.atomic
def withdraw_metrics(*, network: Network, organisation: Organisation, year: int,
                     actor: User | None = None) -> Publication:
    """Withdraw a year's publication: it leaves every page, export and command of the network at once."""
    publication = (Publication.objects.select_for_update()
                   .filter(network=network, organisation=organisation, year=year, withdrawn_at=None, replaced_at=None)
                   .first())
    if publication is None:
        raise NetworkRefused(f"{organisation} has no figures for {year} published to {network}.")
    _withdraw(publication, actor=actor, now=timezone.now())
    return publication


@transaction.atomic
def network_report_request(*, network: Network, year: int, actor: User | None = None) -> NetworkReport:
    """Queue the board report of a year (made by a Celery task through edi_tracker.queueing)."""
    from edi_tracker.queueing import enqueue

    from .tasks import network_report_generate_task

    report = NetworkReport.objects.create(network=network, year=year, requested_by=actor)
    _network_audit(network=network, actor=actor, verb="network.report_requested",
                   summary=f"Board report for {year} requested")

    def failed(reason: str) -> None:
        NetworkReport.objects.filter(pk=report.pk).update(status=ReportStatus.FAILED, failure_reason=reason)

    enqueue(network_report_generate_task, report.pk, on_failure=failed)
    return report


def network_report_generate(*, report_id: int) -> NetworkReport | None:
    """Make the PDF of a queued report (safe to run twice: a done report is left as it is)."""
    from django.core.files.base import ContentFile

    from .selectors import network_table
    from .pdf import render_pdf

    report = NetworkReport.objects.select_related("network").filter(pk=report_id).first()
    if report is None or report.status == ReportStatus.DONE:
        return report
    NetworkReport.objects.filter(pk=report.pk).update(status=ReportStatus.RUNNING)
    try:
        table = network_table(report.network, report.year)
        rendered = render_pdf(report.network, table, timezone.now())
    except Exception as error:  # the report is marked failed with its reason, and can be asked for again
        report.status, report.failure_reason = ReportStatus.FAILED, f"The report could not be made: {error}"
        report.save(update_fields=["status", "failure_reason"])
        return report
    report.pdf.save(f"{report.network.slug}-{report.year}.pdf", ContentFile(rendered.content), save=False)
    report.pages, report.status, report.finished_at = rendered.pages, ReportStatus.DONE, timezone.now()
    report.publication_ids = [m["publication_id"] for m in table["members"]]
    report.save(update_fields=["pdf", "pages", "status", "finished_at", "publication_ids"])
    return report
