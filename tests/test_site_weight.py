"""What the built site leaves out: files no reader loads, and weight the glossary need not carry."""

from __future__ import annotations

import html.parser
import json
from pathlib import Path

from generator import prune

ROOT = Path(__file__).resolve().parent.parent


class _Count(html.parser.HTMLParser):
    """Elements of a page, and those in its article that carry a title (the theme mounts a
    tooltip on each), less the popover's triggers, whose title the popover script takes."""

    def __init__(self) -> None:
        super().__init__()
        self.elements = 0
        self.titled: list[str] = []
        self._article = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements += 1
        found = dict(attrs)
        if tag == "article":
            self._article = True
        elif (
            self._article
            and "title" in found
            and "md-content__button" not in (found.get("class") or "")
            and "data-popover" not in found  # the popover script takes its title aside
        ):
            self.titled.append(f"<{tag} class={found.get('class')!r}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._article = False


def test_no_source_maps_unused_languages_or_readme_pictures(built_site: Path) -> None:
    assert not list(built_site.rglob("*.map"))
    assert not (built_site / prune.LUNR_LANGUAGES).exists()
    readme_pictures = {p.name for p in (ROOT / ".github" / "screenshots").glob("*.png")}
    assert readme_pictures, "the README's pictures live in .github/screenshots/"
    assert not [p for p in built_site.rglob("*.png") if p.name in readme_pictures]
    assert not (ROOT / "docs" / "assets" / "screenshots").exists()


def test_glossary_page_stays_under_two_thousand_elements(built_site: Path) -> None:
    count = _Count()
    count.feed((built_site / "glossary" / "index.html").read_text(encoding="utf-8"))
    assert count.elements < 2000
    # Terms defined on the page get no tooltip there, nor do permalinks and footnote arrows.
    assert count.titled == []


def test_search_index_leaves_out_citations_and_link_lists(built_site: Path) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    glossary_texts = [d["text"] for d in index["docs"] if d["location"].startswith("glossary/")]
    assert not [t for t in glossary_texts if "Referenced by:" in t or "See also:" in t]
    # A source's publisher appears in every page's footnotes, which search leaves out (the
    # Sources page and the self-check's answers name the sources in their text).
    cited = [d for d in index["docs"] if not d["location"].startswith(("sources/", "quiz/"))]
    assert not [d["location"] for d in cited if "Career Guide" in d["text"]]
    assert not [d["location"] for d in index["docs"] if d["location"].startswith("quiz/")]
    glossary = next(d for d in index["docs"] if d["location"] == "glossary/#buying-journey")
    assert "buying process" in glossary["title"]


def test_prune_removes_only_what_no_reader_loads(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for name in (
        "assets/javascripts/bundle.js",
        "assets/javascripts/bundle.js.map",
        "assets/javascripts/lunr/min/lunr.th.min.js",
        "index.html",
    ):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text("x", encoding="utf-8")
    assert prune.prune(site) == ["assets/javascripts/bundle.js.map", "assets/javascripts/lunr/"]
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()) == [
        "assets/javascripts/bundle.js",
        "index.html",
    ]
    (site / "assets/javascripts/lunr").mkdir()
    assert prune.prune(site, ("en", "de")) == []  # a second language keeps lunr's files


class _Scripts(html.parser.HTMLParser):
    """The scripts a page loads: (src, deferred)."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[tuple[str, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "script" and found.get("src"):
            self.scripts.append((str(found["src"]).rsplit("/", 1)[-1], "defer" in found))


def _scripts(site: Path, page: str) -> list[tuple[str, bool]]:
    parser = _Scripts()
    parser.feed((site / page / "index.html").read_text("utf-8"))
    return parser.scripts


def test_pages_load_only_their_own_scripts_and_never_before_the_first_paint(
    built_site: Path,
) -> None:
    """Every script is deferred, the theme's included; the previews' data (the whole handbook's
    titles and summaries) is added after the page loads; a feature of one page loads on that
    page only."""
    own = {"compare": "explore.js", "quiz": "quiz.js", "map": "concept-map.js"}
    dimension = min(p.parent.name for p in (built_site / "dimensions").glob("*/index.html"))
    for page in ("", "glossary", "journey", "sources", f"dimensions/{dimension}", *own):
        scripts = _scripts(built_site, page)
        ours = [(name, deferred) for name, deferred in scripts if not name.startswith("bundle.")]
        expected = ["popover.js", "previews.js"] + ([own[page]] if page in own else [])
        assert [name for name, _ in ours] == expected, (page, scripts)
        assert all(deferred for _, deferred in scripts), (page, scripts)
        assert [name for name, _ in scripts if name.startswith("bundle.")], (page, scripts)
    assert (built_site / "data" / "previews.js").is_file()
