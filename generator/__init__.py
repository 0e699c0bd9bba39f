"""Generate the handbook's Markdown pages from the YAML model in source_data/."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from . import paths
from .nav import nav
from .render import render
from .validate import load_model
from .write import write

__all__ = ["Report", "build", "check"]


@dataclass(frozen=True, slots=True)
class Report:
    """What one generation did."""

    written: tuple[str, ...]
    unchanged: tuple[str, ...]
    removed: tuple[str, ...]
    seconds: float
    nav: list[object]

    def summary(self) -> str:
        return (
            f"generator: {len(self.written)} pages written, {len(self.unchanged)} unchanged, "
            f"{len(self.removed)} removed in {self.seconds:.2f} s"
        )


def check(root: Path) -> int:
    """Validate source_data/ under ``root``; raise SourceError on problems. Returns the entry count."""
    model = load_model(root / "source_data", root)
    return len(model.entities())


def build(root: Path, docs: Path | None = None) -> Report:
    """Validate, render and write; nothing is written unless the whole model is valid."""
    start = time.perf_counter()
    docs = docs or root / "docs"
    model = load_model(root / "source_data", root)
    pages = render(model)
    files = {page.path: page.text for page in pages}
    result = write(docs, files, paths.OWNED_FOLDERS)
    return Report(
        result.written,
        result.unchanged,
        result.removed,
        time.perf_counter() - start,
        nav(model, pages, docs),
    )
