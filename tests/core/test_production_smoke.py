"""The production shape, as the Dockerfile builds it and gunicorn serves it: static files collected with
the manifest storage, `check --deploy` clean, and DEBUG off behind gunicorn on loopback, where the
sign-in page, a page of each app and every static asset they use answer 200 with the right type.

HTTPS: the smoke run keeps the production switches on (SECURE_SSL_REDIRECT, secure cookies, HSTS) and
runs as the README's deployment does, behind a proxy (BEHIND_PROXY=true) that sends
`X-Forwarded-Proto: https`; the client here is that proxy.

The 500 page is checked the same way, with gunicorn pointed at a PostgreSQL port where nothing listens.
"""

import http.client
import os
import re
import socket
import subprocess
import sys
import time
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from edi_tracker.models import Role
from plans import services as plan_services
from tests.conftest import PASSWORD
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")

CONTENT_TYPES = {
    ".css": {"text/css"},
    ".js": {"text/javascript", "application/javascript"},
    ".mjs": {"text/javascript", "application/javascript"},
    ".svg": {"image/svg+xml"},
    ".png": {"image/png"},
    ".ico": {"image/x-icon", "image/vnd.microsoft.icon"},
}


def database_url(settings_dict=None) -> str:
    db = settings_dict or connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def production_env(static_root: Path, database: str) -> dict:
    """The environment of the Docker image at run time: no DEBUG, no test switches."""
    return {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        "LANG": "C.UTF-8",
        "SECRET_KEY": "a-long-random-production-secret-key-for-the-smoke-test-0123456789abcdef",
        "PSEUDONYM_KEY": "another-long-random-key-for-the-smoke-test",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database,
        "STATIC_ROOT": str(static_root),
        "MEDIA_ROOT": str(static_root.parent / "media"),
        "BEHIND_PROXY": "true",
        "DEBUG": "false",
    }


