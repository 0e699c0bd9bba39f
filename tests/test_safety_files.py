"""Contributor safety, file side (issue 15), on real files in tmp_path: nothing is read from
outside the repository, hand edits are kept and reported, one run at a time, and a renamed
entry's old address keeps working."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from generator import build, lock
from generator.__main__ import main
from generator.errors import OwnershipError, SourceError
from generator.manifest import KEPT_EDITS, MANIFEST
from generator.validate import load_model
from generator.write import STAGING_PREFIX

from .test_validate import problems, write_model
from .test_write import tree

OUTSIDE = (
    "is a link to a place outside the repository; the generator reads only files inside it (so "
    "that no build can read or publish another file): replace the link with the file itself"
)
SECRET = "secret_token: hunter2\nprivate_key: abc\n"


# --- 2. nothing is read from outside the repository ------------------------------------------


def test_a_link_to_a_file_outside_is_refused_without_reading_it(tmp_path: Path) -> None:
    root = write_model(tmp_path / "project")
    elsewhere = tmp_path / "elsewhere.yaml"
    elsewhere.write_text(SECRET, encoding="utf-8")
    roles = root / "source_data" / "roles.yaml"
    roles.unlink()
    roles.symlink_to(elsewhere)
    found = problems(root)
    assert found == [f"source_data/roles.yaml:1:1: 'roles.yaml' {OUTSIDE}"]
    assert not any(word in line for line in found for word in ("secret", "hunter2", "private"))


def test_a_linked_source_folder_outside_is_refused(tmp_path: Path) -> None:
    write_model(tmp_path / "elsewhere")
    root = tmp_path / "project"
    root.mkdir()
    (root / "source_data").symlink_to(tmp_path / "elsewhere" / "source_data")
    assert problems(root) == [f"source_data:1:1: the folder source_data/ {OUTSIDE}"]


def test_a_link_inside_the_repository_is_read(tmp_path: Path) -> None:
    root = write_model(tmp_path)
    roles = root / "source_data" / "roles.yaml"
    kept = root / "shared" / "roles.yaml"
    kept.parent.mkdir()
    roles.rename(kept)
    roles.symlink_to(Path("..") / "shared" / "roles.yaml")
    assert problems(root) == []


# --- 3 and 4. hand edits are kept and reported; a page not listed is never replaced ------------


@pytest.fixture
def built(tmp_path: Path) -> Path:
    root = write_model(tmp_path)
    build(root)
    return root


def test_a_hand_edit_is_kept_reported_and_replaced(built: Path) -> None:
    page = built / "docs" / "dimensions" / "goals.md"
    original = page.read_text(encoding="utf-8")
    edited = original + "\nA paragraph typed into the generated page.\n"
    page.write_text(edited, encoding="utf-8")
    report = build(built)
    assert report.warnings() == [
        "generator: docs/dimensions/goals.md was edited by hand; your text is kept in "
        ".handbook/kept-edits/dimensions/goals.md and the page was generated again from "
        "source_data/dimensions.yaml:3. Generated pages are rewritten on every build: make the "
        "change in the YAML instead"
    ]
    assert (built / KEPT_EDITS / "dimensions" / "goals.md").read_text(encoding="utf-8") == edited
    assert page.read_text(encoding="utf-8") == original
    # A second edit is kept beside the first, which is never overwritten.
    page.write_text("Another edit.\n", encoding="utf-8")
    assert [k.copy for k in build(built).kept] == [".handbook/kept-edits/dimensions/goals.2.md"]
    assert (built / KEPT_EDITS / "dimensions" / "goals.md").read_text(encoding="utf-8") == edited
    assert build(built).kept == ()


def test_the_command_line_names_the_kept_copy(
    built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (built / "docs" / "glossary" / "index.md").write_text("# Mine\n", encoding="utf-8")
    assert main(["--root", str(built)]) == 0
    err = capsys.readouterr().err
    assert err.startswith(
        "generator: docs/glossary/index.md was edited by hand; your text is kept in "
        ".handbook/kept-edits/glossary/index.md and the page was generated again from "
        "source_data/glossary.yaml:1."
    )


def test_an_edited_page_whose_entry_is_gone_is_kept(built: Path) -> None:
    page = built / "docs" / "dimensions" / "methods.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nMy note.\n", encoding="utf-8")
    dimensions = built / "source_data" / "dimensions.yaml"
    text = dimensions.read_text(encoding="utf-8")
    dimensions.write_text(text[: text.index("  - id: methods")], encoding="utf-8")
    report = build(built)
    assert [k.message() for k in report.kept] == [
        "generator: docs/dimensions/methods.md was edited by hand; your text is kept in "
        ".handbook/kept-edits/dimensions/methods.md and the page was removed (its entry is "
        "gone). Generated pages are rewritten on every build: make the change in the YAML instead"
    ]
    assert not page.exists()
    assert (built / KEPT_EDITS / "dimensions" / "methods.md").read_text().endswith("My note.\n")


def test_a_page_not_in_the_manifest_is_never_replaced_whatever_its_front_matter(
    built: Path,
) -> None:
    docs = built / "docs"
    manifest = docs / MANIFEST
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace('  "dimensions/goals.md",\n', ""),
        encoding="utf-8",
    )
    mine = "---\ngenerated: true\n---\n\n# My own page, claiming to be generated\n"
    (docs / "dimensions" / "goals.md").write_text(mine, encoding="utf-8")
    before = tree(built)
    with pytest.raises(OwnershipError) as caught:
        build(built)
    assert str(caught.value) == (
        "docs/dimensions/goals.md exists but was not written by the generator; move it elsewhere "
        "(the generator owns this path) and run again"
    )
    assert tree(built) == before


def test_a_missing_manifest_is_said_plainly(
    built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = built / "docs"
    (docs / MANIFEST).unlink()
    page = docs / "dimensions" / "goals.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nedited\n", encoding="utf-8")
    before = tree(built)
    assert main(["--root", str(built)]) == 1
    assert capsys.readouterr().err == (
        "generator: docs/.generated.json, the list of the files the generator wrote, is missing, "
        "but docs/ already holds generated pages (docs/dimensions/goals.md). The generator "
        "replaces only files that list names. If you did not edit those pages, delete them "
        "(docs/dimensions/) and run again; if you edited one, move it out of docs/ first and "
        "carry the change over to source_data/; nothing was written.\n"
    )
    assert tree(built) == before


# --- 5. one run at a time ------------------------------------------------------------------


def test_a_second_run_waits_then_says_another_is_writing(
    built: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(lock, "WAIT_SECONDS", 0.3)
    page = built / "docs" / "dimensions" / "goals.md"
    page.unlink()  # so that the second run has something to write
    before = tree(built)
    with lock.held(built):  # another run, mid-write (flock is per open file, even in one process)
        assert main(["--root", str(built)]) == 1
    assert capsys.readouterr().err == (
        "generator: another generator run is writing docs/ and still was after 0.3 s; nothing "
        "was written. Wait for it to finish (under `make serve`, each save starts one), then "
        "run again\n"
    )
    assert tree(built) == before
    build(built)  # the lock went with the other run
    assert page.is_file()


def test_a_run_waits_for_the_other_to_finish(built: Path) -> None:
    released = threading.Event()
    holder_ready = threading.Event()

    def other_run() -> None:
        with lock.held(built):
            holder_ready.set()
            released.wait(5)

    thread = threading.Thread(target=other_run)
    thread.start()
    holder_ready.wait(5)
    threading.Timer(0.3, released.set).start()
    (built / "docs" / "index.md").unlink()
    report = build(built)  # waits about 0.3 s, then runs
    thread.join()
    assert report.written == ("index.md",)


def test_the_lock_is_not_in_docs(built: Path) -> None:
    assert (built / lock.LOCK).is_file()
    assert not [p for p in (built / "docs").iterdir() if "lock" in p.name]


def test_a_no_op_run_clears_the_staging_folder_of_a_dead_run(built: Path) -> None:
    leftover = built / "docs" / f"{STAGING_PREFIX}dead"
    (leftover / "dimensions").mkdir(parents=True)
    (leftover / "dimensions" / "goals.md").write_text("half written")
    report = build(built)
    assert report.written == () and report.removed == ()
    assert not leftover.exists()


def test_a_failing_run_leaves_docs_as_it_was(built: Path) -> None:
    (built / "docs" / "index.md").unlink()
    before = tree(built / "docs")
    roles = built / "source_data" / "roles.yaml"
    roles.write_text(roles.read_text(encoding="utf-8").replace("team: sales", "team: x"))
    with pytest.raises(SourceError):
        build(built)
    assert tree(built / "docs") == before


# --- 7. a renamed entry's old address keeps working ----------------------------------------


def test_former_ids_keep_old_addresses(tmp_path: Path) -> None:
    root = write_model(
        tmp_path,
        "roles",
        "  - id: sales-representative\n",
        "  - id: sales-rep\n    former_ids: [sales-representative, seller]\n",
    )
    for name, old, new in (
        ("dimensions", "roles: [sales-representative]", "roles: [sales-rep]"),
        ("dimensions", "theme: purpose", "theme: aims"),
        ("themes", "  - id: purpose\n", "  - id: aims\n    former_ids: [purpose]\n"),
    ):
        path = root / "source_data" / f"{name}.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    model = load_model(root / "source_data", root)
    assert model.roles[0].former_ids == ("sales-representative", "seller")
    build(root)
    docs = root / "docs"
    for old in ("sales-representative", "seller"):
        redirect = (docs / "teams" / old / "index.html").read_text(encoding="utf-8")
        assert '<meta http-equiv="refresh" content="0; url=../sales-rep/">' in redirect
        assert '<a href="../sales-rep/">Sales representative</a>' in redirect
        assert '<meta name="robots" content="noindex">' in redirect
    assert (docs / "teams" / "sales-rep.md").is_file()
    assert not (docs / "teams" / "sales-representative.md").exists()
    matrix = (docs / "compare" / "index.md").read_text(encoding="utf-8")
    assert '## <span id="purpose"></span>Purpose {#aims}' in matrix
    # Renamed back: the redirect pages go, as any file the generator no longer makes.
    write_model(root)
    build(root)
    assert not (docs / "teams" / "seller").exists()
    assert (docs / "teams" / "sales-representative.md").is_file()


def test_a_link_in_the_kept_edits_folder_is_not_written_through(
    built: Path, tmp_path: Path
) -> None:
    """The kept copy is created anew (O_EXCL), never written through an existing file or link."""
    outside = tmp_path / "outside.md"
    target = built / KEPT_EDITS / "dimensions" / "goals.md"
    target.parent.mkdir(parents=True)
    os.symlink(outside, target)
    page = built / "docs" / "dimensions" / "goals.md"
    page.write_text("edited\n", encoding="utf-8")
    assert [k.copy for k in build(built).kept] == [".handbook/kept-edits/dimensions/goals.2.md"]
    assert not outside.exists()


def test_two_runs_at_once_both_finish(tmp_path: Path) -> None:
    """Two processes started together (two `make site`): the second waits for the first."""
    root = write_model(tmp_path)
    command = [sys.executable, "-m", "generator", "--root", str(root)]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)]
    runs.append(
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    )
    results = [(run.wait(60), *run.communicate()) for run in runs]
    assert [code for code, _, _ in results] == [0, 0], results
    assert all(err == "" for _, _, err in results), results
    # One after the other: the second found the first one's pages in place.
    written = sorted(int(out.split(" pages written")[0].split()[-1]) for _, out, _ in results)
    assert written[0] == 0 and written[1] > 10, results
    assert not list((root / "docs").glob(f"{STAGING_PREFIX}*"))
    assert build(root).written == ()
