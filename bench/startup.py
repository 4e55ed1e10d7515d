"""Starting the app: what every management command, gunicorn worker and Celery worker pays before work.

Prints the median wall time (BENCH_RUNS runs, 5 by default) of each, as a new process on PostgreSQL,
and its ratio to the peer measured in the same run — `manage.py check` of a bare `django-admin
startproject` project made in a temporary folder with the same Python and Django, run with its own
settings (not ours: main() checks which settings it runs with):
- `manage.py check`;
- `manage.py highlight_report` of a small plan, which renders a PDF and so pays for importing
  WeasyPrint by its nature: as it runs when its charts are drawn already (by the plan's dashboard, or an
  earlier report: the drawings cache is shared by the machine's processes), and when they are not
  (it then imports matplotlib to draw them); and the same command stopped before it renders (a plan
  that does not exist): its start-up;
- a gunicorn worker answering its first request: from starting gunicorn on 127.0.0.1 until the
  sign-in page answers 200;
- WeasyPrint and matplotlib alone in a bare interpreter, and the floor of any command that renders a
  PDF: the bare check plus WeasyPrint alone.
Budget (design.md §11): ≤ 1.5× the bare project's `check`.

    make bench            (or: BENCH_DATABASE_URL=postgres://…/edi_bench .venv/bin/python bench/startup.py)
"""

import http.client
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from _common import ROOT, setup_django

setup_django()

from django.utils import timezone  # noqa: E402

from edi_tracker.models import Organisation  # noqa: E402
from edi_tracker.quarters import FinancialQuarter  # noqa: E402
from plans.models import Action, Plan, ProgressUpdate, Theme  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
BIN = Path(sys.executable).parent
QUARTER = FinancialQuarter.containing(timezone.localdate()).previous()
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
# The peer runs as a project of its own: without our DJANGO_SETTINGS_MODULE (its manage.py only sets a
# default) and our PYTHONPATH, which would make its `check` our own app's (main() makes sure it is not).
BARE_ENV = {name: value for name, value in os.environ.items()
            if name not in ("DJANGO_SETTINGS_MODULE", "PYTHONPATH", "DATABASE_URL")}


def small_plan() -> Plan:
    org = Organisation.objects.create(slug="bench", name="Bench Council")
    plan = Plan.objects.create(organisation=org, title="Small plan", status="active")
    theme = Theme.objects.create(plan=plan, code="T1", title="Workforce", order=1)
    for i, status in enumerate(["not_started", "red", "amber", "green", "complete"]):
        action = Action.objects.create(plan=plan, theme=theme, reference=f"A{i}", title=f"Action {i}", order=i,
                                       status=status, lead_officer="Head of HR")
        Action.objects.filter(pk=action.pk).update(created_at=timezone.now() - timedelta(days=400))
        ProgressUpdate.objects.create(action=action, status=status, commentary="On track.",
                                      created_at=timezone.now() - timedelta(days=95))
    return plan


