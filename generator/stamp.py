"""The no-op fast path: when no input changed and no output was touched, skip the whole build.

A stamp in docs/ records a fingerprint of every input (source_data/, the templates, the
generator's own code, the hand-written pages that join the nav) and a hash of every file the
last build wrote. Any difference at all falls back to the full build, so output can never drift
from the YAML; it only makes "nothing changed" cheap (the common case under ``mkdocs build``).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from . import paths

STAMP = ".generated.stamp.json"
_PACKAGE = Path(__file__).resolve().parent


def fingerprint(root: Path, docs: Path) -> str:
    """A digest of everything the generated files depend on."""
    digest = hashlib.sha256()
    folders = (root / "source_data", _PACKAGE / "templates", _PACKAGE)
    for folder in folders:
        try:
            entries = sorted(folder.iterdir())
        except OSError:
            entries = []
        for entry in entries:
            if entry.is_file():
                digest.update(f"{entry}\0".encode())
                digest.update(entry.read_bytes())
                digest.update(b"\0")
    for page in sorted(docs.glob("*.md")):
        if page.name == paths.HOME:  # generated: it must not make the next run look changed
            continue
        digest.update(f"page:{page.name}\0".encode())
    return digest.hexdigest()


def _hash(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def fresh(docs: Path, fingerprint_: str) -> tuple[list[str], list[object]] | None:
    """``(files, nav)`` of the last build when nothing changed since, else None."""
    try:
        stamp = json.loads((docs / STAMP).read_text(encoding="utf-8"))
        if stamp.get("fingerprint") != fingerprint_ or not isinstance(stamp.get("hashes"), dict):
            return None
        for rel, expected in stamp["hashes"].items():
            if _hash((docs / rel).read_bytes()) != expected:
                return None
        return sorted(stamp["hashes"]), stamp["nav"]
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def save(docs: Path, fingerprint_: str, files: dict[str, str], nav: list[Any]) -> None:
    """Record what this build wrote, once everything is in place."""
    stamp = {
        "fingerprint": fingerprint_,
        "hashes": {rel: _hash(text.encode("utf-8")) for rel, text in sorted(files.items())},
        "nav": nav,
    }
    text = json.dumps(stamp, indent=1) + "\n"
    try:
        if (docs / STAMP).read_text(encoding="utf-8") == text:
            return
    except (OSError, UnicodeDecodeError):
        pass
    tmp = docs / f"{STAMP}.tmp"
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, docs / STAMP)
