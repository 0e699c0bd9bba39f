"""Writing docs/: contained, atomic, change-only; nothing is lost, whatever happens midway."""

from __future__ import annotations

import importlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.errors import OwnershipError, WriteError
from generator.lock import LOCK
from generator.manifest import digest, manifest_bytes
from generator.stamp import STAMP
from generator.write import JOURNAL, MANIFEST, STAGING_PREFIX, recover, write

from .test_validate import write_model

writer = importlib.import_module("generator.write")  # the package exports a function of that name

OWNED = ("dimensions", "glossary", "teams")
ROOT = Path(__file__).resolve().parent.parent


def page(title: str, body: str = "Text.") -> str:
    """A page as the renderer writes it, front matter marker included."""
    return f'---\ntitle: "{title}"\ngenerated: true\n---\n\n# {title}\n\n{body}\n'


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden ones too) with its bytes; links as their target."""
    out: dict[str, bytes] = {}
    if not folder.exists():
        return out
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if rel == STAMP:  # a cache of the last build, checked against the pages before any use
            continue
        if rel == LOCK:  # the empty file whose lock one run at a time holds (outside docs/)
            continue
        if path.is_symlink():
            out[rel] = f"-> {os.readlink(path)}".encode()
        elif path.is_file():
            out[rel] = path.read_bytes()
        elif path.is_dir() and not any(path.iterdir()):
            out[rel + "/"] = b""
    return out


FIRST = {
    "index.md": page("Home"),
    "dimensions/goals.md": page("Goals"),
    "dimensions/methods.md": page("Methods"),
    "glossary/index.md": page("Glossary"),
    "teams/index.md": page("Teams"),
}
SECOND = {
    "index.md": page("Home", "New text."),
    "dimensions/goals.md": page("Goals", "New goals."),
    "glossary/index.md": page("Glossary"),
    "teams/index.md": page("Teams", "New teams."),
    "teams/new-role.md": page("New role"),
}


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    """docs/ with hand-written files, after a first write of FIRST."""
    folder = tmp_path / "docs"
    (folder / "assets").mkdir(parents=True)
    (folder / "assets" / "handbook.css").write_text("body {}\n")
    (folder / "contributing.md").write_text("# How to contribute\n")
    (folder / "teams").mkdir()
    (folder / "teams" / "notes.md").write_text("# Hand-written notes in an owned folder\n")
    write(folder, FIRST, OWNED)
    return folder


def expected(files: dict[str, str]) -> dict[str, bytes]:
    out = {
        "assets/handbook.css": b"body {}\n",
        "contributing.md": b"# How to contribute\n",
        "teams/notes.md": b"# Hand-written notes in an owned folder\n",
    }
    out.update({rel: text.encode() for rel, text in files.items()})
    out[MANIFEST] = manifest_bytes({rel: digest(text.encode()) for rel, text in files.items()})
    return dict(sorted(out.items()))


def test_first_write(docs: Path) -> None:
    assert tree(docs) == expected(FIRST)


def test_second_write_changes_only_what_changed(docs: Path) -> None:
    before = {rel: (docs / rel).stat().st_mtime_ns for rel in FIRST}
    time.sleep(0.01)
    report = write(docs, SECOND, OWNED)
    assert report.written == (
        "dimensions/goals.md",
        "index.md",
        "teams/index.md",
        "teams/new-role.md",
    )
    assert report.unchanged == ("glossary/index.md",)
    assert report.removed == ("dimensions/methods.md",)
    assert tree(docs) == expected(SECOND)
    assert (docs / "glossary/index.md").stat().st_mtime_ns == before["glossary/index.md"]


def test_nothing_to_do(docs: Path) -> None:
    snapshot = tree(docs)
    report = write(docs, FIRST, OWNED)
    assert report.written == () and report.removed == ()
    assert tree(docs) == snapshot


def test_empty_folders_left_by_removals_go(docs: Path) -> None:
    write(docs, {"index.md": page("Home")}, OWNED)
    assert not (docs / "dimensions").exists()
    assert not (docs / "glossary").exists()
    assert (docs / "teams" / "notes.md").exists()  # hand-written: kept, with its folder


def test_hand_written_page_in_the_way(docs: Path) -> None:
    (docs / "glossary" / "extra.md").write_text("# Mine\n")
    snapshot = tree(docs)
    with pytest.raises(OwnershipError, match=r"docs/glossary/extra\.md exists but was not written"):
        write(docs, {**FIRST, "glossary/extra.md": page("Extra")}, OWNED)
    assert tree(docs) == snapshot


def test_missing_manifest_with_generated_pages_is_said_plainly(docs: Path) -> None:
    """Without the manifest, the marker alone never makes a page the generator's to replace."""
    (docs / MANIFEST).unlink()
    snapshot = tree(docs)
    with pytest.raises(OwnershipError) as caught:
        write(docs, SECOND, OWNED)
    assert str(caught.value) == (
        "docs/.generated.json, the list of the files the generator wrote, is missing, but docs/ "
        "already holds generated pages (docs/dimensions/goals.md and 2 more). The generator "
        "replaces only files that list names. If you did not edit those pages, delete them "
        "(docs/dimensions/, docs/index.md, docs/teams/) and run again; if you edited one, move "
        "it out of docs/ first and carry the change over to source_data/"
    )
    assert tree(docs) == snapshot


