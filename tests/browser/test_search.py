"""Search knows the glossary: a term's name, alias or plural lists its entry among the first
three results (the theme's lunr search, typed into the search box as a reader would)."""

from __future__ import annotations

import urllib.parse

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

QUERIES = [
    ("buying process", "buying-journey"),  # multi-word aliases
    ("purchase process", "buying-journey"),
    ("initial contact", "approach-stage"),
    ("closing techniques", "closing-term"),
    ("return on investment", "roi-term"),
    ("vice president of sales", "vp-of-sales"),
    ("branding", "brand"),  # one-word aliases
    ("cross-sell", "cross-selling"),
    ("TCO", "total-cost-of-ownership"),
    ("white paper", "whitepaper"),
    ("leads", "lead"),  # plurals
    ("prospects", "prospect"),
    ("demographic studies", "demographic-study"),
    ("sales reps", "sales-representative-term"),
    ("Upselling", "upselling"),  # a name
    ("plumb line", "plumb-line"),
]


@pytest.mark.parametrize(("query", "term"), QUERIES, ids=[q for q, _ in QUERIES])
def test_a_term_is_found_by_any_of_its_names(visit, query: str, term: str) -> None:
    visit.goto("journey/")
    box = visit.page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query)
    glossary = urllib.parse.urlsplit(visit.url("glossary/")).path
    # Results follow the typing: wait until they settle on the query's last word, then read the
    # first three links.
    results = visit.page.locator(".md-search-result__item a")
    expect(results.first).to_be_visible()
    visit.page.wait_for_function(
        """([path, anchor]) => [...document.querySelectorAll(".md-search-result__item a")]
            .slice(0, 3).some(a => {
                const url = new URL(a.href);
                return url.pathname === path && url.hash === "#" + anchor;
            })""",
        arg=[glossary, term],
        timeout=5_000,
    )
