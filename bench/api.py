"""The API paging through 500 actions and 2,000 progress updates, on PostgreSQL.

Prints, for every page (limit 100) of /api/v1/o/<org>/actions/ and …/updates/, its SQL queries and its
median time through the test client (the whole stack: token check, throttle, serialising JSON), and for
the peer measured in the same run — the same rows read with a plain Django queryset's .values() — its
median time, with the ratio. The query count must be the same on every page (it does not grow with the
offset or the size of the organisation).
"""

from _common import median_ms, setup_django

setup_django()

from datetime import timedelta  # noqa: E402

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from api import selectors  # noqa: E402
from api.services import token_create  # noqa: E402
from edi_tracker.models import Organisation, User  # noqa: E402
from plans.models import Action, Plan, ProgressUpdate, Theme  # noqa: E402

LIMIT = 100
STATUSES = ["not_started", "red", "amber", "green", "complete"]


def build():
    org = Organisation.objects.create(slug="large", name="Large Council")
    lead = User.objects.create_user("lead", password="x" * 16, display_name="Head of Service")
    plan = Plan.objects.create(organisation=org, title="Plan", status="active")
    themes = Theme.objects.bulk_create(Theme(plan=plan, code=f"T{i}", title=f"Theme {i}", order=i) for i in range(6))
    now = timezone.now()
    actions = Action.objects.bulk_create(
        Action(plan=plan, theme=themes[i % 6], reference=f"A{i}", title=f"Action number {i} " + "words " * 20,
               order=i, lead_user=lead, status=STATUSES[i % 5], deadline_text="Dec 2026",
               deadline_date=(now + timedelta(days=i)).date(), last_update_at=now)
        for i in range(500))
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(action=a, author=lead, created_at=now - timedelta(days=90 * k, minutes=a.order),
                       status=a.status, commentary="Progress as planned. " * 5)
        for a in actions for k in range(4))
    return org


def main():
    settings.API_RATE = "100000/minute"  # measuring the API, not its rate limit
    org = build()
    _, token = token_create(organisation=org, name="Bench", actor=None)
    client = Client(headers={"Authorization": f"Bearer {token}"})
    peers = {"actions": lambda offset: list(selectors.actions(org)[offset:offset + LIMIT]),
             "updates": lambda offset: list(selectors.progress_updates(org)[offset:offset + LIMIT])}
    totals = {"actions": 500, "updates": 2000}
    for name, total in totals.items():
        counts, api_times, peer_times = set(), [], []
        print(f"{name}: {total} rows, {LIMIT} a page")
        for offset in range(0, total, LIMIT):
            url = f"/api/v1/o/{org.slug}/{name}/?limit={LIMIT}&offset={offset}"
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            query_count = len(queries)
            assert response.status_code == 200 and len(response.json()["results"]) == LIMIT, (url, response.status_code)
            counts.add(query_count)
            api_ms = median_ms(lambda: client.get(url), runs=5, warmup=1)
            peer_ms = median_ms(lambda: peers[name](offset), runs=5, warmup=1)
            api_times.append(api_ms)
            peer_times.append(peer_ms)
            print(f"  offset {offset:>4}: {query_count} queries, {api_ms:6.1f} ms "
                  f"(peer .values(): {peer_ms:5.1f} ms, ratio {api_ms / peer_ms:4.1f}×)")
        csv_url = f"/api/v1/o/{org.slug}/{name}/?limit={total}&format=csv"
        csv_ms = median_ms(lambda: client.get(csv_url), runs=3, warmup=1)
        print(f"  queries per page: {sorted(counts)} ({'constant' if len(counts) == 1 else 'NOT constant'}); "
              f"median page {sorted(api_times)[len(api_times) // 2]:.1f} ms vs peer "
              f"{sorted(peer_times)[len(peer_times) // 2]:.1f} ms; the whole list as one CSV: {csv_ms:.0f} ms")
        assert len(counts) == 1, f"{name}: queries per page vary: {sorted(counts)}"


if __name__ == "__main__":
    main()
