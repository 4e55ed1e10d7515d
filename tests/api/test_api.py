"""The read-only API: every endpoint, found by walking the API's URL conf, against every kind of token;
the published metrics equal the command's; CSV escapes formulas; pages cost a constant number of queries."""

import csv
import io
import json
import re
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from api.models import ApiToken
from api.services import token_create, token_revoke
from edi_tracker.models import AuditEvent, Role
from plans import services
from reports.models import Report, ReportStatus
from tests.metrics.test_compute import world as workforce  # noqa: F401  (the hand-worked workforce)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def api_routes():
    """Every route of /api/v1/o/<org>/…, from the URL conf: a new endpoint is tested without being listed."""
    def walk(patterns, prefix=""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern):
                yield route, pattern
    routes = [(route, p) for route, p in walk(get_resolver().url_patterns) if route.startswith("api/v1/o/")]
    assert len(routes) >= 8
    return routes


@pytest.fixture
def api_world(org, other_org, make_member, workforce):  # noqa: F811
    editor, lead = make_member(Role.EDITOR), make_member(Role.LEAD)
    plan = services.plan_create(organisation=org, actor=editor, title="Plan", status="active")
    theme = services.theme_create(plan=plan, actor=editor, title="Theme")
    action = services.action_create(plan=plan, actor=editor, theme=theme, reference="A1",
                                    title="=HYPERLINK(\"http://evil.example\",\"click\")", lead_user=lead,
                                    deadline_text="March 2026")
    update = services.progress_update_record(action=action, author=lead, status="green", commentary="+1 on track")
    report = Report.objects.create(organisation=org, plan=plan, quarter_year=2022, quarter_number=1,
                                   requested_by=editor, status=ReportStatus.DONE)
    report.pdf.save("report.pdf", ContentFile(PDF))
    call_command("metrics", org.slug, "2022", "--json", stdout=io.StringIO())  # stores the year's result
    _, good = token_create(organisation=org, name="Power BI", actor=None)
    _, other = token_create(organisation=other_org, name="Theirs", actor=None)
    expired_token, expired = token_create(organisation=org, name="Old", actor=None, expires_days=1)
    ApiToken.objects.filter(pk=expired_token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    revoked_token, revoked = token_create(organisation=org, name="Gone", actor=None)
    token_revoke(token=revoked_token, actor=None)
    return {"good": good, "other": other, "expired": expired, "revoked": revoked, "action": action,
            "update": update, "report": report, "ids": {"pk": report.pk, "year": 2022, "scope": "social_care"}}


def fill(route: str, org_slug: str, ids: dict) -> str:
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: org_slug if m.group(1) == "org_slug" else str(ids[m.group(1)]),
                        route)


def get(client, url, token=None, **params):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.get(url, params, headers=headers)


@pytest.mark.parametrize("kind,expected", [(None, 401), ("garbage", 401), ("expired", 401), ("revoked", 401),
                                           ("other", 404), ("good", 200)])
def test_every_endpoint_answers_each_kind_of_token(client, org, api_world, kind, expected):
    token = {"garbage": "edi_00000000_nothing"}.get(kind) or (api_world[kind] if kind else None)
    wrong = []
    for route, _ in api_routes():
        url = fill(route, org.slug, api_world["ids"])
        status = get(client, url, token).status_code
        if status != expected:
            wrong.append(f"{kind} token: {url} answered {status}, not {expected}")
    assert wrong == []


