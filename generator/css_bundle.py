"""Join the handbook's own stylesheets into one file in a built site: one request, not nine.

Each reader feature keeps its own stylesheet in ``docs/assets/`` (one per feature, as the style
guide asks). On a phone every stylesheet in the head is a request the first paint waits for, so
after a build the ones listed in ``extra_css`` are joined, in order, into one file, and every page
links that file in their place. Joining in order keeps every rule's meaning. A page whose links
are written differently is left as it is, and still works.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from pathlib import Path

BUNDLE = "assets/css/handbook.bundle.css"
_LINK = re.compile(r'[ \t]*<link rel="stylesheet" href="(?P<href>[^"]+)"\s*/?>\n?')


def bundle(site: Path, sheets: Iterable[str], done: Iterable[str] = ()) -> int:
    """Join ``sheets`` (site-relative paths, in order) into BUNDLE, and make every page link it
    in their place; return how many pages were changed. Pages in ``done`` (site-relative) were
    relinked already, by :func:`relink` as they were built (under ``mkdocs serve``)."""
    present = present_sheets(site, sheets)
    if len(present) < 2:
        return 0
    parts = [f"/* {s} */\n{(site / s).read_text(encoding='utf-8')}\n" for s in present]
    (site / BUNDLE).write_text("".join(parts), encoding="utf-8")
    skip = set(done)
    changed = 0
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        if rel in skip:
            continue
        text = page.read_text(encoding="utf-8")
        new = relink(text, posixpath.dirname(rel), present)
        if new != text:
            page.write_text(new, encoding="utf-8")
            changed += 1
    return changed


def present_sheets(site: Path, sheets: Iterable[str]) -> list[str]:
    """The sheets that exist in ``site``, each once, in order: what :func:`bundle` joins."""
    return [s for s in dict.fromkeys(sheets) if (site / s).is_file()]


def relink(text: str, folder: str, present: list[str]) -> str:
    """One page's HTML (in ``folder``, site-relative) linking BUNDLE in place of ``present``'s
    sheets; unchanged when fewer than two are present."""
    if len(present) < 2:
        return text
    wanted = set(present)
    linked = False

    def swap(match: re.Match[str]) -> str:
        nonlocal linked
        href = match["href"]
        if "://" in href or posixpath.normpath(posixpath.join(folder, href)) not in wanted:
            return match[0]
        if linked:
            return ""
        linked = True
        indent = match[0][: len(match[0]) - len(match[0].lstrip(" \t"))]
        target = posixpath.relpath(BUNDLE, folder or ".")
        return f'{indent}<link rel="stylesheet" href="{target}">\n'

    # Only the stretch up to the last stylesheet link can change: the rest is most of the page.
    last = text.rfind('<link rel="stylesheet"')
    if last < 0:
        return text
    end = text.find("</head>", last)
    cut = end if end >= 0 else len(text)
    return _LINK.sub(swap, text[:cut]) + text[cut:]
