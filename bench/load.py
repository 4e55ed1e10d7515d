"""Pages under load: 50 signed-in users on gunicorn (2 workers, DEBUG off) and PostgreSQL, on loopback.

The database (a benchmark database of its own) holds the demo data plus a 500-action plan. 50 users
with real memberships — 20 leads who save progress updates to the actions they lead, 15 editors and
15 viewers who read — each, about every 2 s, request a tracker or dashboard page (plan page, action
list, My actions, plan dashboard, organisation dashboard, metrics page, with the charts a browser would
fetch for it) or, for a lead, save a progress update (open the action, then post the update as the
page's htmx form does). After a warm-up the run lasts 60 s and stops by itself: bounded in time and in
requests, and every request goes to 127.0.0.1.

Prints requests/s, p50, p95, p99 (overall and per page), errors, conflicts (409s: a save made from a
version another save overtook — expected, counted, not errors) and whether any update was lost (the
saves the clients saw succeed against the ProgressUpdate rows added in the database).
Budget (design.md §11): p95 ≤ 300 ms, no errors, nothing lost.

HTTPS: gunicorn runs with the production switches on (SECURE_SSL_REDIRECT, secure cookies, HSTS) behind
a pretend proxy, as the README deploys it: BEHIND_PROXY=true, and the clients send
`X-Forwarded-Proto: https`. The cache is Redis (database 13 of the machine's Redis) when it answers,
as a production deployment with REDIS_URL has it; the peer line shows the run's cache.

Environment: BENCH_DATABASE_URL (make bench sets it; the run uses that name + "_load"); LOAD_USERS, LOAD_SECONDS, LOAD_WARMUP_SECONDS to
change the shape; LOAD_REDIS_URL to choose the cache ("" for none).
"""

import os
import secrets

SECRET_KEY = "load-bench-" + secrets.token_hex(24)
os.environ["SECRET_KEY"] = SECRET_KEY  # the sessions made here must verify in gunicorn

import asyncio  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections import Counter, defaultdict  # noqa: E402
from datetime import timedelta  # noqa: E402
from pathlib import Path  # noqa: E402

from _common import ROOT, setup_django  # noqa: E402

USERS = int(os.environ.get("LOAD_USERS", 50))
SECONDS = float(os.environ.get("LOAD_SECONDS", 60))
WARMUP_SECONDS = float(os.environ.get("LOAD_WARMUP_SECONDS", 10))
THINK_SECONDS = 2.0  # each user acts about every 2 s
MAX_REQUESTS = 40_000  # a hard cap on top of the time limit
REQUEST_TIMEOUT = 30.0
LEADS, EDITORS = 20, 15  # the rest are viewers
SAVE_SHARE = 0.35  # a lead's turn is a save this often
HOST = "127.0.0.1"

BASE_URL = os.environ.get("BENCH_DATABASE_URL")
if not BASE_URL:
    sys.exit("Set BENCH_DATABASE_URL (make bench does) to a PostgreSQL database the benchmark may recreate.")
# A database of its own, named after BENCH_DATABASE_URL's so that two runs given different ones never share it.
DATABASE_URL = BASE_URL + "_load"
setup_django(DATABASE_URL)

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from edi_tracker.models import Membership, Organisation, User  # noqa: E402
from metrics.models import MetricResult  # noqa: E402
from plans.models import Action, Plan, PlanStatus, ProgressUpdate, SuccessMeasure, Theme  # noqa: E402

STATUSES = ["not_started", "red", "amber", "green", "complete"]


