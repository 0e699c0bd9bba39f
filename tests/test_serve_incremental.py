"""The preview's incremental regeneration writes exactly what a full run writes.

``generator.incremental`` lets a preview reuse parses, checks and pages from earlier
regenerations. Here one project goes through a sequence of saves, each regenerated in this
process with the reuse on (as ``make serve`` does), and after each save its docs/ is compared,
file by file, with a full ``python -m generator`` run in a fresh process on a copy of the same
YAML. Nav, search and sitemap come from docs/ and the nav the build returns, so both are
compared too.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from generator import build, incremental
from generator.errors import SourceError
from generator.stamp import STAMP
from tests.conftest import copy_project

Edit = Callable[[Path], None]


@pytest.fixture
def reuse() -> Iterator[None]:
    incremental.enable()
    try:
        yield
    finally:
        incremental.disable()


def _tree(docs: Path) -> dict[str, bytes]:
    """Every file under docs/, the stamp's input fingerprint left out (it names the folder)."""
    out = {}
    for path in sorted(docs.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(docs).as_posix()
        raw = path.read_bytes()
        if rel == STAMP:
            stamp = json.loads(raw)
            stamp.pop("fingerprint")
            raw = json.dumps(stamp, sort_keys=True).encode()
        out[rel] = raw
    return out


def _run_full(source: Path, into: Path) -> subprocess.CompletedProcess[str]:
    """A full run in a fresh process, on a copy of ``source``'s YAML in the project ``into``."""
    if not into.exists():
        copy_project(into)
    shutil.rmtree(into / "source_data")
    shutil.copytree(source, into / "source_data")
    return subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(into)],
        capture_output=True,
        text=True,
        check=False,
    )


def _full(source: Path, into: Path) -> tuple[dict[str, bytes], object]:
    """docs/ and nav of a full run, in a fresh process, on a copy of ``source``'s YAML."""
    done = _run_full(source, into)
    assert done.returncode == 0, done.stderr
    nav = json.loads((into / "docs" / STAMP).read_text(encoding="utf-8"))["nav"]
    return _tree(into / "docs"), nav


def _sub(file: Path, pattern: str, repl: str, count: int = 1) -> None:
    text = file.read_text(encoding="utf-8")
    new, n = re.subn(pattern, repl, text, count=count, flags=re.MULTILINE)
    assert n, f"{pattern!r} not found in {file.name}"
    file.write_text(new, encoding="utf-8")


def _first_id(file: Path) -> str:
    found = re.search(r"^  - id: ['\"]?([a-z0-9-]+)", file.read_text(encoding="utf-8"), re.M)
    assert found
    return found[1]


def _summary(src: Path) -> None:
    _sub(src / "dimensions.yaml", r"^(    summary: >-\n      )", r"\1Freshly edited ")


def _term_name(src: Path) -> None:
    """Rename the term mentioned on most pages: its mentions on every page change."""
    docs = src.parent / "docs"
    counts: dict[str, int] = {}
    for page in docs.rglob("*.md"):
        for key in set(re.findall(r'data-popover-key="([a-z0-9-]+)"', page.read_text("utf-8"))):
            counts[key] = counts.get(key, 0) + 1
    glossary = src / "glossary.yaml"
    blocks = re.split(r"^(?=  - id: )", glossary.read_text(encoding="utf-8"), flags=re.M)
    plain = {m[1] for b in blocks if "ignore:" not in b and (m := re.match(r"  - id: (\S+)", b))}
    term = max(sorted(counts.keys() & plain), key=lambda k: counts[k])
    assert counts[term] > 5
    _sub(glossary, rf"^(  - id: {term}\n    name: )(.*)$", r"\1Zorblat \2")


def _rename(src: Path) -> None:
    """A role gets a new id; the old one is kept under former_ids, every reference follows."""
    old = _first_id(src / "roles.yaml")
    new = f"{old}-renamed"
    for file in src.glob("*.yaml"):
        _sub(file, rf"(?<![\w-]){old}(?![\w-])", new, 0) if old in file.read_text("utf-8") else None
    _sub(src / "roles.yaml", rf"^(  - id: {new}\n)", rf"\1    former_ids: [{old}]\n")


def _shift_lines(src: Path) -> None:
    """A comment line at the top moves every entry of the file: their edit links follow."""
    _sub(src / "roles.yaml", r"\A", "# a comment an author added\n")


def _source_title(src: Path) -> None:
    """The short name shows in every source badge, on nearly every page."""
    _sub(src / "sources.yaml", r"^(    short: )(.*)$", r"\1\2 Edited")


def _role_stages(src: Path) -> None:
    """A role drops its first stage: its page, the stage's section and the maps change."""
    _sub(src / "roles.yaml", r"^(    stages: \[)[a-z0-9-]+, ", r"\1")


def _dimension_stages(src: Path) -> None:
    """A dimension drops its first stage: the journey page lists, under each stage, the
    dimensions that name it (``ix.referrers``)."""
    _sub(src / "dimensions.yaml", r"^(    stages: \[)[a-z0-9-]+, ", r"\1")


