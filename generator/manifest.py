"""The manifest of docs/ (``.generated.json``): which files the generator wrote, with a hash of
each, so that a hand edit to a generated page is noticed, kept and reported, never lost.

``{"files": [...], "hashes": {path: sha256}}``; a manifest without ``hashes`` (written before
they existed) still says which files are the generator's, and their edits go unnoticed once.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .errors import WriteError

MANIFEST = ".generated.json"
"""Lists every file the generator wrote; it deletes nothing else."""
KEPT_EDITS = PurePosixPath(".handbook/kept-edits")
"""Where the text of a hand-edited generated file is kept, under the project folder
(git-ignored, outside docs/ so that neither engine publishes it)."""
MARKER_LINE = "generated: true"
_FRONT_MATTER_LIMIT = 1 << 20
"""Bytes read when looking for the marker in a page's front matter."""
_ORIGIN = re.compile(r'^source_file: "([^"\n]*)"\nsource_line: (\d+)$', re.MULTILINE)


def digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def manifest_bytes(hashes: dict[str, str]) -> bytes:
    files = sorted(hashes)
    data = {"files": files, "hashes": {rel: hashes[rel] for rel in files}}
    return (json.dumps(data, indent=1) + "\n").encode("utf-8")


def read(docs: Path, plausible: Callable[[str], bool]) -> dict[str, str | None] | None:
    """path -> hash (None if not recorded) of the files the last write made; None when there is
    no manifest at all. Paths that are not ``plausible`` are left out, so a damaged manifest
    cannot make the generator replace or delete any other file."""
    try:
        raw = (docs / MANIFEST).read_bytes()
    except FileNotFoundError:
        return None
    except OSError:
        return {}
    try:
        data = json.loads(raw.decode("utf-8"))
        listed = data["files"]
        hashes = data.get("hashes", {})
    except (ValueError, KeyError, TypeError, AttributeError):
        return {}
    if not isinstance(listed, list) or not isinstance(hashes, dict):
        return {}
    out: dict[str, str | None] = {}
    for rel in listed:
        if isinstance(rel, str) and plausible(rel):
            known = hashes.get(rel)
            out[rel] = known if isinstance(known, str) else None
    return out


def origin_of(text: str) -> str:
    """``source_data/x.yaml:12``: where a generated page's content comes from (its front
    matter), or the folder for a file made from the whole model."""
    found = _ORIGIN.search(text[:2000])
    return f"{found[1]}:{found[2]}" if found else "source_data/"


@dataclass(frozen=True, slots=True)
class KeptEdit:
    """A generated file found edited by hand: its text was copied before it was replaced."""

    path: str
    """docs-relative path of the edited file."""
    copy: str
    """Where its text is kept, relative to the project folder."""
    origin: str
    """The YAML file:line its content comes from."""
    removed: bool = False

    def message(self) -> str:
        fate = (
            "was removed (its entry is gone)"
            if self.removed
            else f"was generated again from {self.origin}"
        )
        return (
            f"generator: docs/{self.path} was edited by hand; your text is kept in {self.copy} "
            f"and the page {fate}. Generated pages are rewritten on every build: make the "
            "change in the YAML instead"
        )


def keep(root: Path, rel: str, raw: bytes) -> str:
    """Copy ``raw`` (the edited text of docs/``rel``) under ``root``/.handbook/kept-edits/ and
    return the copy's project-relative path; an earlier copy is never overwritten."""
    target = PurePosixPath(KEPT_EDITS, rel)
    stem, suffix = target.stem, target.suffix
    for n in range(1, 10_000):
        name = target if n == 1 else target.with_name(f"{stem}.{n}{suffix}")
        path = root / name
        if not os.path.lexists(path):  # a dangling link counts as taken: "xb" never follows one
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("xb") as handle:
                handle.write(raw)
            return name.as_posix()
    raise FileExistsError(f"too many kept copies of {rel} in {KEPT_EDITS}; clear that folder")


def stale_pages(docs: Path, data: dict[str, bytes]) -> list[str]:
    """Of the files to write, those already in docs/ with other text and the generated marker:
    pages of an earlier run, when the manifest that would say so is missing."""
    return sorted(
        rel for rel, raw in data.items() if has_marker(docs / rel) and read_bytes(docs / rel) != raw
    )


def missing_message(found: list[str]) -> str:
    """What to say when the manifest is missing but docs/ holds generated pages."""
    folders = sorted(
        {f"docs/{rel.split('/')[0]}/" if "/" in rel else f"docs/{rel}" for rel in found}
    )
    more = f" and {len(found) - 1} more" if len(found) > 1 else ""
    return (
        f"docs/{MANIFEST}, the list of the files the generator wrote, is missing, but docs/ "
        f"already holds generated pages (docs/{found[0]}{more}). The generator replaces only "
        "files that list names. If you did not edit those pages, delete "
        f"them ({', '.join(folders)}) and run again; if you edited one, move it out of docs/ "
        "first and carry the change over to source_data/"
    )


def keep_edits(
    docs: Path, project: Path, old: dict[str, str | None], touched: list[str], files: dict[str, str]
) -> tuple[KeptEdit, ...]:
    """Copy each generated file about to be replaced or removed whose text is not what the
    generator last wrote (its hash in the manifest), and say where its content comes from."""
    kept = []
    for rel in sorted(touched):
        recorded = old.get(rel)
        current = read_bytes(docs / rel)
        if recorded is None or current is None or digest(current) == recorded:
            continue
        try:
            copy = keep(project, rel, current)
        except OSError as exc:
            raise WriteError(
                f"docs/{rel} was edited by hand, and its text cannot be kept: "
                f"{exc.strerror or exc}; docs/ was left as it was"
            ) from exc
        origin = origin_of(files[rel]) if rel in files else "source_data/"
        kept.append(KeptEdit(rel, copy, origin, removed=rel not in files))
    return tuple(kept)


def has_marker(path: Path) -> bool:
    """Whether the file's front matter has the line ``generated: true``."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_FRONT_MATTER_LIMIT).decode("utf-8", errors="replace")
    except OSError:
        return False
    lines = head.split("\n")
    if not lines or lines[0].rstrip("\r") != "---":
        return False
    for line in lines[1:]:
        line = line.rstrip("\r")
        if line == "---":
            return False
        if line == MARKER_LINE:
            return True
    return False


def read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes() if path.is_file() else None
    except OSError:
        return None
