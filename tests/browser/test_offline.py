"""The offline copy (``make offline``), unzipped and opened from file:// as a reader would: a link
lands on a page, search finds a term, a tap shows a definition, and nothing leaves the machine."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from generator import offline, paths, redirects
from tests.browser import harness
from tests.conftest import copy_project

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def unzipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline zip built from a clean copy of the project, unpacked; returns its folder."""
    base = tmp_path_factory.mktemp("offline")
    project = copy_project(base / "project")
    command = [
        sys.executable,
        "-m",
        "generator.offline",
        "--root",
        str(project),
        "--into",
        str(base),
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(base / paths.OFFLINE_ZIP) as archive:
        archive.extractall(base / "unzipped")
    return base / "unzipped" / offline.FOLDER


@pytest.fixture
def disk(browser, unzipped: Path) -> Iterator[tuple[object, list[str], list[str]]]:
    """A phone-sized touch page; yields it with the requests it made and its console errors."""
    context = browser.new_context(viewport=harness.PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(15_000)
    requests: list[str] = []
    errors: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        yield page, requests, errors
    finally:
        context.close()


def test_the_zip_holds_file_addresses_and_the_stand_in_worker(unzipped: Path) -> None:
    assert (unzipped / "index.html").is_file()
    assert (unzipped / "compare" / "index.html").is_file()
    assert (unzipped / "search" / "search_index.js").is_file()
    home = (unzipped / "index.html").read_text(encoding="utf-8")
    assert 'src="assets/js/iframe-worker.js"' in home
    assert "unpkg.com" not in home
    assert paths.OFFLINE_ZIP not in home  # no link to a zip the copy does not hold
    assert not list(unzipped.rglob("*.map"))
    # A former address would send a browser to a folder address the copy does not have.
    moved = [p for p in unzipped.rglob("*.html") if redirects.is_redirect(p.read_text("utf-8"))]
    assert not moved, moved


def test_the_copy_works_from_disk(disk, unzipped: Path) -> None:
    page, requests, errors = disk
    page.goto((unzipped / "index.html").as_uri())
    # A link lands on a page, not on a folder listing.
    page.locator("article a[href='compare/index.html']").first.click()
    assert page.url.endswith("/compare/index.html")
    expect(page.locator("article h1")).to_contain_text("Comparison matrix")

    # Search finds a term by an alias, through the stand-in worker.
    page.locator("label.md-header__button[for='__search']").click()
    box = page.locator("input.md-search__input")
    box.press_sequentially("buying process")
    hit = page.locator(
        ".md-search-result__item a[href*='glossary/index.html'][href*='#buying-journey']"
    )
    expect(hit.first).to_be_visible()
    hit.first.click()
    expect(page.locator("#buying-journey")).to_be_in_viewport()

    # A tap on a term shows its definition (the popover script), and the page stays.
    page.goto((unzipped / "dimensions" / "time-horizon.html").as_uri())
    term = page.locator("article a > abbr[data-popover]").first
    definition = page.evaluate("el => el.dataset.popoverText || el.title", term.element_handle())
    assert definition and len(definition) > 20
    term.tap()
    popover = page.locator("article .hb-popover:not([hidden])")
    expect(popover).to_be_visible()
    expect(popover).to_contain_text(definition)
    assert page.url.endswith("/dimensions/time-horizon.html")

    assert [url for url in requests if not url.startswith(("file:", "data:", "blob:"))] == []
    assert errors == []
