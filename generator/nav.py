"""The site navigation: the reading path through the handbook, from the overview to the sources.

The nav lists only the pages of the path, so next/previous walks it and every page carries a short
menu. Dimension pages and role pages stay out of it: readers reach them from the comparison matrix
and the teams page, which list them in the model's order (``mkdocs.yml`` declares them in
``not_in_nav``). The contributor guide stays out too: the footer and the README link to it.
"""

from __future__ import annotations

from pathlib import Path

from . import paths
from .model import Model
from .render import SECTIONS, Page

HOME_LABEL = "Overview"
"""The home page's name in the nav: it opens with the overview."""
CONTRIBUTING = "contributing.md"
_HAND_WRITTEN_SKIP = {paths.HOME, CONTRIBUTING}

STRATEGY_PAGES = ("strategies/marketing-strategies.md", "strategies/pros-and-cons.md")
"""Pages that follow the strategies page on the path (it is their section's index)."""


def nav(model: Model, pages: list[Page], docs: Path) -> list[object]:
    """MkDocs ``nav``: the home page, the sections in reading order, then hand-written pages."""
    title = {page.path: page.title for page in pages}
    children: dict[str, list[object]] = {"strategies/index.md": list(STRATEGY_PAGES)}
    # The same sections, names and order as the home page's "Where to start".
    out: list[object] = [{HOME_LABEL: paths.HOME}]
    for path, label in SECTIONS:
        below = children.get(path)
        out.append({label: path if below is None else [path, *below]})
    for extra in sorted(docs.glob("*.md")):
        if extra.name not in _HAND_WRITTEN_SKIP and extra.name not in title:
            out.append(extra.name)
    return out


def book_order(model: Model, path: list[str]) -> list[str]:
    """The reading path (docs-relative pages, in order) with the pages the nav leaves out put
    back after their index page: dimension pages after the matrix, in its order (theme by theme),
    role pages after the teams page, team by team. This is the order of the PDF."""
    dims = [
        paths.page_of(d) for theme in model.themes for d in model.dimensions if d.theme == theme.id
    ]
    roles = [paths.page_of(r) for team in model.teams for r in model.roles if r.team == team.id]
    under = {paths.SHARED_PAGES["theme"]: dims, paths.SHARED_PAGES["team"]: roles}
    out: list[str] = []
    for page in path:
        out.append(page)
        out += under.get(page, [])
    return list(dict.fromkeys(out))