def build_world() -> dict:
    """The demo data, a 500-action plan in the demo organisation, 50 members and their sessions."""
    call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))
    org = Organisation.objects.order_by("pk").first()
    users = []
    for i in range(USERS):
        role = "lead" if i < LEADS else "editor" if i < LEADS + EDITORS else "viewer"
        user = User.objects.create_user(f"load-{role}-{i}", password=secrets.token_hex(16))
        Membership.objects.create(user=user, organisation=org, role=role)
        users.append((user, role))
    leads = [user for user, role in users if role == "lead"]
    plan = Plan.objects.create(organisation=org, title="Plan of 500 actions", status=PlanStatus.ACTIVE)
    themes = Theme.objects.bulk_create(Theme(plan=plan, code=f"T{i}", title=f"Theme {i}", order=i) for i in range(6))
    now = timezone.now()
    actions = Action.objects.bulk_create(
        Action(plan=plan, theme=themes[i % 6], reference=f"L{i}", title=f"Action number {i} " + "words " * 20,
               order=i, lead_officer="Head of Service", lead_user=leads[i % len(leads)], status=STATUSES[i % 5],
               deadline_text="Dec 22", deadline_date=(now + timedelta(days=i - 250)).date(), last_update_at=now)
        for i in range(500)
    )
    SuccessMeasure.objects.bulk_create(SuccessMeasure(action=a, text=f"Measure {j}", order=j) for a in actions for j in range(2))
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(action=a, author=a.lead_user, created_at=now - timedelta(days=90 * k), status=a.status,
                       commentary="Progress as planned.")
        for a in actions for k in range(4)
    )
    year = MetricResult.objects.filter(organisation=org).order_by("-year").values_list("year", flat=True).first()
    pages = {
        "plan page": reverse("plans:plan-detail", args=[org.slug, plan.pk]),
        "action list": reverse("plans:action-list", args=[org.slug]),
        "my actions": reverse("plans:my-actions", args=[org.slug]),
        "plan dashboard": reverse("reports:plan-dashboard", args=[org.slug, plan.pk]),
        "org dashboard": reverse("reports:org-dashboard", args=[org.slug]),
        "metrics page": reverse("metrics:year", args=[org.slug, year]),
    }
    clients = []
    for user, role in users:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        own = [reverse("plans:action-detail", args=[org.slug, a.pk]) for a in actions if a.lead_user_id == user.pk]
        clients.append({"role": role, "session": session.session_key, "actions": own})
    # Planner statistics for the rows just bulk-inserted, as a running database has them (autovacuum's
    # analyse): without them PostgreSQL guesses one row per table, and the dashboards' history query takes a
    # nested loop twenty times slower than its plan on any database that has been running a minute.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {"pages": pages, "clients": clients, "org": org}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def redis_url() -> str:
    url = os.environ.get("LOAD_REDIS_URL", "redis://127.0.0.1:6379/13")
    if not url:
        return ""
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return ""
    return url


def production_env(static_root: Path, cache_url: str) -> dict:
    env = {
        "PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), "LANG": "C.UTF-8",
        "SECRET_KEY": SECRET_KEY, "PSEUDONYM_KEY": "load-bench-pseudonym-key-0123456789",
        "ALLOWED_HOSTS": HOST, "DATABASE_URL": DATABASE_URL, "DATABASE_CONN_MAX_AGE": "60",
        "STATIC_ROOT": str(static_root), "MEDIA_ROOT": str(static_root.parent / "media"),
        "BEHIND_PROXY": "true", "DEBUG": "false",
    }
    if cache_url:
        env["REDIS_URL"] = cache_url
    return env


class Gunicorn:
    def __init__(self, env: dict, log: Path):
        self.env, self.log, self.port = env, log, free_port()

    def cpu_seconds(self) -> float:
        """The CPU time (user and system) the gunicorn workers have used so far, from /proc (Linux)."""
        total = 0.0
        try:
            children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
            for pid in children:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except OSError:
            return float("nan")
        return total

    def __enter__(self):
        self.log_file = self.log.open("wb")
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.process = subprocess.Popen(
            [str(gunicorn), "edi_tracker.wsgi:application", "--bind", f"{HOST}:{self.port}", "--workers", "2",
             "--timeout", "60", "--error-logfile", "-"],
            cwd=ROOT, env=self.env, stdout=self.log_file, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"gunicorn stopped at start:\n{self.log.read_text(errors='replace')}")
            try:
                socket.create_connection((HOST, self.port), timeout=1).close()
                return self
            except OSError:
                time.sleep(0.2)
        self.process.terminate()
        sys.exit("gunicorn did not listen within 90 s.")

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log_file.close()
        return False


CHART_RE = re.compile(r'<img[^>]+src="([^"]+\.svg[^"]*)"')
VERSION_RE = re.compile(r'name="version" value="(\d+)"')


