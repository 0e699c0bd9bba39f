"""Turn loaded YAML into the model, collecting every problem before giving up."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import fields
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from . import markup
from .errors import Origin, Problem, SourceError
from .load import Located, LocatedList, load_file
from .model import Citation, Entity, Example, Model, View
from .schema import BY_STEM, FILES, FileKind

RESERVED_IDS = frozenset({"index"})
"""Ids that would collide with a section's index page."""

_JSON_TYPES = {
    "string": "text",
    "array": "a list",
    "object": "a mapping of field: value",
    "boolean": "true or false",
    "integer": "a whole number",
    "number": "a number",
}

# (kind, field, target kind): every id reference in the model.
REFERENCES = (
    ("dimension", "theme", "theme"),
    ("dimension", "roles", "role"),
    ("dimension", "stages", "stage"),
    ("debate", "dimensions", "dimension"),
    ("debate", "definitions", "definition"),
    ("role", "stages", "stage"),
    ("lead", "becomes", "lead"),
    ("lead", "stages", "stage"),
    ("term", "see_also", "term"),
)


def did_you_mean(word: str, choices: Any) -> str:
    """`` (did you mean 'x'?)`` for the closest choice, or nothing."""
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def load_model(source_dir: Path, display_root: Path) -> Model:
    """Load and validate every file of ``source_dir``; raise SourceError listing all problems."""
    problems: list[Problem] = []
    raw: dict[str, Any] = {}
    for file in sorted(source_dir.iterdir()) if source_dir.is_dir() else []:
        display = _display(file, display_root)
        if file.suffix in (".yaml", ".yml") and file.stem not in BY_STEM:
            msg = f"unknown file '{file.name}'{did_you_mean(file.stem + '.yaml', _filenames())}; "
            msg += f"source_data/ holds only: {', '.join(sorted(_filenames()))}"
            problems.append(Problem(Origin(display, 1, 1), msg))
            continue
        if file.suffix == ".yml":
            msg = f"rename '{file.name}' to '{file.stem}.yaml' (the generator reads .yaml files)"
            problems.append(Problem(Origin(display, 1, 1), msg))
            continue
        if file.suffix != ".yaml":
            continue
        loaded = load_file(file, display)
        problems.extend(loaded.problems)
        if loaded.data is not None:
            raw[file.stem] = (display, loaded.data)
    if not source_dir.is_dir():
        msg = "the folder source_data/ is missing; run the generator from the project root"
        problems.append(Problem(Origin(_display(source_dir, display_root), 1, 1), msg))
    entries: dict[str, list[tuple[Located, Entity]]] = {}
    for kind in FILES:
        if kind.stem not in raw:
            entries[kind.entity.kind] = []
            continue
        display, data = raw[kind.stem]
        good, found = _check_file(kind, display, data)
        problems.extend(found)
        entries[kind.entity.kind] = [(entry, _build(kind, entry)) for entry in good]
    problems.extend(check_model(entries))
    if problems:
        raise SourceError(problems)
    return _assemble(entries)


def _assemble(entries: dict[str, list[tuple[Located, Entity]]]) -> Model:
    values = {}
    for kind in FILES:
        attr = _MODEL_ATTR[kind.stem]
        values[attr] = tuple(entity for _, entity in entries[kind.entity.kind])
    return Model(**values)


_MODEL_ATTR = {
    "sources": "sources",
    "teams": "teams",
    "definitions": "definitions",
    "themes": "themes",
    "dimensions": "dimensions",
    "debates": "debates",
    "roles": "roles",
    "stages": "stages",
    "leads": "leads",
    "pillars": "pillars",
    "strategy_elements": "elements",
    "marketing_strategies": "strategies",
    "pros_cons": "pros_cons",
    "alignment": "alignment",
    "glossary": "terms",
}


