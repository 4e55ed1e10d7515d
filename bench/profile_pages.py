"""Where a request's time goes: each page the load test asks for, profiled in-process on PostgreSQL.

The demo data plus a 500-action plan (as bench/load.py builds it). For each page, as a lead: the median
time and query count with the shared cache warm, after a progress update elsewhere in the plan (what
every page costs under load, where every save changes the plan) and after one in another plan of the
organisation; then the functions of ours and the templates that take the most time in one request
after a save (cProfile, cumulative). PROFILE_TIMES_ONLY=1: the times only.

    BENCH_DATABASE_URL=postgres://…/edi_perf_profile .venv/bin/python bench/profile_pages.py [page…]
"""

import cProfile
import gc
import io
import os
import pstats
import sys
import time
from datetime import timedelta

from _common import setup_django

setup_django()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from edi_tracker.models import Membership, Organisation, User  # noqa: E402
from metrics.models import MetricResult  # noqa: E402
from plans import services  # noqa: E402
from plans.models import Action, Plan, ProgressUpdate, SuccessMeasure, Theme  # noqa: E402

STATUSES = ["not_started", "red", "amber", "green", "complete"]


def build():
    import os

    call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))
    org = Organisation.objects.order_by("pk").first()
    lead = User.objects.create_user("profile-lead", password="x" * 16)
    Membership.objects.create(user=lead, organisation=org, role="lead")
    plan = Plan.objects.create(organisation=org, title="Plan of 500 actions", status="active")
    themes = Theme.objects.bulk_create(Theme(plan=plan, code=f"T{i}", title=f"Theme {i}", order=i) for i in range(6))
    now = timezone.now()
    actions = Action.objects.bulk_create(
        Action(plan=plan, theme=themes[i % 6], reference=f"L{i}", title=f"Action number {i} " + "words " * 20,
               order=i, lead_officer="Head of Service", lead_user=lead if i % 20 == 0 else None, status=STATUSES[i % 5],
               deadline_text="Dec 22", deadline_date=(now + timedelta(days=i - 250)).date(), last_update_at=now)
        for i in range(500))
    SuccessMeasure.objects.bulk_create(SuccessMeasure(action=a, text=f"Measure {j}", order=j) for a in actions for j in range(2))
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(action=a, author=lead, created_at=now - timedelta(days=90 * k), status=a.status,
                       commentary="Progress as planned.") for a in actions for k in range(4))
    year = MetricResult.objects.filter(organisation=org).order_by("-year").values_list("year", flat=True).first()
    pages = {
        "plan page": reverse("plans:plan-detail", args=[org.slug, plan.pk]),
        "action list": reverse("plans:action-list", args=[org.slug]),
        "my actions": reverse("plans:my-actions", args=[org.slug]),
        "action page": reverse("plans:action-detail", args=[org.slug, actions[0].pk]),
        "plan dashboard": reverse("reports:plan-dashboard", args=[org.slug, plan.pk]),
        "org dashboard": reverse("reports:org-dashboard", args=[org.slug]),
        "metrics page": reverse("metrics:year", args=[org.slug, year]),
    }
    with connection.cursor() as cursor:  # planner statistics, as a running database has them (bench/load.py)
        cursor.execute("ANALYZE")
    return org, lead, actions, pages


def save_elsewhere(lead, actions, i=[0]):
    """A progress update on another action of the plan, through the service, as a lead's save is."""
    i[0] += 1
    action = Action.objects.get(pk=actions[1 + i[0] % 400].pk)
    services.progress_update_record(action=action, author=lead, status=STATUSES[i[0] % 5], commentary="Saved elsewhere.",
                          expected_version=action.version)


def save_in_another_plan(lead, i=[0]):
    """A progress update in another plan of the organisation (the demo's), through the service."""
    i[0] += 1
    action = Action.objects.exclude(plan__title="Plan of 500 actions").order_by("pk")[i[0] % 5]
    services.progress_update_record(action=action, author=lead, status=STATUSES[1 + i[0] % 4],
                                    commentary="Saved in another plan.", expected_version=action.version)


def timed(client, url, before=None, runs=7):
    """The median wall time of a request, and (in brackets) the median CPU time this process spent on it:
    Python's share, less disturbed than the wall time when others share the machine."""
    samples, cpu = [], []
    for _ in range(runs):
        if before:
            before()
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return f"{sorted(samples)[len(samples) // 2]:.0f} ({sorted(cpu)[len(cpu) // 2]:.0f})"


def main():
    org, lead, actions, pages = build()
    # As a web worker does (edi_tracker/wsgi.py): what is loaded by now is moved out of the garbage
    # collector's walks, which would otherwise be charged to whichever request triggers a full collection.
    gc.collect()
    gc.freeze()
    wanted = sys.argv[1:] or list(pages)
    client = Client()
    client.force_login(lead, backend="django.contrib.auth.backends.ModelBackend")
    cache.clear()
    print("ms, median wall time (CPU time in Python)")
    print(f"{'page':<15} {'warm':>10} {'after a save':>13} {'after a save':>13} {'queries':>8}")
    print(f"{'':<15} {'':>10} {'in the plan':>13} {'in another':>13}")
    for label in wanted:
        url = pages[label]
        client.get(url)
        warm = timed(client, url)
        cold = timed(client, url, before=lambda: save_elsewhere(lead, actions))
        other = timed(client, url, before=lambda: save_in_another_plan(lead))
        save_elsewhere(lead, actions)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        print(f"{label:<15} {warm:>10} {cold:>13} {other:>13} {len(queries):>8}")
    if os.environ.get("PROFILE_TIMES_ONLY"):
        return
    for label in wanted:
        save_elsewhere(lead, actions)
        profile = cProfile.Profile()
        profile.enable()
        client.get(pages[label])
        profile.disable()
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out).sort_stats("cumulative")
        stats.print_stats(r"/(plans|reports|metrics|edi_tracker|workforce)/[a-z_/]+\.py|render|template", 25)
        print(f"\n=== {label} (after a save) ===")
        print("\n".join(line for line in out.getvalue().splitlines()[6:] if line.strip())[:5000])


if __name__ == "__main__":
    main()