class Run:
    """Every request's figures, kept only once the warm-up is over."""

    def __init__(self, port: int, cpu_seconds=lambda: float("nan")):
        self.cpu_seconds = cpu_seconds
        self.cpu_measured = float("nan")  # the workers' CPU seconds over the measured minute
        self.generator_cpu = float("nan")  # this process's (the load generator's) CPU seconds over it
        self.base = f"http://{HOST}:{port}"
        self.origin = f"https://{HOST}:{port}"
        self.csrf = secrets.token_hex(16)  # 32 characters: Django accepts the unmasked secret as the token
        self.started = time.monotonic()
        self.measuring_from = self.started + WARMUP_SECONDS
        self.stop_at = self.measuring_from + SECONDS
        self.requests = 0
        self.samples = defaultdict(list)
        self.errors = Counter()
        self.conflicts = 0
        self.saved = 0  # every save the clients saw succeed, warm-up included: the database is checked against it
        self.unanswered_saves = 0  # saves whose answer never came (timed out): they may or may not have landed

    def headers(self, client: dict) -> dict:
        return {"X-Forwarded-Proto": "https",
                "Cookie": f"sessionid={client['session']}; csrftoken={self.csrf}"}

    def measuring(self) -> bool:
        return time.monotonic() >= self.measuring_from

    async def get(self, http, client, label, url) -> str | None:
        return await self.request(http, client, label, "GET", url)

    async def request(self, http, client, label, method, url, data=None, extra=None) -> str | None:
        if self.requests >= MAX_REQUESTS:
            return None
        self.requests += 1
        measuring = self.measuring()
        headers = {**self.headers(client), **(extra or {})}
        start = time.perf_counter()
        try:
            response = await http.request(method, self.base + url, headers=headers, data=data)
        except Exception as error:  # noqa: BLE001 - a failed request is counted, the run goes on
            if method == "POST":
                self.unanswered_saves += 1
            if measuring:
                self.errors[f"{label}: {type(error).__name__}"] += 1
            return None
        elapsed = (time.perf_counter() - start) * 1000
        if response.status_code == 409:
            if measuring:
                self.conflicts += 1
                self.samples[label].append(elapsed)
            return None
        if response.status_code != 200:
            if measuring:
                self.errors[f"{label}: HTTP {response.status_code}"] += 1
            return None
        if measuring:
            self.samples[label].append(elapsed)
        return response.text

    async def save(self, http, client):
        action_url = random.choice(client["actions"])
        page = await self.get(http, client, "action page", action_url)
        match = page and VERSION_RE.search(page)
        if not match:
            return
        await asyncio.sleep(random.uniform(0.2, 1.0))  # the lead types
        status = random.choice(["green", "amber", "red", "complete"])
        response = await self.request(
            http, client, "save update", "POST", action_url + "progress/",
            data={"status": status, "commentary": "Load test update.", "next_steps": "", "next_steps_timeframe": "",
                  "evidence_link": "", "version": match.group(1)},
            extra={"X-CSRFToken": self.csrf, "Origin": self.origin, "Referer": self.origin + action_url,
                   "HX-Request": "true"},
        )
        if response is not None:
            self.saved += 1

    async def browse(self, http, client, pages):
        label = random.choice(list(pages))
        page = await self.get(http, client, label, pages[label])
        if page and "dashboard" in label or page and label == "metrics page":
            charts = [url.replace("&amp;", "&") for url in CHART_RE.findall(page)]
            await asyncio.gather(*(self.get(http, client, "chart (svg)", url) for url in charts))

    async def user(self, http, client, pages):
        await asyncio.sleep(random.uniform(0, THINK_SECONDS))  # users do not arrive in step
        while time.monotonic() < self.stop_at and self.requests < MAX_REQUESTS:
            turn_started = time.monotonic()
            if client["role"] == "lead" and random.random() < SAVE_SHARE:
                await self.save(http, client)
            else:
                await self.browse(http, client, pages)
            pause = random.uniform(0.5, 1.5) * THINK_SECONDS - (time.monotonic() - turn_started)
            await asyncio.sleep(max(0.05, pause))

    async def run(self, clients, pages):
        import httpx

        limits = httpx.Limits(max_connections=len(clients) * 2, max_keepalive_connections=len(clients) * 2)
        async with httpx.AsyncClient(timeout=REQUEST_TIMEOUT, limits=limits, follow_redirects=False) as http:
            await asyncio.gather(self.watch_cpu(), *(self.user(http, client, pages) for client in clients))

    async def watch_cpu(self):
        """The workers' CPU time over the measured minute: what the requests answered in it cost the server,
        whatever else runs on the machine (the latencies depend on that too, this much less)."""
        await asyncio.sleep(max(0.0, self.measuring_from - time.monotonic()))
        start, own_start = self.cpu_seconds(), time.process_time()
        await asyncio.sleep(max(0.0, self.stop_at - time.monotonic()))
        self.cpu_measured = self.cpu_seconds() - start
        self.generator_cpu = time.process_time() - own_start


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


