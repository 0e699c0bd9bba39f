"""The three reader features of the explore issue in the Zensical build: the explorer filters,
a preview shows its target's title, and the self-check deals a seeded set and answers a pick;
search (Zensical's own) finds a glossary term by its names; and axe finds no serious issue.
(The MkDocs build's fuller tests are test_explorer.py, test_previews.py and test_quiz.py.)"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser import axe, harness, test_search

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


# Zensical draws its own search dialog (in a shadow root, from its search.json); the handbook's
# search box override must leave it alone (it once replaced it, and search did nothing). The
# queries are the MkDocs search test's (test_search.py).
ZENSICAL_RANKS_LEAD_LOW = pytest.mark.xfail(
    strict=True,
    reason="Zensical 0.0.73 has no search boost: 'leads' puts the Lead entry 7th, after pages "
    "with shorter titles holding the word",
)
SEARCHES = [
    pytest.param(q, t, id=q, marks=[ZENSICAL_RANKS_LEAD_LOW] if q == "leads" else [])
    for q, t in test_search.QUERIES
]


@pytest.mark.parametrize(("query", "term"), SEARCHES)
def test_search_lists_the_terms_glossary_entry(page, query: str, term: str) -> None:
    tab, base = page
    tab.goto(urllib.parse.urljoin(base, "journey/"))
    tab.locator(".md-search__button").click()
    dialog = tab.locator("dialog[aria-label='Search']")
    expect(dialog).to_be_visible()
    tab.keyboard.type(query)
    glossary = urllib.parse.urlsplit(urllib.parse.urljoin(base, "glossary/")).path
    results = dialog.locator("a")
    expect(results.first).to_be_visible()
    # Results follow the typing: wait until the entry is among the first three, or time out.
    first_three: list[tuple[str, str]] = []
    for _ in range(50):
        hrefs = results.evaluate_all("as => as.slice(0, 3).map(a => a.href)")
        urls = [urllib.parse.urlsplit(h) for h in hrefs]
        first_three = [(u.path, u.fragment) for u in urls]
        if (glossary, term) in first_three:
            break
        tab.wait_for_timeout(100)
    assert (glossary, term) in first_three, first_three


def test_no_serious_accessibility_violations_in_the_zensical_build(page, axe_script) -> None:
    """axe on one page of every kind, as Zensical draws it (its header and search differ)."""
    tab, base = page
    found = {}
    for kind, rel in harness.PAGE_KINDS.items():
        tab.goto(urllib.parse.urljoin(base, rel))
        serious = axe.blocking(axe.run_axe(tab, axe_script))
        if serious:
            found[kind] = axe.describe(serious)
    assert not found, found