def test_a_token_is_refused_at_once_when_revoked_or_expired(client, org, api_world):
    url = f"/api/v1/o/{org.slug}/plans/"
    token, text = token_create(organisation=org, name="Soon gone", actor=None, expires_days=30)
    assert get(client, url, text).status_code == 200
    token_revoke(token=token, actor=None)
    response = get(client, url, text)
    assert response.status_code == 401 and response["WWW-Authenticate"].startswith("Bearer")
    token2, text2 = token_create(organisation=org, name="Expiring", actor=None, expires_days=30)
    assert get(client, url, text2).status_code == 200
    ApiToken.objects.filter(pk=token2.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert get(client, url, text2).status_code == 401


def test_another_organisations_objects_are_not_found_with_a_good_token(client, org, other_org, api_world):
    _, theirs = token_create(organisation=other_org, name="Elsewhere BI", actor=None)
    report = api_world["report"]
    assert get(client, f"/api/v1/o/{other_org.slug}/reports/{report.pk}/pdf/", theirs).status_code == 404
    assert get(client, f"/api/v1/o/{other_org.slug}/actions/", theirs).json()["count"] == 0
    assert get(client, f"/api/v1/o/{other_org.slug}/metrics/2022/social_care/", theirs).status_code == 404


def test_published_metrics_equal_the_command_output(client, org, api_world, capsys):
    capsys.readouterr()
    call_command("metrics", org.slug, "2022", "--json", "--published")
    from_command = json.loads(capsys.readouterr().out)
    response = get(client, f"/api/v1/o/{org.slug}/metrics/2022/social_care/", api_world["good"])
    assert response.status_code == 200
    assert response.json() == from_command
    assert list(response.json()) == list(from_command)  # the same order of keys too
    # And published, never raw: 4 BME staff of 14 is below the threshold of 10.
    assert response.json()["metric_1"]["workforce"]["bme"] is None
    listed = get(client, f"/api/v1/o/{org.slug}/metrics/", api_world["good"]).json()["results"]
    social_care = [row for row in listed if (row["year"], row["scope"]) == (2022, "social_care")]
    assert len(social_care) == 1
    assert social_care[0]["url"].endswith(f"/api/v1/o/{org.slug}/metrics/2022/social_care/")
    assert get(client, f"/api/v1/o/{org.slug}/metrics/2022/nonsense/", api_world["good"]).status_code == 404
    assert get(client, f"/api/v1/o/{org.slug}/metrics/2031/social_care/", api_world["good"]).status_code == 404


def test_actions_carry_status_and_deadline(client, org, api_world):
    row = get(client, f"/api/v1/o/{org.slug}/actions/", api_world["good"]).json()["results"][0]
    assert row["reference"] == "A1" and row["status"] == "green" and row["status_label"] == "Green"
    assert row["deadline_text"] == "March 2026" and row["deadline_date"] == "2026-03-31"
    assert row["lead"] and row["theme_title"] == "Theme" and row["plan_title"] == "Plan"


def test_csv_of_every_list_escapes_formulas(client, org, api_world):
    lists = [route for route, pattern in api_routes() if "<" not in route.replace("<slug:org_slug>", "")]
    assert len(lists) == 6
    for route in lists:
        response = get(client, fill(route, org.slug, {}), api_world["good"], format="csv")
        assert response.status_code == 200, route
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert rows[0] and all(len(row) == len(rows[0]) for row in rows), route
    actions = list(csv.DictReader(io.StringIO(
        get(client, f"/api/v1/o/{org.slug}/actions/", api_world["good"], format="csv").content.decode("utf-8-sig"))))
    assert actions[0]["title"] == "'=HYPERLINK(\"http://evil.example\",\"click\")"
    updates = list(csv.DictReader(io.StringIO(
        get(client, f"/api/v1/o/{org.slug}/updates/", api_world["good"], format="csv").content.decode("utf-8-sig"))))
    assert updates[0]["commentary"] == "'+1 on track"


def test_since_gives_only_newer_updates_and_refuses_nonsense(client, org, api_world):
    url = f"/api/v1/o/{org.slug}/updates/"
    first = api_world["update"]
    later = services.progress_update_record(action=api_world["action"], author=None, status="amber",
                                            commentary="Slipping")
    rows = get(client, url, api_world["good"]).json()["results"]
    assert [row["id"] for row in rows] == [first.pk, later.pk]  # oldest first
    since = rows[0]["created_at"]
    assert [row["id"] for row in get(client, url, api_world["good"], since=since).json()["results"]] == [later.pk]
    response = get(client, url, api_world["good"], since="last tuesday")
    assert response.status_code == 400 and "ISO 8601" in response.json()["since"][0]


def test_a_page_costs_the_same_queries_whatever_its_length(client, org, api_world):
    plan = api_world["action"].plan
    for n in range(40):
        action = services.action_create(plan=plan, actor=None, reference=f"B{n}", title=f"Action {n}")
        services.progress_update_record(action=action, author=None, status="green")
    counts = {}
    for name in ("actions", "updates", "plans", "themes", "reports", "metrics"):
        for limit in (2, 40):
            with CaptureQueriesContext(connection) as queries:
                assert get(client, f"/api/v1/o/{org.slug}/{name}/", api_world["good"], limit=limit).status_code == 200
            counts[(name, limit)] = len(queries)
        assert counts[(name, 2)] == counts[(name, 40)], name


def test_report_pdf_downloads(client, org, api_world):
    rows = get(client, f"/api/v1/o/{org.slug}/reports/", api_world["good"]).json()["results"]
    assert rows[0]["pdf_url"].endswith(f"/api/v1/o/{org.slug}/reports/{api_world['report'].pk}/pdf/")
    response = get(client, rows[0]["pdf_url"], api_world["good"])
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF


def test_requests_are_rate_limited_per_token(client, org, api_world, settings):
    settings.API_RATE = "3/minute"
    url = f"/api/v1/o/{org.slug}/plans/"
    assert [get(client, url, api_world["good"]).status_code for _ in range(3)] == [200, 200, 200]
    response = get(client, url, api_world["good"])
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    _, fresh = token_create(organisation=org, name="Another", actor=None)
    assert get(client, url, fresh).status_code == 200  # counted per token


def test_use_is_audited_once_a_day_and_last_used_kept(client, org, api_world):
    url = f"/api/v1/o/{org.slug}/plans/"
    for _ in range(3):
        get(client, url, api_world["good"])
    token = ApiToken.objects.get(organisation=org, name="Power BI")
    assert token.last_used_at is not None
    assert AuditEvent.objects.filter(verb="api_token.used", object_id=str(token.pk)).count() == 1
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now() - timedelta(days=2))
    get(client, url, api_world["good"])
    assert AuditEvent.objects.filter(verb="api_token.used", object_id=str(token.pk)).count() == 2


