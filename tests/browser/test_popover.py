"""The popover (docs/assets/js/popover.js) on glossary terms, in both engines' sites: a tap, a
hover and keyboard focus show a term's definition in place; Escape or a tap elsewhere closes it."""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser import harness

pytestmark = pytest.mark.browser

DIMENSION = "dimensions/goals/"
POPOVER = "article .hb-popover:not([hidden])"
LINKED = "article a > abbr[data-popover]"


@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def site(request, built_site: Path) -> Iterator[str]:
    built = built_site if request.param == "mkdocs" else request.getfixturevalue("zensical_site")
    with harness.serve(built) as url:
        yield url


def _open(browser, base_url: str, phone: bool):
    options = {"viewport": harness.PHONE, "is_mobile": True, "has_touch": True} if phone else {}
    context, traffic = harness.new_context(browser, base_url, **options)
    page = context.new_page()
    page.goto(urllib.parse.urljoin(base_url, DIMENSION))
    return context, traffic, page


def _term(page, selector: str = LINKED):
    term = page.locator(selector).first
    key = term.get_attribute("data-popover-key")
    definition = page.evaluate("el => el.dataset.popoverText || el.title", term.element_handle())
    assert key and definition and len(definition) > 20
    return term, key, definition


def test_a_tap_shows_the_definition_in_place(browser, site: str) -> None:
    context, traffic, page = _open(browser, site, phone=True)
    try:
        term, key, definition = _term(page)
        url = page.url
        term.tap()
        popover = page.locator(POPOVER)
        expect(popover).to_be_visible()
        expect(popover).to_contain_text(definition)
        assert page.url == url, "the first tap left the page"
        # The whole popover is on the 360-pixel screen, and screen readers get the definition.
        box = popover.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= harness.PHONE["width"]
        expect(term).to_have_accessible_description(re.compile(re.escape(definition[:40])))
        expect(popover).to_have_attribute("role", "tooltip")

        page.keyboard.press("Escape")
        expect(popover).to_have_count(0)

        term.tap()
        expect(popover).to_be_visible()
        page.locator("article h1").tap()  # a tap elsewhere closes it
        expect(popover).to_have_count(0)
        assert page.url == url

        # The link in the popover leads to the term's glossary entry.
        term.tap()
        link = popover.locator("a.hb-popover__link")
        expect(link).to_have_text(re.compile(r"in the glossary$"))
        link.tap()
        expect(page).to_have_url(re.compile(rf"/glossary/(index\.html)?#{re.escape(key)}$"))
        assert not traffic.problems(), traffic.problems()
    finally:
        context.close()


def test_an_unlinked_mention_explains_itself_too(browser, site: str) -> None:
    # Only a term's first mention on a page is a link; the others open the same popover, whose
    # link is the first mention's.
    context, traffic, page = _open(browser, site, phone=True)
    try:
        linked = {a.get_attribute("data-popover-key") for a in page.locator(LINKED).all()}
        plain = [
            el
            for el in page.locator("article abbr[data-popover]").all()
            if el.evaluate("el => !el.closest('a')")
            and el.get_attribute("data-popover-key") in linked
        ]
        assert plain, "no second mention of a term on the page"
        term = plain[0]
        term.tap()
        popover = page.locator(POPOVER)
        expect(popover).to_be_visible()
        href = popover.locator("a").get_attribute("href") or ""
        assert href.endswith("#" + str(term.get_attribute("data-popover-key"))), href
        page.keyboard.press("Escape")
        expect(popover).to_have_count(0)
        # Not a link, yet it takes keyboard focus, and focus opens it.
        assert term.get_attribute("tabindex") == "0"
        term.evaluate("el => el.blur()")  # the tap left focus on it
        term.focus()
        expect(popover).to_be_visible()
        assert not traffic.problems(), traffic.problems()
    finally:
        context.close()


def test_hover_and_keyboard_focus_show_it(browser, site: str) -> None:
    context, traffic, page = _open(browser, site, phone=False)
    try:
        term, _, definition = _term(page)
        popover = page.locator(POPOVER)
        expect(popover).to_have_count(0)
        term.hover()
        expect(popover).to_be_visible()
        expect(popover).to_contain_text(definition)
        # One tooltip only: the theme's own is not shown, and the browser's title is moved aside.
        expect(page.locator(".md-tooltip2--active, .md-tooltip--active")).to_have_count(0)
        assert term.get_attribute("title") is None
        page.mouse.move(0, 0)
        expect(popover).to_have_count(0)

        # Keyboard: focus the term's link as Tab would, and Escape closes.
        link = term.locator("xpath=..")
        link.focus()
        expect(popover).to_be_visible()
        expect(popover).to_contain_text(definition)
        page.keyboard.press("Escape")
        expect(popover).to_have_count(0)
        # A click with the mouse still follows the link.
        link.click()
        expect(page).to_have_url(re.compile(r"/glossary/"))
        assert not traffic.problems(), traffic.problems()
    finally:
        context.close()


@pytest.mark.parametrize("path", [DIMENSION, "compare/", "glossary/"])
def test_no_accessibility_violations_on_a_phone_with_a_term_open(
    browser, site: str, axe_script: str, path: str
) -> None:
    from tests.browser import axe

    options = {"viewport": harness.PHONE, "is_mobile": True, "has_touch": True}
    context, traffic = harness.new_context(browser, site, **options)
    try:
        page = context.new_page()
        page.goto(urllib.parse.urljoin(site, path))
        # The glossary marks no term it defines itself; there a source badge opens the popover.
        terms = page.locator("article abbr[data-popover]")
        trigger = terms if terms.count() else page.locator("article a.cite[data-popover]")
        trigger.first.tap()
        expect(page.locator(POPOVER)).to_be_visible()
        serious = axe.blocking(axe.run_axe(page, axe_script))
        assert not serious, f"{path}:\n{axe.describe(serious)}"
        assert not traffic.problems(), traffic.problems()
    finally:
        context.close()
