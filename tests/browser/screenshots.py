"""``make screenshots``: build the site from a clean copy and photograph it in Chromium.

Writes home.png, matrix.png, dimension.png, glossary.png (1280x900, light scheme), phone.png (the
comparison matrix on a 360-pixel-wide phone), phone-dimension.png (a dimension page on that
phone), and explorer.png, preview.png and quiz.png (the reader features in use) into
.github/screenshots/.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import urllib.parse
from pathlib import Path

from tests.browser import harness
from tests.conftest import copy_project, mkdocs_build

OUT = harness.ROOT / ".github" / "screenshots"  # out of docs/: no reader loads them
# (file name, page, viewport)
SHOTS = (
    ("home.png", harness.PAGE_KINDS["home"], harness.DESKTOP),
    ("matrix.png", harness.PAGE_KINDS["compare"], harness.DESKTOP),
    ("dimension.png", harness.PAGE_KINDS["dimension"], harness.DESKTOP),
    ("glossary.png", harness.PAGE_KINDS["glossary"], harness.DESKTOP),
    ("phone.png", harness.PAGE_KINDS["compare"], harness.PHONE),
    ("phone-dimension.png", harness.PAGE_KINDS["dimension"], harness.PHONE),
    ("explorer.png", "compare/", harness.DESKTOP),
    ("preview.png", "compare/", harness.DESKTOP),
    ("quiz.png", "quiz/?seed=42", harness.DESKTOP),
)


def _filter(page) -> None:
    page.get_by_label("Show the dimensions that mention").press_sequentially("brand")
    page.get_by_role("button", name="Audience and communication").click()


def _preview(page) -> None:
    page.locator("article a.hb-preview-link").first.hover()
    page.locator(".hb-popover:not([hidden])").wait_for()


def _answer(page) -> None:
    page.wait_for_selector(".quiz[data-quiz-ready]", state="attached")
    question = page.locator(".quiz-question:not([hidden])").first
    question.locator(".quiz-choice").first.click()
    page.locator(".quiz-bar").scroll_into_view_if_needed()


# The reader features, photographed in use: what the reader does before the picture is taken.
ACTIONS = {"explorer.png": _filter, "preview.png": _preview, "quiz.png": _answer}


def build(workdir: Path) -> Path:
    project = copy_project(workdir / "project")
    site = workdir / "site"
    result = mkdocs_build(project, site)
    if result.returncode != 0:
        raise SystemExit(f"mkdocs build failed:\n{result.stderr}")
    return site


def photograph(site: Path, out: Path, chromium: str) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written = []
    with harness.serve(site) as base_url, sync_playwright() as playwright:
        browser = harness.launch(playwright, chromium)
        try:
            for name, path, viewport in SHOTS:
                phone = viewport == harness.PHONE
                context, traffic = harness.new_context(
                    browser, base_url, viewport=viewport, is_mobile=phone, has_touch=phone
                )
                try:
                    page = context.new_page()
                    page.goto(urllib.parse.urljoin(base_url, path), wait_until="load")
                    traffic.settle(page)
                    page.evaluate("document.fonts.ready")
                    if name in ACTIONS:
                        ACTIONS[name](page)
                    if traffic.problems():
                        raise SystemExit(f"/{path}:\n" + "\n".join(traffic.problems()))
                    target = out / name
                    page.screenshot(path=str(target), animations="disabled", caret="hide")
                    written.append(target)
                finally:
                    context.close()
        finally:
            browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"folder for the PNGs ({OUT})")
    args = parser.parse_args(argv)
    chromium = harness.find_chromium()
    if chromium is None:
        print("no Chromium found: install Debian's chromium package", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="handbook-shots-") as tmp:
        site = build(Path(tmp))
        for path in photograph(site, args.out, chromium):
            shown = path.relative_to(harness.ROOT) if path.is_relative_to(harness.ROOT) else path
            print(f"wrote {shown}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