def _display(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


@cache
def _filenames() -> frozenset[str]:
    return frozenset(kind.filename for kind in FILES)


@cache
def _validator(stem: str) -> jsonschema.protocols.Validator:
    schema = BY_STEM[stem].json_schema()
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


def _check_file(kind: FileKind, display: str, data: Any) -> tuple[list[Located], list[Problem]]:
    """Schema-check one file; return the entries without problems, and the problems."""
    top = Origin(display, 1, 1)
    expected = f"expected a top-level key '{kind.key}:' holding a list of entries"
    if not isinstance(data, Located):
        return [], [Problem(top, f"the file is not the expected shape: {expected}")]
    if kind.key not in data:
        other = [k for k in data if k != "$schema"]
        hint = f" (found '{other[0]}'{did_you_mean(other[0], [kind.key])})" if other else ""
        return [], [Problem(data.origin, f"{expected}{hint}")]
    problems: list[Problem] = []
    bad: set[int] = set()
    for error in _validator(kind.stem).iter_errors(data):
        path = list(error.absolute_path)
        if len(path) >= 2 and path[0] == kind.key and isinstance(path[1], int):
            bad.add(path[1])
        problems.append(_schema_problem(kind, data, error))
    items = data[kind.key]
    if not isinstance(items, list):
        return [], problems
    good = [e for i, e in enumerate(items) if i not in bad and isinstance(e, Located)]
    return good, problems


def _locate(data: Any, path: list[Any]) -> tuple[Origin, Located | None, str | None]:
    """The origin of the value at ``path``, the entry mapping it lies in, and its last key."""
    node, origin, entry, key = data, data.origin, None, None
    for step in path:
        if isinstance(node, Located) and step in node:
            origin, key = node.value_origins[step], step
        elif isinstance(node, LocatedList) and isinstance(step, int) and step < len(node):
            origin = node.item_origins[step]
        else:
            break
        node = node[step]
        if isinstance(node, Located) and "id" in node and entry is None:
            entry = node
    if isinstance(node, Located):
        origin = node.origin
    return origin, entry, key


def _label(kind: FileKind, entry: Located | None) -> str:
    if entry is None or not isinstance(entry.get("id"), str):
        return ""
    return f"{kind.entity.kind} '{entry['id']}': "


def _schema_problem(kind: FileKind, data: Any, error: Any) -> Problem:
    path = list(error.absolute_path)
    origin, entry, key = _locate(data, path)
    if entry is None and len(path) >= 2 and path[0] == kind.key:
        items = data[kind.key]
        candidate = items[path[1]] if isinstance(path[1], int) else None
        entry = candidate if isinstance(candidate, Located) else None
    where = _label(kind, entry)
    field = f"{key}: " if key and key != "id" else ""
    validator, value, instance = error.validator, error.validator_value, error.instance
    if validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        unknown = sorted(k for k in instance if k not in allowed)
        name = unknown[0] if unknown else "?"
        if isinstance(instance, Located) and name in instance.key_origins:
            origin = instance.key_origins[name]
        msg = f"unknown field '{name}'{did_you_mean(name, allowed)}; allowed: {', '.join(allowed)}"
        return Problem(origin, where + msg)
    if validator == "required":
        missing = [name for name in value if name not in instance]
        if path == []:
            return Problem(origin, f"expected a top-level key '{kind.key}:' holding a list of entries")
        return Problem(origin, where + f"missing required field '{missing[0]}'")
    if validator == "type":
        got = _JSON_TYPES.get(_json_type(instance), "something else")
        want = _JSON_TYPES.get(value, value) if isinstance(value, str) else "another type"
        return Problem(origin, where + f"{field}should be {want}, not {got}")
    if validator == "enum":
        options = ", ".join(str(v) for v in value)
        hint = did_you_mean(str(instance), [str(v) for v in value])
        return Problem(origin, where + f"{field}'{instance}' is not one of: {options}{hint}")
    if validator == "pattern":
        if key == "id" or key is None or "date" not in (key or ""):
            suggestion = _slug(str(instance))
            msg = f"{field}'{instance}' is not a valid id: use lowercase letters, digits and hyphens"
            if key == "details":
                msg = f"{field}'{instance}' should be kind:id, e.g. 'lead:cold-lead'"
            elif suggestion:
                msg += f", e.g. '{suggestion}'"
            return Problem(origin, where + msg)
        return Problem(origin, where + f"{field}'{instance}' should be a date written YYYY-MM-DD")
    if validator == "minLength":
        return Problem(origin, where + f"{field}is empty; write some text or remove the field")
    if validator == "minItems":
        return Problem(origin, where + f"{field}needs at least {value} item(s)")
    if validator == "uniqueItems":
        seen: set[Any] = set()
        twice = next((v for v in instance if v in seen or seen.add(v)), "?")
        return Problem(origin, where + f"{field}lists '{twice}' more than once")
    if validator == "anyOf":
        msg = "each citation is a source id, or {source: <source id>, section: <text>}"
        return Problem(origin, where + f"{field or 'cites: '}{msg}")
    return Problem(origin, where + f"{field}{error.message}")


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    return "null"


def _slug(text: str) -> str:
    out = "".join(c if c.isalnum() else "-" for c in text.lower())
    return "-".join(part for part in out.split("-") if part)


def _citations(items: list[Any]) -> tuple[Citation, ...]:
    out = []
    for item in items:
        if isinstance(item, str):
            out.append(Citation(item))
        else:
            out.append(Citation(item["source"], markup.fold(item.get("section", ""))))
    return tuple(out)


def _build(kind: FileKind, entry: Located) -> Entity:
    renames = dict(kind.renames)
    values: dict[str, Any] = {"origin": entry.origin}
    for key, value in entry.items():
        name = renames.get(key, key)
        if name == "cites":
            value = _citations(value)
        elif name == "views":
            value = tuple(View(v["position"], v["text"], _citations(v["cites"])) for v in value)
        elif name == "examples" and value and isinstance(value[0], dict):
            value = tuple(Example(v["side"], v["text"], _citations(v["cites"])) for v in value)
        elif isinstance(value, list):
            value = tuple(value)
        values[name] = value
    known = {f.name for f in fields(kind.entity)}
    return kind.entity(**{k: v for k, v in values.items() if k in known})


def check_model(entries: dict[str, list[tuple[Located, Entity]]]) -> Iterator[Problem]:
    """Cross-file checks: unique ids, references, citations, links in text, glossary forms."""
    ids: dict[str, dict[str, Entity]] = {}
    for kind, pairs in entries.items():
        ids[kind] = {}
        folded: dict[str, Entity] = {}
        for entry, entity in pairs:
            origin = entry.value_origins["id"]
            first = folded.get(entity.id.lower())
            if entity.id in RESERVED_IDS:
                yield Problem(origin, f"{kind} '{entity.id}': the id '{entity.id}' is reserved")
            elif first is not None:
                same = "the same id" if first.id == entity.id else f"'{first.id}' but for case"
                yield Problem(
                    origin,
                    f"{kind} '{entity.id}': duplicate id: {same} is already used at line "
                    f"{first.origin.line}; ids must be unique, so rename one",
                )
            else:
                folded[entity.id.lower()] = entity
                ids[kind][entity.id] = entity
    sources = ids.get("source", {})
    for kind, pairs in entries.items():
        for entry, entity in pairs:
            yield from _check_entry(kind, entry, entity, ids, sources)
    yield from _check_glossary(entries.get("term", []))
    yield from _check_handoff(entries.get("stage", []))


def _refs(entry: Located, key: str) -> Iterator[tuple[str, Origin]]:
    value = entry.get(key)
    if isinstance(value, str):
        yield value, entry.value_origins[key]
    elif isinstance(value, LocatedList):
        yield from zip(value, value.item_origins)


def _check_entry(
    kind: str,
    entry: Located,
    entity: Entity,
    ids: dict[str, dict[str, Entity]],
    sources: dict[str, Entity],
) -> Iterator[Problem]:
    label = f"{kind} '{entity.id}': "
    for owner, key, target in REFERENCES:
        if owner != kind:
            continue
        for ref, origin in _refs(entry, key):
            if ref not in ids.get(target, {}):
                hint = did_you_mean(ref, ids.get(target, {}))
                yield Problem(origin, f"{label}{key}: unknown {target} '{ref}'{hint}")
            elif key == "see_also" and ref == entity.id:
                yield Problem(origin, f"{label}see_also: a term cannot refer to itself")
    if kind == "term" and "details" in entry:
        target = markup.entity_target(entry["details"])
        if target and target[1] not in ids.get(target[0], {}):
            yield Problem(
                entry.value_origins["details"],
                f"{label}details: {_unknown_target(target, ids)}",
            )
    for cites, origin in _all_citations(entry):
        for cite, cite_origin in zip(cites, cites.item_origins):
            source = cite if isinstance(cite, str) else cite.get("source")
            if isinstance(source, str) and source not in sources:
                yield Problem(
                    cite_origin,
                    f"{label}cites: unknown source '{source}'{did_you_mean(source, sources)}; "
                    "add it to source_data/sources.yaml or fix the id",
                )
    for text, origin in _texts(entry):
        for paragraph in markup.paragraphs(text):
            for span in markup.parse(paragraph):
                if span.kind != "link":
                    continue
                target = markup.entity_target(span.target)
                if target is None and not markup.is_web_target(span.target):
                    yield Problem(
                        origin,
                        f"{label}link '[{span.text}]({span.target})': links may point to an "
                        "http(s) address or to an entry written kind:id (e.g. term:lead)",
                    )
                elif target and target[1] not in ids.get(target[0], {}):
                    yield Problem(origin, f"{label}link '[{span.text}]': {_unknown_target(target, ids)}")


def _unknown_target(target: tuple[str, str], ids: dict[str, dict[str, Entity]]) -> str:
    kind, ident = target
    if kind not in ids:
        return f"unknown kind '{kind}'{did_you_mean(kind, ids)}; kinds: {', '.join(sorted(ids))}"
    return f"unknown {kind} '{ident}'{did_you_mean(ident, ids[kind])}"


def _all_citations(node: Any) -> Iterator[tuple[LocatedList, Origin]]:
    if isinstance(node, Located):
        for key, value in node.items():
            if key == "cites" and isinstance(value, LocatedList):
                yield value, node.value_origins[key]
            else:
                yield from _all_citations(value)
    elif isinstance(node, LocatedList):
        for item in node:
            yield from _all_citations(item)


_NOT_TEXT = frozenset({"id", "cites", "source", "section", "date", "details", "see_also", "theme"})


def _texts(node: Any) -> Iterator[tuple[str, Origin]]:
    if isinstance(node, Located):
        for key, value in node.items():
            if key in _NOT_TEXT:
                continue
            if isinstance(value, str):
                yield value, node.value_origins[key]
            else:
                yield from _texts(value)
    elif isinstance(node, LocatedList):
        for item, origin in zip(node, node.item_origins):
            if isinstance(item, str):
                yield item, origin
            else:
                yield from _texts(item)


def surface_forms(entry: Located) -> Iterator[tuple[str, Origin, str]]:
    """Each name, alias and plural of a glossary entry, with its origin and what it is."""
    yield entry["name"], entry.value_origins["name"], "name"
    for key in ("aliases", "plurals"):
        for form, origin in _refs(entry, key):
            yield form, origin, key[:-1]


def _check_glossary(pairs: list[tuple[Located, Entity]]) -> Iterator[Problem]:
    owners: dict[str, tuple[str, str]] = {}
    for entry, term in pairs:
        seen_here: set[str] = set()
        for form, origin, what in surface_forms(entry):
            key = markup.fold(form).lower()
            if key in seen_here:
                continue
            seen_here.add(key)
            if key in owners and owners[key][0] != term.id:
                other, other_what = owners[key]
                yield Problem(
                    origin,
                    f"term '{term.id}': {what} '{form}' is already the {other_what} of term "
                    f"'{other}'; a word can point to one glossary entry only",
                )
            else:
                owners[key] = (term.id, what)


def _check_handoff(pairs: list[tuple[Located, Entity]]) -> Iterator[Problem]:
    marked = [(entry, stage) for entry, stage in pairs if getattr(stage, "handoff", False)]
    for entry, stage in marked[1:]:
        yield Problem(
            entry.value_origins["handoff"],
            f"stage '{stage.id}': handoff: only one stage can be the handoff to sales; "
            f"'{marked[0][1].id}' already is",
        )
