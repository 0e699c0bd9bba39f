"""The site on a 390-pixel-wide phone: the drawer opens, wide tables scroll, nothing spills over."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

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


_TABLE_SCROLL = """table => {
    // The table itself or a wrapper inside the article: the first box that scrolls sideways.
    let box = table;
    while (box && !box.matches("article")) {
        const overflow = getComputedStyle(box).overflowX;
        if ((overflow === "auto" || overflow === "scroll") && box.scrollWidth > box.clientWidth)
            break;
        box = box.parentElement;
    }
    if (!box || box.matches("article")) return null;
    const rect = box.getBoundingClientRect();
    const before = table.querySelector("th:last-child").getBoundingClientRect().right;
    box.scrollLeft = box.scrollWidth;
    const after = table.querySelector("th:last-child").getBoundingClientRect().right;
    return {box: box.tagName + "." + box.className, scrollWidth: box.scrollWidth,
            clientWidth: box.clientWidth, left: rect.left, right: rect.right,
            lastColumnBefore: before, lastColumnAfter: after};
}"""


def test_wide_table_scrolls_instead_of_being_cut_off(phone) -> None:
    page = phone.page
    phone.goto("compare/")
    width = page.evaluate("innerWidth")
    assert width == 390
    table = page.locator("article table").first
    scroll = table.evaluate(_TABLE_SCROLL)
    assert scroll is not None, "the comparison table does not scroll sideways on a phone"
    assert scroll["scrollWidth"] > scroll["clientWidth"], scroll
    assert scroll["left"] >= 0 and scroll["right"] <= width, f"the scroll box is cut off: {scroll}"
    # The last column starts off-screen and can be scrolled fully into view.
    assert scroll["lastColumnBefore"] > width, scroll
    assert scroll["lastColumnAfter"] <= width, scroll
    overflow = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert overflow[0] <= overflow[1], f"the page itself scrolls sideways: {overflow}"


def test_no_page_kind_overflows_a_phone_screen(phone) -> None:
    wide = {}
    for kind, path in PAGE_KINDS.items():
        phone.goto(path)
        scroll_width, width = phone.page.evaluate(
            "[document.documentElement.scrollWidth, innerWidth]"
        )
        if scroll_width > width:
            wide[kind] = scroll_width
    assert not wide, f"pages wider than the 390-pixel screen: {wide}"


def test_diagrams_stay_readable_on_a_phone(phone) -> None:
    phone.goto("journey/")
    rows = diagram_texts(phone.page)
    assert rows
    small = [(row[0], round(row[3], 1)) for row in rows if row[3] < MIN_TEXT_PX]
    assert not small, f"diagram text drawn smaller than {MIN_TEXT_PX} px: {small}"
    overflow = phone.page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert overflow[0] <= overflow[1], f"the page itself scrolls sideways: {overflow}"
