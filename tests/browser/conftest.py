"""Fixtures for the browser tests: one Chromium and one loopback server per session.

Without a Chromium the browser tests are skipped with a notice; with ``CI=true`` they fail
instead, so a CI machine that lost its browser cannot pass silently.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.browser import harness

_missing: list[str] = []  # why the browser tests could not run, for the closing notice


def _unavailable(reason: str) -> None:
    if harness.in_ci():
        pytest.fail(f"{reason} (CI=true: the browser tests must run)", pytrace=False)
    if reason not in _missing:
        _missing.append(reason)
    pytest.skip(reason)


def pytest_terminal_summary(terminalreporter) -> None:
    for reason in _missing:
        terminalreporter.write_line(f"NOTICE: browser tests skipped: {reason}", yellow=True)


@pytest.fixture(scope="session")
def chromium() -> str:
    """The path of the Chromium to drive."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _unavailable("Playwright is not installed (pip install -r requirements-dev.txt)")
    path = harness.find_chromium()
    if path is None:
        _unavailable(
            "no Chromium found at $CHROMIUM or "
            + ", ".join(harness.CHROMIUM_CANDIDATES)
            + " (install Debian's chromium package)"
        )
    return path


@pytest.fixture(scope="session")
def browser(chromium: str) -> Iterator[object]:
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=10_000)  # a busy two-core machine can be slow to repaint
    with sync_playwright() as playwright:
        instance = harness.launch(playwright, chromium)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site's base URL on the loopback server, e.g. http://127.0.0.1:PORT/handbook/."""
    with harness.serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def crawl(browser, site_url: str, built_site: Path) -> harness.Crawl:
    """Every page of the built site loaded once, with its links, ids and traffic recorded."""
    return harness.crawl(browser, site_url, harness.site_pages(built_site))


@pytest.fixture(scope="session")
def axe_script() -> str:
    """The source of axe.min.js (pinned, verified, cached in tests/browser/vendor/)."""
    from tests.browser import axe

    try:
        return axe.axe_source()
    except axe.AxeUnavailable as exc:
        _unavailable(f"axe-core {axe.VERSION} is not cached and cannot be fetched: {exc}")
        raise


@dataclass
class Visit:
    """A fresh, watched browser context and one page in it."""

    context: object
    page: object
    traffic: harness.Traffic
    base_url: str

    def url(self, path: str) -> str:
        return urllib.parse.urljoin(self.base_url, path)

    def goto(self, path: str) -> object:
        response = self.page.goto(self.url(path))
        assert response is not None and response.ok, f"/{path}: {response and response.status}"
        return response


def _visit(browser, site_url: str, **options) -> Iterator[Visit]:
    context, traffic = harness.new_context(browser, site_url, **options)
    try:
        yield Visit(context, context.new_page(), traffic, site_url)
        # Whatever a test did, it must not have caused errors or requests to other hosts.
        assert not traffic.problems(), "\n".join(traffic.problems())
    finally:
        context.close()


@pytest.fixture
def visit(browser, site_url: str) -> Iterator[Visit]:
    """A desktop-sized page in the light scheme."""
    yield from _visit(browser, site_url)


@pytest.fixture
def phone(browser, site_url: str) -> Iterator[Visit]:
    """A 360-pixel-wide touch screen."""
    yield from _visit(browser, site_url, viewport=harness.PHONE, is_mobile=True, has_touch=True)
