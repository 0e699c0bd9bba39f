"""Every page of the built site, loaded in Chromium: no errors, no other hosts, no broken links."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import paths
from tests.browser import harness

pytestmark = pytest.mark.browser


def test_crawl_covers_every_page(crawl: harness.Crawl, built_site: Path) -> None:
    assert len(crawl.pages) == len(harness.site_pages(built_site)) > 50
    not_ok = {report.path: report.status for report in crawl.pages.values() if report.status != 200}
    assert not not_ok, not_ok


def test_pages_load_without_console_errors(crawl: harness.Crawl) -> None:
    assert not crawl.traffic.console, "\n".join(crawl.traffic.console)


def test_pages_have_no_failed_requests(crawl: harness.Crawl) -> None:
    assert not crawl.traffic.failed, "\n".join(crawl.traffic.failed)


def test_no_request_leaves_the_loopback_server(crawl: harness.Crawl) -> None:
    assert not crawl.traffic.foreign, "\n".join(crawl.traffic.foreign)


def test_links_and_anchors_resolve(crawl: harness.Crawl) -> None:
    links = sum(len(report.links) for report in crawl.pages.values())
    assert links > 1000, "the crawl found suspiciously few links"
    # The home page's offline zip is added to site/ by `make site` after the build (the fixture
    # builds with MkDocs alone); tests/browser/test_offline.py builds and opens the zip itself.
    problems = [p for p in harness.broken_links(crawl) if paths.OFFLINE_ZIP not in p]
    assert not problems, f"{len(problems)} broken links:\n" + "\n".join(problems[:50])


# The suite checked against a site broken on purpose: the checks above must see the damage.

BROKEN = """
<p id="sabotage">
  <a href="../dimensions/no-such-dimension/">a page that does not exist</a>
  <a href="../compare/#no-such-theme">an anchor that does not exist</a>
  <a href="#no-such-term">an anchor missing on this page</a>
  <a href="../compare/#purpose-and-goals">a good link</a>
  <a href="https://example.com/elsewhere">another site (not followed)</a>
  <img alt="" src="https://example.com/tracker.gif">
  <img alt="" src="../assets/missing.png">
</p>
<script>console.error("sabotaged page")</script>
"""


def test_checks_catch_a_broken_site(browser, built_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    glossary = site / "glossary" / "index.html"
    html = glossary.read_text(encoding="utf-8")
    glossary.write_text(html.replace("</article>", BROKEN + "</article>", 1), encoding="utf-8")

    with harness.serve(site) as base_url:
        result = harness.crawl(browser, base_url, ["glossary/"])
        problems = harness.broken_links(result)

    assert len(problems) == 3, problems
    assert any("no-such-dimension/" in p and "HTTP 404" in p for p in problems), problems
    prefix = harness.site_prefix()
    assert any(f"'no-such-theme' on {prefix}compare/" in p for p in problems), problems
    assert any(f"'no-such-term' on {prefix}glossary/" in p for p in problems), problems
    assert result.traffic.foreign == ["https://example.com/tracker.gif"]
    assert any("missing.png" in item and "404" in item for item in result.traffic.failed)
    assert any("sabotaged page" in item for item in result.traffic.console)
