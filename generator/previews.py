"""Page previews' data: what a link to each page or entry of the handbook shows on hover.

Written at build time as ``docs/data/previews.js``, a script that sets ``window.hbPreviews``, so
``docs/assets/js/previews.js`` needs no fetch (a page opened from disk cannot fetch). Keys are
site-relative URLs as both engines publish them (``dimensions/goals/``, ``journey/#awareness``);
each value holds plain text only (``t`` title, ``s`` summary, and for a dimension ``sales`` and
``marketing``), which the script shows as text, never as HTML.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

from . import markup, paths
from .model import Dimension, Entity, Model

FILE = f"{paths.DATA_FOLDER}/previews.js"


def url(page: str, anchor: str = "") -> str:
    """Site-relative URL of a docs page (directory URLs), with its anchor."""
    if page == paths.HOME or page.endswith("/index.md"):
        base = page[: -len("index.md")]
    else:
        base = page[: -len(".md")] + "/"
    return f"{base}#{anchor}" if anchor else base


def _summary(entity: Entity) -> str:
    for field in ("summary", "definition", "text"):
        value = getattr(entity, field, "")
        if value:
            return markup.plain(value)
    return ""


def entries(
    model: Model, titles: Mapping[str, str], blurbs: Mapping[str, str]
) -> dict[str, dict[str, str]]:
    """URL -> preview for every page and every entry with an anchor of its own."""
    out: dict[str, dict[str, str]] = {}
    for page, title in titles.items():
        preview = {"t": markup.plain(title)}
        if blurbs.get(page):
            preview["s"] = blurbs[page][:1].upper() + blurbs[page][1:] + "."
        out[url(page)] = preview
    for entity in model.entities():
        page, anchor = paths.location(entity.kind, entity.id)
        preview = {"t": markup.plain(entity.name), "s": _summary(entity)}
        if isinstance(entity, Dimension):
            preview["sales"] = markup.plain(entity.sales)
            preview["marketing"] = markup.plain(entity.marketing)
        out[url(page, anchor)] = {k: v for k, v in preview.items() if v}
    return out


def script(previews: Mapping[str, Mapping[str, str]]) -> str:
    """The data as a small deterministic script (sorted keys, one entry a line)."""
    lines = [f"  {json.dumps(key)}: {_json(previews[key])}" for key in sorted(previews)]
    body = ",\n".join(lines)
    return (
        "// Generated from source_data/ by the generator: page previews' data. Do not edit.\n"
        f"window.hbPreviews = {{\n{body}\n}};\n"
    )


def _json(value: Mapping[str, str]) -> str:
    return json.dumps(dict(value), sort_keys=True, ensure_ascii=False)


def text(model: Model, titles: Iterable[tuple[str, str]], blurbs: Mapping[str, str]) -> str:
    """The whole file: ``titles`` are (page, title) of every page, ``blurbs`` the home page's
    line on each section."""
    return script(entries(model, dict(titles), blurbs))
