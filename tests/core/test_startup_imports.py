"""Starting the app is cheap: the heavy libraries are imported where they are used, not at start-up.

Every management command, gunicorn worker and Celery worker sets Django up, imports the URL
configuration (the first request, and `check`, resolve it) and the Celery app. None of that may import
WeasyPrint, matplotlib, openpyxl, python-docx or SciPy: together they cost seconds per process
(design.md §11; `bench/startup.py` prints the times). Nor what only some requests use: PyJWT and
cryptography (a sign-in through a provider: sso.backend), drf-spectacular's generator with Django's test
client and Jinja2 (the API's schema: api/docs.py), the API's views with Django REST framework and what it
imports when it can (requests, PyYAML, Pygments: api/urls.py), the storage SDKs (when STORAGE_BACKEND names
them). Each check runs in a fresh interpreter, since
this test process has long since imported them all; `sys.modules` is deterministic where a timing is not.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("weasyprint", "matplotlib", "openpyxl", "docx", "scipy", "jwt", "cryptography", "mozilla_django_oidc.auth",
         "drf_spectacular.plumbing", "django.test", "jinja2", "boto3", "botocore", "azure", "storages.backends",
         "api.views", "rest_framework", "drf_spectacular.utils", "requests", "urllib3", "pygments")

START = """
import json, os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "edi_tracker.settings")
import django

django.setup()
from django.urls import URLPattern, URLResolver, get_resolver


def walk(resolver):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern)
        else:
            yield pattern


views = [pattern.callback for pattern in walk(get_resolver())]
assert len(views) > 50, len(views)
# A web worker queues nothing yet; PyYAML is Celery's (kombu's serialisers) and DRF's (its optional extras).
web = sorted(name for name in ("celery", "kombu", "yaml") if name in sys.modules)

import edi_tracker.celery, reports.tasks, workforce.tasks  # the worker's app and every task module
from django.core.management import get_commands, load_command_class

for name, app in get_commands().items():  # every management command of ours, loaded as manage.py does
    if app in ("edi_tracker", "plans", "workforce", "metrics", "reports"):
        load_command_class(app, name)
{after}
print(json.dumps([web, sorted(name for name in {heavy!r} if name in sys.modules)]))
"""


def loaded_after(after: str = "") -> tuple[list[str], list[str]]:
    """What a web process has loaded of Celery, and what a process of any kind has of HEAVY."""
    env = {**os.environ, "EDI_TESTING": "1", "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", START.format(after=after, heavy=HEAVY)], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_starting_the_app_imports_no_heavy_library():
    web, heavy = loaded_after()
    assert heavy == []
    assert web == []  # Celery too is imported by what queues a task, not by every web worker


RENDER = """
import json, os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "edi_tracker.settings")
import django

django.setup()
from django.template import engines

