"""Open a graph page in Debian's headless chromium through Playwright (tests, screenshots, benchmarks).

Playwright is a development dependency (`pip install -e '.[dev]'`); it drives the system's
/usr/bin/chromium, so nothing downloads a browser. The flags keep chromium off the network.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import UserInputError

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@dataclass
class PageSession:
    """An open page and what it did: every request it made and every error it raised."""

    page: object
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def wait_until_settled(self, timeout_ms: float = 30_000) -> None:
        """Wait for the network to be drawn and its layout to come to rest."""
        self.page.wait_for_function("window.vnpostGraph && window.vnpostGraph.settled === true", timeout=timeout_ms)


def chromium_path() -> str:
    path = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    if not path:
        raise UserInputError("chromium not found: apt-get install chromium (Debian's package)")
    return path


@contextlib.contextmanager
def launch_browser() -> Iterator[GraphBrowser]:
    """One headless chromium for many pages (Playwright allows one sync session per thread)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise UserInputError("Playwright is not installed: pip install -e '.[dev]'") from None
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
        try:
            yield GraphBrowser(browser)
        finally:
            browser.close()


class GraphBrowser:
    """A running chromium that opens graph pages, each in a fresh context."""

    def __init__(self, browser) -> None:
        self.browser = browser

    @contextlib.contextmanager
    def open(self, html: Path, width: int = 1400, height: int = 900, enforce_csp: bool = False
             ) -> Iterator[PageSession]:
        """Open an HTML file from file://; its requests and page errors are recorded.

        The page's Content-Security-Policy forbids eval, which Playwright's evaluate() uses; it is
        bypassed unless asked for, so that tests can look inside the page (the escaping is then all
        that stands between article text and the page, which is what the tests check)."""
        context = self.browser.new_context(viewport={"width": width, "height": height}, bypass_csp=not enforce_csp)
        try:
            page = context.new_page()
            session = PageSession(page)
            page.on("request", lambda request: session.requests.append(request.url))
            page.on("pageerror", lambda error: session.errors.append(str(error)))
            page.on("console", lambda message: session.errors.append(message.text)
                    if message.type == "error" else None)
            page.goto(Path(html).resolve().as_uri())
            yield session
        finally:
            context.close()


@contextlib.contextmanager
def open_graph_page(html: Path, width: int = 1400, height: int = 900, enforce_csp: bool = False
                    ) -> Iterator[PageSession]:
    """Launch chromium and open one page (see GraphBrowser.open)."""
    with launch_browser() as browser, browser.open(html, width, height, enforce_csp) as session:
        yield session
