"""However short the menu gets, every page is still reached: from the menu, or from the page of a
menu entry (a section's index page: the matrix lists the dimensions, the teams page the roles).
And search still finds every dimension by its name."""

from __future__ import annotations

import html
import json
import posixpath
from html.parser import HTMLParser
from pathlib import Path

import yaml

from generator import redirects
from tests.conftest import ROOT


class _Links(HTMLParser):
    """Links in the primary menu (``md-nav--primary``), the article (``md-content``) and the
    footer (``md-footer``: the contributor guide is linked there, not in the reader's menu)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.menu: list[str] = []
        self.article: list[str] = []
        self.footer: list[str] = []
        self._stack: list[str] = []  # "menu", "article" or "" per open element

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        classes = a.get("class", "").split()
        if tag == "a" and "href" in a:
            if "menu" in self._stack:
                self.menu.append(a["href"])
            elif "article" in self._stack:
                self.article.append(a["href"])
            elif "footer" in self._stack:
                self.footer.append(a["href"])
        if tag in ("br", "img", "input", "meta", "link", "hr", "source", "wbr"):
            return
        if tag == "nav" and "md-nav--primary" in classes:
            self._stack.append("menu")
        elif tag == "article" and "md-content__inner" in classes:
            self._stack.append("article")
        elif tag == "footer" and "md-footer" in classes:
            self._stack.append("footer")
        else:
            self._stack.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag not in ("br", "img", "input", "meta", "link", "hr", "source", "wbr") and self._stack:
            self._stack.pop()


def _links(site: Path, page: str) -> _Links:
    parser = _Links()
    parser.feed((site / page).read_text(encoding="utf-8"))
    return parser


def _target(page: str, href: str) -> str | None:
    """The site-relative index.html that ``href`` on ``page`` opens, or None if it leaves."""
    href = href.split("#", 1)[0]
    if not href or "://" in href or href.startswith(("mailto:", "/")):
        return None
    path = posixpath.normpath(posixpath.join(posixpath.dirname(page), href))
    if path == ".":
        return "index.html"
    return path if path.endswith(".html") else f"{path}/index.html"


def _pages(site: Path) -> set[str]:
    """The site's pages, without the redirect pages at former addresses (not meant to be reached
    from the menu: they exist for links from outside, and are checked below)."""
    return {
        p.relative_to(site).as_posix()
        for p in site.rglob("index.html")
        if not p.relative_to(site).as_posix().startswith(("assets/", "search/", "data/"))
        and not redirects.is_redirect(p.read_text("utf-8"))
    }


def test_every_page_is_in_the_menu_or_linked_from_a_menu_page(built_site: Path) -> None:
    home = _links(built_site, "index.html")
    menu = {t for h in home.menu if (t := _target("index.html", h)) is not None}
    assert "index.html" in menu and len(menu) >= 5, menu
    footer = {t for h in home.footer if (t := _target("index.html", h)) is not None}
    reached = menu | footer
    for page in sorted(menu):
        if (built_site / page).exists():
            article = _links(built_site, page).article
            reached |= {t for h in article if (t := _target(page, h)) is not None}
    missing = sorted(_pages(built_site) - reached)
    assert not missing, f"pages neither in the menu nor linked from a menu page: {missing}"


def test_dimensions_and_roles_are_listed_on_their_section_pages(built_site: Path) -> None:
    for section, kind, key in (
        ("compare/index.html", "dimensions", "dimensions"),
        ("teams/index.html", "teams", "roles"),
    ):
        entries = yaml.safe_load((ROOT / "source_data" / f"{key}.yaml").read_text("utf-8"))[key]
        linked = {_target(section, h) for h in _links(built_site, section).article}
        missing = [e["id"] for e in entries if f"{kind}/{e['id']}/index.html" not in linked]
        assert not missing, f"{section} does not link to {missing}"


def test_search_finds_every_dimension_by_its_name(built_site: Path) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    titles: dict[str, set[str]] = {}
    for doc in index["docs"]:
        page = doc["location"].split("#", 1)[0]
        titles.setdefault(page, set()).add(html.unescape(doc["title"]).strip())
    dims = yaml.safe_load((ROOT / "source_data" / "dimensions.yaml").read_text("utf-8"))
    for dim in dims["dimensions"]:
        page = f"dimensions/{dim['id']}/"
        assert page in titles, f"search has no entry for {page}"
        assert dim["name"] in titles[page], f"{page}: search titles {titles[page]}"


def test_the_former_address_of_a_merged_dimension_leads_to_the_page_that_took_it_in(
    built_site: Path,
) -> None:
    dims = yaml.safe_load((ROOT / "source_data" / "dimensions.yaml").read_text("utf-8"))
    former = {old: d["id"] for d in dims["dimensions"] for old in d.get("former_ids", [])}
    assert former, "no dimension lists former_ids"
    for old, current in former.items():
        page = built_site / "dimensions" / old / "index.html"
        assert redirects.is_redirect(page.read_text("utf-8")), (
            f"dimensions/{old}/ is not a redirect page"
        )
        assert f'content="0; url=../{current}/"' in page.read_text("utf-8"), old
        assert (built_site / "dimensions" / current / "index.html").is_file()
