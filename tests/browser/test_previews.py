"""Page previews as a reader meets them: hover, focus and tap a link to another page and its
title shows beside the link; Escape closes it; glossary terms keep their definition."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser import harness

# The previews ride on the site's one popover (docs/assets/js/popover.js, from the reader issue,
# issue 12); until that script is part of the site there is nothing to show them with.
POPOVER_SCRIPT = harness.ROOT / "docs" / "assets" / "js" / "popover.js"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not POPOVER_SCRIPT.is_file(), reason="needs the shared popover (issue 12) in the site"
    ),
]

MATRIX = "compare/"
LINK = "article a.hb-preview-link[href*='dimensions/']"
POPOVER = ".hb-popover:not([hidden])"


def _title_of(page, link) -> str:
    """The target's title as its own page shows it (its h1), read from the built site."""
    href = link.get_attribute("href")
    return page.evaluate(
        """async href => {
            const doc = new DOMParser().parseFromString(
                await (await fetch(href)).text(), "text/html");
            return doc.querySelector("article h1").textContent.replace("¶", "").trim();
        }""",
        href,
    )


def _apart(page, link) -> None:
    """The preview never covers its link."""
    box = page.locator(POPOVER).bounding_box()
    rects = link.evaluate(
        "a => [...a.getClientRects()].map(r => ({x: r.x, y: r.y, w: r.width, h: r.height}))"
    )
    assert box is not None
    for r in rects:
        overlap_x = min(box["x"] + box["width"], r["x"] + r["w"]) - max(box["x"], r["x"])
        overlap_y = min(box["y"] + box["height"], r["y"] + r["h"]) - max(box["y"], r["y"])
        assert overlap_x <= 0 or overlap_y <= 0, f"the preview covers its link: {box} {rects}"


def test_hover_shows_the_target_title_and_escape_closes(visit) -> None:
    page = visit.page
    visit.goto(MATRIX)
    link = page.locator(LINK).first
    expect(link).to_have_attribute("data-popover", "hb-preview-1")
    title = _title_of(page, link)
    link.hover()
    popover = page.locator(POPOVER)
    expect(popover).to_be_visible()
    expect(popover.locator(".hb-preview__title")).to_have_text(title)
    # A dimension shows both sides, a line each.
    expect(popover.locator(".hb-preview__side")).to_have_count(2)
    expect(popover.locator(".hb-preview__side").first).to_contain_text("Sales:")
    _apart(page, link)
    page.keyboard.press("Escape")
    expect(page.locator(POPOVER)).to_have_count(0)


def test_focus_shows_the_preview(visit) -> None:
    page = visit.page
    visit.goto("journey/")
    link = page.locator("article a.hb-preview-link[href*='teams/']").first
    title = _title_of(page, link)
    link.focus()
    expect(page.locator(POPOVER)).to_be_visible()
    expect(page.locator(POPOVER).locator(".hb-preview__title")).to_have_text(title)
    _apart(page, link)
    page.keyboard.press("Escape")
    expect(page.locator(POPOVER)).to_have_count(0)
    expect(link).to_be_focused()


def test_the_first_tap_previews_and_its_link_follows(phone) -> None:
    page = phone.page
    phone.goto(MATRIX)
    link = page.locator(LINK).first
    title = _title_of(page, link)
    link.tap()
    popover = page.locator(POPOVER)
    expect(popover).to_be_visible()
    expect(popover.locator(".hb-preview__title")).to_have_text(title)
    expect(page).to_have_url(phone.url(MATRIX))  # the tap did not leave the page
    _apart(page, link)
    popover.locator("a").tap()
    expect(page.locator("article h1")).to_contain_text(title)


def test_glossary_terms_keep_their_definition(visit) -> None:
    page = visit.page
    visit.goto(MATRIX)
    term = page.locator("article a:has(abbr)").first
    expect(term).not_to_have_class("hb-preview-link")
    assert term.get_attribute("data-popover") is None


def test_previews_need_no_fetch_and_work_from_disk(browser, built_site: Path) -> None:
    data = (built_site / "data" / "previews.js").read_text("utf-8")
    assert data.startswith("// Generated") and "window.hbPreviews = {" in data
    preview = json.loads(data.split("window.hbPreviews = ", 1)[1].rstrip().rstrip(";"))
    assert preview["dimensions/goals/"]["sales"]
    page = browser.new_page()
    try:
        page.goto((built_site / "compare" / "index.html").as_uri())
        link = page.locator(LINK).first
        link.hover()
        expect(page.locator(POPOVER).locator(".hb-preview__title")).to_have_text(
            preview["dimensions/goals/"]["t"]
        )
    finally:
        page.close()


def test_every_page_link_of_a_page_gets_a_preview(visit, built_site: Path) -> None:
    """Links to other pages and entries all have one (unless they have a popover of their own);
    links within the page have none."""
    page = visit.page
    visit.goto("dimensions/goals/")
    # The previews' data comes after the page has loaded, and links are marked in slices.
    page.wait_for_selector("article[data-previews-ready]", state="attached")
    # Glossary mentions and source badges keep a popover of their own.
    missing = page.locator(
        "article a[href^='../']:not(.hb-preview-link):not([data-popover]):not(:has(abbr))"
    )
    assert missing.count() == 0, missing.evaluate_all("as => as.map(a => a.outerHTML)")
    assert page.locator("article a[href^='#'].hb-preview-link").count() == 0
    assert harness.site_pages(built_site)
