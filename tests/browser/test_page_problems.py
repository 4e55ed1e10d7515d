"""The browser tests' own guard (conftest.page_problems): a console error, an uncaught error or a CSP
violation in a page is caught, so that every browser test fails on them."""

from .conftest import PageProblems, log_in


def test_a_blocked_inline_style_an_uncaught_error_and_a_missing_file_are_all_reported(chromium, live_server, admin_member):
    watcher = PageProblems()
    # Outside the test's own watcher (that one would fail this test): a context watched by this one.
    context = chromium._browser.new_context(base_url=live_server.url, locale="en-GB")
    watcher.watch_context(context)
    try:
        page = context.new_page()
        log_in(page, admin_member.username)
        assert watcher.problems == []
        page.evaluate("""() => {
            document.querySelector("main").insertAdjacentHTML("beforeend", '<p style="color: red">Inline</p>');
            const img = document.createElement("img");
            img.src = "/static/images/no-such-image.svg";
            document.body.append(img);
            setTimeout(() => { throw new Error("thrown by the page"); }, 0);
        }""")
        page.wait_for_timeout(1000)
        problems = "\n".join(watcher.problems)
        assert "style-src" in problems, problems  # the CSP violation, as Chromium and the listener report it
        assert "404" in problems and "no-such-image.svg" in problems, problems
        assert "thrown by the page" in problems, problems
    finally:
        context.close()