def test_missing_manifest_with_current_pages_is_rebuilt(docs: Path) -> None:
    (docs / MANIFEST).unlink()
    write(docs, FIRST, OWNED)
    assert tree(docs) == expected(FIRST)


def test_page_edited_by_hand_is_not_deleted(docs: Path) -> None:
    """A listed page whose marker is gone was taken over by a person: it stays."""
    (docs / "dimensions" / "methods.md").write_text("# Methods, rewritten by hand\n")
    write(docs, SECOND, OWNED)
    assert (docs / "dimensions" / "methods.md").read_text() == "# Methods, rewritten by hand\n"


@pytest.mark.parametrize(
    "listed",
    [
        "../outside.md",
        "/etc/passwd",
        "assets/handbook.css",
        "contributing.md",
        "teams/notes.md",
        "teams/../../outside.md",
        ".generated.json",
    ],
)
def test_a_damaged_manifest_deletes_nothing_else(docs: Path, listed: str) -> None:
    outside = docs.parent / "outside.md"
    outside.write_text(page("Outside"))
    (docs / MANIFEST).write_text(json.dumps({"files": [*FIRST, listed]}))
    write(docs, FIRST, OWNED)
    assert outside.exists()
    assert tree(docs) == expected(FIRST)


@pytest.mark.parametrize(
    "rel",
    [
        "../escape.md",
        "/tmp/absolute.md",
        "assets/evil.md",
        "teams/../../escape.md",
        "teams/./x.md",
        "teams//x.md",
        ".generated.json",
        "teams/.hidden.md",
        "teams\\x.md",
        "",
    ],
)
def test_paths_outside_the_owned_folders_are_refused(docs: Path, rel: str) -> None:
    snapshot = tree(docs.parent)
    with pytest.raises(OwnershipError, match="refusing to write"):
        write(docs, {**FIRST, rel: page("Evil")}, OWNED)
    assert tree(docs.parent) == snapshot


