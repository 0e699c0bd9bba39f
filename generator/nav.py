"""The site navigation, derived from the model in YAML order."""

from __future__ import annotations

from pathlib import Path

from . import paths
from .model import Model
from .render import SECTIONS, Page

_HAND_WRITTEN_SKIP = {paths.HOME}


def nav(model: Model, pages: list[Page], docs: Path) -> list[object]:
    """MkDocs ``nav``: sections with index pages, then hand-written top-level pages."""
    title = {page.path: page.title for page in pages}
    roles_of: dict[str, list[str]] = {}
    for role in model.roles:
        roles_of.setdefault(role.team, []).append(paths.page_of(role))
    dims_of: dict[str, list[str]] = {}
    for dim in model.dimensions:
        dims_of.setdefault(dim.theme, []).append(paths.page_of(dim))
    teams = [{team.name: roles_of[team.id]} for team in model.teams if team.id in roles_of]
    themes = [{theme.name: dims_of[theme.id]} for theme in model.themes if theme.id in dims_of]
    children: dict[str, list[object]] = {
        "compare/index.md": [*themes],
        "teams/index.md": [*teams],
        "strategies/index.md": [
            "strategies/marketing-strategies.md",
            "strategies/pros-and-cons.md",
        ],
    }
    # The same sections, names and order as the home page's "ways in".
    out: list[object] = [{"Home": "index.md"}]
    for path, label in SECTIONS:
        below = children.get(path)
        out.append({label: path if below is None else [path, *below]})
    for extra in sorted(docs.glob("*.md")):
        if extra.name not in _HAND_WRITTEN_SKIP and extra.name not in title:
            out.append(extra.name)
    return out
