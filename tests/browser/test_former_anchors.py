"""Old addresses keep working: a glossary term renamed so that no two entries share an id
('sales-representative' is the role's; the term became 'sales-representative-term') is still
reached by its old anchor, glossary/#sales-representative, on a phone and on a desktop."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# Where the browser scrolled to: the heading that holds the anchor, and whether its first line
# sits below the sticky header (a heading that wraps on a phone must not hide under it).
_LANDED = """(old) => {
    const anchor = document.getElementById(old);
    const heading = anchor && anchor.closest("h1, h2, h3, h4, h5, h6");
    if (!heading) return null;
    const header = document.querySelector(".md-header").getBoundingClientRect();
    const box = heading.getBoundingClientRect();
    return {
        heading: heading.id,
        belowHeader: box.top >= header.bottom - 1,
        inView: box.bottom <= window.innerHeight,
    };
}"""
RENAMED = {
    "sales-representative": "sales-representative-term",  # the example; wraps on a phone
    "roi": "roi-term",
    "closing": "closing-term",
}


@pytest.mark.parametrize("device", ["visit", "phone"])
@pytest.mark.parametrize(("old", "new"), RENAMED.items(), ids=list(RENAMED))
def test_old_term_anchor_lands_on_the_term(
    request: pytest.FixtureRequest, device: str, old: str, new: str
) -> None:
    visit = request.getfixturevalue(device)
    visit.goto(f"glossary/#{old}")
    visit.page.wait_for_function("() => window.scrollY > 0")
    landed = visit.page.evaluate(_LANDED, old)
    assert landed == {"heading": new, "belowHeader": True, "inView": True}
