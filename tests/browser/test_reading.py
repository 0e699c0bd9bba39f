"""What a reader does on a desktop: search, hover a term, switch tabs and schemes, print."""

from __future__ import annotations

import re
import urllib.parse

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

DIMENSION = "dimensions/math-vs-art/"
PALETTE_TOGGLE = "form[data-md-component=palette] label.md-header__button:not([hidden])"
MIN_CONTRAST = 4.5


# Search -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "path", "anchor"),
    [
        ("qualified lead", "glossary/", "qualified-lead"),  # a glossary term
        ("Math vs. art", DIMENSION, ""),  # a dimension's name
    ],
    ids=["glossary-term", "dimension-name"],
)
def test_search_finds_the_page(visit, query: str, path: str, anchor: str) -> None:
    visit.goto("")
    box = visit.page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query)
    results = visit.page.locator(".md-search-result__item a")
    # The index loads in a worker; wait until the results are for this query.
    expect(visit.page.locator(".md-search-result__meta")).to_contain_text("matching document")
    expect(results.first).to_be_visible()
    hrefs = results.evaluate_all("links => links.slice(0, 3).map(a => a.href)")
    wanted = urllib.parse.urlsplit(visit.url(path)).path
    found = [urllib.parse.urlsplit(href) for href in hrefs]
    assert any(f.path == wanted and f.fragment == anchor for f in found), (query, hrefs)

    results.first.click()  # and the result opens a real page
    expect(visit.page).to_have_url(re.compile(re.escape(wanted)))


# Glossary tooltips -------------------------------------------------------------------------------


def test_term_shows_its_definition_on_hover(visit) -> None:
    visit.goto(DIMENSION)
    term = visit.page.locator("article abbr[title]").first
    definition = term.get_attribute("title")
    assert definition and len(definition) > 20
    expect(visit.page.locator(".md-tooltip2--active")).to_have_count(0)

    term.hover()
    tooltip = visit.page.locator(".md-tooltip2--active .md-tooltip2__inner")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_have_text(definition)


def test_terms_carry_their_definition_without_javascript(browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(urllib.parse.urljoin(site_url, DIMENSION))
        titles = page.locator("article abbr").evaluate_all("els => els.map(e => e.title)")
        assert titles and all(len(title) > 20 for title in titles), titles
    finally:
        context.close()


# Content tabs ------------------------------------------------------------------------------------


def test_content_tabs_switch(visit) -> None:
    visit.goto(DIMENSION)
    tabs = visit.page.locator("article .tabbed-set").first
    sales, marketing = tabs.locator(".tabbed-block").all()
    expect(sales).to_be_visible()
    expect(marketing).to_be_hidden()

    tabs.locator(".tabbed-labels label", has_text="Marketing").click()
    expect(marketing).to_be_visible()
    expect(sales).to_be_hidden()
    expect(marketing).to_contain_text("Marketing")


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


# For every text in every diagram: its fill, the page background, and the fills of the shapes
# under it (shapes drawn before it whose box holds the text's centre), bottom first.
_DIAGRAM_COLOURS = """() => {
    const background = element => {
        for (let e = element; e; e = e.parentElement) {
            const colour = getComputedStyle(e).backgroundColor;
            if (colour !== "rgba(0, 0, 0, 0)" && colour !== "transparent") return colour;
        }
        return "rgb(255, 255, 255)";
    };
    const paint = e => {
        const style = getComputedStyle(e);
        return [style.fill, parseFloat(style.fillOpacity), parseFloat(style.opacity)];
    };
    return [...document.querySelectorAll("figure.hb-diagram svg")].flatMap(svg => {
        const shapes = [...svg.querySelectorAll("rect, polygon, circle, ellipse, path")];
        return [...svg.querySelectorAll("text")].map(text => {
            const box = text.getBoundingClientRect();
            const x = box.x + box.width / 2, y = box.y + box.height / 2;
            const under = shapes.filter(shape => {
                if (!(shape.compareDocumentPosition(text) & Node.DOCUMENT_POSITION_FOLLOWING))
                    return false;
                const r = shape.getBoundingClientRect();
                return r.left <= x && x <= r.right && r.top <= y && y <= r.bottom;
            });
            return {label: text.textContent, text: paint(text), page: background(svg),
                    under: under.map(paint)};
        });
    });
}"""


def _diagram_contrasts(page) -> list[tuple[str, float, float]]:
    """(label, contrast with the page, contrast with what is under it) for each diagram text."""
    rows = []
    for item in page.evaluate(_DIAGRAM_COLOURS):
        ground = parse_color(item["page"])
        page_ground = ground
        for fill, fill_opacity, opacity in item["under"]:
            if fill != "none":
                ground = over(parse_color(fill, fill_opacity * opacity), ground)
        colour, fill_opacity, opacity = item["text"]
        text = parse_color(colour, fill_opacity * opacity)
        rows.append(
            (
                item["label"],
                contrast(over(text, page_ground), page_ground),
                contrast(over(text, ground), ground),
            )
        )
    return rows


def test_diagrams_are_legible_in_both_schemes(visit) -> None:
    page = visit.page
    visit.goto("journey/")
    assert page.locator("figure.hb-diagram svg text").count() > 0
    for scheme in ("default", "slate"):
        if _scheme(page) != scheme:
            page.locator(PALETTE_TOGGLE).click()
            expect(page.locator("body")).to_have_attribute("data-md-color-scheme", scheme)
        rows = _diagram_contrasts(page)
        poor = [row for row in rows if min(row[1:]) < MIN_CONTRAST]
        assert not poor, f"{scheme}: text below {MIN_CONTRAST}:1 (label, page, shape): {poor}"


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
    # The link every page shows in print with its address; no page has one yet, so add one.
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

    # Both tabs of a tab set are on paper, and nothing runs off its right edge.
    blocks = page.locator("article .tabbed-block")
    for index in range(blocks.count()):
        expect(blocks.nth(index)).to_be_visible()
    width = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert width[0] <= width[1], f"print layout overflows: {width}"


# Colour arithmetic (WCAG 2.x) --------------------------------------------------------------------

Colour = tuple[float, float, float, float]


def parse_color(text: str, alpha: float = 1.0) -> Colour:
    """``rgb()``/``rgba()`` as computed by the browser, with an extra opacity folded in."""
    match = re.fullmatch(r"rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)", text)
    assert match, f"unexpected colour {text!r}"
    r, g, b, a = match.groups()
    return (float(r), float(g), float(b), (float(a) if a else 1.0) * alpha)


def over(top: Colour, bottom: Colour) -> Colour:
    """``top`` painted over an opaque ``bottom``."""
    a = top[3]
    return (*(top[i] * a + bottom[i] * (1 - a) for i in range(3)), 1.0)


def luminance(colour: Colour) -> float:
    def channel(value: float) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in colour[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: Colour, b: Colour) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_arithmetic() -> None:
    white, black = parse_color("rgb(255, 255, 255)"), parse_color("rgb(0, 0, 0)")
    assert contrast(white, black) == pytest.approx(21)
    assert contrast(parse_color("rgb(118, 118, 118)"), white) == pytest.approx(4.54, abs=0.01)
    assert over(parse_color("rgba(0, 0, 0, 0.5)"), white)[:3] == (127.5, 127.5, 127.5)
