"""Real Chromium (Debian's, through Playwright's `executable_path`) against a live server."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


# Runs in every page before its own scripts: a CSP violation is also reported as a console error
# with its directive and source, so it names what was blocked even where Chromium's message does not.
_REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
    console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"} `
                  + `at ${event.sourceFile || document.location.href}:${event.lineNumber}`
                  + (event.sample ? ` (${event.sample})` : ""));
});
"""


# Chromium logs every response with an error status as "Failed to load resource". Two kinds are not
# faults of the page: the status of a page the test opens itself (a 404 page, a 403), which the test
# checks, and the statuses the product answers an htmx form with on purpose (invalid: 400, changed by
# someone else: 409). Anything else a page loads (CSS, scripts, images, charts, htmx) must load.
_FORM_ANSWER_STATUSES = {400, 409, 422}


class PageProblems:
    """Console errors, uncaught page errors and CSP violations seen in any page of a test."""

    def __init__(self):
        self._seen: list[tuple[str, str | None]] = []  # (problem, the resource a load failure names)
        self._answers_checked_elsewhere: set[str] = set()

    @property
    def problems(self) -> list[str]:
        return [problem for problem, resource in self._seen if resource is None or resource not in self._answers_checked_elsewhere]

    def watch_context(self, context) -> None:
        context.add_init_script(script=_REPORT_CSP_VIOLATIONS)
        for page in context.pages:
            self.watch_page(page)
        context.on("page", self.watch_page)

    def watch_page(self, page) -> None:
        def on_console(message):
            if message.type == "error":
                failed_load = message.text.startswith("Failed to load resource")
                self._seen.append((f"console error on {page.url}: {message.text} ({message.location.get('url')})",
                                   message.location.get("url") if failed_load else None))

        def on_response(response):
            request = response.request
            if request.is_navigation_request() or (
                response.status in _FORM_ANSWER_STATUSES and request.resource_type in {"xhr", "fetch"}
            ):
                self._answers_checked_elsewhere.add(response.url)

        page.on("console", on_console)
        page.on("response", on_response)
        page.on("pageerror", lambda error: self._seen.append((f"uncaught error on {page.url}: {error}", None)))


class WatchedBrowser:
    """The session's Chromium; every context it opens reports its pages' problems to the running test."""

    def __init__(self, browser):
        self._browser = browser
        self.watcher: PageProblems | None = None

    def new_context(self, **kwargs):
        context = self._browser.new_context(**kwargs)
        if self.watcher is not None:
            self.watcher.watch_context(context)
        return context

    def __getattr__(self, name):
        return getattr(self._browser, name)


@pytest.fixture(scope="session")
def chromium():
    executable = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    assert Path(executable).exists(), f"Chromium is needed at {executable}: run the suite with `make test`."
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield WatchedBrowser(browser)
        browser.close()


@pytest.fixture(autouse=True)
def page_problems(request):
    """Every browser test fails on any console error, uncaught JavaScript error or CSP violation in any
    page it opened, listed at teardown."""
    if "chromium" not in request.fixturenames:
        yield None
        return
    browser = request.getfixturevalue("chromium")
    watcher = browser.watcher = PageProblems()
    yield watcher
    browser.watcher = None
    assert not watcher.problems, "The browser reported problems:\n" + "\n".join(watcher.problems)


@pytest.fixture
def new_page(chromium, live_server):
    """new_page() -> a page in a fresh browser context (its own cookies), closed after the test. Pages
    run under the app's real Content Security Policy."""
    contexts = []

    def make():
        context = chromium.new_context(base_url=live_server.url, locale="en-GB")
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


def log_in(page, username: str, password: str = PASSWORD) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def assert_accessible(page) -> None:
    """Run axe-core on the page; fail on any WCAG 2.x A/AA violation (2.2 included)."""
    assert AXE.exists(), "axe-core is missing: `make test` installs it with npm ci."
    # Evaluated through the DevTools protocol, which the page's CSP does not govern (a <script> would be).
    page.evaluate("() => { " + AXE.read_text(encoding="utf-8") + "\n}")
    result = page.evaluate(
        """async () => await axe.run(document, {runOnly: {type: 'tag', values:
            ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa']}})"""
    )
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(n["target"][0] if isinstance(n["target"][0], str) else str(n["target"]) for n in v["nodes"][:5])
        for v in result["violations"]
    ]
    assert not violations, f"axe-core found WCAG violations on {page.url}:\n" + "\n".join(violations)


# Draws an <img> on a canvas and counts the pixels near each given colour (within 12 per channel).
_COUNT_COLOURS = """async (img, colours) => {
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
    const context = canvas.getContext('2d');
    context.drawImage(img, 0, 0);
    const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
    const counts = {width: img.naturalWidth};
    for (const [name, [r, g, b]] of Object.entries(colours)) {
        counts[name] = 0;
        for (let i = 0; i < data.length; i += 4) {
            if (Math.abs(data[i] - r) < 12 && Math.abs(data[i + 1] - g) < 12 && Math.abs(data[i + 2] - b) < 12) counts[name]++;
        }
    }
    return counts;
}"""


def count_colours(image, **colours: str) -> dict:
    """How many pixels of the chart image (a locator) are drawn in each colour, given as name="#rrggbb";
    also its natural width."""
    rgb = {name: [int(value[i:i + 2], 16) for i in (1, 3, 5)] for name, value in colours.items()}
    if image.evaluate("element => element.tagName.toLowerCase()") == "svg":
        # A chart inlined in the page: the pixels the page drew, from a screenshot of the element.
        import io

        from PIL import Image

        drawn = Image.open(io.BytesIO(image.screenshot())).convert("RGB")
        pixels = list(drawn.get_flattened_data())
        counts = {"width": drawn.width}
        for name, (r, g, b) in rgb.items():
            counts[name] = sum(1 for p in pixels if abs(p[0] - r) < 12 and abs(p[1] - g) < 12 and abs(p[2] - b) < 12)
        return counts
    return image.evaluate(_COUNT_COLOURS, rgb)
