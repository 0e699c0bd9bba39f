"""The whole handbook as one PDF, printed by headless Chromium from the built site.

``python -m generator.pdf SITE`` joins every page of the built site, in reading order (the
navigation), into one document: a cover, a contents list linked to each page, then each page
with its diagrams, its concept map and its sources as endnotes. Links between pages become
links inside the document. Chromium prints it to ``SITE/handbook.pdf``, and the home page gets a
link to it; without Chromium nothing changes and the home page links no PDF.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import sys
from pathlib import Path
from typing import Any

from . import build, paths

PDF_NAME = "handbook.pdf"
CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
_STYLES = re.compile(r'<link rel="stylesheet" href="([^"]+)"')
_TITLE_END = re.compile(r"</h1>")
LINK_CLASS = "hb-pdf-link"
_JOIN = (Path(__file__).with_name("pdf_join.js")).read_text(encoding="utf-8")


class Unavailable(Exception):
    """No browser to print with."""


def chromium() -> str:
    """The Chromium to print with: ``$CHROMIUM`` or Debian's; raises Unavailable."""
    named = os.environ.get("CHROMIUM")
    for candidate in [named] if named else CHROMIUM:
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    raise Unavailable(f"no Chromium at {named or ' or '.join(CHROMIUM)}")


def reading_order(nav: list[object]) -> list[str]:
    """Every page of the navigation, depth first, as docs-relative Markdown paths."""
    out: list[str] = []
    for item in nav:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                out += reading_order(value) if isinstance(value, list) else [str(value)]
        elif isinstance(item, list):
            out += reading_order(item)
    return list(dict.fromkeys(out))


def served_at(page: str) -> str:
    """The URL path, from the site's root, at which a Markdown page is served."""
    if page == paths.HOME:
        return ""
    if page.endswith("/index.md"):
        return page[: -len("index.md")]
    return page[: -len(".md")] + "/"


def document(site: Path, pages: list[str], title: str, subtitle: str) -> str:
    """One HTML document of every page; pdf_join.js then makes its ids and links internal."""
    home = (site / "index.html").read_text(encoding="utf-8")
    styles = "".join(f'<link rel="stylesheet" href="{h}">' for h in _STYLES.findall(home))
    sections, contents = [], []
    for page in pages:
        url = served_at(page)
        text = (site / url / "index.html").read_text(encoding="utf-8")
        found = _ARTICLE.search(text)
        if not found:
            continue
        slug = "p-" + (url.strip("/").replace("/", "-") or "home")
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", found.group(1), re.S)
        name = (
            re.sub(r'<a class="headerlink".*?</a>|<[^>]+>', "", heading.group(1))
            if heading
            else url
        )
        contents.append(
            f'<li><a href="#{slug}">{name.strip()}</a><span class="hb-print-pageno">000</span></li>'
        )
        sections.append(
            f'<section class="hb-print-page" id="{slug}" data-url="/{url}">{found.group(1)}'
            "</section>"
        )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>{styles}</head>"
        '<body data-md-color-scheme="default" data-md-color-primary="indigo" '
        'data-md-color-accent="deep-orange"><div class="md-typeset hb-print">'
        f'<section class="hb-print-cover"><h1>{html.escape(title)}</h1>'
        f"<p>{html.escape(subtitle)}</p></section>"
        '<nav class="hb-print-contents" id="contents"><h2>Contents</h2>'
        f"<ol>{''.join(contents)}</ol></nav>{''.join(sections)}</div></body></html>"
    )


