"""Old addresses keep working after a rename: an entry's ``former_ids`` lead to the entry.

* An entry with a page of its own (a dimension, a role) gets a small static HTML page at each
  former address, ``dimensions/<old id>/index.html``, that sends the browser on to the current
  page (a meta refresh, with a plain link for a reader whose browser does not follow it). Both
  engines copy an HTML file from docs/ as it is: it is no Markdown page, so it is in neither the
  nav, the search index nor the sitemap.
* An entry that is a section of a shared page (a glossary term, a theme) keeps its old anchor:
  an empty ``<span id="<old id>">`` at the start of its heading, so ``glossary/#<old id>`` still
  lands on it.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace

from . import paths
from .model import Entity, Model
from .render import Page

REDIRECT = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Moved: {name}</title>
<link rel="canonical" href="{url}">
<meta http-equiv="refresh" content="0; url={url}">
</head>
<body>
<p>This page has moved to <a href="{url}">{name}</a>.</p>
</body>
</html>
"""


def is_redirect(text: str) -> bool:
    """Whether an HTML file's text is one of these pages."""
    return text.startswith("<!doctype html>") and '<meta http-equiv="refresh"' in text


def redirect_path(kind: str, old: str) -> str:
    """The docs-relative file that answers the former address of an entry with its own page."""
    return f"{paths.OWN_PAGES[kind]}/{old}/index.html"


def files(model: Model) -> dict[str, str]:
    """docs-relative path -> text of every redirect page."""
    out: dict[str, str] = {}
    for entity in model.entities():
        if entity.kind not in paths.OWN_PAGES:
            continue
        for old in entity.former_ids:
            # From <folder>/<old>/ to <folder>/<id>/: the same folder, one level up.
            url = f"../{entity.id}/"
            name = html.escape(" ".join(entity.name.split()), quote=True)
            out[redirect_path(entity.kind, old)] = REDIRECT.format(name=name, url=url)
    return out


def with_former_anchors(pages: list[Page], model: Model) -> list[Page]:
    """The pages, with an empty anchor for each former id in the heading of its entry."""
    wanted: dict[str, list[Entity]] = {}
    for entity in model.entities():
        if entity.former_ids and entity.kind not in paths.OWN_PAGES:
            wanted.setdefault(paths.page_of(entity), []).append(entity)
    if not wanted:
        return pages
    out = []
    for page in pages:
        on_page = {entity.id: entity for entity in wanted.get(page.path, ())}
        if not on_page:
            out.append(page)
            continue
        placed: set[str] = set()

        def anchor(
            match: re.Match[str], on_page: dict[str, Entity] = on_page, placed: set[str] = placed
        ) -> str:
            entity = on_page.get(match[3])
            if entity is None or entity.id in placed:
                return match[0]
            placed.add(entity.id)
            # First in the heading: a heading that wraps on a phone still shows its first line
            # below the header when the browser scrolls to the old anchor.
            anchors = "".join(f'<span id="{old}"></span>' for old in entity.former_ids)
            return f"{match[1]}{anchors}{match[2]}"

        # One pass over the page for all its entries (one search per entry read the glossary
        # once per renamed term: a second per save at ten times the model).
        text = _HEADING.sub(anchor, page.text)
        for missing in (ident for ident in on_page if ident not in placed):
            raise ValueError(f"no heading with the anchor #{missing} on {page.path}")
        out.append(page if text == page.text else replace(page, text=text))
    return out


_HEADING = re.compile(r"^(#{1,6} )(.* \{#([^}\s]+)\})$", re.MULTILINE)
"""A heading that ends with its anchor, ``## Name {#id}``: group 3 is the id."""
