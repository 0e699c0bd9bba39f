"""One generation run at a time: a lock on ``.handbook/generate.lock`` for the length of one run.

Two runs at once (two ``make site``, or a save under ``make serve`` during a ``make site``) would
each stage, commit and recover in the same docs/, and one would find the other's journal gone.
``generator.build()`` takes the lock, so every way in (the command line, the MkDocs hook, the
serve watcher, the Zensical adapter) takes the same one; it is held for one run, never for a
whole serve session. A second run waits up to :data:`WAIT_SECONDS`, then stops with a message.

The lock file lives in the project's git-ignored ``.handbook/`` folder, beside the kept edits,
not in docs/: a run that stops on a mistake leaves docs/ exactly as it was, and a new docs/
folder is not created just to hold a lock.

``fcntl.flock`` belongs to the open file: the system releases it when the process ends, however
it ends, so a killed run never leaves a stale lock behind. The file itself stays, empty (deleting
a lock file races with the next run that opens it).
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

from .errors import WriteError

try:
    import fcntl
except ImportError:  # not POSIX: runs are not serialised (the project's tools are POSIX-only)
    fcntl = None  # type: ignore[assignment]

LOCK = ".handbook/generate.lock"
"""The lock file, relative to the project folder."""
WAIT_SECONDS = 5.0
"""How long a run waits for another to finish; read at call time, so tests may patch it."""
_POLL = 0.05


class BusyError(WriteError):
    """Another generation run holds the lock; nothing was written."""


@contextlib.contextmanager
def held(root: Path) -> Iterator[None]:
    """Hold the generation lock of the project in ``root`` while the block runs."""
    path = root / LOCK
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        raise WriteError(f"cannot create {LOCK}: {exc.strerror or exc}") from exc
    try:
        _acquire(fd)
        yield
    finally:
        os.close(fd)  # releases the lock


def _acquire(fd: int) -> None:
    if fcntl is None:
        return
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise BusyError(
                    f"another generator run is writing docs/ and still was after "
                    f"{WAIT_SECONDS:g} s; nothing was written. Wait for it to finish (under "
                    "`make serve`, each save starts one), then run again"
                ) from None
            time.sleep(_POLL)
