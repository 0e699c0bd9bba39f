"""Where each kind of entity lives in the site: the one place page paths are derived."""

from __future__ import annotations

import os
import posixpath
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only for annotations: the no-op fast path imports this module
    from .model import Entity

# kind -> page (docs-relative) for kinds whose entries are sections of a shared page.
SHARED_PAGES = {
    "term": "glossary/index.md",
    "stage": "journey/index.md",
    "lead": "leads/index.md",
    "pillar": "four-ps/index.md",
    "element": "strategies/index.md",
    "strategy": "strategies/marketing-strategies.md",
    "procon": "strategies/pros-and-cons.md",
    "practice": "alignment/index.md",
    "definition": "definitions/index.md",
    "debate": "debates/index.md",
    "source": "sources/index.md",
    "team": "teams/index.md",
    "theme": "compare/index.md",
    "overview": "index.md",
}
# kind -> folder for kinds with a page per entry.
OWN_PAGES = {"dimension": "dimensions", "role": "teams"}

# Folders of generated files that are not entity pages (the JSON export, the self-check).
DATA_FOLDER = "data"
MAP_FOLDER = "map"
QUIZ_PAGE = "quiz/index.md"
EXTRA_FOLDERS = (DATA_FOLDER, MAP_FOLDER, QUIZ_PAGE.split("/")[0])

OWNED_FOLDERS = tuple(
    sorted(
        {p.split("/")[0] for p in SHARED_PAGES.values() if "/" in p}  # not the home page
        | set(OWN_PAGES.values())
        | set(EXTRA_FOLDERS)
    )
)
"""Top-level folders of docs/ that belong to the generator (listed in .gitignore)."""
HOME = "index.md"
OFFLINE_ZIP = "sales-vs-marketing-handbook.zip"
"""The offline copy's file name, at the root of the published site (generator/offline.py)."""


def location(kind: str, ident: str) -> tuple[str, str]:
    """``(page path, anchor)`` of an entity; the anchor is empty for a page of its own."""
    if kind in OWN_PAGES:
        return f"{OWN_PAGES[kind]}/{ident}.md", ""
    return SHARED_PAGES[kind], ident


def page_of(entity: Entity) -> str:
    return location(entity.kind, entity.id)[0]


def relative(from_page: str, to_page: str, anchor: str = "") -> str:
    """A link from one docs-relative Markdown file to another, as MkDocs expects."""
    if to_page == from_page:
        return f"#{anchor}" if anchor else posixpath.basename(to_page)
    rel = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    return f"{rel}#{anchor}" if anchor else rel


def is_scratch(path: str) -> bool:
    """Whether ``path`` names an editor's scratch file (a swap file, a backup, the temporary file
    of an atomic save), which the generator never reads: ``.glossary.yaml.swp``,
    ``glossary.yaml~``, ``#glossary.yaml#``."""
    name = os.path.basename(path)
    return name.startswith((".", "#")) or name.endswith(("~", ".swp", ".swx", ".tmp"))
