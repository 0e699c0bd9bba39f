"""Every page of the site, built by each engine, fits a 360-pixel phone and a 1280-pixel desktop:
nothing in the page is wider than the screen, no box scrolls sideways or clips its text, and
each dimension page shows both sides at once."""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.browser import harness

pytestmark = pytest.mark.browser

SCREENS = {
    "phone": {"viewport": harness.PHONE, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": harness.DESKTOP},
}

# Everything wrong with the layout of the open page, one line each. Hidden elements and the
# visually-hidden ones (1 pixel, for screen readers) have no box to check.
_MISFITS = """() => {
    const width = document.documentElement.clientWidth;
    const found = [];
    const name = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
        + (typeof el.className === "string" && el.className ? "." + el.className.trim()
            .split(/\\s+/).join(".") : "");
    if (document.documentElement.scrollWidth > width)
        found.push(`the page is ${document.documentElement.scrollWidth} px wide`);
    for (const el of document.querySelectorAll(".md-main *")) {
        const rect = el.getBoundingClientRect();
        if (!el.getClientRects().length || rect.width <= 1 || rect.height <= 1) continue;
        if (el.closest("[hidden], .md-sidebar, .md-search, svg, .md-tooltip2")) continue;
        if (rect.right > width + 0.5 || rect.left < -0.5)
            found.push(`${name(el)} runs off the screen (${Math.round(rect.left)}`
                + ` to ${Math.round(rect.right)} of ${width})`);
        const style = getComputedStyle(el);
        if (el.scrollWidth > el.clientWidth + 1 && style.overflowX !== "visible"
                && el.clientWidth > 0)
            found.push(`${name(el)} scrolls or clips sideways (${el.scrollWidth} in`
                + ` ${el.clientWidth})`);
        if (style.textOverflow === "ellipsis" && el.scrollWidth > el.clientWidth + 1)
            found.push(`${name(el)} cuts its text short`);
    }
    return [...new Set(found)].slice(0, 8);
}"""


@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def engine_site(request, built_site: Path) -> Iterator[tuple[str, str, list[str]]]:
    """(engine, base URL, every page) for the site each engine built."""
    site = built_site if request.param == "mkdocs" else request.getfixturevalue("zensical_site")
    with harness.serve(site) as url:
        yield request.param, url, harness.site_pages(site)


_SIDES = """() => [...document.querySelectorAll("article .hb-side")].map(side => {
    const heading = side.querySelector("h2");
    const rect = side.getBoundingClientRect();
    const style = getComputedStyle(side);
    return {id: heading && heading.id, left: rect.left, top: rect.top, width: rect.width,
            visible: style.visibility === "visible" && style.display !== "none"
                && rect.height > 20, text: side.innerText,
            tabs: !!side.closest(".tabbed-set")};
})"""


_MAP = "figure.hb-diagram.hb-map"
"""How a concept map's figure is named in the misfits (issue 17's maps, reported apart)."""


@dataclass
class Walk:
    """What one engine's site looked like on one screen, page by page."""

    engine: str
    misfits: dict[str, list[str]]
    maps: dict[str, list[str]]  # concept maps (issue 17) wider than the screen
    sides: dict[str, list[dict[str, object]]]  # dimension page -> its .hb-side blocks
    pages: int


@pytest.fixture(scope="module", params=list(SCREENS))
def walk(request, browser, engine_site) -> Walk:
    """Every page opened once on the screen: each page's misfits, and each dimension's sides."""
    engine, base_url, pages = engine_site
    context, traffic = harness.new_context(browser, base_url, **SCREENS[request.param])
    result = Walk(f"{engine} at {request.param} width", {}, {}, {}, len(pages))
    try:
        page = context.new_page()
        for path in pages:
            page.goto(urllib.parse.urljoin(base_url, path), wait_until="load")
            found = page.evaluate(_MISFITS)
            maps = [line for line in found if line.startswith(_MAP)]
            others = [line for line in found if not line.startswith(_MAP)]
            if others:
                result.misfits[path or "/"] = others
            if maps:
                result.maps[path or "/"] = maps
            if path.startswith("dimensions/") and path != "dimensions/":
                result.sides[path] = page.evaluate(_SIDES)
        assert not traffic.problems(), traffic.problems()
    finally:
        context.close()
    return result


def test_every_page_fits_the_screen(walk: Walk) -> None:
    assert walk.pages > 50
    report = "\n".join(f"/{path}: {'; '.join(lines)}" for path, lines in walk.misfits.items())
    assert not walk.misfits, f"{walk.engine}, {len(walk.misfits)} pages:\n{report}"


def test_concept_maps_fit_a_phone(walk: Walk) -> None:
    report = "\n".join(f"/{path}: {'; '.join(lines)}" for path, lines in walk.maps.items())
    assert not walk.maps, f"{walk.engine}, {len(walk.maps)} pages:\n{report}"


def test_dimension_pages_show_both_sides_at_once(walk: Walk) -> None:
    assert len(walk.sides) >= 25
    for path, sides in walk.sides.items():
        where = (walk.engine, path)
        assert [side["id"] for side in sides] == ["sales", "marketing"], where
        sales, marketing = sides
        assert sales["visible"] and marketing["visible"], where
        assert str(sales["text"]).startswith("Sales"), where
        assert str(marketing["text"]).startswith("Marketing"), where
        assert len(str(sales["text"])) > 40 and len(str(marketing["text"])) > 40, where
        assert not sales["tabs"] and not marketing["tabs"], where
        if "desktop" in walk.engine:  # two columns, on the same line
            assert abs(sales["top"] - marketing["top"]) < 2, (where, sides)
            assert sales["left"] + sales["width"] <= marketing["left"], (where, sides)
        else:  # one after the other, each the width of the column
            assert marketing["top"] > sales["top"] + 20, (where, sides)
