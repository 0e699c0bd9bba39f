"""The command line: `check` writes nothing, a failing `build` changes nothing, messages are
clean lines, and a bug says it is one."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator import link, validate
from generator.__main__ import main

from .conftest import mkdocs_build
from .test_validate import gone, write_model
from .test_write import tree

ROOT = Path(__file__).resolve().parent.parent
PROBLEM_LINE = re.compile(r"source_data/[a-z_]+\.ya?ml:\d+:\d+: \S.*")
COUNT_LINE = re.compile(r"\d+ problems? in source_data/; nothing was written\.")


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def break_model(root: Path) -> None:
    """Three mistakes in two files."""
    roles = root / "source_data" / "roles.yaml"
    roles.write_text(roles.read_text().replace("stages: [prospecting]", "stages: [prospectin]"))
    themes = root / "source_data" / "themes.yaml"
    text = themes.read_text().replace("name: Purpose", "name: ''")
    themes.write_text(text.replace("summary: What", "sumary: What"))


def assert_clean_report(stderr: str, count: int) -> None:
    lines = stderr.splitlines()
    assert "Traceback" not in stderr
    assert len(lines) == count + 1, stderr
    for line in lines[:-1]:
        assert PROBLEM_LINE.fullmatch(line), line
    assert COUNT_LINE.fullmatch(lines[-1]), lines[-1]


def test_check_validates_and_writes_nothing(tmp_path: Path) -> None:
    root = write_model(tmp_path)
    before = tree(tmp_path)
    result = run_cli("check", "--root", str(root))
    assert result.returncode == 0, result.stderr
    assert result.stdout == "generator: source_data/ is valid (23 entries)\n"
    assert tree(tmp_path) == before
    assert not (root / "docs").exists()


def test_check_reports_every_problem_then_a_count(tmp_path: Path) -> None:
    root = write_model(tmp_path)
    break_model(root)
    before = tree(tmp_path)
    result = run_cli("check", "--root", str(root))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "source_data/roles.yaml:10:14: role 'sales-representative': stages: "
        "unknown stage 'prospectin'" + gone("stage") + " (did you mean 'prospecting'?)",
        "source_data/themes.yaml:3:5: theme 'purpose': missing required field 'summary'",
        "source_data/themes.yaml:4:11: theme 'purpose': name: is empty; write some text or "
        "remove it",
        "source_data/themes.yaml:5:5: theme 'purpose': unknown field 'sumary' (did you mean "
        "'summary'?); allowed: former_ids, id, name, summary",
        "4 problems in source_data/; nothing was written.",
    ]
    assert_clean_report(result.stderr, 4)
    assert tree(tmp_path) == before


def test_one_problem_is_counted_in_the_singular(tmp_path: Path) -> None:
    root = write_model(tmp_path, "roles", "stages: [prospecting]", "stages: [prospectin]")
    result = run_cli("check", "--root", str(root))
    assert result.stderr.splitlines()[-1] == "1 problem in source_data/; nothing was written."


def test_build_writes_only_a_valid_model(tmp_path: Path) -> None:
    root = write_model(tmp_path)
    (root / "docs").mkdir()
    (root / "docs" / "about.md").write_text("# Hand-written\n")
    assert main(["build", "--root", str(root)]) == 0
    assert (root / "docs" / "dimensions" / "goals.md").exists()
    site = root / "site"
    (site / "assets").mkdir(parents=True)
    (site / "index.html").write_text("<p>the last good site</p>")
    before = tree(root)
    break_model(root)
    source = tree(root / "source_data")
    result = run_cli("--root", str(root))
    assert result.returncode == 1
    assert_clean_report(result.stderr, 4)
    assert {k: v for k, v in tree(root).items() if not k.startswith("source_data/")} == {
        k: v for k, v in before.items() if not k.startswith("source_data/")
    }
    assert tree(root / "source_data") == source


def test_second_build_writes_nothing_new(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_model(tmp_path)
    assert main(["--root", str(root)]) == 0
    first = capsys.readouterr().out
    assert re.fullmatch(
        r"generator: \d+ pages written, 0 unchanged, 0 removed in [\d.]+ s\n", first
    )
    assert main(["--root", str(root)]) == 0
    assert re.fullmatch(
        r"generator: 0 pages written, \d+ unchanged, 0 removed in [\d.]+ s\n",
        capsys.readouterr().out,
    )


def test_missing_project(tmp_path: Path) -> None:
    result = run_cli("check", "--root", str(tmp_path / "nowhere"))
    assert result.returncode == 1
    assert result.stderr.splitlines()[0].endswith(
        "source_data:1:1: the folder source_data/ is missing; run the generator from the "
        "project root"
    )


def test_a_hand_written_page_in_the_way(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_model(tmp_path)
    (root / "docs" / "dimensions").mkdir(parents=True)
    (root / "docs" / "dimensions" / "goals.md").write_text("# My own page\n")
    before = tree(root)
    assert main(["--root", str(root)]) == 1
    assert capsys.readouterr().err == (
        "generator: docs/dimensions/goals.md exists but was not written by the generator; move "
        "it elsewhere (the generator owns this path) and run again; nothing was written.\n"
    )
    assert tree(root) == before


# --- bugs are named as bugs, with the input they happened on --------------------------------


def test_a_bug_while_rendering_names_the_page_and_the_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_model(tmp_path)
    inline = link.PageText.inline

    def broken(self: link.PageText, value: str) -> str:
        if self.path == "dimensions/methods.md":
            raise KeyError("boom")
        return inline(self, value)

    monkeypatch.setattr(link.PageText, "inline", broken)
    assert main(["--root", str(root)]) == 2
    err = capsys.readouterr().err
    first, second = err.splitlines()[:2]
    assert re.fullmatch(
        r"generator: internal error while rendering dimensions/methods\.md \(template "
        r"dimension\.md\.j2, line \d+\) from source_data/dimensions\.yaml:20:5: KeyError: 'boom'",
        first,
    )
    assert second == (
        "This is a bug in the generator, not a mistake in your YAML. "
        "Please report it with these lines:"
    )
    assert "Traceback" not in err
    assert not (root / "docs").exists()


def test_a_bug_while_checking_names_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_model(tmp_path)
    check_file = validate._check_file

    def broken(kind: object, display: str, data: object) -> object:
        if display.endswith("pillars.yaml"):
            raise TypeError("unexpected")
        return check_file(kind, display, data)  # type: ignore[arg-type]

    monkeypatch.setattr(validate, "_check_file", broken)
    assert main(["check", "--root", str(root)]) == 2
    first = capsys.readouterr().err.splitlines()[0]
    assert first == (
        "generator: internal error while checking source_data/pillars.yaml: TypeError: unexpected"
    )


def test_ctrl_c_is_a_short_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_model(tmp_path)

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(validate, "load_file", interrupted)
    assert main(["--root", str(root)]) == 130
    assert capsys.readouterr().err == (
        "generator: interrupted; docs/ holds a complete set of pages (the previous ones, or the "
        "new ones if they were already in place).\n"
    )


# --- the site build --------------------------------------------------------------------------


@pytest.mark.engine
def test_a_failing_site_build_leaves_docs_and_site_as_they_were(project: Path) -> None:
    """`mkdocs build` with a YAML mistake fails before it cleans site/: both stay as they were."""
    assert main(["--root", str(project)]) == 0
    site = project / "site"
    (site / "dimensions").mkdir(parents=True)
    (site / "index.html").write_text("<p>the last good site</p>")
    (site / "dimensions" / "index.html").write_text("<p>a page</p>")
    roles = project / "source_data" / "roles.yaml"
    text = roles.read_text()
    assert "    team: sales\n" in text
    roles.write_text(text.replace("    team: sales\n", "    team: sails\n", 1))
    docs, built = tree(project / "docs"), tree(site)
    result = mkdocs_build(project, site)
    assert result.returncode != 0
    assert re.search(
        r"source_data/roles\.yaml:\d+:\d+: role '[a-z-]+': team: 'sails' is not one of: "
        r"sales, marketing \(did you mean 'sales'\?\)",
        result.stderr,
    )
    assert tree(project / "docs") == docs
    assert tree(site) == built