def print_pdf(site: Path, source: str, executable: str) -> int:
    """Print the joined document with Chromium; returns the number of pages."""
    from playwright.sync_api import sync_playwright

    joined = site / ".handbook-print.html"  # beside the pages, so their asset URLs resolve
    joined.write_text(source, encoding="utf-8")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=_ARGS)
            page = browser.new_page()
            page.route("http*://**", lambda route: route.abort())  # offline: nothing leaves
            page.goto(joined.as_uri(), wait_until="load")
            page.evaluate(_JOIN)
            page.emulate_media(media="print")
            footer = (
                '<div style="font-size:8px;width:100%;text-align:center;color:#555">'
                '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
            )
            options: dict[str, Any] = {
                "path": site / PDF_NAME,
                "format": "A4",
                "print_background": True,
                "display_header_footer": True,
                "header_template": "<span></span>",
                "footer_template": footer,
                "margin": {"top": "16mm", "bottom": "18mm", "left": "14mm", "right": "14mm"},
                "outline": True,
                "tagged": True,
            }
            page.pdf(**options)
            # Two passes: the first tells where each page starts; the contents then show it.
            # The numbers take the room their placeholders had, so nothing moves.
            numbers = page_numbers(site / PDF_NAME)
            if numbers:
                page.evaluate(_NUMBER, numbers)
                page.pdf(**options)
            browser.close()
    finally:
        joined.unlink(missing_ok=True)
    data = (site / PDF_NAME).read_bytes()
    return len(re.findall(rb"/Type\s*/Page[^s]", data))


_NUMBER = """numbers => {
    for (const item of document.querySelectorAll(".hb-print-contents li")) {
        const number = numbers[item.querySelector("a").getAttribute("href").slice(1)];
        if (number) item.querySelector(".hb-print-pageno").textContent = number;
        if (number) item.classList.add("hb-numbered");
    }
}"""


def page_numbers(pdf: Path) -> dict[str, int]:
    """Each section's first page, from the PDF's named destinations; empty without pypdf."""
    try:
        import pypdf
    except ImportError:
        return {}
    reader = pypdf.PdfReader(pdf)
    out = {}
    for name, dest in reader.named_destinations.items():
        ident = str(name).lstrip("/")
        number = reader.get_destination_page_number(dest)
        if ident.startswith("p-") and "--" not in ident and number is not None:
            out[ident] = number + 1
    return out


def link_from_home(site: Path, pages: int) -> None:
    """Add the PDF's link under the home page's title (once, however often this runs)."""
    home = site / "index.html"
    text = home.read_text(encoding="utf-8")
    if LINK_CLASS in text:
        return
    size = (site / PDF_NAME).stat().st_size / 1_000_000
    link = (
        f'<p class="{LINK_CLASS}"><a href="{PDF_NAME}">The whole handbook as one PDF</a> '
        f"({pages} pages, {size:.1f} MB), to read offline or print.</p>"
    )
    home.write_text(_TITLE_END.sub("</h1>" + link, text, count=1), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.pdf", description=__doc__)
    parser.add_argument("site", type=Path, help="the built site, e.g. site")
    parser.add_argument(
        "--require", action="store_true", help="fail, rather than skip, when Chromium is missing"
    )
    args = parser.parse_args(argv)
    root = Path.cwd()
    try:
        executable = chromium()
        import playwright  # noqa: F401
    except (Unavailable, ImportError) as exc:
        reason = str(exc) if isinstance(exc, Unavailable) else "Playwright is not installed"
        print(
            f"pdf: no PDF made: {reason}. Install Debian's chromium (apt-get install chromium) "
            "and run `make pdf`. The site is complete without it; its home page links no PDF.",
            file=sys.stderr,
        )
        return 1 if args.require else 0
    site: Path = args.site.resolve()
    if not (site / "index.html").is_file():
        print(
            f"pdf: {site}/index.html is missing: build the site first (make site)", file=sys.stderr
        )
        return 1
    from .nav import book_order
    from .validate import load_model

    # The nav leaves dimension and role pages out; the book puts them after their index pages.
    order = book_order(load_model(root / "source_data", root), reading_order(build(root).nav))
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    name = re.search(r"^site_name:\s*(.+)$", config, re.M)
    about = re.search(r"^site_description:\s*(.+)$", config, re.M)
    title = name.group(1).strip() if name else "Handbook"
    source = document(site, order, title, about.group(1).strip() if about else "")
    pages = print_pdf(site, source, executable)
    link_from_home(site, pages)
    print(f"pdf: {site / PDF_NAME} written ({pages} pages)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
