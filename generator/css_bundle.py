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


def bundle(site: Path, sheets: Iterable[str]) -> int:
    """Join ``sheets`` (site-relative paths, in order) into BUNDLE, and make every page link it
    in their place; return how many pages were changed."""
    present = [s for s in dict.fromkeys(sheets) if (site / s).is_file()]
    if len(present) < 2:
        return 0
    parts = [f"/* {s} */\n{(site / s).read_text(encoding='utf-8')}\n" for s in present]
    (site / BUNDLE).write_text("".join(parts), encoding="utf-8")
    wanted = set(present)
    changed = 0
    for page in sorted(site.rglob("*.html")):
        folder = page.parent.relative_to(site).as_posix()
        text = page.read_text(encoding="utf-8")
        linked = False

        def swap(match: re.Match[str], folder: str = folder) -> str:
            nonlocal linked
            href = match["href"]
            if "://" in href or posixpath.normpath(posixpath.join(folder, href)) not in wanted:
                return match[0]
            if linked:
                return ""
            linked = True
            indent = match[0][: len(match[0]) - len(match[0].lstrip(" \t"))]
            target = posixpath.relpath(BUNDLE, folder)
            return f'{indent}<link rel="stylesheet" href="{target}">\n'

        new = _LINK.sub(swap, text)
        if new != text:
            page.write_text(new, encoding="utf-8")
            changed += 1
    return changed
