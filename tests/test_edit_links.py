"""The edit button of a generated page opens the YAML entry it came from; a hand-written page's
opens its Markdown file."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator import paths
from generator.schema import FILES
from tests.conftest import ROOT, copy_project, mkdocs_build

EDIT = "https://github.com/sales-vs-marketing/handbook/edit/main"
HAND_WRITTEN = "contributing.md"
"""The hand-written page checked; a placeholder is built when docs/ has none yet."""

FILE_OF_KIND = {kind.entity.kind: kind.filename for kind in FILES}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.edit: list[str] = []
        self.abbr: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("rel") == "edit" and "md-content__button" in a.get("class", ""):
            self.edit.append(a.get("href", ""))
        elif tag == "abbr" and a.get("title"):
            self.abbr.append(a["title"])


def parse(html_file: Path) -> _Collector:
    collector = _Collector()
    collector.feed(html_file.read_text(encoding="utf-8"))
    return collector


def edit_link(html_file: Path) -> str:
    """The href of the page's one edit button."""
    links = parse(html_file).edit
    assert len(links) == 1, f"{html_file}: expected one edit button, found {links}"
    return links[0]


def html_of(page: str) -> str:
    """site-relative HTML file of a docs-relative Markdown page (directory URLs)."""
    if page == "index.md" or page.endswith("/index.md"):
        return page[: -len(".md")] + ".html"
    return page[: -len(".md")] + "/index.html"


def entry_line(yaml_file: Path, ident: str) -> int:
    """The line where the entry ``- id: <ident>`` starts, read straight from the file."""
    pattern = re.compile(rf"^\s*- id: {re.escape(ident)}\s*$")
    lines = yaml_file.read_text(encoding="utf-8").splitlines()
    found = [n for n, line in enumerate(lines, 1) if pattern.match(line)]
    assert len(found) == 1, f"{yaml_file}: entry '{ident}' found at lines {found}"
    return found[0]


def own_page_entries(root: Path = ROOT) -> list[tuple[str, str, int]]:
    """(page, YAML file, line) of every entity that has a page of its own."""
    import yaml

    out = []
    for kind, folder in paths.OWN_PAGES.items():
        filename = FILE_OF_KIND[kind]
        source = root / "source_data" / filename
        key = next(k.key for k in FILES if k.filename == filename)
        for entry in yaml.safe_load(source.read_text(encoding="utf-8"))[key]:
            out.append((f"{folder}/{entry['id']}.md", filename, entry_line(source, entry["id"])))
    return out


@pytest.mark.parametrize(
    ("page", "filename", "line"), own_page_entries(), ids=lambda v: str(v).replace("/", "-")
)
def test_entity_page_opens_its_entry(built_site: Path, page: str, filename: str, line: int) -> None:
    assert edit_link(built_site / html_of(page)) == f"{EDIT}/source_data/{filename}#L{line}"


def test_shared_pages_open_their_yaml_file(built_site: Path) -> None:
    shared = {page for page in paths.SHARED_PAGES.values()}
    for page in sorted(shared):
        link = edit_link(built_site / html_of(page))
        match = re.fullmatch(rf"{re.escape(EDIT)}/source_data/([a-z_]+\.yaml)#L1", link)
        assert match, f"{page}: {link}"
        assert (ROOT / "source_data" / match[1]).is_file(), link
        kinds_here = {k for k, p in paths.SHARED_PAGES.items() if p == page}
        files_here = {FILE_OF_KIND[k] for k in kinds_here}
        # A page made from one kind opens that kind's file; the compare and teams pages are
        # built from several, and open one of the files they show.
        if len(files_here) == 1 and page not in ("compare/index.md", "teams/index.md"):
            assert match[1] in files_here, f"{page}: {link}"


def test_home_page_opens_a_file(built_site: Path) -> None:
    link = edit_link(built_site / "index.html")
    path = link.removeprefix(f"{EDIT}/").split("#")[0]
    assert (ROOT / path).is_file(), link


@pytest.fixture(scope="module")
def hand_written_site(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The session's site when docs/ has the hand-written page, else a copy built with one."""
    if (ROOT / "docs" / HAND_WRITTEN).is_file():
        return built_site
    base = tmp_path_factory.mktemp("hand-written")
    project = copy_project(base / "project")
    (project / "docs" / HAND_WRITTEN).write_text(
        "# Contributing\n\nA hand-written page: its edit button opens this file.\n",
        encoding="utf-8",
    )
    result = mkdocs_build(project, base / "site")
    assert result.returncode == 0, result.stderr
    return base / "site"


def test_hand_written_page_opens_its_markdown(hand_written_site: Path) -> None:
    link = edit_link(hand_written_site / html_of(HAND_WRITTEN))
    assert link == f"{EDIT}/docs/{HAND_WRITTEN}"
