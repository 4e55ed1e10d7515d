"""Starting the app: what every management command, gunicorn worker and Celery worker pays before work.

Prints the median wall time (BENCH_RUNS runs, 5 by default) of each, as a new process on PostgreSQL,
and its ratio to the peer measured in the same run — `manage.py check` of a bare `django-admin
startproject` project made in a temporary folder with the same Python and Django:
- `manage.py check`;
- `manage.py highlight_report` of a small plan, which renders a PDF and so pays for importing
  WeasyPrint (about 2 s here) by its nature, and the same command stopped before it renders (a plan
  that does not exist): its start-up;
- a gunicorn worker answering its first request: from starting gunicorn on 127.0.0.1 until the
  sign-in page answers 200.
Budget (design.md §11): ≤ 1.5× the bare project's `check`.

    make bench            (or: BENCH_DATABASE_URL=postgres://…/edi_bench .venv/bin/python bench/startup.py)
"""

import http.client
import os
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


def run(args: list[str], cwd: Path, ok=(0,)) -> float:
    start = time.perf_counter()
    result = subprocess.run(args, cwd=cwd, env=ENV, capture_output=True)
    elapsed = time.perf_counter() - start
    assert result.returncode in ok, (args, result.returncode, result.stderr.decode()[-2000:])
    return elapsed


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def gunicorn_first_request() -> float:
    """From starting gunicorn (one worker) to the first 200 of the sign-in page."""
    port = free_port()
    start = time.perf_counter()
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
            return time.perf_counter() - start
    finally:
        process.terminate()
        process.wait(30)


WEASYPRINT_ALONE = "import weasyprint; weasyprint.HTML(string='<p>One line.</p>').write_pdf()"
MATPLOTLIB_ALONE = ("import io, matplotlib; matplotlib.use('Agg'); from matplotlib.figure import Figure; "
                    "f = Figure(); f.subplots().barh(['a', 'b'], [1, 2]); f.savefig(io.StringIO(), format='svg')")


def median(fn) -> float:
    return statistics.median(fn() for _ in range(RUNS))


def main():
    plan = small_plan()
    python = str(BIN / "python")
    with tempfile.TemporaryDirectory() as folder:
        bare = Path(folder)
        subprocess.run([str(BIN / "django-admin"), "startproject", "bare", str(bare)], check=True)
        run([python, "manage.py", "check"], bare)  # warm the file cache for both
        run([python, "manage.py", "check"], ROOT)
        out = bare / "report.pdf"
        report = [python, "manage.py", "highlight_report", "bench", str(plan.pk), "--quarter", QUARTER.label, "--out", str(out),
                  "--again"]  # made anew each run (without it the command writes the report already made)
        figures = {}
        for _ in range(RUNS):  # interleaved, so a busy moment of the machine falls on each alike
            for name, fn in {
                "bare startproject: manage.py check": lambda: run([python, "manage.py", "check"], bare),
                "manage.py check": lambda: run([python, "manage.py", "check"], ROOT),
                "manage.py highlight_report (renders a 5-action PDF)": lambda: run(report, ROOT),
                "  the same command stopped before it renders (no such plan)": lambda: run(
                    report[:4] + ["no such plan"] + report[5:], ROOT, ok=(1,)),
                "gunicorn: start to the first 200 of the sign-in page": gunicorn_first_request,
                # What rendering any PDF costs by its nature, measured alone in a bare interpreter: the
                # report's floor is the bare check plus this.
                "  WeasyPrint alone: import it and write a one-line PDF": lambda: run([python, "-c", WEASYPRINT_ALONE], bare),
                "  matplotlib alone: import it and draw one bar chart to SVG": lambda: run([python, "-c", MATPLOTLIB_ALONE], bare),
            }.items():
                figures.setdefault(name, []).append(fn())
        assert out.stat().st_size > 1000
    print(f"start-up, median of {RUNS} runs (the machine is shared: compare the ratios, not the seconds)")
    peer = statistics.median(figures["bare startproject: manage.py check"])
    for name, samples in figures.items():
        value = statistics.median(samples)
        print(f"{name:62} {value:6.2f} s   ratio to bare check = {value / peer:.2f}   budget ≤ 1.5")
    floor = peer + statistics.median(figures["  WeasyPrint alone: import it and write a one-line PDF"])
    print(f"the PDF command's floor (bare check + WeasyPrint alone) {floor:.2f} s = {floor / peer:.2f}× the bare check; "
          f"the command is {statistics.median(figures['manage.py highlight_report (renders a 5-action PDF)']) / floor:.2f}× its floor")


if __name__ == "__main__":
    main()