def _debate_name(src: Path) -> None:
    """Debates reach pages beyond their own: the disputed badges on the claims they dispute."""
    _sub(src / "debates.yaml", r"^(    question: )(.*)\?$", r"\1\2 again?")


def _details_stage_name(src: Path) -> None:
    """Rename the stage a glossary term's "More in" points to: the glossary (``ix.get``), the
    teams and lead types pages (``t.ref_ids``) look it up in the index, their context and the
    parts of the model they name are unchanged."""
    found = re.search(
        r"^    details: stage:([a-z0-9-]+)$", (src / "glossary.yaml").read_text("utf-8"), re.M
    )
    assert found
    _sub(src / "stages.yaml", rf"^(  - id: {found[1]}\n    name: )(.*)$", r"\1\2 Renamed")


def _claimed_strategy_name(src: Path) -> None:
    """Rename a strategy whose claim a debate disputes: the debates page names the claim's
    entry (``t.claim_label``, a lookup of the claim in the index), nothing else on it does."""
    debates = (src / "debates.yaml").read_text("utf-8")
    file = src / "marketing_strategies.yaml"
    strategies = file.read_text("utf-8")
    claimed = re.findall(r"[\[ ]([a-z0-9-]+)[,\]]", "\n".join(re.findall(r"claims: .*", debates)))
    ident = next(c for c in claimed if re.search(rf"^  - id: {c}\n", strategies, re.M))
    _sub(file, rf"^(  - id: {ident}\n(?:    .*\n)*?    name: )(.*)$", r"\1Quibbled \2")


def _template(_src: Path) -> None:
    pass  # stands for "nothing changed": a save that changes nothing writes nothing


SAVES: list[tuple[str, Edit]] = [
    ("a dimension's summary", _summary),
    ("a term's name, mentioned on many pages", _term_name),
    ("a role renamed, its old id kept in former_ids", _rename),
    ("lines shifted above every role", _shift_lines),
    ("a source's title", _source_title),
    ("a role's stages", _role_stages),
    ("a dimension's stages", _dimension_stages),
    ("a debate's name", _debate_name),
    ("the name of a stage a term's 'More in' names", _details_stage_name),
    ("the name of a strategy a debate disputes", _claimed_strategy_name),
    ("nothing", _template),
]


def test_saves_write_what_a_full_run_writes(tmp_path: Path, reuse: None) -> None:
    project = copy_project(tmp_path / "served")
    src = project / "source_data"
    build(project)
    memo = incremental.pages()
    assert memo is not None
    reused = []
    for what, edit in SAVES:
        edit(src)
        report = build(project)
        reused.append(memo.reused)
        expected, nav = _full(src, tmp_path / "full")
        got = _tree(project / "docs")
        assert sorted(got) == sorted(expected), what
        differ = [rel for rel in expected if got[rel] != expected[rel]]
        assert not differ, f"after {what}: {differ[:5]} differ from a full run"
        assert report.nav == nav, what
    assert reused[0] > 20  # the reuse did happen: a summary edit renders few pages again


def test_a_broken_save_then_its_fix(tmp_path: Path, reuse: None) -> None:
    """A save that breaks the YAML changes nothing; the save that fixes it writes what a full
    run writes, though the fix lands on top of reuse from before the break."""
    project = copy_project(tmp_path / "served")
    src = project / "source_data"
    build(project)
    _summary(src)
    build(project)
    before = _tree(project / "docs")
    good = (src / "roles.yaml").read_text(encoding="utf-8")
    role = _first_id(src / "roles.yaml")
    _sub(src / "dimensions.yaml", rf"(?<![\w-]){role}(?![\w-])", "no-such-role")
    with pytest.raises(SourceError):
        build(project)
    assert _tree(project / "docs") == before
    _sub(src / "dimensions.yaml", r"no-such-role", role, 0)
    (src / "roles.yaml").write_text(good.replace("    summary: >-\n", "    summary: >-\n", 1))
    _source_title(src)
    build(project)
    expected, _nav = _full(src, tmp_path / "full")
    assert _tree(project / "docs") == expected


def test_a_half_written_save_is_read_again(tmp_path: Path) -> None:
    """Zensical's watcher caught a file its editor was still writing: no problem is reported
    nor put on the pages (a notice in .zensical.yml rebuilds the whole site), as the next poll
    reads the whole file; a real mistake still is."""
    from generator.serve import Regenerator

    project = copy_project(tmp_path / "served")
    said: list[str] = []
    try:
        regenerate = Regenerator(project, said.append)
        assert regenerate()
        config = (project / ".zensical.yml").read_text(encoding="utf-8")
        (project / "source_data" / "dimensions.yaml").write_text("", encoding="utf-8")
        assert not regenerate(lambda: True)
        assert (project / ".zensical.yml").read_text(encoding="utf-8") == config
        assert not any("empty" in line for line in said)
        assert not regenerate(lambda: False)
        assert any("dimensions.yaml:1:1" in line for line in said)
        assert "empty" in (project / ".zensical.yml").read_text(encoding="utf-8")
    finally:
        incremental.disable()


