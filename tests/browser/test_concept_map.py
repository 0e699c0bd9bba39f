"""The concept map as a reader uses it: on a 360-pixel phone, with the zoom buttons, by touch."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser import harness
from tests.browser.colours import MIN_TEXT_PX, diagram_texts

pytestmark = pytest.mark.browser

_OVERFLOW = "[document.documentElement.scrollWidth, innerWidth]"


@pytest.fixture
def small_phone(browser, site_url: str):
    """The narrowest common phone: 360 pixels, touch."""
    context, traffic = harness.new_context(
        browser, site_url, viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True
    )
    try:
        yield context.new_page(), site_url
        assert not traffic.problems(), "\n".join(traffic.problems())
    finally:
        context.close()


def test_the_map_pans_inside_its_frame_and_the_page_does_not_overflow(small_phone) -> None:
    page, base = small_phone
    page.goto(base + "map/")
    width, inner = page.evaluate(_OVERFLOW)
    assert inner == 360
    assert width <= inner, f"the map page scrolls sideways: {width} > {inner}"
    figure = page.locator("figure.hb-map--whole")
    box = figure.evaluate("f => [f.scrollWidth, f.clientWidth, f.getBoundingClientRect().right]")
    assert box[0] > box[1], "the map neither pans nor fits"
    assert box[2] <= 360
    small = [row for row in diagram_texts(page) if row[3] < MIN_TEXT_PX]
    assert not small, f"map labels drawn smaller than {MIN_TEXT_PX} px: {small[:3]}"


def test_zoom_buttons_fit_the_map_and_zoom_back_in(small_phone) -> None:
    page, base = small_phone
    page.goto(base + "map/")
    svg = page.locator("figure.hb-map--whole svg")
    before = svg.evaluate("s => s.getBoundingClientRect().width")
    page.get_by_role("button", name="Fit the map to the screen").tap()
    fitted = svg.evaluate("s => s.getBoundingClientRect().width")
    assert fitted < 360 < before
    page.get_by_role("button", name="Zoom in").tap()
    assert svg.evaluate("s => s.getBoundingClientRect().width") > fitted
    expect(page.locator(".hb-map__zoom [aria-live]")).to_contain_text("%")
    assert page.evaluate(_OVERFLOW)[0] <= 360


def test_a_box_on_the_map_opens_its_page(small_phone) -> None:
    page, base = small_phone
    page.goto(base + "map/")
    box = page.locator("figure.hb-map--whole a", has_text="Account manager")
    box.scroll_into_view_if_needed()
    box.tap()
    expect(page).to_have_url(base + "teams/account-manager/")
    # The role page shows its own neighbourhood, which fits the phone too.
    expect(page.locator("figure.hb-map--around")).to_have_count(1)
    assert page.evaluate(_OVERFLOW)[0] <= 360


def test_the_map_is_reached_by_keyboard(browser, site_url: str) -> None:
    context, _ = harness.new_context(browser, site_url)
    try:
        page = context.new_page()
        page.goto(site_url + "map/")
        first = page.locator("figure.hb-map--whole a").first
        first.focus()
        expect(first).to_be_focused()
        href = first.get_attribute("href")
        page.keyboard.press("Enter")
        page.wait_for_url(lambda url: href.strip("./").split("#")[0] in url)
    finally:
        context.close()
