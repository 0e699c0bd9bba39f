"""Generate the handbook's Markdown pages from the YAML model in source_data/."""

from __future__ import annotations

import contextlib
import gc
import sys
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from . import lock, stamp
from .errors import InternalError, Origin, working_on
from .manifest import MANIFEST, KeptEdit
from .write import JOURNAL, STAGING_PREFIX

# The other stages are imported when a build needs them: the no-op fast path needs none of them.

__all__ = ["Report", "build", "check"]


@dataclass(frozen=True, slots=True)
class Report:
    """What one generation did."""

    written: tuple[str, ...]
    unchanged: tuple[str, ...]
    removed: tuple[str, ...]
    seconds: float
    nav: list[object]
    kept: tuple[KeptEdit, ...] = ()
    """Generated pages found edited by hand: kept under .handbook/kept-edits/, then replaced."""

    def summary(self) -> str:
        return (
            f"generator: {len(self.written)} pages written, {len(self.unchanged)} unchanged, "
            f"{len(self.removed)} removed in {self.seconds:.2f} s"
        )

    def warnings(self) -> list[str]:
        """One line per hand-edited page that was kept and replaced."""
        return [kept.message() for kept in self.kept]


def check(root: Path) -> int:
    """Validate source_data/ under ``root``, writing nothing; raise SourceError on problems.

    Returns the number of entries."""
    from .validate import load_model

    with _collector_paused():
        model = load_model(root / "source_data", root)
    return len(model.entities())


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Building the model allocates millions of objects that all stay alive: pausing the cyclic
    garbage collector meanwhile keeps the cost linear (see BENCHMARKS.md)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def build(root: Path, docs: Path | None = None) -> Report:
    """Validate, render and write; nothing is written unless the whole model is valid.

    Raises SourceError (mistakes in the YAML), OwnershipError (docs/ cannot be written as asked;
    lock.BusyError while another run writes) or InternalError (a bug), which names the page and
    the YAML entry it was working on. One run at a time: see lock.py.
    """
    start = time.perf_counter()
    docs = docs or root / "docs"
    with lock.held(root):
        digest = stamp.fingerprint(root, docs)
        if not (docs / JOURNAL).exists():
            _clear_staging(docs)  # left by a run that died before its commit began
            last = stamp.fresh(docs, digest) if (docs / MANIFEST).exists() else None
            # A preview's first regeneration computes everything all the same, so that its
            # first save reuses it (else that save alone would compute the whole model). Only
            # a preview imports incremental.py: a one-off run does not pay for importing it.
            reuse = sys.modules.get(f"{__name__}.incremental")
            if last is not None and not (reuse is not None and reuse.cold()):
                files, site_nav = last
                return Report((), tuple(files), (), time.perf_counter() - start, site_nav)
        with _collector_paused():
            return _build(root, docs, start, digest)


def _clear_staging(docs: Path) -> None:
    import shutil

    for leftover in docs.glob(f"{STAGING_PREFIX}*"):
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)


def _build(root: Path, docs: Path, start: float, digest: str) -> Report:
    from . import incremental, paths, redirects
    from .nav import nav
    from .render import render
    from .validate import load_model
    from .write import write

    model = load_model(root / "source_data", root)
    try:
        pages = render(model)
    except Exception as exc:
        raise InternalError(rendering_context(exc.__traceback__), exc) from exc
    with working_on("keeping the addresses of renamed entries (former_ids)"):
        pages = redirects.with_former_anchors(pages, model)
        moved = redirects.files(model)
    with working_on("exporting the model as JSON"):
        files = {page.path: page.text for page in pages} | incremental.export_files(model) | moved
    with working_on("writing docs/"):
        result = write(docs, files, paths.OWNED_FOLDERS, root)
    with working_on("building the navigation"):
        site_nav = nav(model, pages, docs)
    stamp.save(docs, digest, files, site_nav)
    return Report(
        result.written,
        result.unchanged,
        result.removed,
        time.perf_counter() - start,
        site_nav,
        result.kept,
    )


def rendering_context(tb: TracebackType | None) -> str:
    """``while rendering dimensions/roi.md (template dimension.md.j2, line 12) from
    source_data/dimensions.yaml:222``, read from the frames of the failed render."""
    page = origin = template = ""
    for frame, line in traceback.walk_tb(tb):
        local = frame.f_locals
        path = local.get("path")
        if isinstance(path, str) and path.endswith(".md") and "entity" in local:
            page = path
            entity = local.get("entity")
            found = getattr(entity, "origin", None)
            origin = str(found) if isinstance(found, Origin) else ""
        name = frame.f_code.co_filename
        if name.endswith(".j2"):
            template = f"template {Path(name).name}, line {line}"
    where = f"while rendering {page}" if page else "while rendering the pages"
    if template:
        where += f" ({template})"
    if origin:
        where += f" from {origin}"
    return where
