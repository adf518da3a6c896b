"""Fixtures for the report tests: the corpus, the generated report, and a sealed Chromium page.

The browser is Debian's ``/usr/bin/chromium`` driven by Playwright (never a
downloaded browser); every request other than the report file itself is
aborted and recorded, so a test can assert that nothing left the page.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from report_helpers import AT, CHROMIUM, CHROMIUM_ARGS, report_corpus

import treatylogic as tl
from treatylogic.report import write_report


@pytest.fixture(scope="session")
def corpus() -> tl.Corpus:
    return report_corpus()


@pytest.fixture(scope="session")
def report(corpus: tl.Corpus, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_report(corpus, tmp_path_factory.mktemp("report") / "report.html", at=AT)


@dataclass
class SealedPage:
    """A Chromium page that may load only ``allowed``; everything else is aborted and noted."""

    page: object
    allowed: str
    requested: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # uncaught script errors on the page

    def open(self, url: str) -> None:
        self.allowed = url
        self.page.goto(url)  # type: ignore[attr-defined]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.fail("the browser tests need Debian's chromium at /usr/bin/chromium: "
                    "apt-get install -y chromium (.ci/run does this)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def sealed(browser) -> Iterator[SealedPage]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    sealed = SealedPage(page=None, allowed="")

    def guard(route) -> None:
        if route.request.url == sealed.allowed:
            route.continue_()
        else:
            sealed.blocked.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    sealed.page = context.new_page()
    sealed.page.on("request", lambda request: sealed.requested.append(request.url))
    sealed.page.on("pageerror", lambda error: sealed.errors.append(str(error)))
    yield sealed
    context.close()