def manage(*args, env) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    """The static files built as the Dockerfile builds them (placeholder keys, the production storage)."""
    root = tmp_path_factory.mktemp("production") / "staticfiles"
    env = {"PATH": os.environ["PATH"], "SECRET_KEY": "build", "PSEUDONYM_KEY": "build", "STATIC_ROOT": str(root)}
    result = manage("collectstatic", "--no-input", "-v0", env=env)
    assert result.returncode == 0, "collectstatic failed as the Dockerfile runs it:\n" + result.stdout + result.stderr
    assert (root / "staticfiles.json").exists(), "collectstatic wrote no manifest: is the manifest storage on?"
    return root


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    """gunicorn serving the app on 127.0.0.1; stopped when the block ends, its output shown on failure."""

    def __init__(self, env: dict, log: Path):
        self.env, self.log, self.port = env, log, free_port()

    def __enter__(self):
        self.log_file = self.log.open("wb")
        self.process = subprocess.Popen(
            [str(GUNICORN), "edi_tracker.wsgi:application", "--bind", f"127.0.0.1:{self.port}", "--workers", "1",
             "--timeout", "60", "--access-logfile", "-", "--error-logfile", "-"],
            cwd=ROOT, env=self.env, stdout=self.log_file, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"gunicorn stopped at start:\n{self.output()}"
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return self
            except OSError:
                time.sleep(0.2)
        raise AssertionError(f"gunicorn did not listen within 60 s:\n{self.output()}")

    def __exit__(self, exc_type, exc, tb):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log_file.close()
        if exc_type is not None:
            print(f"gunicorn's output:\n{self.output()}")
        return False

    def output(self) -> str:
        self.log_file.flush()
        return self.log.read_text(errors="replace")


class Browser:
    """Requests as the HTTPS proxy passes them on: keeps cookies (secure ones included) and the CSRF token."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: dict | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"https://127.0.0.1{path}"
            headers["Origin"] = "https://127.0.0.1"
        conn.request(method, path, body=data, headers=headers)
        response = conn.getresponse()
        content = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        conn.close()
        return response, content

    def get(self, path: str, *, follow: int = 3):
        response, content = self.request("GET", path)
        while follow and response.status in (301, 302) and urlsplit(response.headers["Location"]).netloc in ("", "127.0.0.1"):
            path = urlsplit(urljoin(path, response.headers["Location"])).path
            response, content = self.request("GET", path)
            follow -= 1
        return response, content


class Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("href", "src"):
            if tag in ("link", "script", "img") and (attrs.get(name) or "").startswith("/static/"):
                self.urls.add(attrs[name])


def assets_of(html: str) -> set[str]:
    parser = Assets()
    parser.feed(html)
    return parser.urls


def referenced_by(path: str, text: str) -> set[str]:
    """What a stylesheet or a module imports: url(...) and `import ... from "..."`."""
    found = set(re.findall(r"url\(\s*['\"]?([^'\")]+)", text)) | set(re.findall(r"""(?:from|import)\s*["']([^"']+)["']""", text))
    return {urljoin(path, ref) for ref in found if not ref.startswith(("data:", "http:", "https:", "#"))}


@pytest.fixture
def world(transactional_db):
    """An organisation with a plan and an action, and its admin, whose password the production hasher
    can check (the suite's own hasher is MD5, which production settings do not know)."""
    org = OrganisationFactory(slug="smoke-council", name="Smoke Borough Council")
    admin = UserFactory(username="smoke-admin")
    hasher = PBKDF2PasswordHasher()
    admin.password = hasher.encode(PASSWORD, hasher.salt())
    admin.save()
    MembershipFactory(user=admin, organisation=org, role=Role.ADMIN)
    plan = plan_services.plan_create(organisation=org, actor=admin, title="Smoke plan", status="active")
    action = plan_services.action_create(plan=plan, actor=admin, reference="S1", title="Smoke action")
    return {"org": org, "admin": admin, "plan": plan, "action": action}


def test_collectstatic_and_check_deploy_pass_under_production_settings(static_root, transactional_db):
    env = production_env(static_root, database_url())
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout, result.stdout + result.stderr
    # Every file the app's CSS points at is shipped (the manifest storage refuses the build otherwise).
    manifest = (static_root / "staticfiles.json").read_text()
    for name in ("css/app.css", "images/favicon.svg", "js/htmx.min.js", "js/init.mjs", "govuk/govuk-frontend.min.js"):
        assert f'"{name}"' in manifest, name


def test_gunicorn_with_debug_off_serves_every_app_and_its_static_files(static_root, world, tmp_path):
    org, plan, action = world["org"], world["plan"], world["action"]
    with Gunicorn(production_env(static_root, database_url()), tmp_path / "gunicorn.log") as server:
        browser = Browser(server.port)

        # Plain HTTP is sent to HTTPS; HTTPS pages carry HSTS.
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
        conn.request("GET", "/accounts/login/", headers={"Host": "127.0.0.1"})
        plain = conn.getresponse()
        plain.read()
        conn.close()
        assert plain.status == 301 and plain.headers["Location"].startswith("https://"), plain.status

        response, content = browser.get("/accounts/login/")
        assert response.status == 200, server.output()
        assert "max-age=" in response.headers["Strict-Transport-Security"]
        page = content.decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        response, _ = browser.request("POST", "/accounts/login/", {
            "csrfmiddlewaretoken": token, "username": "smoke-admin", "password": PASSWORD,
        })
        assert response.status == 302, f"signing in answered {response.status}:\n{server.output()}"
        assert "sessionid" in browser.cookies

        pages = [
            f"/o/{org.slug}/",
            f"/o/{org.slug}/plans/{plan.pk}/",
            f"/o/{org.slug}/actions/{action.pk}/",
            f"/o/{org.slug}/workforce/",
            f"/o/{org.slug}/metrics/",
            f"/o/{org.slug}/reports/",
            f"/o/{org.slug}/members/",
        ]
        assets = assets_of(page)
        for path in pages:
            response, content = browser.get(path)
            assert response.status == 200, f"{path} answered {response.status}:\n{server.output()}"
            assert response.headers["Content-Type"].startswith("text/html"), path
            html = content.decode()
            assert "Smoke Borough Council" in html, path
            assets |= assets_of(html)

        assert {a for a in assets if "/css/" in a} and {a for a in assets if a.endswith(".js")}, assets
        checked: set[str] = set()
        while assets - checked:
            asset = sorted(assets - checked)[0]
            checked.add(asset)
            response, content = browser.get(asset, follow=0)
            assert response.status == 200, f"{asset} answered {response.status}:\n{server.output()}"
            suffix = Path(urlsplit(asset).path).suffix
            content_type = response.headers["Content-Type"].split(";")[0].strip()
            assert content_type in CONTENT_TYPES[suffix], f"{asset} is sent as {content_type}"
            if suffix in (".css", ".mjs"):
                assets |= referenced_by(asset, content.decode())
        # The pages use the hashed names of the manifest, which are cached for ever.
        assert any(re.search(r"/app\.[0-9a-f]{12}\.css$", a) for a in checked), checked
        print("production smoke test: fetched", len(pages) + 1, "pages and", len(checked), "static files:",
              ", ".join(sorted(checked)))


def test_the_500_page_renders_without_the_database(static_root, tmp_path):
    """PostgreSQL unreachable: a signed-in user (a session cookie, which is looked up in the database)
    gets the product's own 500 page, not a bare "Internal Server Error"."""
    closed = {**connection.settings_dict, "HOST": "127.0.0.1", "PORT": free_port()}
    with Gunicorn(production_env(static_root, database_url(closed)), tmp_path / "gunicorn.log") as server:
        browser = Browser(server.port)
        browser.cookies["sessionid"] = "a" * 32
        for path in ("/", "/o/smoke-council/"):
            response, content = browser.get(path, follow=0)
            html = content.decode()
            assert response.status == 500, f"{path} answered {response.status}:\n{server.output()}"
            assert "<title>Sorry, there is a problem with the service – EDI Tracker</title>" in html, html[:500]
            assert "Sorry, there is a problem with the service" in html
            assert "/static/css/app." in html  # styled, from the manifest
