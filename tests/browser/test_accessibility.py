"""axe-core on one page of every kind, in the light and the dark scheme."""

from __future__ import annotations

import pytest

from tests.browser import axe, harness

pytestmark = pytest.mark.browser

# In the dark scheme only what the scheme can change is checked again.
DARK_RULES = ["color-contrast", "link-in-text-block"]


@pytest.fixture(params=["light", "dark"])
def schemed(request, browser, site_url: str):
    """A desktop page in the light or the dark scheme (as the reader's system asks for it)."""
    context, traffic = harness.new_context(browser, site_url, color_scheme=request.param)
    try:
        yield request.param, context.new_page(), traffic
        assert not traffic.problems(), "\n".join(traffic.problems())
    finally:
        context.close()


@pytest.mark.parametrize("kind", list(harness.PAGE_KINDS))
def test_no_serious_accessibility_violations(schemed, site_url: str, axe_script, kind) -> None:
    scheme, page, _ = schemed
    page.goto(site_url + harness.PAGE_KINDS[kind])
    expected = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.dataset.mdColorScheme") == expected
    rules = DARK_RULES if scheme == "dark" else None
    violations = axe.run_axe(page, axe_script, rules=rules)
    serious = axe.blocking(violations)
    assert not serious, f"{kind} ({scheme}):\n{axe.describe(serious)}"


def test_axe_tarball_is_pinned(axe_script: str) -> None:
    assert axe.TARBALL.is_file() and axe.SCRIPT.is_file()
    axe.verify(axe.TARBALL.read_bytes())
    assert f"axe v{axe.VERSION}" in axe_script[:200]
    with pytest.raises(ValueError, match="integrity mismatch"):
        axe.verify(axe.TARBALL.read_bytes() + b"tampered")
