"""A newcomer's way in: the home page, the reading path, the contributor link and the 404 page."""

from __future__ import annotations

import re
import urllib.parse

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

READING_PATH = [
    "",
    "definitions/",
    "compare/",
    "map/",
    "journey/",
    "teams/",
    "four-ps/",
    "leads/",
    "strategies/",
    "strategies/marketing-strategies/",
    "strategies/pros-and-cons/",
    "alignment/",
    "debates/",
    "glossary/",
    "sources/",
    "quiz/",
]
"""generator/nav.py's order, as addresses under the site root."""


def _here(visit) -> str:
    path = urllib.parse.urlsplit(visit.page.url).path
    return path[len(urllib.parse.urlsplit(visit.base_url).path) :]


def test_home_page_opens_with_the_overview_and_a_single_title(visit) -> None:
    visit.goto("")
    assert visit.page.title() == "Sales vs Marketing handbook"
    headings = [h.rstrip("¶").strip() for h in visit.page.locator("article h2").all_inner_texts()]
    assert headings[:4] == [
        "What each side is",
        "Where the articles agree",
        "Where they disagree",
        "Who the handbook is for",
    ]
    overview = " ".join(visit.page.locator("article p").all_inner_texts()[:8])
    assert 400 <= len(overview.split()) <= 800
    expect(visit.page.locator("article a[href$='.zip']")).to_have_count(1)


def test_next_walks_the_reading_path_and_previous_walks_it_back(visit) -> None:
    visit.goto("")
    seen = [_here(visit)]
    for _ in READING_PATH[1:]:
        visit.page.locator("a.md-footer__link--next").click()
        visit.page.wait_for_load_state()
        seen.append(_here(visit))
    assert seen == READING_PATH
    expect(visit.page.locator("a.md-footer__link--next")).to_have_count(0)
    visit.page.locator("a.md-footer__link--prev").click()
    expect(visit.page).to_have_url(re.compile(re.escape(visit.url(READING_PATH[-2])) + "$"))


def test_dimension_pages_are_reached_from_the_matrix_not_the_menu(visit) -> None:
    visit.goto("compare/")
    menu = visit.page.locator("nav.md-nav--primary a[href*='dimensions/']")
    expect(menu).to_have_count(0)
    first = visit.page.locator("article a[href*='dimensions/']").first
    name = first.inner_text()
    first.click()
    assert _here(visit).startswith("dimensions/")
    expect(visit.page.locator("article h1")).to_contain_text(name.split(" vs")[0][:10])
    # No previous/next of its own: the page links back to the matrix instead.
    expect(visit.page.locator(".md-footer__link")).to_have_count(0)
    expect(visit.page.locator("article a[href*='compare/']").first).to_be_visible()


def test_contributor_guide_is_in_the_footer_not_the_menu(visit) -> None:
    visit.goto("glossary/")
    expect(visit.page.locator("nav.md-nav--primary a[href*='contributing']")).to_have_count(0)
    visit.page.locator("footer a.handbook-contribute").click()
    assert _here(visit) == "contributing/"
    expect(visit.page.locator("article h1")).to_contain_text("How to contribute")


def test_not_found_page_offers_search_the_way_in_and_the_sections(visit) -> None:
    visit.goto("404.html")
    expect(visit.page.locator("article h1")).to_have_text("Page not found")
    links = visit.page.locator("article ul a")
    labels = links.all_inner_texts()
    assert labels[0] == "Overview" and "Comparison" in labels and "Sources" in labels
    targets = [
        urllib.parse.urljoin(visit.page.url, h)
        for h in links.evaluate_all("els => els.map(a => a.getAttribute('href'))")
    ]
    for target in targets:  # each section link opens a page
        response = visit.page.request.get(target)
        assert response.ok, target
    links.nth(labels.index("Glossary")).click()
    assert _here(visit) == "glossary/"

    visit.goto("404.html")
    visit.page.locator("#handbook-404-query").fill("buying process")
    visit.page.locator("#handbook-404-query").press("Enter")
    # The theme's search opens on the home page with the words typed.
    expect(visit.page.locator("input.md-search__input")).to_have_value("buying process")
    result = visit.page.locator(".md-search-result__item a[href*='#buying-journey']")
    expect(result.first).to_be_visible()
