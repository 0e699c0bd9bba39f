"""The only module that touches docs/: contained, atomic, change-only writes.

A write is a commit in three steps:

1. every changed file is written into a staging folder inside docs/ (``.generated.staging-*``,
   hidden from MkDocs); an interruption here leaves docs/ untouched;
2. a journal (``.generated.commit.json``) is written atomically, listing what to move and what to
   delete; from here on Ctrl-C and ``kill`` wait until the commit is done (milliseconds);
3. the staged files replace their targets (``os.replace``, atomic per file), files the generator
   made and no longer makes are deleted, the manifest is replaced, the journal is deleted.

If the process dies during step 3 (SIGKILL, a crash, a power cut), the journal and the staging
folder remain and the next write finishes the commit before doing anything else (:func:`recover`).
The manifest (``.generated.json``, see manifest.py) lists every file the generator wrote, with
its hash: no other file is ever replaced or deleted (whatever its front matter says), a
Markdown file must also carry ``generated: true`` to be deleted, and a listed file whose hash no
longer matches was edited by hand: its text is kept in ``.handbook/kept-edits/`` first. Runs
take turns through lock.py, so one run never sees another's half-done commit.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .errors import OwnershipError, WriteError
from .manifest import (
    MANIFEST,
    KeptEdit,
    digest,
    has_marker,
    keep_edits,
    manifest_bytes,
    missing_message,
    read_bytes,
    stale_pages,
)
from .manifest import read as read_manifest

__all__ = ["JOURNAL", "MANIFEST", "STAGING_PREFIX", "WriteReport", "recover", "write"]

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
    kept: tuple[KeptEdit, ...] = ()
    """Generated files found edited by hand, whose text was kept before the write."""


def write(
    docs: Path, files: dict[str, str], owned_folders: tuple[str, ...], project: Path | None = None
) -> WriteReport:
    """Make ``docs/`` hold ``files`` (docs-relative path -> text), touching only owned files.

    Raises OwnershipError, before changing anything, when a path lies outside ``owned_folders``
    or a file in the way was not written by the generator; WriteError when the file system
    refuses a write (docs/ then holds the previous files, or the next run completes the new ones).
    Hand-edited generated files are copied under ``project`` (default: the folder of docs/)
    before they are replaced.
    """
    try:
        docs.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(f"cannot create {docs}: {exc.strerror or exc}") from exc
    recover(docs, owned_folders)
    listed = read_manifest(docs, lambda rel: _plausible(rel, owned_folders))
    data = {rel: text.encode("utf-8") for rel, text in files.items()}
    if listed is None:
        stale = stale_pages(docs, data)
        if stale:
            raise OwnershipError(missing_message(stale))
    old = listed or {}
    root = docs.resolve()
    for rel in data:
        _check_path(rel, owned_folders)
        _check_target(docs, root, rel, data[rel], old)
    changed = {rel: raw for rel, raw in data.items() if read_bytes(docs / rel) != raw}
    removed = sorted(
        rel for rel in old if rel not in data and _removable(docs, root, rel, owned_folders)
    )
    kept = keep_edits(docs, project or docs.parent, old, [*changed, *removed], files)
    hashes = {rel: digest(raw) for rel, raw in data.items()}
    if changed or removed or read_bytes(docs / MANIFEST) != manifest_bytes(hashes):
        _commit(docs, changed, removed, hashes)
    unchanged = sorted(set(data) - set(changed))
    return WriteReport(tuple(sorted(changed)), tuple(unchanged), tuple(removed), kept)


def _plausible(rel: str, owned_folders: Iterable[str]) -> bool:
    try:
        _check_path(rel, owned_folders)
    except OwnershipError:
        return False
    return True


def recover(docs: Path, owned_folders: Iterable[str] | None = None) -> bool:
    """Finish a commit that was interrupted, then clear leftovers; True if one was finished.

    A journal that cannot be read (it is written atomically, so only a hand edit does that) is
    dropped: the write that follows compares every file with what it should hold anyway.
    """
    journal = docs / JOURNAL
    finished = False
    if journal.is_file():
        plan = _read_plan(journal, owned_folders)
        if plan is not None:
            staging, changed, removed, files = plan
            try:
                with _signals_deferred():
                    _apply(docs, docs / staging, changed, removed, files)
                    journal.unlink()
            except OSError as exc:
                raise WriteError(
                    f"cannot finish the interrupted update of docs/ recorded in docs/{JOURNAL}: "
                    f"{_reason(exc)}; fix that and run the generator again"
                ) from exc
            finished = True
        else:
            journal.unlink()
    for leftover in docs.glob(f"{STAGING_PREFIX}*"):
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)
    for name in (MANIFEST, JOURNAL):
        with contextlib.suppress(OSError):
            (docs / f"{name}.tmp").unlink()
    return finished


def _read_plan(
    journal: Path, owned_folders: Iterable[str] | None
) -> tuple[str, list[str], list[str], dict[str, str]] | None:
    owned = tuple(owned_folders) if owned_folders is not None else None
    try:
        plan = json.loads(journal.read_text(encoding="utf-8"))
        staging = PurePosixPath(str(plan["staging"]).replace("\\", "/")).name
        lists = [plan[key] for key in ("changed", "removed", "files")]
        hashes = plan.get("hashes", {})
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if not staging.startswith(STAGING_PREFIX):
        return None
    for paths in lists:
        if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
            return None
        for rel in paths:
            try:
                _check_path(rel, owned)
            except OwnershipError:
                return None
    if not isinstance(hashes, dict):
        hashes = {}
    known = {rel: str(hashes.get(rel, "")) for rel in lists[2]}
    return staging, lists[0], lists[1], known


def _commit(
    docs: Path, changed: dict[str, bytes], removed: list[str], files: dict[str, str]
) -> None:
    journal = docs / JOURNAL
    try:
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=docs))
    except OSError as exc:
        raise WriteError(
            f"cannot write in docs/: {_reason(exc)}; docs/ was left as it was"
        ) from exc
    started = False
    try:
        try:
            for rel, raw in changed.items():
                path = staging / rel
                path.parent.mkdir(parents=True, exist_ok=True)
                _write_bytes(path, raw)
        except OSError as exc:
            raise WriteError(
                f"cannot write the new pages: {_reason(exc)}; docs/ was left as it was"
            ) from exc
        moved = sorted(changed)
        plan = {
            "staging": staging.name,
            "changed": moved,
            "removed": removed,
            "files": sorted(files),
            "hashes": files,
        }
        with _signals_deferred():
            try:
                _atomic_bytes(journal, json.dumps(plan, indent=1).encode("utf-8"))
            except OSError as exc:
                raise WriteError(
                    f"cannot write docs/{JOURNAL}: {_reason(exc)}; docs/ was left as it was"
                ) from exc
            started = True
            try:
                _apply(docs, staging, moved, removed, files)
                journal.unlink()
            except OSError as exc:
                raise WriteError(
                    f"docs/ was only partly updated: {_reason(exc)}; fix that and run the "
                    f"generator again: it finishes the update recorded in docs/{JOURNAL}"
                ) from exc
    finally:
        if not started or not journal.exists():
            shutil.rmtree(staging, ignore_errors=True)


def _apply(
    docs: Path, staging: Path, changed: list[str], removed: list[str], files: dict[str, str]
) -> None:
    """Move staged files into place, delete what is no longer generated, replace the manifest.

    Safe to run again after an interruption at any point: moved files are no longer staged.
    """
    for rel in changed:
        staged = staging / rel
        if staged.is_file():
            (docs / rel).parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged, docs / rel)
    root = docs.resolve()
    for rel in removed:
        target = docs / rel
        if _removable(docs, root, rel, None):
            with contextlib.suppress(FileNotFoundError):
                target.unlink()
            _prune(docs, target.parent)
    for rel, known in files.items():
        if not known:  # a journal from before hashes were recorded: hash the file in place
            raw = read_bytes(docs / rel)
            files[rel] = digest(raw) if raw is not None else ""
    _atomic_bytes(docs / MANIFEST, manifest_bytes(files))


def _prune(docs: Path, folder: Path) -> None:
    """Remove folders left empty by a removal, up to docs/."""
    while folder != docs and docs in folder.parents and folder.is_dir():
        if folder.is_symlink() or any(folder.iterdir()):
            return
        folder.rmdir()
        folder = folder.parent


def _write_bytes(path: Path, raw: bytes) -> None:
    with path.open("wb") as handle:
        handle.write(raw)
        handle.flush()
        os.fsync(handle.fileno())


def _atomic_bytes(path: Path, raw: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    try:
        _write_bytes(tmp, raw)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _reason(exc: OSError) -> str:
    where = f" ({exc.filename})" if exc.filename else ""
    return f"{exc.strerror or exc}{where}"


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


def _check_path(rel: str, owned_folders: Iterable[str] | None) -> None:
    """A plain relative path: in an owned folder, or a visible file at the top of docs/."""
    parts = PurePosixPath(rel).parts
    owned = tuple(owned_folders) if owned_folders is not None else None
    if (
        not parts
        or rel.startswith("/")
        or "\\" in rel
        or "\x00" in rel
        or ":" in parts[0]
        or "/".join(parts) != rel
        or any(part in (".", "..") or part.startswith(".") for part in parts)
        or (len(parts) > 1 and owned is not None and parts[0] not in owned)
    ):
        raise OwnershipError(f"refusing to write '{rel}': outside the folders the generator owns")


def _check_target(docs: Path, root: Path, rel: str, raw: bytes, old: dict[str, str | None]) -> None:
    """The target of ``rel`` is inside docs/, is no folder or link, and is the generator's."""
    target = docs / rel
    if not _inside(root, target):
        raise OwnershipError(
            f"refusing to write docs/{rel}: a folder on the way is a link out of docs/"
        )
    for parent in reversed(PurePosixPath(rel).parents[:-1]):
        folder = docs / parent
        if os.path.lexists(folder) and not folder.is_dir():
            raise OwnershipError(
                f"docs/{parent} is a file, but the generator needs a folder there; move it away"
            )
    if not os.path.lexists(target):
        return
    if target.is_symlink() or not target.is_file():
        raise OwnershipError(
            f"docs/{rel} is a folder or a link, but the generator writes a file there; move it away"
        )
    if rel in old or read_bytes(target) == raw:  # never the front matter alone: see issue 15
        return
    raise OwnershipError(
        f"docs/{rel} exists but was not written by the generator; move it elsewhere "
        "(the generator owns this path) and run again"
    )


def _inside(root: Path, path: Path) -> bool:
    """Whether ``path`` (once links are followed) stays within the resolved docs/ ``root``."""
    try:
        resolved = path.parent.resolve() / path.name
    except (OSError, RuntimeError):
        return False
    return resolved.is_relative_to(root) and resolved != root


def _removable(docs: Path, root: Path, rel: str, owned_folders: Iterable[str] | None) -> bool:
    """Whether the generator may delete ``docs/rel``, a file its manifest lists: a regular file
    inside docs/, in an owned folder unless it is a page, and a page must carry the marker."""
    path = docs / rel
    if path.is_symlink() or not path.is_file() or not _inside(root, path):
        return False
    parts = PurePosixPath(rel).parts
    if owned_folders is not None and parts[0] not in tuple(owned_folders) and len(parts) > 1:
        return False
    if path.suffix == ".md":
        return has_marker(path)
    return len(parts) > 1  # no data file is generated at the top of docs/
