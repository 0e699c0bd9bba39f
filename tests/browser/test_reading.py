"""What a reader does on a desktop: search, hover a term, read both sides, switch schemes, print."""

from __future__ import annotations

import re
import urllib.parse

import pytest
from playwright.sync_api import expect

from tests.browser import harness
from tests.browser.colours import (
    MIN_CONTRAST,
    MIN_TEXT_PX,
    contrast,
    diagram_texts,
    luminance,
    over,
    parse_color,
)

pytestmark = pytest.mark.browser

DIMENSION = "dimensions/math-vs-art/"
PALETTE_TOGGLE = "form[data-md-component=palette] label.md-header__button:not([hidden])"


# Search -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "path", "anchor"),
    [
        ("qualified lead", "glossary/", "qualified-lead-term"),  # a glossary term
        ("Math vs. art", DIMENSION, ""),  # a dimension's name
    ],
    ids=["glossary-term", "dimension-name"],
)
def test_search_finds_the_page(visit, query: str, path: str, anchor: str) -> None:
    visit.goto("")
    box = visit.page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query)
    wanted = urllib.parse.urlsplit(visit.url(path)).path
    # The index loads in a worker and results follow the typing: wait until one of the first
    # three results is the page (and its section) the query names.
    visit.page.wait_for_function(
        """([path, anchor]) => [...document.querySelectorAll(".md-search-result__item a")]
            .slice(0, 3).some(a => {
                const url = new URL(a.href);
                return url.pathname === path && url.hash === (anchor ? "#" + anchor : "");
            })""",
        arg=[wanted, anchor],
    )
    results = visit.page.locator(".md-search-result__item a")
    expect(results.first).to_be_visible()
    results.first.click()  # and the first result opens a real page
    expect(visit.page).to_have_url(re.compile(re.escape(wanted)))


# Glossary tooltips -------------------------------------------------------------------------------


def test_term_shows_its_definition_on_hover(visit) -> None:
    # The popover itself is tested in test_popover.py; here, what a desktop reader sees.
    visit.goto(DIMENSION)
    term = visit.page.locator("article abbr[data-popover]").first
    term.hover()
    popover = visit.page.locator("article .hb-popover:not([hidden])")
    expect(popover).to_be_visible()
    definition = term.get_attribute("data-popover-text")
    assert definition and len(definition) > 20
    expect(popover).to_contain_text(definition)


def test_terms_carry_their_definition_without_javascript(browser, site_url: str) -> None:
    context, traffic = harness.new_context(browser, site_url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(urllib.parse.urljoin(site_url, DIMENSION))
        titles = page.locator("article abbr").evaluate_all("els => els.map(e => e.title)")
        assert titles and all(len(title) > 20 for title in titles), titles
        assert not traffic.problems(), traffic.problems()
    finally:
        context.close()


# Both sides ------------------------------------------------------------------------------------


def test_both_sides_show_without_a_click(visit) -> None:
    visit.goto(DIMENSION)
    sales, marketing = visit.page.locator("article .hb-side").all()
    expect(sales).to_be_visible()
    expect(marketing).to_be_visible()
    expect(sales.locator("h2#sales")).to_have_text(re.compile(r"^Sales\b"))
    expect(marketing.locator("h2#marketing")).to_have_text(re.compile(r"^Marketing\b"))
    expect(visit.page.locator("article .tabbed-set")).to_have_count(0)
    assert visit.page.evaluate("location.hash") == ""


# Colour schemes and diagrams ---------------------------------------------------------------------


def _scheme(page) -> str:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


def test_dark_mode_toggle(visit) -> None:
    page = visit.page
    visit.goto("")
    assert _scheme(page) == "default"
    page.locator(PALETTE_TOGGLE).click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert luminance(parse_color(background)) < 0.05, background

    visit.goto("compare/")  # the choice is kept from page to page
    assert _scheme(page) == "slate"
    page.locator(PALETTE_TOGGLE).click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")


def test_diagrams_are_legible_in_both_schemes(visit) -> None:
    page = visit.page
    visit.goto("journey/")
    assert page.locator("figure.hb-diagram svg text").count() > 0
    for scheme in ("default", "slate"):
        if _scheme(page) != scheme:
            page.locator(PALETTE_TOGGLE).click()
            expect(page.locator("body")).to_have_attribute("data-md-color-scheme", scheme)
        rows = diagram_texts(page)
        poor = [row[:3] for row in rows if min(row[1:3]) < MIN_CONTRAST]
        assert not poor, f"{scheme}: text below {MIN_CONTRAST}:1 (label, page, shape): {poor}"
        small = [(row[0], round(row[3], 1)) for row in rows if row[3] < MIN_TEXT_PX]
        assert not small, f"diagram text drawn smaller than {MIN_TEXT_PX} px: {small}"


# Print -------------------------------------------------------------------------------------------

_PRINT_HIDDEN = (
    ".md-header",
    ".md-tabs",
    ".md-sidebar--primary",
    ".md-sidebar--secondary",
    ".md-footer",
    ".md-content__button",
    ".md-top",
    ".md-search",
)


@pytest.mark.parametrize("path", ["compare/", DIMENSION, "sources/"])
def test_pages_print_cleanly(visit, path: str) -> None:
    page = visit.page
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    visit.goto(path)
    # Links to other sites print with their address. No page has one yet (the sources carry no
    # addresses), so one is added to see how it prints.
    page.evaluate(
        """() => {
            const p = document.createElement("p");
            p.innerHTML = 'See <a id="hb-external" href="https://example.com/a/rather/long/'
                + 'address/that/must/wrap/on/paper/instead/of/overflowing">the article</a>.';
            document.querySelector("article").append(p);
        }"""
    )
    page.emulate_media(media="print")
    shown = page.evaluate(
        """selectors => selectors.filter(s => [...document.querySelectorAll(s)]
            .some(e => getComputedStyle(e).display !== "none"))""",
        list(_PRINT_HIDDEN),
    )
    assert not shown, f"visible in print: {shown}"
    expect(page.locator("article h1")).to_be_visible()

    external = page.evaluate(
        """() => [...document.querySelectorAll('article a[href^="http"]')]
            .filter(a => a.getClientRects().length)
            .map(a => [a.href, getComputedStyle(a, "::after").content])"""
    )
    assert external, "no external link to check"
    for href, after in external:
        assert href in after, (href, after)

    # Both sides of a dimension are on paper, and nothing runs off its right edge.
    for side in page.locator("article .hb-side").all():
        expect(side).to_be_visible()
    width = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert width[0] <= width[1], f"print layout overflows: {width}"


# Colour arithmetic -------------------------------------------------------------------------------


def test_contrast_arithmetic() -> None:
    white, black = parse_color("rgb(255, 255, 255)"), parse_color("rgb(0, 0, 0)")
    assert contrast(white, black) == pytest.approx(21)
    assert contrast(parse_color("rgb(118, 118, 118)"), white) == pytest.approx(4.54, abs=0.01)
    assert over(parse_color("rgba(0, 0, 0, 0.5)"), white)[:3] == (127.5, 127.5, 127.5)
