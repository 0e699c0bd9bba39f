"""Source badges: a reader sees who says each claim, checks the section, and follows it.

A badge is a link whose title gives the section; the shared popover (docs/assets/js/popover.js)
shows that section on hover, keyboard focus and tap, with a link on to the article's outline.
What is checked here is what a reader meets on a desktop (hover, keyboard) and a phone (tap).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

DIMENSION = "dimensions/math-vs-art/"
POPOVER = "article .hb-popover:not([hidden])"


def test_each_side_names_its_source_and_section(visit) -> None:
    visit.goto(DIMENSION)
    badges = visit.page.locator("#math-vs-art-sales a.cite")
    expect(badges.first).to_have_text("ExpandCart alone")
    badges.first.hover()
    popover = visit.page.locator(POPOVER)
    expect(popover).to_be_visible()
    expect(popover).to_contain_text(re.compile(r"Section: 2\. Math vs\. Art"))
    disputed = visit.page.locator("#math-vs-art-sales a.cite-disputed")
    expect(disputed).to_have_text("disputed")
    box = badges.first.bounding_box()
    assert box is not None and box["height"] > 8  # a visible badge, not a hidden anchor


def test_a_badge_leads_to_the_section_in_the_articles_outline(visit) -> None:
    visit.goto(DIMENSION)
    visit.page.locator("#math-vs-art-sales a.cite").first.click()
    expect(visit.page).to_have_url(re.compile(r"/sources/#expandcart-2-math-vs-art$"))
    target = visit.page.locator("#expandcart-2-math-vs-art")
    expect(target).to_have_count(1)
    item = visit.page.locator("li", has=target)
    expect(item).to_contain_text("2. Math vs. Art")
    expect(item.locator("a", has_text="Math vs. art")).to_have_count(1)  # back to the page


def test_keyboard_reaches_a_badge_and_the_disputed_link_opens_the_debate(visit) -> None:
    visit.goto(DIMENSION)
    disputed = visit.page.locator("#math-vs-art-sales a.cite-disputed")
    disputed.focus()
    expect(disputed).to_be_focused()
    expect(visit.page.locator(POPOVER)).to_contain_text("Disputed")
    visit.page.keyboard.press("Enter")
    expect(visit.page).to_have_url(re.compile(r"/debates/#who-does-the-numbers$"))


def test_a_claim_has_its_own_address(visit) -> None:
    visit.goto(DIMENSION + "#math-vs-art-marketing")
    claim = visit.page.locator("#math-vs-art-marketing")
    expect(claim).to_be_attached()
    link = claim.locator("a.cite-self")
    expect(link).to_have_attribute("href", "#math-vs-art-marketing")


def test_badges_wrap_on_a_phone(phone) -> None:
    phone.goto("compare/")
    width = phone.page.evaluate("document.documentElement.clientWidth")
    badge = phone.page.locator("a.cite").first
    expect(badge).to_be_visible()
    box = badge.bounding_box()
    assert box is not None and box["width"] < width
    url = phone.page.url
    badge.tap()  # the first tap shows the section in place...
    popover = phone.page.locator(POPOVER)
    expect(popover).to_contain_text(re.compile("section", re.I))
    assert phone.page.url == url
    popover.get_by_role("link").tap()  # ...and its link opens the article's outline
    expect(phone.page).to_have_url(re.compile(r"/sources/#"))