def test_schema_and_docs_are_served(client):
    schema = client.get("/api/v1/schema/", headers={"Accept": "application/json"})
    assert schema.status_code == 200
    paths = json.loads(schema.content)["paths"] if schema["Content-Type"].startswith("application/json") else None
    text = schema.content.decode()
    assert "/api/v1/o/{org_slug}/updates/" in text and "bearerAuth" in text and "since" in text
    assert paths is None or len(paths) == len(api_routes())
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200 and b"<style" not in docs.content and b"swagger-ui-bundle.js" in docs.content


def test_the_schema_command_has_what_the_page_has(capsys, tmp_path):
    """drf-spectacular loads api.schema (the bearer token, the methods' parameters and responses) through its
    DEFAULT_GENERATOR_CLASS, for `manage.py spectacular` as for the page: they are not registered at import."""
    out = tmp_path / "schema.json"
    call_command("spectacular", "--format", "openapi-json", "--file", str(out))
    schema = json.loads(out.read_text())
    assert schema["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    updates = schema["paths"]["/api/v1/o/{org_slug}/updates/"]["get"]
    assert "since" in [parameter["name"] for parameter in updates["parameters"]]
    pdf = schema["paths"]["/api/v1/o/{org_slug}/reports/{id}/pdf/"]["get"]
    assert list(pdf["responses"]["200"]["content"]) == ["application/pdf"]
    # Every API URL of the URL configuration, whose views are imported only when called (api/urls.py), at its path.
    assert set(schema["paths"]) == {
        "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda match: "{id}" if match[1] == "pk" else f"{{{match[1]}}}", route)
        for route, _ in api_routes()}


def test_the_command_creates_prints_once_and_revokes(client, org, capsys):
    call_command("api_token", org.slug, "--name", "Board pack", "--expires", "30")
    out, err = capsys.readouterr()
    text = out.strip()
    assert text.startswith("edi_") and "shown once" in err
    token = ApiToken.objects.get(name="Board pack")
    assert token.secret_hash == ApiToken.hash_token(text) and text not in token.secret_hash
    assert (token.expires_at - timezone.now()).days in (29, 30)
    assert get(client, f"/api/v1/o/{org.slug}/plans/", text).status_code == 200
    with pytest.raises(CommandError, match="already exists"):
        call_command("api_token", org.slug, "--name", "Board pack")
    call_command("api_token", org.slug, "--revoke", "Board pack")
    assert get(client, f"/api/v1/o/{org.slug}/plans/", text).status_code == 401
    with pytest.raises(CommandError, match="no live token"):
        call_command("api_token", org.slug, "--revoke", "Board pack")
    with pytest.raises(CommandError, match="no organisation"):
        call_command("api_token", "nowhere", "--name", "X")
    with pytest.raises(CommandError, match="between 1 and 3650"):
        call_command("api_token", org.slug, "--name", "Y", "--expires", "0")


def test_the_admin_page_shows_a_new_token_once_and_revokes(client_for, admin_member, org):
    client = client_for(admin_member)
    url = f"/o/{org.slug}/members/api-tokens/"
    response = client.post(url, {"name": "Power BI", "expires_days": "90"})
    assert response.status_code == 200
    text = re.search(r'value="(edi_[^"]+)"', response.content.decode()).group(1)
    token = ApiToken.objects.get(name="Power BI")
    assert token.secret_hash == ApiToken.hash_token(text)
    assert text not in client.get(url).content.decode()  # never shown again
    bad = client.post(url, {"name": "", "expires_days": "many"})
    assert "Enter a name for the token" in bad.content.decode() and "whole number" in bad.content.decode()
    assert ApiToken.objects.count() == 1
    response = client.post(f"/o/{org.slug}/members/api-tokens/{token.pk}/revoke/", follow=True)
    assert "was revoked" in response.content.decode()
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    assert AuditEvent.objects.filter(verb__in=["api_token.created", "api_token.revoked"]).count() == 2


def test_an_admin_cannot_revoke_another_organisations_token(client_for, admin_member, other_org):
    theirs, _ = token_create(organisation=other_org, name="Theirs", actor=None)
    response = client_for(admin_member).post(f"/o/lambeth-demo/members/api-tokens/{theirs.pk}/revoke/")
    assert response.status_code == 404
    assert ApiToken.objects.get(pk=theirs.pk).revoked_at is None
