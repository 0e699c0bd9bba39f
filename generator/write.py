"""The only module that touches docs/: contained, atomic, change-only writes."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .errors import OwnershipError

MANIFEST = ".generated.json"
"""Lists every file the generator wrote; it deletes nothing else."""
JOURNAL = ".generated.commit.json"
"""Present only while a commit is under way; a later run finishes an interrupted commit."""
STAGING_PREFIX = ".generated.staging-"
MARKER = "\ngenerated: true\n"


@dataclass(frozen=True, slots=True)
class WriteReport:
    """What a write changed."""

    written: tuple[str, ...]
    unchanged: tuple[str, ...]
    removed: tuple[str, ...]


def write(docs: Path, files: dict[str, str], owned_folders: tuple[str, ...]) -> WriteReport:
    """Make ``docs/`` hold ``files`` (docs-relative path -> text), touching only owned files."""
    docs.mkdir(parents=True, exist_ok=True)
    recover(docs)
    old = _manifest(docs)
    for rel in files:
        _check_path(rel, owned_folders)
        target = docs / rel
        if target.exists() and rel not in old and not _has_marker(target):
            raise OwnershipError(
                f"docs/{rel} exists but was not written by the generator; move it elsewhere "
                "(the generator owns this path) and run again"
            )
    changed = {rel: text for rel, text in files.items() if _read(docs / rel) != text}
    removed = sorted(rel for rel in old if rel not in files and (docs / rel).is_file())
    if changed or removed or set(old) != set(files):
        _commit(docs, changed, removed, sorted(files))
    unchanged = sorted(set(files) - set(changed))
    return WriteReport(tuple(sorted(changed)), tuple(unchanged), tuple(removed))


def recover(docs: Path) -> None:
    """Finish a commit that was interrupted, then clear leftover staging folders."""
    journal = docs / JOURNAL
    if journal.exists():
        plan = json.loads(journal.read_text(encoding="utf-8"))
        _apply(docs, Path(plan["staging"]), plan["changed"], plan["removed"], plan["files"])
        journal.unlink()
    for leftover in docs.glob(f"{STAGING_PREFIX}*"):
        shutil.rmtree(leftover, ignore_errors=True)


def _commit(docs: Path, changed: dict[str, str], removed: list[str], files: list[str]) -> None:
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=docs))
    try:
        for rel, text in changed.items():
            path = staging / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
        plan = {"staging": str(staging), "changed": sorted(changed), "removed": removed, "files": files}
        with _signals_deferred():
            _atomic_text(docs / JOURNAL, json.dumps(plan, indent=1))
            _apply(docs, staging, plan["changed"], removed, files)
            (docs / JOURNAL).unlink()
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _apply(docs: Path, staging: Path, changed: list[str], removed: list[str], files: list[str]) -> None:
    for rel in changed:
        staged = staging / rel
        if staged.exists():
            (docs / rel).parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged, docs / rel)
    for rel in removed:
        with contextlib.suppress(FileNotFoundError):
            (docs / rel).unlink()
        _prune(docs, (docs / rel).parent)
    _atomic_text(docs / MANIFEST, json.dumps({"files": files}, indent=1) + "\n")


def _prune(docs: Path, folder: Path) -> None:
    """Remove folders left empty by a removal, up to docs/."""
    while folder != docs and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def _atomic_text(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8", newline="\n")
    os.replace(tmp, path)


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold Ctrl-C and kill until the commit is done; the commit takes milliseconds."""
    signals = {signal.SIGINT, signal.SIGTERM}
    try:
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, signals)
    except (AttributeError, ValueError, OSError):
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _manifest(docs: Path) -> set[str]:
    try:
        data = json.loads((docs / MANIFEST).read_text(encoding="utf-8"))
        return {f for f in data["files"] if isinstance(f, str)}
    except (OSError, ValueError, KeyError, TypeError):
        return set()


def _check_path(rel: str, owned_folders: tuple[str, ...]) -> None:
    parts = PurePosixPath(rel).parts
    if (
        not parts
        or rel.startswith("/")
        or ".." in parts
        or (len(parts) > 1 and parts[0] not in owned_folders)
    ):
        raise OwnershipError(f"refusing to write '{rel}': outside the folders the generator owns")


def _has_marker(path: Path) -> bool:
    try:
        with path.open(encoding="utf-8") as handle:
            return MARKER in handle.read(2048).split("\n---\n", 1)[0] + "\n"
    except (OSError, UnicodeDecodeError):
        return False


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
