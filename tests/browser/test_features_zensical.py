"""The three reader features of the explore issue in the Zensical build: the explorer filters,
a preview shows its target's title, and the self-check deals a seeded set and answers a pick.
(The MkDocs build's fuller tests are test_explorer.py, test_previews.py and test_quiz.py.)"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser import harness

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def page(browser, zensical_site: Path) -> Iterator[tuple[object, str]]:
    with harness.serve(zensical_site) as url:
        context, _ = harness.new_context(browser, url)
        try:
            yield context.new_page(), url
        finally:
            context.close()


def test_the_explorer_filters_the_matrix(page) -> None:
    tab, base = page
    tab.goto(urllib.parse.urljoin(base, "compare/"))
    tab.wait_for_selector("form.hb-explore[data-explore-ready]", state="attached")
    rows = "article tbody tr:not([hidden])"
    total = tab.locator("article tbody tr").count()
    tab.get_by_label("Show the dimensions that mention").press_sequentially("brand")
    expect(tab).to_have_url(re.compile(r"[?&]filter=brand"))
    shown = tab.locator(rows).evaluate_all("rs => rs.map(r => r.innerText.toLowerCase())")
    assert 0 < len(shown) < total and all("brand" in text for text in shown)


def test_a_preview_shows_its_targets_title(page) -> None:
    tab, base = page
    tab.goto(urllib.parse.urljoin(base, "compare/"))
    link = tab.locator("article a.hb-preview-link").first
    expect(link).to_be_attached()
    link.hover()
    popover = tab.locator(".hb-popover:not([hidden])")
    expect(popover.locator(".hb-preview__title")).to_have_text(link.inner_text().strip())


def test_the_self_check_deals_a_seeded_set_and_answers_a_pick(page) -> None:
    tab, base = page
    tab.goto(urllib.parse.urljoin(base, "quiz/?seed=42"))
    tab.wait_for_selector(".quiz[data-quiz-ready]", state="attached")
    shown = tab.locator(".quiz-question:not([hidden])")
    expect(shown).to_have_count(30)
    question = shown.first
    question.locator(".quiz-choice").first.click()
    expect(question.locator(".quiz-answer")).to_be_visible()
    expect(question.locator(".quiz-answer a").first).to_be_visible()
