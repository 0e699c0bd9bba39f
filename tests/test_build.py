"""End to end: generate into a clean copy, run `mkdocs build --strict`, read the HTML."""

from __future__ import annotations

import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator import build, paths

from .conftest import ROOT


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(path: Path) -> _Collect:
    parser = _Collect()
    parser.feed(path.read_text("utf-8"))
    return parser


def test_site_has_home_comparison_and_glossary(built_site: Path) -> None:
    for page in ("index.html", "compare/index.html", "glossary/index.html", "sources/index.html"):
        assert (built_site / page).is_file(), page
    home = parse(built_site / "index.html")
    links = {a.get("href") for tag, a in home.tags if tag == "a"}
    assert {"compare/", "glossary/", "journey/"} <= links


def test_every_dimension_and_role_has_a_page(built_site: Path) -> None:
    dims = list((ROOT / "source_data").glob("dimensions.yaml"))
    assert dims
    assert len(list((built_site / "dimensions").glob("*/index.html"))) >= 20
    assert (built_site / "teams" / "chief-revenue-officer" / "index.html").is_file()


def test_glossary_mentions_carry_tooltips(built_site: Path) -> None:
    page = parse(built_site / "compare" / "index.html")
    titles = [a["title"] for tag, a in page.tags if tag == "abbr" and a.get("title")]
    assert len(titles) > 10
    assert all(len(t) > 10 for t in titles)


def test_no_asset_is_loaded_from_another_host(built_site: Path) -> None:
    for html in built_site.rglob("*.html"):
        for tag, attrs in parse(html).tags:
            url = attrs.get("src") if tag in ("script", "img", "iframe") else None
            if tag == "link" and attrs.get("rel") in ("stylesheet", "preconnect", "preload"):
                url = attrs.get("href")
            assert not (url or "").startswith(("http:", "https:", "//")), f"{html}: {url}"


def test_second_run_rewrites_nothing(project: Path) -> None:
    first = build(project)
    assert first.written and not first.unchanged
    mtimes = {p: p.stat().st_mtime_ns for p in (project / "docs").rglob("*.md")}
    second = build(project)
    assert second.written == () and second.removed == ()
    assert len(second.unchanged) == len(first.written)
    assert mtimes == {p: p.stat().st_mtime_ns for p in (project / "docs").rglob("*.md")}


def test_run_after_a_clean_generation_loads_nothing(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`make site` twice: the second regeneration takes the fast path, even though the first one
    added pages (such as the generated home page) to docs/."""
    import generator.validate

    (project / "docs" / paths.HOME).unlink(missing_ok=True)
    build(project)

    def fail(*args: object) -> None:
        raise AssertionError("the YAML was loaded again although nothing changed")

    monkeypatch.setattr(generator.validate, "load_model", fail)
    assert build(project).written == ()


def test_cli_prints_one_summary_line(project: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "generator"], cwd=project, capture_output=True, text=True, check=True
    )
    line = run.stdout.strip()
    assert line.startswith("generator: ") and "pages written" in line and "unchanged" in line
    assert "removed in" in line and line.endswith(" s")


def test_removed_entity_removes_its_page_only(project: Path) -> None:
    roles = project / "source_data" / "roles.yaml"
    original = roles.read_text("utf-8")
    extra = (
        "  - id: temp-role\n    name: Temporary role\n    team: sales\n"
        "    summary: Here for a moment.\n    responsibilities: []\n"
        '    cites: [{source: indeed, section: "What is sales?"}]\n'
    )
    roles.write_text(original + extra, "utf-8")
    build(project)
    assert (project / "docs" / "teams" / "temp-role.md").is_file()
    hand_written = project / "docs" / "notes.md"
    hand_written.write_text("# Mine\n", "utf-8")
    roles.write_text(original, "utf-8")
    report = build(project)
    assert report.removed == ("teams/temp-role.md",)
    assert not (project / "docs" / "teams" / "temp-role.md").exists()
    assert hand_written.read_text("utf-8") == "# Mine\n"


def test_generated_markdown_is_git_ignored(tmp_path: Path) -> None:
    ignored = (ROOT / ".gitignore").read_text("utf-8").splitlines()
    for folder in paths.OWNED_FOLDERS:
        assert f"docs/{folder}/" in ignored, folder
    assert "docs/index.md" in ignored


def test_generator_does_not_import_mkdocs() -> None:
    code = "import sys, generator, generator.__main__; print('mkdocs' in sys.modules)"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "False"


def test_hand_edited_generated_page_is_restored(project: Path) -> None:
    build(project)
    page = project / "docs" / "glossary" / "index.md"
    good = page.read_text("utf-8")
    page.write_text(good + "\nEdited by hand.\n", "utf-8")
    report = build(project)
    assert report.written == ("glossary/index.md",)
    assert page.read_text("utf-8") == good


def test_yaml_edit_is_never_skipped(project: Path) -> None:
    build(project)
    themes = project / "source_data" / "themes.yaml"
    themes.write_text(themes.read_text("utf-8").replace("Purpose and goals", "Aims", 1), "utf-8")
    report = build(project)
    assert "compare/index.md" in report.written
    assert "## Aims" in (project / "docs" / "compare" / "index.md").read_text("utf-8")