def test_a_link_out_of_docs_is_refused(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (docs / "teams").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(OwnershipError, match="a folder on the way is a link out of docs/"):
        write(docs, {"teams/x.md": page("X")}, OWNED)
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: (d / "teams" / "index.md").mkdir(parents=True), "is a folder or a link"),
        (lambda d: (d / "teams").write_text("a file"), "docs/teams is a file"),
    ],
)
def test_something_in_the_way_is_refused_before_any_change(
    tmp_path: Path, make: object, message: str
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    make(docs)  # type: ignore[operator]
    snapshot = tree(docs)
    with pytest.raises(OwnershipError, match=message):
        write(docs, {"index.md": page("Home"), "teams/index.md": page("Teams")}, OWNED)
    assert tree(docs) == snapshot


def test_text_is_written_byte_for_byte(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    text = page("Crlf", "line\r\nnext — ünïcode")
    write(docs, {"index.md": text}, OWNED)
    assert (docs / "index.md").read_bytes() == text.encode()
    assert write(docs, {"index.md": text}, OWNED).written == ()


# --- failures midway ------------------------------------------------------------------------


def test_failure_while_staging_leaves_docs_as_it_was(
    docs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    snapshot = tree(docs)
    calls = []

    def full_disk(path: Path, raw: bytes) -> None:
        calls.append(path)
        if len(calls) == 3:
            raise OSError(28, "No space left on device", str(path))
        real_write_bytes(path, raw)

    real_write_bytes = writer._write_bytes
    monkeypatch.setattr(writer, "_write_bytes", full_disk)
    with pytest.raises(WriteError, match=r"No space left on device.*docs/ was left as it was"):
        write(docs, SECOND, OWNED)
    assert tree(docs) == snapshot


@pytest.mark.parametrize("fail_at", [1, 2, 4, 6])
def test_failure_while_committing_is_finished_by_the_next_write(
    docs: Path, monkeypatch: pytest.MonkeyPatch, fail_at: int
) -> None:
    """os.replace fails at call ``fail_at`` (1 = the journal, 2-5 = pages, 6 = manifest)."""
    snapshot = tree(docs)
    calls = []
    real_replace = os.replace

    def flaky(src: object, dst: object) -> None:
        calls.append(dst)
        if len(calls) == fail_at:
            raise PermissionError(13, "Permission denied", str(dst))
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", flaky)
    with pytest.raises(WriteError):
        write(docs, SECOND, OWNED)
    monkeypatch.setattr(os, "replace", real_replace)
    if fail_at == 1:
        assert tree(docs) == snapshot  # the journal was never in place
    else:
        assert (docs / JOURNAL).exists()
    recover(docs, OWNED)  # what the next write does first
    assert not (docs / JOURNAL).exists()
    assert tree(docs) in (snapshot, expected(SECOND))
    write(docs, SECOND, OWNED)
    assert tree(docs) == expected(SECOND)


def test_recovery_finishes_an_interrupted_commit(
    docs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As after SIGKILL in the middle of moving pages into place."""
    real_apply = writer._apply

    def killed(docs_: Path, staging: Path, changed: list[str], *rest: object) -> None:
        os.replace(staging / changed[0], docs_ / changed[0])
        raise SystemExit("killed")

    monkeypatch.setattr(writer, "_apply", killed)
    with pytest.raises(SystemExit):
        write(docs, SECOND, OWNED)
    monkeypatch.setattr(writer, "_apply", real_apply)
    assert (docs / JOURNAL).exists()
    assert list(docs.glob(f"{STAGING_PREFIX}*"))
    assert recover(docs, OWNED) is True
    assert tree(docs) == expected(SECOND)


@pytest.mark.parametrize(
    "journal",
    [
        "{not json",
        json.dumps({"staging": "/etc", "changed": [], "removed": [], "files": []}),
        json.dumps(
            {"staging": f"{STAGING_PREFIX}x", "changed": ["../../x"], "removed": [], "files": []}
        ),
        json.dumps(
            {
                "staging": f"{STAGING_PREFIX}x",
                "changed": [],
                "removed": ["/etc/passwd"],
                "files": [],
            }
        ),
        json.dumps({"staging": f"{STAGING_PREFIX}x", "changed": 5, "removed": [], "files": []}),
    ],
)
def test_a_damaged_journal_is_dropped(docs: Path, journal: str) -> None:
    (docs / JOURNAL).write_text(journal)
    assert recover(docs, OWNED) is False
    assert tree(docs) == expected(FIRST)


def test_leftover_staging_and_temporary_files_are_cleared(docs: Path) -> None:
    (docs / f"{STAGING_PREFIX}abc" / "teams").mkdir(parents=True)
    (docs / f"{STAGING_PREFIX}abc" / "teams" / "x.md").write_text("x")
    (docs / f"{MANIFEST}.tmp").write_text("x")
    write(docs, FIRST, OWNED)
    assert tree(docs) == expected(FIRST)


# --- the command line, interrupted ----------------------------------------------------------

_DRIVER = """
import os, signal, sys
sys.path.insert(0, {root!r})
import importlib
from generator import __main__
write = importlib.import_module("generator.write")
how, at = sys.argv[1], int(sys.argv[2])
calls = []
real_replace, real_write_bytes = os.replace, write._write_bytes

def count(kind):
    calls.append(kind)
    if kind == "replace" and how in ("kill", "int") and calls.count("replace") == at:
        os.kill(os.getpid(), signal.SIGKILL if how == "kill" else signal.SIGINT)
    if kind == "stage" and how == "int-staging" and calls.count("stage") == at:
        os.kill(os.getpid(), signal.SIGINT)

def replace(src, dst):
    count("replace")
    real_replace(src, dst)

def write_bytes(path, raw):
    count("stage")
    real_write_bytes(path, raw)

def parser(real_parser=__main__._parser):
    print("ready", flush=True)  # inside main(), which turns Ctrl-C into a short message
    return real_parser()

os.replace, write._write_bytes, __main__._parser = replace, write_bytes, parser
sys.exit(__main__.main(["build", "--root", sys.argv[3]]))
"""


@pytest.fixture
def two_states(tmp_path: Path) -> tuple[Path, dict[str, bytes], dict[str, bytes]]:
    """A project whose docs/ holds the pages of MODEL, and the docs/ of an edited MODEL."""
    from generator import build

    new = write_model(tmp_path / "new", "dimensions", "id: methods", "id: ways")
    (new / "docs").mkdir()
    for stem, old, text in [("themes", "What each side is for.", "What each side does.")]:
        path = new / "source_data" / f"{stem}.yaml"
        path.write_text(path.read_text().replace(old, text))
    build(new)
    project = write_model(tmp_path / "project")
    (project / "docs").mkdir()
    build(project)
    old_tree = tree(project / "docs")
    for path in (new / "source_data").iterdir():
        (project / "source_data" / path.name).write_bytes(path.read_bytes())
    return project, old_tree, tree(new / "docs")


def _run(project: Path, how: str, at: int) -> subprocess.CompletedProcess[str]:
    script = _DRIVER.format(root=str(ROOT))
    return subprocess.run(
        [sys.executable, "-c", script, how, str(at), str(project)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("at", [1, 2, 3, 5, 6])
def test_sigkill_during_the_commit(
    two_states: tuple[Path, dict[str, bytes], dict[str, bytes]], at: int
) -> None:
    """Killed at the ``at``-th os.replace (1: the journal, 2-5: the four changed pages, 6: the
    manifest): docs/ keeps the old pages, or holds a journal that the next run finishes."""
    project, old, new = two_states
    docs = project / "docs"
    result = _run(project, "kill", at)
    assert result.returncode == -signal.SIGKILL, result.stderr
    if (docs / JOURNAL).exists():
        recover(docs)
    else:
        left = {k: v for k, v in tree(docs).items() if not k.startswith(".generated.")}
        assert left == {k: v for k, v in old.items() if not k.startswith(".generated.")}
        assert (docs / MANIFEST).read_bytes() == old[MANIFEST]
    recover(docs)
    assert tree(docs) in (old, new)
    assert _run(project, "none", 0).returncode == 0
    assert tree(docs) == new


def test_ctrl_c_during_the_commit_waits_for_it(
    two_states: tuple[Path, dict[str, bytes], dict[str, bytes]],
) -> None:
    project, _, new = two_states
    result = _run(project, "int", 3)
    assert result.returncode == 130
    assert "interrupted; docs/ holds a complete set of pages" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree(project / "docs") == new


def test_ctrl_c_while_staging_changes_nothing(
    two_states: tuple[Path, dict[str, bytes], dict[str, bytes]],
) -> None:
    project, old, _ = two_states
    result = _run(project, "int-staging", 2)
    assert result.returncode == 130, result.stderr
    assert "Traceback" not in result.stderr
    assert tree(project / "docs") == old


@pytest.mark.parametrize(
    ("sig", "delay"),
    [
        (signal.SIGINT, 0.0),
        (signal.SIGINT, 0.1),
        (signal.SIGKILL, 0.05),
        (signal.SIGKILL, 0.15),
        (signal.SIGTERM, 0.1),
    ],
)
def test_signal_at_any_moment(
    two_states: tuple[Path, dict[str, bytes], dict[str, bytes]], sig: int, delay: float
) -> None:
    """A real signal at some moment of a run: docs/ is the old or the new set, never a mix."""
    project, old, new = two_states
    process = subprocess.Popen(
        [sys.executable, "-c", _DRIVER.format(root=str(ROOT)), "none", "0", str(project)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline() == "ready\n"  # imports done: the run itself starts now
    time.sleep(delay)
    process.send_signal(sig)
    _, err = process.communicate(timeout=60)
    assert process.returncode in (0, 130, -sig), err
    assert "Traceback" not in err
    recover(project / "docs")
    assert tree(project / "docs") in (old, new)
    assert _run(project, "none", 0).returncode == 0
    assert tree(project / "docs") == new
