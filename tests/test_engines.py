"""Both engines build the same site from one project: the same pages, glossary tooltips and
edit links. MkDocs runs the generator through its hook; Zensical runs no hooks and builds from
the .zensical.yml that ``python -m generator.zensical`` derives from mkdocs.yml."""

from __future__ import annotations

import html.parser
import json
import os
import posixpath
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.validate import load_model
from generator.write import MANIFEST
from tests.conftest import BIN, copy_project, mkdocs_build
from tests.test_edit_links import EDIT, entry_line, html_of, parse

pytestmark = pytest.mark.engine

ZENSICAL = BIN / "zensical"
HAND_WRITTEN = "engines-check.md"
RENAMED, FORMER = "chief-revenue-officer", "head-of-revenue"


@dataclass(frozen=True)
class Sites:
    project: Path
    mkdocs: Path
    zensical: Path

    def generated_pages(self) -> list[str]:
        files = json.loads((self.project / "docs" / MANIFEST).read_text(encoding="utf-8"))
        return sorted(f for f in files["files"] if f.endswith(".md"))


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Sites:
    if not ZENSICAL.exists():
        pytest.skip(f"zensical is not installed in {BIN} (pip install -r requirements-dev.txt)")
    base = tmp_path_factory.mktemp("engines")
    project = copy_project(base / "project")
    (project / "docs" / HAND_WRITTEN).write_text(
        "# Engines check\n\nA hand-written page that mentions a CRM.\n", encoding="utf-8"
    )
    roles = project / "source_data" / "roles.yaml"  # a renamed role: its old address redirects
    text = roles.read_text(encoding="utf-8")
    entry = f"  - id: {RENAMED}\n"
    assert entry in text
    roles.write_text(text.replace(entry, f"{entry}    former_ids: [{FORMER}]\n"), encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    # As `make site ENGINE=zensical` does: generate and derive the config, then build.
    for command in (
        [sys.executable, "-m", "generator.zensical"],
        [str(ZENSICAL), "build", "--clean", "--strict", "--config-file", ".zensical.yml"],
    ):
        result = subprocess.run(
            command, cwd=project, env=env, capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, f"{command}:\n{result.stdout}\n{result.stderr}"
    result = mkdocs_build(project, base / "mkdocs-site")
    assert result.returncode == 0, result.stderr
    return Sites(project, base / "mkdocs-site", project / "site")


def _html_files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def test_same_pages(sites: Sites) -> None:
    for page in [*sites.generated_pages(), HAND_WRITTEN]:
        for site in (sites.mkdocs, sites.zensical):
            assert (site / html_of(page)).is_file(), f"{site.name}: no page for {page}"
    assert _html_files(sites.mkdocs) == _html_files(sites.zensical)
    for site in (sites.mkdocs, sites.zensical):
        assert (site / "data" / "handbook.json").is_file()


def test_same_glossary_tooltips(sites: Sites) -> None:
    total = 0
    for page in sites.generated_pages():
        built = html_of(page)
        in_mkdocs = parse(sites.mkdocs / built).abbr
        in_zensical = parse(sites.zensical / built).abbr
        assert in_mkdocs == in_zensical, page
        total += len(in_mkdocs)
    assert total > 100
    assert parse(sites.mkdocs / "dimensions/goals/index.html").abbr


READING_PATH = [
    "index.html",
    "definitions/index.html",
    "compare/index.html",
    "map/index.html",
    "journey/index.html",
    "teams/index.html",
    "four-ps/index.html",
    "leads/index.html",
    "strategies/index.html",
    "strategies/marketing-strategies/index.html",
    "strategies/pros-and-cons/index.html",
    "alignment/index.html",
    "debates/index.html",
    "glossary/index.html",
    "sources/index.html",
    "quiz/index.html",
]
"""The reading path (generator/nav.py), as built files, in order."""


class _Links(html.parser.HTMLParser):
    """The primary navigation's links and the footer's previous/next links of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.nav: list[str] = []
        self.footer: dict[str, str] = {}
        self._nav_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        classes = (found.get("class") or "").split()
        if tag == "nav" and ("md-nav--primary" in classes or self._nav_depth):
            self._nav_depth += 1
        if tag != "a":
            return
        href = found.get("href") or ""
        if self._nav_depth:
            self.nav.append(href)
        for side in ("prev", "next"):
            if f"md-footer__link--{side}" in classes:
                self.footer[side] = href

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav" and self._nav_depth:
            self._nav_depth -= 1


def _links(site: Path, page: str) -> _Links:
    parser = _Links()
    parser.feed((site / page).read_text(encoding="utf-8"))
    return parser


def _resolve(page: str, href: str) -> str:
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), href))
    return "index.html" if target == "." else target.rstrip("/") + "/index.html"


def test_next_and_previous_follow_the_reading_path_in_both(sites: Sites) -> None:
    for site in (sites.mkdocs, sites.zensical):
        for i, page in enumerate(READING_PATH):
            footer = _links(site, page).footer
            got = {side: _resolve(page, href) for side, href in footer.items()}
            want = {}
            if i > 0:
                want["prev"] = READING_PATH[i - 1]
            if i + 1 < len(READING_PATH):
                want["next"] = READING_PATH[i + 1]
            if i + 1 == len(READING_PATH):  # after the sources, a hand-written page may follow
                got.pop("next", None)
            assert got == want, f"{site.name}: {page}"


def test_dimension_and_role_pages_stay_out_of_the_nav_in_both(sites: Sites) -> None:
    for site in (sites.mkdocs, sites.zensical):
        for page in ("index.html", "compare/index.html", "dimensions/goals/index.html"):
            nav = _links(site, page).nav
            assert nav, f"{site.name}: {page} has no navigation"
            assert not [h for h in nav if "dimensions/" in h or "contributing" in h], page
        # Reached from their index pages, they have no previous/next of their own: the path
        # does not march through them.
        for page in ("dimensions/goals/index.html", "teams/account-manager/index.html"):
            assert _links(site, page).footer == {}, f"{site.name}: {page}"


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_edit_links(sites: Sites, engine: str) -> None:
    site = getattr(sites, engine)
    source = sites.project / "source_data"

    def link(page: str) -> str:
        links = parse(site / html_of(page)).edit
        assert len(links) == 1, f"{page}: {links}"
        return links[0]

    hand_written = link(HAND_WRITTEN)
    goals = link("dimensions/goals.md")
    glossary = link("glossary/index.md")
    assert hand_written == f"{EDIT}/docs/{HAND_WRITTEN}"
    line = entry_line(source / "dimensions.yaml", "goals")
    assert goals == f"{EDIT}/source_data/dimensions.yaml#L{line}"
    assert glossary == f"{EDIT}/source_data/glossary.yaml#L1"


def test_engines_give_the_same_edit_links(sites: Sites) -> None:
    pages = [*sites.generated_pages(), HAND_WRITTEN]
    differ = [
        page
        for page in pages
        if parse(sites.mkdocs / html_of(page)).edit != parse(sites.zensical / html_of(page)).edit
    ]
    assert differ == []


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_a_former_address_redirects_and_stays_out_of_nav_search_and_sitemap(
    sites: Sites, engine: str
) -> None:
    site = getattr(sites, engine)
    redirect = (site / "teams" / FORMER / "index.html").read_text(encoding="utf-8")
    assert f'content="0; url=../{RENAMED}/"' in redirect
    assert (site / "teams" / RENAMED / "index.html").is_file()
    indexes = [p for p in site.rglob("*") if p.is_file() and p.suffix in (".json", ".xml")]
    indexes = [p for p in indexes if "search" in p.as_posix() or "sitemap" in p.name]
    assert indexes, "no search index or sitemap found"
    for index in indexes:
        assert FORMER not in index.read_text(encoding="utf-8"), index
    assert FORMER not in (site / "index.html").read_text(encoding="utf-8")  # the nav
    # A renamed section of a shared page keeps its old anchor (the real data has one).
    compare = (site / "compare" / "index.html").read_text(encoding="utf-8")
    assert '<span id="customer-journey"></span>' in compare


class _Ids(html.parser.HTMLParser):
    """Every HTML id on a page, and for each the id of the h1-h6 it sits in (if any)."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.heading_of: dict[str, str] = {}
        self._heading: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        ident = dict(attrs).get("id")
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._heading = ident or ""
        if ident is not None:
            self.ids.append(ident)
            if self._heading is not None:
                self.heading_of[ident] = self._heading

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._heading = None


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_a_renamed_term_keeps_its_old_anchor_in_its_heading(sites: Sites, engine: str) -> None:
    # Terms that shared the id of another entry were renamed ('sales-representative' became
    # 'sales-representative-term', the role kept its id): glossary/#sales-representative must
    # still land on the term's heading, and no id may appear twice on the page.
    model = load_model(sites.project / "source_data", sites.project)
    renamed = {old: term.id for term in model.terms for old in term.former_ids}
    assert renamed.get("sales-representative") == "sales-representative-term"
    assert len(renamed) >= 30
    page = _Ids()
    page.feed((getattr(sites, engine) / "glossary" / "index.html").read_text(encoding="utf-8"))
    doubled = sorted({i for i in page.ids if page.ids.count(i) > 1})
    assert doubled == [], f"{engine}: ids used twice on the glossary page"
    misplaced = {old: page.heading_of.get(old) for old, new in renamed.items()}
    assert misplaced == renamed, f"{engine}: old anchor -> heading it sits in"