engines["django"].from_string("{% load static %}{{ 1|add:1 }}").render({})  # every app's template tags loaded
print(json.dumps(sorted(name for name in ("rest_framework", "requests", "yaml", "pygments") if name in sys.modules)))
"""


def test_rendering_a_template_does_not_import_the_api():
    """A process that renders a page or a PDF without the API's URLs (the PDF command, a report's worker) does
    not load Django REST framework and its optional extras: it is not an installed app, whose template tags
    the template engine would import (edi_tracker/settings.py)."""
    env = {**os.environ, "EDI_TESTING": "1", "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", RENDER], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []


def test_the_heavy_libraries_are_imported_when_they_are_used():
    """The check above can fail: drawing a chart and opening the Word reader load what they need."""
    use = (
        "from edi_tracker.charts import stacked_shares\n"
        "stacked_shares('Title', 'Description', [('Band 1', {'white': 50, 'bme': 50})], [('white', 'White'), ('bme', 'BME')])\n"
        "from plans.importers import word\n"
    )
    assert loaded_after(use)[1] == ["docx", "matplotlib"]


def test_a_chart_drawn_by_one_process_is_not_drawn_again_by_another():
    """The charts' drawings are cached where every process of the machine finds them (files without Redis):
    a command or worker that makes a PDF of figures a page (or an earlier report) has drawn reads the
    drawing, and does not import matplotlib to draw it again."""
    import uuid

    figures = [str(uuid.uuid4())]  # figures no other test or run has drawn
    drawn = (
        "from edi_tracker.caching import by_content\n"
        "from edi_tracker.charts import stacked_shares\n"
        f"svg = by_content('test-chart', {figures!r}, lambda: stacked_shares('Title', 'Description', "
        "[('Band 1', {'white': 50, 'bme': 50})], [('white', 'White'), ('bme', 'BME')]))\n"
        "assert svg.startswith('<svg'), svg[:100]\n"
    )
    assert loaded_after(drawn)[1] == ["matplotlib"]
    read = (
        "from edi_tracker.caching import by_content\n"
        f"svg = by_content('test-chart', {figures!r}, lambda: 'drawn again')\n"
        "assert svg.startswith('<svg'), svg[:100]\n"
    )
    assert loaded_after(read)[1] == []


def test_the_pdf_command_runs_no_system_checks():
    """They import every view of the URL configuration, which a report does not use; the worker that makes
    the same report runs none either."""
    from reports.management.commands.highlight_report import Command

    assert Command.requires_system_checks == []


GC_STATE = "import gc; print(gc.isenabled(), gc.get_freeze_count())"


def test_the_garbage_collector_is_on_again_once_django_is_loaded():
    """manage.py and wsgi.py turn the cyclic garbage collector off while Django loads, and the core app's
    ready() freezes what is loaded and turns it on again (edi_tracker/apps.py): a command or a worker starts
    its work with it on (only a batch that holds a file's rows pauses it, workforce.checking.collector_paused),
    and Django's objects are out of its sight."""
    env = {**os.environ, "EDI_TESTING": "1", "PYTHONPATH": str(ROOT)}
    for args in ([sys.executable, "manage.py", "shell", "-c", GC_STATE],
                 [sys.executable, "-c", "import edi_tracker.wsgi; " + GC_STATE]):
        result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        enabled, frozen = result.stdout.strip().splitlines()[-1].split()
        assert enabled == "True", args
        assert int(frozen) > 20_000, (args, frozen)  # Django, the settings and every app's models


def test_weasyprint_is_out_of_the_garbage_collectors_sight_once_imported():
    """What the first PDF's import of WeasyPrint loads lives as long as the process: frozen like Django's
    (edi_tracker/pdf.py), the collector still on for the PDF's own objects."""
    code = ("import gc, os, django\n"
            "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'edi_tracker.settings')\n"
            "django.setup()\n"
            "before = gc.get_freeze_count()\n"
            "from edi_tracker.pdf import weasyprint_html\n"
            "weasyprint_html()\n"
            "print(gc.isenabled(), gc.get_freeze_count() - before)\n")
    env = {**os.environ, "EDI_TESTING": "1", "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    enabled, frozen = result.stdout.strip().splitlines()[-1].split()
    assert enabled == "True"
    assert int(frozen) > 20_000, frozen  # WeasyPrint, tinycss2, cssselect2, pydyf, fontTools…


URLS = """
import json, os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "edi_tracker.settings")
import django

django.setup()
from django.urls import get_resolver, resolve

resolve("/accounts/login/")  # the URL configuration imported, as a worker's first request imports it
pages = ("plans.views", "plans.views_io", "plans.views_current", "reports.views", "networks.views", "workforce.views",
         "metrics.views", "api.admin_views", "sso.admin_views", "api.views")
early = sorted(name for name in pages if name in sys.modules)
from edi_tracker.lazy_views import loaded_view


def walk(resolver):
    for pattern in resolver.url_patterns:
        yield from walk(pattern) if hasattr(pattern, "url_patterns") else [pattern]


lazy = sorted({pattern.callback.lazy_view for pattern in walk(get_resolver()) if hasattr(pattern.callback, "lazy_view")})
missing = []
for dotted in lazy:
    try:
        assert callable(loaded_view(dotted))
    except ImportError:
        missing.append(dotted)
print(json.dumps([early, len(lazy), missing, sorted(name for name in pages if name not in sys.modules)]))
"""


def test_the_url_configuration_imports_no_page_views_until_they_are_called():
    """A request for one page imports that page's views only (edi_tracker.lazy_views): importing the URL
    configuration, which every worker's first request does, imports none of them. Every view it names
    exists (a name mistyped would otherwise be found only by its page's first request): loading each of
    them imports every views module."""
    env = {**os.environ, "EDI_TESTING": "1", "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", URLS], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    early, lazy, missing, never = json.loads(result.stdout.strip().splitlines()[-1])
    assert early == []
    assert lazy > 50 and missing == [] and never == []