def children_cpu() -> float:
    """CPU seconds (user + system) of the child processes ended so far: less swayed than wall time by what
    the other users of a shared machine run at the same moment."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(args: list[str], cwd: Path, ok=(0,), env=None) -> tuple[float, float]:
    """Wall and CPU seconds of a new process."""
    cpu, start = children_cpu(), time.perf_counter()
    result = subprocess.run(args, cwd=cwd, env=env or ENV, capture_output=True)
    elapsed = time.perf_counter() - start
    assert result.returncode in ok, (args, result.returncode, result.stderr.decode()[-2000:])
    return elapsed, children_cpu() - cpu


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def gunicorn_first_request() -> tuple[float, float]:
    """From starting gunicorn (one worker) to the first 200 of the sign-in page (CPU: until it has stopped)."""
    port = free_port()
    cpu, start = children_cpu(), time.perf_counter()
    process = subprocess.Popen([str(BIN / "gunicorn"), "edi_tracker.wsgi:application", "--bind", f"127.0.0.1:{port}",
                                "--workers", "1"], cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            assert process.poll() is None and time.perf_counter() - start < 120, "gunicorn did not start"
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                conn.request("GET", "/accounts/login/")
                status = conn.getresponse().status
                conn.close()
            except OSError:
                time.sleep(0.01)
                continue
            assert status == 200, status
            elapsed = time.perf_counter() - start
            break
    finally:
        process.terminate()
        process.wait(30)
    return elapsed, children_cpu() - cpu


WEASYPRINT_ALONE = "import weasyprint; weasyprint.HTML(string='<p>One line.</p>').write_pdf()"
# As edi_tracker.pdf.weasyprint_html imports it: without ctypes' search for its libraries with the C compiler.
WEASYPRINT_AS_WE_IMPORT_IT = "import ctypes.util; ctypes.util.find_library = lambda name: None; " + WEASYPRINT_ALONE
MATPLOTLIB_ALONE = ("import io, matplotlib; matplotlib.use('Agg'); from matplotlib.figure import Figure; "
                    "f = Figure(); f.subplots().barh(['a', 'b'], [1, 2]); f.savefig(io.StringIO(), format='svg')")


def median(fn) -> float:
    return statistics.median(fn() for _ in range(RUNS))


BARE = "bare startproject: manage.py check"
APPS = ["edi_tracker", "plans", "workforce", "metrics", "reports", "networks", "sso", "api"]  # as the Dockerfile


def empty_drawings():
    """The charts' drawings cache emptied (files here, as in the command's process: same settings)."""
    from django.core.cache import caches

    caches["drawings"].clear()


def main():
    plan = small_plan()
    python = str(BIN / "python")
    with tempfile.TemporaryDirectory() as folder:
        bare = Path(folder)
        subprocess.run([str(BIN / "django-admin"), "startproject", "bare", str(bare)], check=True, env=BARE_ENV)
        peer = subprocess.run([python, "manage.py", "shell", "-c", "from django.conf import settings; "
                               "print(settings.SETTINGS_MODULE)"], cwd=bare, env=BARE_ENV, capture_output=True, text=True)
        assert peer.stdout.strip().splitlines()[-1:] == ["bare.settings"], (peer.stdout, peer.stderr)
        # Both byte-compiled first, as the image is (Dockerfile: compileall), whatever PYTHONDONTWRITEBYTECODE says
        # here: otherwise every run compiles our modules again, which no deployed process does.
        subprocess.run([python, "-m", "compileall", "-q", *APPS], cwd=ROOT, check=True, env=BARE_ENV)
        subprocess.run([python, "-m", "compileall", "-q", "bare"], cwd=bare, check=True, env=BARE_ENV)
        run([python, "manage.py", "check"], bare, env=BARE_ENV)  # warm the file cache for both
        run([python, "manage.py", "check"], ROOT)
        out = bare / "report.pdf"
        report = [python, "manage.py", "highlight_report", "bench", str(plan.pk), "--quarter", QUARTER.label, "--out", str(out),
                  "--again"]  # made anew each run (without it the command writes the report already made)
        run(report, ROOT)  # its charts drawn once, as the plan's dashboard (or any earlier report) draws them

        def charts_not_drawn() -> float:
            empty_drawings()
            return run(report, ROOT)

        figures = {}
        for _ in range(RUNS):  # interleaved, so a busy moment of the machine falls on each alike
            for name, fn in {
                BARE: lambda: run([python, "manage.py", "check"], bare, env=BARE_ENV),
                "manage.py check": lambda: run([python, "manage.py", "check"], ROOT),
                "manage.py highlight_report (renders a 5-action PDF)": lambda: run(report, ROOT),
                "  the same, its charts not drawn yet (imports matplotlib)": charts_not_drawn,
                "  the same command stopped before it renders (no such plan)": lambda: run(
                    report[:4] + ["no such plan"] + report[5:], ROOT, ok=(1,)),
                "gunicorn: start to the first 200 of the sign-in page": gunicorn_first_request,
                # What rendering any PDF costs by its nature, measured alone in a bare interpreter: the
                # report's floor is the bare check plus this.
                "  WeasyPrint alone: import it and write a one-line PDF": lambda: run(
                    [python, "-c", WEASYPRINT_ALONE], bare, env=BARE_ENV),
                "  WeasyPrint alone, imported as edi_tracker.pdf imports it": lambda: run(
                    [python, "-c", WEASYPRINT_AS_WE_IMPORT_IT], bare, env=BARE_ENV),
                "  matplotlib alone: import it and draw one bar chart to SVG": lambda: run(
                    [python, "-c", MATPLOTLIB_ALONE], bare, env=BARE_ENV),
            }.items():
                figures.setdefault(name, []).append(fn())
        assert out.stat().st_size > 1000
    print(f"start-up, median of {RUNS} runs (the machine is shared: compare the ratios, not the seconds; CPU is "
          "user + system time of the process, less swayed by the other users of the machine)")
    wall = {name: statistics.median(wall for wall, _ in samples) for name, samples in figures.items()}
    cpu = {name: statistics.median(cpu for _, cpu in samples) for name, samples in figures.items()}
    peer, peer_cpu = wall[BARE], cpu[BARE]
    for name in figures:
        print(f"{name:62} {wall[name]:6.2f} s  ratio to bare check = {wall[name] / peer:5.2f}   budget ≤ 1.5"
              f"   CPU {cpu[name]:5.2f} s, ratio {cpu[name] / peer_cpu:5.2f}")
    alone = "  WeasyPrint alone, imported as edi_tracker.pdf imports it"
    command = "manage.py highlight_report (renders a 5-action PDF)"
    for what, figure in (("wall", wall), ("CPU", cpu)):
        floor = figure[BARE] + figure[alone]
        print(f"floor of any command that renders a PDF ({what}): the bare check {figure[BARE]:.2f} s + WeasyPrint "
              f"alone (imported as we import it, one-line PDF) {figure[alone]:.2f} s = {floor:.2f} s = "
              f"{floor / figure[BARE]:.2f}× the bare check; the PDF command is {figure[command] / floor:.2f}× its floor")


if __name__ == "__main__":
    main()