def main():
    import logging

    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per request otherwise
    world = build_world()
    updates_before = ProgressUpdate.objects.count()
    connection.close()
    cache_url = redis_url()
    with tempfile.TemporaryDirectory(prefix="edi-load-") as tmp:
        static_root = Path(tmp) / "staticfiles"
        env = production_env(static_root, cache_url)
        built = subprocess.run([sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"], cwd=ROOT,
                               env=env, capture_output=True, text=True, timeout=300)
        if built.returncode:
            sys.exit("collectstatic failed:\n" + built.stdout + built.stderr)
        if cache_url:  # a cache of its own, emptied, so nothing from an earlier run is served
            import redis

            redis.Redis.from_url(cache_url).flushdb()
        with Gunicorn(env, Path(tmp) / "gunicorn.log") as server:
            run = Run(server.port, server.cpu_seconds)
            asyncio.run(run.run(world["clients"], world["pages"]))
            log = (Path(tmp) / "gunicorn.log").read_text(errors="replace")
    updates_after = ProgressUpdate.objects.count()

    every = [ms for values in run.samples.values() for ms in values]
    answered = len(every)
    print(f"{USERS} users ({LEADS} leads saving, {EDITORS} editors and {USERS - LEADS - EDITORS} viewers reading), "
          f"about every {THINK_SECONDS:.0f} s, {SECONDS:.0f} s after a {WARMUP_SECONDS:.0f} s warm-up; gunicorn 2 "
          f"workers, DEBUG off, behind a pretend HTTPS proxy; cache: {'Redis' if cache_url else 'per process'}; "
          f"{os.cpu_count()} cores")
    print(f"{'page':<16} {'requests':>8} {'p50':>8} {'p95':>8} {'p99':>8}")
    for label in sorted(run.samples):
        values = run.samples[label]
        print(f"{label:<16} {len(values):>8} {percentile(values, 50):>6.0f}ms {percentile(values, 95):>6.0f}ms "
              f"{percentile(values, 99):>6.0f}ms")
    p95 = percentile(every, 95)
    errors = sum(run.errors.values())
    added = updates_after - updates_before
    # Lost: a save a client saw succeed with no row. Rows beyond the saves seen can only be saves whose
    # answer timed out; more than those would be updates made twice.
    lost = max(0, run.saved - added)
    extra = added - run.saved
    doubled = max(0, extra - run.unanswered_saves)
    print(f"{'all':<16} {answered:>8} {percentile(every, 50):>6.0f}ms {p95:>6.0f}ms {percentile(every, 99):>6.0f}ms")
    print(f"requests/s: {answered / SECONDS:.1f}   errors: {errors}   conflicts (409): {run.conflicts}")
    print(f"gunicorn workers' CPU over the measured {SECONDS:.0f} s: {run.cpu_measured:.1f} s, "
          f"{run.cpu_measured * 1000 / max(answered, 1):.0f} ms a request answered; machine load average "
          f"{os.getloadavg()[0]:.1f} (others' work slows the run)")
    print(f"load generator's own CPU over it: {run.generator_cpu:.1f} s, "
          f"{run.generator_cpu * 1000 / max(answered, 1):.1f} ms a request answered (it shares the cores)")
    for what, count in run.errors.most_common(5):
        print(f"  error: {what} × {count}")
    print(f"updates the clients saw saved: {run.saved}; ProgressUpdate rows added: {added}; saves unanswered "
          f"(timed out): {run.unanswered_saves}; lost: {lost}; recorded twice: {doubled}")
    verdict = "ok" if p95 <= 300 and errors == 0 and lost == 0 and doubled == 0 else "OVER"
    print(f"budget p95 ≤ 300 ms, no errors, nothing lost: {verdict}")
    if errors and "Traceback" in log:
        print("gunicorn's last traceback:\n" + log[log.rindex("Traceback"):][:3000])


if __name__ == "__main__":
    main()
