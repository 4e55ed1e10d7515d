"""The quarterly highlight report at scale: a 500-action plan with a year of history, on PostgreSQL.

Prints the PDF's time and the process's peak memory (budget ≤ 10 s, ≤ 500 MB), with the ratio to the
peer — a plain 500-row, 4-column WeasyPrint table laid out in the same run — and the plan dashboard's
median time and query count for 500 actions and for 5 (budget ≤ 200 ms, the same queries as for 5), computed
(the cache emptied before each request) and from the cache (edi_tracker.caching).
"""

from _common import median_ms, setup_django

setup_django()

import resource  # noqa: E402
import time  # noqa: E402
from datetime import datetime, time as dtime, timedelta  # noqa: E402

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from weasyprint import HTML  # noqa: E402

from edi_tracker.models import Membership, Organisation, User  # noqa: E402
from edi_tracker.quarters import FinancialQuarter  # noqa: E402
from plans.models import Action, Plan, ProgressUpdate, Theme  # noqa: E402
from reports import selectors  # noqa: E402
from reports.pdf import render_pdf  # noqa: E402

STATUSES = ["not_started", "red", "amber", "green", "complete"]
QUARTER = FinancialQuarter.containing(timezone.localdate()).previous()  # the quarter that ended last


def build(org, lead, count):
    plan = Plan.objects.create(organisation=org, title=f"EDI action plan of {org.name}", status="active")
    themes = Theme.objects.bulk_create(Theme(plan=plan, code=f"T{i}", title=f"Theme {i}", order=i, metrics=["3"])
                                       for i in range(6))
    year_ago = QUARTER.start - timedelta(days=270)
    actions = Action.objects.bulk_create(
        Action(plan=plan, theme=themes[i % 6], reference=f"A{i}", title=f"Action number {i} " + "words " * 18,
               order=i, lead_officer="Head of Service", lead_user=lead, status=STATUSES[(i + 3) % 5],
               deadline_text="Dec 22", deadline_date=QUARTER.start + timedelta(days=i % 200 - 60),
               last_update_at=timezone.now())
        for i in range(count)
    )
    Action.objects.filter(plan=plan).update(created_at=timezone.make_aware(datetime.combine(year_ago, dtime.min)))
    updates = []
    for a in actions:
        for k in range(4):  # one update a quarter for a year, the last in the reported quarter
            day = QUARTER.start - timedelta(days=270 - 90 * k - (a.pk % 60))
            status = STATUSES[(a.pk + k) % 5]
            updates.append(ProgressUpdate(
                action=a, author=lead, created_at=timezone.make_aware(datetime.combine(day, dtime(10))),
                status=status, commentary="Progress as planned, with a short note on what changed." if status else "",
                next_steps="Meet the service leads and agree the next milestone.", next_steps_timeframe="Next quarter"))
    ProgressUpdate.objects.bulk_create(updates)
    return plan


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def peer_table_seconds(rows: int = 500) -> float:
    body = "".join(f"<tr><td>A{i}</td><td>Action number {i} {'words ' * 18}</td><td>Head of Service</td><td>Green</td></tr>"
                   for i in range(rows))
    html = f"<html lang='en'><body><table><thead><tr><th>Ref</th><th>Action</th><th>Lead</th><th>Status</th></tr></thead><tbody>{body}</tbody></table></body></html>"
    start = time.perf_counter()
    HTML(string=html).write_pdf()
    return time.perf_counter() - start


def dashboard(client, org, plan):
    url = reverse("reports:plan-dashboard", args=[org.slug, plan.pk]) + f"?quarter={QUARTER.slug}"
    executed = []
    cache.clear()  # the picture computed, not read from the cache
    with connection.execute_wrapper(lambda execute, sql, params, many, context: executed.append(sql) or
                                    execute(sql, params, many, context)):
        assert client.get(url).status_code == 200
    computed = median_ms(lambda: cache.clear() or client.get(url))
    return computed, median_ms(lambda: client.get(url)), len(executed)


def main():
    results = {}
    for slug, count in (("small", 5), ("large", 500)):
        org = Organisation.objects.create(slug=slug, name=f"{slug.title()} Council")
        lead = User.objects.create_user(f"lead-{slug}", password="x" * 16)
        Membership.objects.create(user=lead, organisation=org, role="editor")
        plan = build(org, lead, count)
        client = Client()
        client.force_login(lead)
        results[count] = (org, plan, dashboard(client, org, plan))

    org, plan, _ = results[500]
    print(f"Quarter {QUARTER.label}; {ProgressUpdate.objects.filter(action__plan=plan).count()} updates on 500 actions")
    render_pdf(selectors.plan_picture(results[5][1], QUARTER), timezone.now())  # warm fonts and templates
    start = time.perf_counter()
    picture = selectors.plan_picture(plan, QUARTER)
    rendered = render_pdf(picture, timezone.now())
    pdf_seconds = time.perf_counter() - start
    pdf_peak = peak_mb()
    peer = peer_table_seconds()
    print(f"PDF, 500 actions: {pdf_seconds:.2f} s, {rendered.pages} pages, {len(rendered.content) / 1024:.0f} KiB; "
          f"peak memory of the process {pdf_peak:.0f} MB (budget 10 s, 500 MB)")
    print(f"Peer, a plain 500-row WeasyPrint table: {peer:.2f} s; ratio report / peer = {pdf_seconds / peer:.2f}")
    verdict = "ok" if pdf_seconds <= 10 and pdf_peak <= 500 else "OVER"
    print(f"PDF budget ≤ 10 s and ≤ 500 MB: {verdict}")
    for count in (5, 500):
        ms, cached_ms, queries = results[count][2]
        print(f"Plan dashboard, {count} actions: median {ms:.1f} ms computed ({queries} queries), "
              f"{cached_ms:.1f} ms from the cache")
    same = results[5][2][2] == results[500][2][2]
    print(f"Dashboard queries the same for 5 and 500 actions: {'yes' if same else 'NO'} (budget 200 ms)")


if __name__ == "__main__":
    main()
