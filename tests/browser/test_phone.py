"""The site on a 360-pixel-wide phone: the drawer opens, tables read as cards, the sales process
runs top to bottom, nothing spills over."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser import harness
from tests.browser.colours import MIN_TEXT_PX, diagram_texts
from tests.browser.harness import PAGE_KINDS

pytestmark = pytest.mark.browser

_DRAWER_BUTTON = ".md-header label[for=__drawer]"
_TOP_LEVEL = ".md-nav--primary > .md-nav__list > .md-nav__item"
_TOP_LINKS = f"{_TOP_LEVEL} > a.md-nav__link, {_TOP_LEVEL} > .md-nav__container > a.md-nav__link"


def test_navigation_drawer_opens(phone) -> None:
    page = phone.page
    phone.goto("")
    link = page.locator(_TOP_LINKS).filter(has_text="Glossary")
    expect(link).to_have_count(1)
    expect(link).not_to_be_in_viewport()

    page.locator(_DRAWER_BUTTON).click()
    expect(page.locator("#__drawer")).to_be_checked()
    page.wait_for_function(  # the drawer has slid in completely
        "() => document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0"
    )
    expect(link).to_be_in_viewport()
    link.click()
    expect(page).to_have_url(phone.url("glossary/"))
    expect(page.locator("article h1")).to_contain_text("Glossary")
    expect(page.locator("#__drawer")).not_to_be_checked()


_CARDS = """table => [...table.querySelectorAll("tbody tr")].map(row => {
    const rect = row.getBoundingClientRect();
    return {left: rect.left, right: rect.right, top: rect.top,
            display: getComputedStyle(row).display,
            cells: [...row.cells].map(cell => ({
                label: getComputedStyle(cell, "::before").content,
                top: cell.getBoundingClientRect().top, text: cell.innerText}))};
})"""


def test_the_matrix_reads_as_cards(phone) -> None:
    page = phone.page
    phone.goto("compare/")
    width = page.evaluate("innerWidth")
    assert width == harness.PHONE["width"]
    table = page.locator("article table").first
    cards = table.evaluate(_CARDS)
    assert len(cards) >= 3
    tops = [card["top"] for card in cards]
    assert tops == sorted(tops) and len(set(tops)) == len(tops), "rows are not stacked"
    for card in cards:
        assert card["display"] == "block", card
        assert card["left"] >= 0 and card["right"] <= width, f"a card is cut off: {card}"
        # The dimension, then Sales, then Marketing, one under the other, each side named.
        dimension, sales, marketing = card["cells"]
        assert dimension["label"] in {"none", "normal"}, card
        assert (sales["label"], marketing["label"]) == ('"Sales"', '"Marketing"'), card
        assert dimension["top"] < sales["top"] < marketing["top"], card
        assert len(sales["text"]) > 20 and len(marketing["text"]) > 20, card
    header = table.locator("thead")
    assert header.evaluate("el => el.getBoundingClientRect().width") <= 1  # for screen readers
    overflow = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert overflow[0] <= overflow[1], f"the page itself scrolls sideways: {overflow}"


def test_the_sales_process_runs_top_to_bottom(phone) -> None:
    phone.goto("journey/")
    svg = phone.page.locator("figure.hb-diagram svg.hb-diagram__narrow").nth(1)
    expect(svg).to_be_visible()
    expect(phone.page.locator("figure.hb-diagram svg.hb-diagram__wide").nth(1)).to_be_hidden()
    boxes = svg.locator("rect").evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.left, r.top]; })"
    )
    assert len(boxes) >= 6
    assert len({round(left) for left, _ in boxes}) == 1, boxes  # one column
    assert [top for _, top in boxes] == sorted(top for _, top in boxes), boxes


def test_no_page_kind_overflows_a_phone_screen(phone) -> None:
    wide = {}
    for kind, path in PAGE_KINDS.items():
        phone.goto(path)
        scroll_width, width = phone.page.evaluate(
            "[document.documentElement.scrollWidth, innerWidth]"
        )
        if scroll_width > width:
            wide[kind] = scroll_width
    assert not wide, f"pages wider than the 360-pixel screen: {wide}"


def test_diagrams_stay_readable_on_a_phone(phone) -> None:
    phone.goto("journey/")
    rows = diagram_texts(phone.page)
    assert rows
    small = [(row[0], round(row[3], 1)) for row in rows if row[3] < MIN_TEXT_PX]
    assert not small, f"diagram text drawn smaller than {MIN_TEXT_PX} px: {small}"
    overflow = phone.page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert overflow[0] <= overflow[1], f"the page itself scrolls sideways: {overflow}"
