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


@pytest.fixture(scope="session")
def chromium():
    executable = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    assert Path(executable).exists(), f"Chromium is needed at {executable}: run the suite with `make test`."
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(chromium, live_server):
    """new_page() -> a page in a fresh browser context (its own cookies), closed after the test."""
    contexts = []

    def make():
        # bypass_csp lets axe-core be injected; the app itself is tested under its real CSP elsewhere.
        context = chromium.new_context(base_url=live_server.url, locale="en-GB", bypass_csp=True)
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
    page.add_script_tag(path=str(AXE))
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
    return image.evaluate(_COUNT_COLOURS, rgb)
