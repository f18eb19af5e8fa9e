"""Browser tests: Debian's Chromium driven by Playwright, axe-core run on every page.

Every navigation in a browser test goes through ``Browser.visit`` or is followed by
``Browser.check_page``, which runs axe-core and fails on any violation.
"""

import json
import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def skip_browser_tests_without_chromium(items):
    """Without Chromium, every test that uses the browser is skipped, and says why."""
    if Path(CHROMIUM).exists():
        return
    reason = f"Chromium not found at {CHROMIUM}: browser tests skipped (apt-get install chromium)"
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def playwright_browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


class Browser:
    """A page plus the checks every page must pass."""

    def __init__(self, page, base_url):
        self.page = page
        self.base_url = base_url
        self.csp_violations = []
        self.checked_urls = []
        page.on("console", self._on_console)

    def _on_console(self, msg):
        if "Content Security Policy" in msg.text:
            self.csp_violations.append(msg.text)

    def visit(self, path):
        self.page.goto(self.base_url + path)
        self.check_page()
        return self.page

    def check_page(self):
        """Run axe-core on the current page; any violation fails the test."""
        page = self.page
        page.wait_for_load_state("load")
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.evaluate(AXE_JS.read_text(encoding="utf-8"))
        result = page.evaluate(
            "async () => (await axe.run(document, {runOnly: {type: 'tag', values: "
            "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})).violations"
            ".map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))}))"
        )
        assert result == [], f"axe violations on {page.url}:\n{json.dumps(result, indent=2)}"
        assert self.csp_violations == [], f"CSP violations on {page.url}: {self.csp_violations}"
        self.checked_urls.append(page.url)


@pytest.fixture
def browser(playwright_browser, live_server, settings):
    settings.DEBUG = False
    context = playwright_browser.new_context(
        locale="de-DE", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(int(os.environ.get("KFA_BROWSER_TIMEOUT_MS", "10000")))
    page = context.new_page()
    yield Browser(page, live_server.url)
    context.close()
