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


def test_the_map_fits_a_phone_and_pans_once_zoomed_in(small_phone) -> None:
    page, base = small_phone
    page.goto(base + "map/")
    assert page.evaluate(_OVERFLOW) == [360, 360], "the map page scrolls sideways"
    figure = page.locator("figure.hb-map--whole")
    svg = figure.locator("svg")
    frame = "f => [f.scrollWidth, f.clientWidth, f.getBoundingClientRect().right]"
    width, inside, right = figure.evaluate(frame)
    assert width <= inside + 1 and right <= 360, "the whole map does not fit the phone"
    fitted = svg.evaluate("s => s.getBoundingClientRect().width")
    for _ in range(4):
        page.get_by_role("button", name="Zoom in").tap()
    expect(page.locator(".hb-map__zoom [aria-live]")).to_contain_text("%")
    assert svg.evaluate("s => s.getBoundingClientRect().width") > 2 * fitted
    width, inside, right = figure.evaluate(frame)
    assert width > inside and right <= 360, "zoomed in, the map should pan inside its frame"
    figure.evaluate("f => f.scrollBy(400, 0)")
    assert figure.evaluate("f => f.scrollLeft") > 0
    assert page.evaluate(_OVERFLOW) == [360, 360], "zooming made the page scroll sideways"
    page.get_by_role("button", name="Fit the map to the screen").tap()
    width, inside, _ = figure.evaluate(frame)
    assert width <= inside + 1


def test_neighbourhoods_are_drawn_on_a_desktop_and_step_aside_on_a_phone(
    small_phone, browser, site_url: str
) -> None:
    page, base = small_phone
    page.goto(base + "teams/account-manager/")
    expect(page.locator("figure.hb-map--around")).to_be_hidden()
    context, _ = harness.new_context(browser, site_url)
    try:
        desk = context.new_page()
        desk.goto(site_url + "teams/account-manager/")
        expect(desk.locator("figure.hb-map--around")).to_be_visible()
        small = [row for row in diagram_texts(desk) if row[3] < MIN_TEXT_PX]
        assert not small, f"labels drawn smaller than {MIN_TEXT_PX} px: {small[:3]}"
    finally:
        context.close()


def test_a_box_on_the_map_opens_its_page(small_phone) -> None:
    page, base = small_phone
    page.goto(base + "map/")
    box = page.locator("figure.hb-map--whole a", has_text="Account manager")
    box.scroll_into_view_if_needed()
    box.tap()
    expect(page).to_have_url(base + "teams/account-manager/")
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
