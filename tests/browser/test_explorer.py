"""The comparison explorer as a reader uses it: type a word, press a theme, tick a toggle, share
the address; on a phone the cards filter the same way; without JavaScript every row shows."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser import axe, harness

pytestmark = pytest.mark.browser

MATRIX = "compare/"
ROWS = "article tbody tr"
SHOWN = "article tbody tr:not([hidden])"


def _ready(page) -> None:
    page.wait_for_selector("form.hb-explore[data-explore-ready]", state="attached")


def _texts(page) -> list[str]:
    return page.locator(SHOWN).evaluate_all("rows => rows.map(r => r.innerText.toLowerCase())")


def test_a_typed_word_leaves_only_matching_rows_and_the_address_keeps_it(visit) -> None:
    page = visit.page
    visit.goto(MATRIX)
    _ready(page)
    total = page.locator(ROWS).count()
    assert total >= 25
    expect(page.locator(".hb-explore-count")).to_have_text(f"All {total} dimensions shown.")

    page.get_by_label("Show the dimensions that mention").press_sequentially("brand")
    shown = _texts(page)
    assert 0 < len(shown) < total
    assert all("brand" in text for text in shown)
    # Every row that says "brand" is still there.
    every = page.locator(ROWS).evaluate_all("rows => rows.map(r => r.innerText.toLowerCase())")
    assert len(shown) == sum("brand" in text for text in every)
    expect(page.locator(".hb-explore-count")).to_have_text(
        f"{len(shown)} of {total} dimensions shown."
    )
    expect(page).to_have_url(re.compile(r"\?filter=brand$"))

    page.reload()  # the address brings the same view back
    _ready(page)
    expect(page.get_by_label("Show the dimensions that mention")).to_have_value("brand")
    assert _texts(page) == shown

    page.get_by_label("Show the dimensions that mention").fill("")
    expect(page.locator(SHOWN)).to_have_count(total)
    expect(page).to_have_url(visit.url(MATRIX))


def test_theme_chips_and_toggles_filter_and_round_trip(visit) -> None:
    page = visit.page
    visit.goto(MATRIX)
    _ready(page)
    total = page.locator(ROWS).count()
    chip = page.locator(".hb-explore-chip").first
    theme = chip.get_attribute("data-theme")
    chip.click()
    expect(chip).to_have_attribute("aria-pressed", "true")
    in_theme = page.locator(f".hb-explore-row[data-theme='{theme}']").count()
    expect(page.locator(SHOWN)).to_have_count(in_theme)
    # Only that theme's heading is left.
    expect(page.locator(".hb-explore-theme:not([hidden])")).to_have_count(1)
    expect(page.locator(".hb-explore-theme:not([hidden]) h2")).to_have_id(theme)

    chip.click()
    page.get_by_label("Contested only").check()
    contested = page.locator(".hb-explore-row[data-contested='true']").count()
    assert 0 < contested < total
    expect(page.locator(SHOWN)).to_have_count(contested)
    page.get_by_label("One source only").check()
    both = page.locator(".hb-explore-row[data-contested='true'][data-single-source='true']").count()
    expect(page.locator(SHOWN)).to_have_count(both)
    expect(page).to_have_url(re.compile(r"\?contested=1&single=1$"))

    url = page.url
    visit.goto(MATRIX)  # a fresh visit, then the shared address
    page.goto(url)
    _ready(page)
    expect(page.get_by_label("Contested only")).to_be_checked()
    expect(page.locator(SHOWN)).to_have_count(both)

    page.get_by_role("button", name="Show all").click()
    expect(page.locator(SHOWN)).to_have_count(total)
    expect(page.get_by_label("One source only")).not_to_be_checked()


def test_a_shared_address_with_a_theme_opens_filtered(visit, axe_script) -> None:
    page = visit.page
    visit.goto(MATRIX + "?theme=pricing-and-value,measurement-and-insight&filter=price")
    _ready(page)
    shown = _texts(page)
    assert shown and all("price" in text for text in shown)
    pressed = page.locator(".hb-explore-chip[aria-pressed=true]")
    expect(pressed).to_have_count(2)
    serious = axe.blocking(axe.run_axe(page, axe_script))
    assert not serious, axe.describe(serious)


def test_on_a_phone_the_cards_filter(phone) -> None:
    page = phone.page
    phone.goto(MATRIX)
    _ready(page)
    box = page.get_by_label("Show the dimensions that mention")
    box.tap()
    box.press_sequentially("quota")
    shown = page.locator(SHOWN)
    assert 0 < shown.count() < page.locator(ROWS).count()
    first = shown.first
    expect(first).to_be_visible()
    # The rows are cards on a phone (layout.css), and the filter leaves cards, not table rows.
    assert first.evaluate("row => getComputedStyle(row).display") == "block"
    width = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert width[0] <= width[1], f"the page scrolls sideways: {width}"
    page.get_by_label("Contested only").tap()
    expect(page.get_by_label("Contested only")).to_be_checked()


def test_without_javascript_every_row_shows_and_no_dead_form(browser, site_url: str) -> None:
    context, traffic = harness.new_context(browser, site_url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + MATRIX + "?filter=brand")
        rows = page.locator(ROWS)
        assert rows.count() >= 25
        expect(rows.last).to_be_visible()
        expect(page.locator("form.hb-explore")).to_be_hidden()
        assert not traffic.problems(), traffic.problems()
    finally:
        context.close()
