"""The validated model as one JSON file, published with the site for other programs to read.

``docs/data/handbook.json`` holds every entry of every kind with every field, in YAML order;
``docs/data/handbook.schema.json`` is its JSON Schema. Both are pure functions of the model.
"""

from __future__ import annotations

import json
import typing
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from functools import cache
from typing import Any

from . import model as m
from . import paths, provenance
from .errors import Origin
from .schema import FILES, SCHEMA_DIALECT, SLUG

FORMAT_VERSION = "2.0"
"""Major.minor: the major part changes when a field is removed or changes meaning (1.1: entries
carry former_ids; 2.0: a role's responsibilities and the examples of stages, leads, pillars and
strategies became cited claims, and every entry lists its claims)."""
JSON_FILE = f"{paths.DATA_FOLDER}/handbook.json"
SCHEMA_FILE = f"{paths.DATA_FOLDER}/handbook.schema.json"
SCHEMA_REF = "handbook.schema.json"
"""``$schema`` of the export: relative, so it resolves next to the JSON wherever it is served."""

KINDS: tuple[type[m.Entity], ...] = tuple(kind.entity for kind in FILES)
"""Entity classes in source_data/ file order."""


def files(model: m.Model) -> dict[str, str]:
    """docs-relative path -> text of the export and its schema, for the writer."""
    return {JSON_FILE: export(model), SCHEMA_FILE: export_schema()}


def export(model: m.Model) -> str:
    """The whole model as deterministic JSON (sorted keys, entries in YAML order)."""
    return _dump(document(model))


def document(model: m.Model, entry: Callable[[m.Entity], Any] | None = None) -> dict[str, Any]:
    """What :func:`export` dumps; ``entry`` stands in for one entry's object (a preview puts
    a placeholder there for the entry's JSON it dumped before: see incremental.py)."""
    entities: dict[str, list[Any]] = {cls.kind: [] for cls in KINDS}
    for entity in model.entities():
        entities[entity.kind].append((entry or entry_object)(entity))
    return {"$schema": SCHEMA_REF, "format_version": FORMAT_VERSION, "entities": entities}


def export_schema() -> str:
    """The JSON Schema of :func:`export`'s output."""
    return _dump(schema())


def entry_object(entity: m.Entity) -> dict[str, Any]:
    """One entry as exported."""
    page, anchor = paths.location(entity.kind, entity.id)
    out = {f.name: _value(getattr(entity, f.name)) for f in fields(entity) if f.name != "origin"}
    out["origin"] = {"file": entity.origin.path, "line": entity.origin.line}
    out["page"] = _url(page) + (f"#{anchor}" if anchor else "")
    own = not anchor  # a page of its own: its entry's text is the page, with no anchor
    out["claims"] = [
        {
            "anchor": c.anchor,
            "place": c.place,
            "page": _url(page) + ("" if own and c.anchor == entity.id else f"#{c.anchor}"),
        }
        for c in provenance.claims_of(entity)
    ]
    return out


def _value(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_value(v) for v in value]
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _value(getattr(value, f.name)) for f in fields(value)}
    return value


def _url(page: str) -> str:
    """Site-relative URL of a docs page, as both engines publish it (directory URLs)."""
    if page == "index.md" or page.endswith("/index.md"):
        return page[: -len("index.md")]
    return page[: -len(".md")] + "/"


def dump(value: Any) -> str:
    """JSON as the export writes it: an entry's text is the same at any depth but for the
    indentation of its lines after the first (one space per level)."""
    return json.dumps(value, indent=1, sort_keys=True, ensure_ascii=False)


def _dump(document: dict[str, Any]) -> str:
    return dump(document) + "\n"


# --- the schema, derived from the model's dataclasses ---------------------------------------


@cache
def schema() -> dict[str, Any]:
    defs: dict[str, Any] = {
        name: _object(cls) for name, cls in (("citation", m.Citation), ("view", m.View))
    }
    defs["example"] = _object(m.Example)
    defs["claim"] = _object(m.Claim)
    defs["section"] = _object(m.Section)
    defs["origin"] = {
        "type": "object",
        "description": "Where the entry starts in source_data/ (for edit links).",
        "properties": {
            "file": {"type": "string", "description": "Path from the repository root."},
            "line": {"type": "integer", "minimum": 1},
        },
        "required": ["file", "line"],
        "additionalProperties": False,
    }
    for cls in KINDS:
        defs[cls.kind] = _object(cls)
    kinds = {cls.kind: {"type": "array", "items": {"$ref": f"#/$defs/{cls.kind}"}} for cls in KINDS}
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": SCHEMA_REF,
        "title": "Sales vs Marketing handbook: the data behind the site",
        "description": (
            "Every entry of every kind, keyed by kind (the 'kind' of kind:id links), in the order "
            "of the YAML files. Field names are the generator model's; text fields hold the "
            "handbook's Markdown-like markup, including [text](kind:id) links."
        ),
        "type": "object",
        "properties": {
            "$schema": {"type": "string"},
            "format_version": {"const": FORMAT_VERSION},
            "entities": {
                "type": "object",
                "properties": kinds,
                "required": sorted(kinds),
                "additionalProperties": False,
            },
        },
        "required": ["$schema", "entities", "format_version"],
        "additionalProperties": False,
        "$defs": defs,
    }


def _object(cls: type) -> dict[str, Any]:
    hints = typing.get_type_hints(cls, vars(m))
    props: dict[str, Any] = {}
    described = _descriptions(cls)
    for f in fields(cls):
        props[f.name] = _type(hints[f.name])
        if f.name in described:
            props[f.name]["description"] = described[f.name]
    if issubclass(cls, m.Entity):
        props["id"] = {"type": "string", "pattern": SLUG}
        props["page"] = {
            "type": "string",
            "description": "URL of the entry on the site, relative to the site root.",
        }
        props["claims"] = {
            "type": "array",
            "description": (
                "Each claim of the entry with its stable anchor, its place in the entry and "
                "its URL on the site, for citing one claim of the handbook."
            ),
            "items": {
                "type": "object",
                "properties": {k: {"type": "string"} for k in ("anchor", "place", "page")},
                "required": ["anchor", "page", "place"],
                "additionalProperties": False,
            },
        }
    out: dict[str, Any] = {
        "type": "object",
        "properties": props,
        "required": sorted(props),
        "additionalProperties": False,
    }
    doc = (cls.__doc__ or "").strip()
    if doc and not doc.startswith(f"{cls.__name__}("):
        out["description"] = doc
    return out


def _descriptions(cls: type) -> dict[str, str]:
    """Model field -> the description its YAML field has in schema.py (empty: not set)."""
    kind = next((k for k in FILES if k.entity is cls), None)
    if kind is None:
        return {}
    renames = dict(kind.renames)
    return {
        renames.get(key, key): spec["description"]
        for key, spec in kind.fields.items()
        if "description" in spec
    }


_REFS = {
    m.Citation: "citation",
    m.View: "view",
    m.Example: "example",
    m.Claim: "claim",
    m.Section: "section",
}


def _type(hint: Any) -> dict[str, Any]:
    if hint is str:
        return {"type": "string"}
    if hint is bool:
        return {"type": "boolean"}
    if hint is Origin:
        return {"$ref": "#/$defs/origin"}
    if hint in _REFS:
        return {"$ref": f"#/$defs/{_REFS[hint]}"}
    if typing.get_origin(hint) is tuple:
        item = typing.get_args(hint)[0]
        return {"type": "array", "items": _type(item)}
    raise TypeError(f"no JSON Schema for the model type {hint!r}")
