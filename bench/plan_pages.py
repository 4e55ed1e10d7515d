"""Plan pages at scale: a 500-action plan with four updates each, on PostgreSQL.

Prints, for the plan page, the action list and My actions, the median render time (through the
test client, the whole Django stack) and the query count, for 500 actions and for 5 — the peer: the
same page with 5 actions, measured in the same run. Budget: ≤ 150 ms median, same queries as for 5.
"""

from _common import median_ms, setup_django

setup_django()

from datetime import timedelta  # noqa: E402

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from edi_tracker.models import Membership, Organisation, User  # noqa: E402
from plans.models import Action, Plan, ProgressUpdate, SuccessMeasure, Tag, Theme  # noqa: E402

STATUSES = ["not_started", "red", "amber", "green", "complete"]


def build(org, lead, title, count):
    plan = Plan.objects.create(organisation=org, title=title, status="active")
    themes = Theme.objects.bulk_create(Theme(plan=plan, code=f"T{i}", title=f"Theme {i}", order=i) for i in range(6))
    tag, _ = Tag.objects.get_or_create(organisation=org, slug="race", defaults={"name": "race"})
    now = timezone.now()
    actions = Action.objects.bulk_create(
        Action(plan=plan, theme=themes[i % 6], reference=f"A{i}", title=f"Action number {i} " + "words " * 20,
               order=i, lead_officer="Head of Service", lead_user=lead, status=STATUSES[i % 5],
               deadline_text="Dec 22", deadline_date=(now + timedelta(days=i - 250)).date(), last_update_at=now)
        for i in range(count)
    )
    SuccessMeasure.objects.bulk_create(SuccessMeasure(action=a, text=f"Measure {j}", order=j) for a in actions for j in range(2))
    Action.tags.through.objects.bulk_create(Action.tags.through(action=a, tag=tag) for a in actions)
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(action=a, author=lead, created_at=now - timedelta(days=90 * k), status=a.status,
                       commentary="Progress as planned.")
        for a in actions for k in range(4)
    )
    return plan


def measure(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    query_count = len(queries)
    return median_ms(lambda: client.get(url)), query_count


def main():
    small_org = Organisation.objects.create(slug="small", name="Small Council")
    large_org = Organisation.objects.create(slug="large", name="Large Council")
    results = {}
    for org, count in ((small_org, 5), (large_org, 500)):
        lead = User.objects.create_user(f"lead-{org.slug}", password="x" * 16)
        Membership.objects.create(user=lead, organisation=org, role="lead")
        plan = build(org, lead, f"Plan of {count}", count)
        client = Client()
        client.force_login(lead, backend="django.contrib.auth.backends.ModelBackend")
        results[count] = {
            "plan page": measure(client, reverse("plans:plan-detail", args=[org.slug, plan.pk])),
            "action list": measure(client, reverse("plans:action-list", args=[org.slug])),
            "my actions": measure(client, reverse("plans:my-actions", args=[org.slug])),
        }
    print(f"{'page':<12} {'500 actions':>12} {'queries':>8} {'5 actions':>10} {'queries':>8} {'ratio':>6}  budget")
    for page in results[500]:
        big_ms, big_q = results[500][page]
        small_ms, small_q = results[5][page]
        verdict = "ok" if big_ms <= 150 and big_q == small_q else "OVER"
        print(f"{page:<12} {big_ms:>10.1f}ms {big_q:>8} {small_ms:>8.1f}ms {small_q:>8} {big_ms / small_ms:>6.2f}  ≤150 ms, same queries: {verdict}")
    print("(the action list shows 50 actions a page; My actions shows every action the lead leads)")


if __name__ == "__main__":
    main()