def test_a_lookup_that_answers_differently_renders_the_page_again() -> None:
    """Each lookup a page made in the index is part of its key: ``get``, ``referrers`` and a
    claim. (The saves above change other inputs of the pages that call ``referrers`` too, so
    this checks that one directly.)"""
    from types import SimpleNamespace

    from generator.page_memo import TracedIndex, _same_lookups

    class Index:
        terms: dict[str, Any] = {}  # noqa: RUF012
        sources = disputes = tooltips = popover_attributes = by_kind = terms
        matcher = None

        def __init__(self, answers: dict[str, Any]) -> None:
            self.answers = answers
            self.claims = {"c": answers["claim"]}

        def get(self, kind: str, ident: str) -> Any:
            return self.answers[f"{kind}:{ident}"]

        def referrers(self, entity: Any, kind: str) -> list[Any]:
            return list(self.answers[f"{entity.kind}:{entity.id}<-{kind}"])

    answers: dict[str, Any] = {"stage:a": "A", "stage:a<-role": ["r1"], "claim": "C"}
    traced = TracedIndex(Index(answers))
    traced.get("stage", "a")
    traced.referrers(SimpleNamespace(kind="stage", id="a"), "role")
    _ = traced.claims["c"]
    assert not traced.opaque
    assert _same_lookups(Index(answers), traced.lookups)
    for key, other in (("stage:a", "B"), ("stage:a<-role", ["r1", "r2"]), ("claim", "D")):
        assert not _same_lookups(Index({**answers, key: other}), traced.lookups), key
    assert not _same_lookups(Index({"stage:a<-role": [], "claim": "C"}), traced.lookups)
    _ = traced.by_kind  # anything else: the page is not reused
    assert traced.opaque


def _problems(project: Path) -> list[str]:
    """The problems ``build`` reports for the project, in this process (reuse as it is)."""
    with pytest.raises(SourceError) as caught:
        build(project)
    return [str(problem) for problem in caught.value.problems]


def _full_problems(source: Path, into: Path) -> list[str]:
    """The problems a full run reports, in a fresh process, on a copy of ``source``'s YAML."""
    done = _run_full(source, into)
    assert done.returncode == 1, done.stderr
    return [line for line in done.stderr.splitlines() if line.startswith("source_data/")]


def test_problems_after_a_save_are_those_of_a_full_run(tmp_path: Path, reuse: None) -> None:
    """A save can make unchanged entries wrong: renaming an id leaves every reference to it, in
    files that did not change, pointing nowhere. Their cross-file checks are reused only while
    the ids they are checked against are the same, so the problems are those of a full run."""
    project = copy_project(tmp_path / "served")
    src = project / "source_data"
    build(project)
    _summary(src)
    build(project)  # every entry's checks are remembered now
    from generator import crossfile

    assert getattr(crossfile._check_entry, "hits", 0) > 100  # the unchanged files' entries
    role = _first_id(src / "roles.yaml")
    _sub(src / "roles.yaml", rf"^(  - id: ){role}$", rf"\g<1>{role}-gone")
    got = _problems(project)
    expected = _full_problems(src, tmp_path / "full")
    assert any("dimensions.yaml" in line and f"'{role}'" in line for line in expected)
    assert got == expected
    _sub(src / "roles.yaml", rf"^(  - id: ){role}-gone$", rf"\g<1>{role}")
    build(project)  # fixed: the references are found again
    # A heading leaves a source's outline: the citations of it, in files that did not change,
    # are now wrong (their checks read every outline).
    roles = (src / "roles.yaml").read_text(encoding="utf-8")
    cited = re.search(r'section: "([^"]+)"', roles)
    assert cited
    _sub(src / "sources.yaml", rf"^(\s+- ['\"]?)({re.escape(cited[1])})", r"\1Zzmoved \2")
    got = _problems(project)
    expected = _full_problems(src, tmp_path / "full")
    assert any("roles.yaml" in line and cited[1] in line for line in expected)
    assert got == expected
    _sub(src / "sources.yaml", r"^(\s+- ['\"]?)Zzmoved ", r"\1")
    build(project)
    assert _tree(project / "docs") == _full(src, tmp_path / "full")[0]


def test_the_first_save_of_a_preview_reuses_its_startup(tmp_path: Path) -> None:
    """A preview that starts on an up-to-date docs/ still computes the model once at startup
    (a one-off run takes the no-op path), so that its first save reuses it."""
    project = copy_project(tmp_path / "served")
    build(project)  # docs/ up to date, as `make site` leaves it
    incremental.enable()
    try:
        started = build(project)
        assert not started.written  # nothing to write, though the model was computed
        _summary(project / "source_data")
        build(project)
        memo = incremental.pages()
        assert memo is not None
        assert memo.reused > 20
        assert _tree(project / "docs") == _full(project / "source_data", tmp_path / "full")[0]
    finally:
        incremental.disable()
