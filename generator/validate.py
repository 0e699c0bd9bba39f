"""Turn loaded YAML into the model, collecting every problem before giving up.

Three passes, each reporting every problem it finds: each file is read (load.py), each file is
checked against its JSON Schema (schema.py) plus the rules a schema cannot say (blank text,
invisible characters, real dates), then the files are checked together (unique ids, references,
citations, links in text, glossary forms). Only a model without a single problem is built.
"""

from __future__ import annotations

import datetime
import difflib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import fields
from functools import cache
from pathlib import Path
from typing import Any

from . import markup, paths
from .check_ignore import check_ignore
from .conforms import conforms, whole_pattern
from .errors import Origin, Problem, SourceError, working_on
from .link import plural_forms
from .load import Located, LocatedList, find_in_value, load_file
from .model import REFERENCES, SIDES, Citation, Entity, Example, Model, View
from .schema import BY_STEM, FILES, FileKind

RESERVED_IDS = frozenset({"index"})
"""Ids that would collide with a section's index page."""
WINDOWS_NAMES = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
)
"""Names Windows cannot use for a file: refused for kinds with a page (file) per entry."""
RESERVED_ANCHORS: dict[str, frozenset[str]] = {
    "element": frozenset({"sales-strategy", "marketing-strategy"}),
    "procon": frozenset({"sales", "marketing"}),
    "stage": frozenset({"marketing-funnel", "sales-process"}),
    "practice": frozenset(
        f"group-{c}"
        for c in ("benefit", "practice", "sla", "plumb-line", "statistic", "communication")
    ),
}
"""Anchors the page templates already use for section headings, per kind of entry."""
_LETTER_ANCHOR = re.compile(r"letter-[a-z0-9]")
"""The glossary's letter headings (``#letter-a``): not available as term ids."""
MAX_ID_LENGTH = 80
"""Ids become file names and addresses; longer ones are refused."""

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_DETAILS = re.compile(r"(?P<kind>[a-z]+):(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_LINK_TAIL = "]("
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

_JSON_TYPES = {
    "string": "text",
    "array": "a list",
    "object": "a mapping of field: value",
    "boolean": "true or false",
    "integer": "a whole number",
    "number": "a number",
    "null": "empty",
}


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest choice, or nothing."""
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def load_model(source_dir: Path, display_root: Path) -> Model:
    """Load and validate every file of ``source_dir``; raise SourceError listing all problems."""
    problems: list[Problem] = []
    raw: dict[str, tuple[str, Any]] = {}
    present: set[str] = set()
    folder = _display(source_dir, display_root)
    if not source_dir.is_dir():
        msg = f"the folder {folder}/ is missing; run the generator from the project root"
        raise SourceError([Problem(Origin(folder, 1, 1), msg)])
    for file in sorted(source_dir.iterdir()):
        if file.name.startswith(".") or file.name.endswith("~"):
            continue  # editor backups, lock files, .DS_Store
        if file.suffix not in (".yaml", ".yml"):
            continue
        display = _display(file, display_root)
        here = Origin(display, 1, 1)
        if file.stem not in BY_STEM:
            msg = f"unknown file '{file.name}'{did_you_mean(file.stem + '.yaml', _filenames())}; "
            msg += f"source_data/ holds only: {', '.join(sorted(_filenames()))}"
            problems.append(Problem(here, msg))
            continue
        present.add(file.stem)
        if file.suffix == ".yml":
            msg = f"rename '{file.name}' to '{file.stem}.yaml' (the generator reads .yaml files)"
            problems.append(Problem(here, msg))
            continue
        if not file.is_file():
            problems.append(Problem(here, f"'{file.name}' is not a regular file"))
            continue
        with working_on(f"reading {display}"):
            loaded = load_file(file, display)
        problems.extend(loaded.problems)
        if loaded.data is not None:
            raw[file.stem] = (display, loaded.data)
    for kind in FILES:
        if kind.stem not in present:
            msg = (
                f"the file {kind.filename} is missing; every source_data/ file must be present "
                f"(write '{kind.key}: []' for one without entries)"
            )
            problems.append(Problem(Origin(f"{folder}/{kind.filename}", 1, 1), msg))
    entries: dict[str, list[Located]] = {}
    usable: set[str] = set()
    for kind in FILES:
        entries[kind.entity.kind] = []
        if kind.stem not in raw:
            continue
        display, data = raw[kind.stem]
        with working_on(f"checking {display}"):
            found, file_problems, whole = _check_file(kind, display, data)
        problems.extend(file_problems)
        entries[kind.entity.kind] = found
        if whole:
            usable.add(kind.entity.kind)
    reported = frozenset(problem.origin for problem in problems)
    with working_on(f"checking the references between the files of {folder}/"):
        problems.extend(check_model(entries, frozenset(usable), reported))
    if problems:
        raise SourceError(problems)
    with working_on("building the model from the valid YAML"):
        return _assemble(entries)


def _assemble(entries: dict[str, list[Located]]) -> Model:
    values: dict[str, Any] = {}
    for kind in FILES:
        # Each file's top-level key is the name of its tuple in the model.
        values[kind.key] = tuple(_build(kind, entry) for entry in entries[kind.entity.kind])
    return Model(**values)


def _display(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


@cache
def _filenames() -> frozenset[str]:
    return frozenset(kind.filename for kind in FILES)


def _whole_pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[Any]:
    """JSON Schema ``pattern`` as editors read it (see ``conforms.whole_pattern``)."""
    import jsonschema

    if validator.is_type(instance, "string") and not whole_pattern(pattern).search(instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


@cache
def _validator(stem: str) -> Any:
    # Imported here: a valid file never needs it (see conforms.py), and it is slow to import.
    import jsonschema

    schema = BY_STEM[stem].json_schema()
    base = jsonschema.validators.validator_for(schema)
    strict = jsonschema.validators.extend(base, {"pattern": _whole_pattern})
    return strict(schema)


def _check_file(
    kind: FileKind, display: str, data: Any
) -> tuple[list[Located], list[Problem], bool]:
    """Schema-check one file: its entries (mappings, even faulty ones), its problems, and
    whether the file had the right shape (so its ids can be relied on by other files)."""
    top = Origin(display, 1, 1)
    expected = f"expected a top-level key '{kind.key}:' holding a list of entries"
    if not isinstance(data, Located):
        got = _JSON_TYPES.get(_json_type(data), "something else")
        at = data.origin if isinstance(data, LocatedList) else top
        return [], [Problem(at, f"the file holds {got}, not the expected shape: {expected}")], False
    if kind.key not in data:
        other = [k for k in data if k != "$schema"]
        hint = f" (found '{other[0]}'{did_you_mean(other[0], [kind.key])})" if other else ""
        return [], [Problem(data.origin, f"{expected}{hint}")], False
    problems: list[Problem] = []
    schema = kind.json_schema()
    if not conforms(schema, data):  # only then is jsonschema needed, to say what is wrong
        for error in _validator(kind.stem).iter_errors(data):
            problems.extend(_schema_problems(kind, data, error))
    items = data[kind.key]
    if not isinstance(items, list):
        return [], problems, False
    entries = [entry for entry in items if isinstance(entry, Located)]
    entry_schema = schema["properties"][kind.key]["items"]
    for entry in entries:
        problems.extend(_check_strings(kind, entry, entry_schema))
    return entries, problems, True


def _locate(kind: FileKind, data: Any, path: list[Any]) -> tuple[Origin, Located | None, list[str]]:
    """The origin of the value at ``path``, the entry it lies in, and the field names leading
    to it from the entry (or from the top of the file when it lies in no entry)."""
    node, origin, entry = data, data.origin, None
    names: list[str] = []
    for depth, step in enumerate(path):
        if isinstance(node, Located) and isinstance(step, str) and step in node:
            origin = node.value_origins[step]
            names.append(step)
        elif isinstance(node, LocatedList) and isinstance(step, int) and 0 <= step < len(node):
            origin = node.item_origins[step]
        else:
            break
        node = node[step]
        if depth == 1 and path[0] == kind.key and isinstance(node, Located):
            entry, names = node, []
    if isinstance(node, (Located, LocatedList)):
        origin = node.origin
    return origin, entry, names


def _label(kind: str, entry: Located | None) -> str:
    ident = entry.get("id") if entry is not None else None
    if not isinstance(ident, str) or not ident or not ident.isprintable() or len(ident) > 100:
        return ""
    return f"{kind} '{ident}': "


def _quote(value: Any) -> str:
    text = str(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"'{text}'" if text.isprintable() else repr(text)


def _short_line(text: str) -> bool:
    return 0 < len(text) <= 40 and text.isprintable()


def _describe(value: Any) -> str:
    return _JSON_TYPES.get(_json_type(value), "something else")


def _schema_problems(kind: FileKind, data: Any, error: Any) -> list[Problem]:
    path = list(error.absolute_path)
    origin, entry, names = _locate(kind, data, path)
    where = "" if names == ["id"] else _label(kind.entity.kind, entry)
    field = "".join(f"{name}: " for name in names)
    validator, value, instance = error.validator, error.validator_value, error.instance
    item = bool(path) and isinstance(path[-1], int)

    def problem(message: str, at: Origin = origin) -> list[Problem]:
        return [Problem(at, where + message)]

    if validator == "additionalProperties" and isinstance(instance, dict):
        allowed = sorted(error.schema.get("properties", {}))
        out = []
        for name in sorted(k for k in instance if k not in allowed):
            at = instance.key_origins.get(name, origin) if isinstance(instance, Located) else origin
            if not path:
                hint = did_you_mean(name, [kind.key])
                msg = f"unknown top-level key '{name}'{hint}; the file holds one key, '{kind.key}:'"
            else:
                hint = did_you_mean(name, allowed)
                msg = f"{field}unknown field '{name}'{hint}; allowed: {', '.join(allowed)}"
            out.append(Problem(at, where + msg))
        return out
    if validator == "required" and isinstance(instance, dict):
        if not path:
            return problem(f"expected a top-level key '{kind.key}:' holding a list of entries")
        missing = [name for name in value if name not in instance]
        return [Problem(origin, where + f"{field}missing required field '{m}'") for m in missing]
    if validator == "type":
        want = _JSON_TYPES.get(value, "another type") if isinstance(value, str) else "another type"
        if instance is None:
            fix = {"array": "write a list (or [] for none)", "string": "write some text"}.get(
                value, "write a value"
            )
            return problem(f"{field}is empty; {fix} or remove the field")
        if len(path) == 2 and path[0] == kind.key and value == "object":
            return problem(
                f"each entry should be {want} (id: ..., name: ...), not {_describe(instance)}"
            )
        msg = f"{field}should be {want}, not {_describe(instance)}"
        if value == "array" and isinstance(instance, str) and _short_line(instance):
            msg += f"; write it as a list: [{instance}]"
        return problem(msg)
    if validator == "enum":
        options = ", ".join(str(v) for v in value)
        if not isinstance(instance, str):
            return problem(f"{field}should be one of: {options}; not {_describe(instance)}")
        hint = did_you_mean(instance, [str(v) for v in value])
        return problem(f"{field}{_quote(instance)} is not one of: {options}{hint}")
    if validator == "pattern":
        last = names[-1] if names else ""
        if last == "date":
            return problem(f"{field}{_quote(instance)} should be a date written YYYY-MM-DD")
        if last == "details":
            return problem(f"{field}{_quote(instance)} should be kind:id, e.g. 'lead:cold-lead'")
        return problem(field + _bad_id(str(instance), item and last != "cites"))
    if validator == "minLength":
        what = "an item is empty" if item else "is empty"
        return problem(f"{field}{what}; write some text or remove it")
    if validator == "minItems":
        noun = "item" if value == 1 else "items"
        if names and names[-1] == "cites":
            return problem(f"{field}list at least one source")
        return problem(f"{field}needs at least {value} {noun}")
    if validator == "uniqueItems" and isinstance(instance, list):
        twice = next((v for i, v in enumerate(instance) if v in instance[:i]), "?")
        return problem(f"{field}lists {_quote(twice)} more than once")
    if validator == "anyOf":
        branch = 1 if isinstance(instance, dict) else 0 if isinstance(instance, str) else None
        if branch is not None:
            inner = [e for e in error.context if list(e.relative_schema_path)[:1] == [branch]]
            found = [p for e in inner for p in _schema_problems(kind, data, e)]
            if found:
                return found
        msg = "each citation is a source id, or {source: <source id>, section: <text>}"
        return problem(f"{field or 'cites: '}{msg}; not {_describe(instance)}")
    return problem(f"{field}{error.message}")


def _bad_id(value: str, reference: bool) -> str:
    """Why ``value`` is not a valid id, and what would be."""
    what = "is not a valid id"
    if any(c in value for c in "/\\") or ".." in value:
        why = "ids become file names and addresses, so no '/', '\\' or '..'"
    elif value != value.strip() or "\n" in value:
        why = "it has spaces or a line break around it"
    elif any(c.isspace() for c in value):
        why = "no spaces"
    elif value != value.lower():
        why = "lowercase only"
    elif "_" in value:
        why = "hyphens, not underscores"
    elif not value:
        why = "it is empty"
    else:
        why = "lowercase letters, digits and single hyphens only"
    msg = f"{_quote(value)} {what} ({why})"
    suggestion = _slug(value)
    if suggestion and suggestion != value:
        msg += f"; {'did you mean' if reference else 'e.g.'} '{suggestion}'"
        msg += "?" if reference else ""
    return msg


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
    out = "".join(c if c.isascii() and c.isalnum() else "-" for c in text.lower())
    return "-".join(part for part in out.split("-") if part)


def _branch(schema: dict[str, Any], value: Any) -> dict[str, Any]:
    """The part of a schema that applies to ``value`` (the matching ``anyOf`` branch)."""
    for option in schema.get("anyOf", ()):
        kind = option.get("type")
        if (kind == "object" and isinstance(value, dict)) or (
            kind == "string" and isinstance(value, str)
        ):
            return option  # type: ignore[no-any-return]
    return schema


def _strings(
    node: Any, schema: dict[str, Any], names: tuple[str, ...]
) -> Iterator[tuple[str, Located | LocatedList, str | int, tuple[str, ...], dict[str, Any]]]:
    """Every text in an entry: (value, container, key, field names, its schema)."""
    if isinstance(node, Located):
        props = _branch(schema, node).get("properties", {})
        for key, value in node.items():
            sub = _branch(props.get(key, {}), value)
            if isinstance(value, str):
                yield value, node, key, (*names, key), sub
            else:
                yield from _strings(value, sub, (*names, key))
    elif isinstance(node, LocatedList):
        items = schema.get("items", {})
        for index, value in enumerate(node):
            sub = _branch(items, value)
            if isinstance(value, str):
                yield value, node, index, names, sub
            else:
                yield from _strings(value, sub, names)


_INVISIBLE = re.compile(
    "[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\ud800-\\udfff"
    + "".join(f"\\u{ord(c):04x}" for c in sorted(_BIDI))
    + "]"
)
"""Control characters but tab and line breaks (Unicode's Cc), lone surrogates (Cs), and the
bidirectional controls: one regex search per text instead of a loop over its characters."""


def _invisible(value: str) -> str | None:
    found = _INVISIBLE.search(value)
    return found[0] if found else None


def _check_strings(kind: FileKind, entry: Located, schema: dict[str, Any]) -> Iterator[Problem]:
    """What a JSON Schema cannot say: blank text, invisible characters, real dates, id length."""
    label = _label(kind.entity.kind, entry)
    for value, container, key, names, sub in _strings(entry, schema, ()):
        field = "".join(f"{name}: " for name in names)
        char = _invisible(value)
        if char is not None:
            name = unicodedata.name(char, "a control character")
            yield Problem(
                find_in_value(container, key, char),
                f"{label}{field}contains the invisible character U+{ord(char):04X} ({name}); "
                "delete it (it often comes with pasted text)",
            )
        if "minLength" in sub and value and not value.strip():
            yield Problem(
                find_in_value(container, key),
                f"{label}{field}is blank; write some text or remove it",
            )
        if names == ("id",) and len(value) > MAX_ID_LENGTH:
            yield Problem(
                container.value_origins["id"] if isinstance(container, Located) else entry.origin,
                f"id: {_quote(value)} is {len(value)} characters long; keep ids to "
                f"{MAX_ID_LENGTH} at most (they become file names and addresses)",
            )
        if names == ("date",) and _DATE.fullmatch(value):
            try:
                datetime.date.fromisoformat(value)
            except ValueError:
                yield Problem(
                    find_in_value(container, key),
                    f"{label}date: '{value}' is not a date in the calendar; check the numbers",
                )


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


def _citations(items: list[Any]) -> tuple[Citation, ...]:
    out = []
    for item in items:
        if isinstance(item, str):
            out.append(Citation(item))
        else:
            out.append(Citation(item["source"], markup.fold(item.get("section", ""))))
    return tuple(out)


# --- checks across files -------------------------------------------------------------------


def check_model(
    entries: dict[str, list[Located]],
    usable: frozenset[str] | None = None,
    reported: frozenset[Origin] = frozenset(),
) -> Iterator[Problem]:
    """Cross-file checks: unique ids, references, citations, links in text, glossary forms.

    ``entries`` maps each kind to its entries as read (faulty ones included, so one mistake does
    not hide another); ``usable`` names the kinds whose file could be read (a reference to a kind
    whose file is broken is not reported: fixing the file fixes it); a reference at an origin in
    ``reported`` already has a problem (such as a value outside an enum) and is not checked again.
    Every check here tolerates values of the wrong type: the schema check reported those.
    """
    usable = frozenset(entries) if usable is None else usable
    ids: dict[str, dict[str, Located]] = {}
    for kind, items in entries.items():
        ids[kind] = {}
        found = list(_check_ids(kind, items, ids[kind]))
        if kind == "team" and found:
            usable -= {"team"}  # one problem in teams.yaml, not one per role
        yield from found
    for kind, items in entries.items():
        for entry in items:
            yield from _check_entry(kind, entry, ids, usable, reported)
    yield from _check_glossary(entries.get("term", []))
    yield from check_ignore(entries.get("term", []))
    yield from _check_handoff(entries.get("stage", []))


def _check_ids(kind: str, items: list[Located], known: dict[str, Located]) -> Iterator[Problem]:
    seen: dict[str, Located] = {}
    for entry in items:
        ident = entry.get("id")
        if not isinstance(ident, str) or not ident:
            continue
        origin = entry.value_origins["id"]
        label = _label(kind, entry)
        address = _slug(ident) or ident
        first = seen.get(address)
        if first is not None:
            other, line = first["id"], first.value_origins["id"].line
            if other == ident:
                why = f"'{ident}' is already the id of the entry at line {line}"
            elif other.lower() == ident.lower():
                why = f"it equals '{other}' (line {line}) but for case"
            else:
                why = f"it gives the same page address as '{other}' (line {line})"
            yield Problem(origin, f"{label}duplicate id: {why}; ids must be unique, so rename one")
            continue
        seen[address] = entry
        known[ident] = entry
        known.setdefault(address, entry)  # a faulty id still answers references to its fix
        if not _SLUG.fullmatch(ident):
            continue  # the schema check reported it
        if kind == "team" and ident not in SIDES:
            yield Problem(
                origin,
                f"{label}the two teams are 'sales' and 'marketing' (roles name them); "
                f"not '{ident}'{did_you_mean(ident, SIDES)}",
            )
        elif ident in RESERVED_IDS:
            yield Problem(
                origin,
                f"{label}the id '{ident}' is reserved (it would replace a section's index page)",
            )
        elif kind in paths.OWN_PAGES and ident in WINDOWS_NAMES:
            yield Problem(
                origin,
                f"{label}the id '{ident}' cannot be a file name on Windows; choose another",
            )
        elif ident in RESERVED_ANCHORS.get(kind, ()) or (
            kind == "term" and _LETTER_ANCHOR.fullmatch(ident)
        ):
            page, _ = paths.location(kind, ident)
            yield Problem(
                origin,
                f"{label}the id '{ident}' is already the anchor of a heading on {page}; "
                "choose another",
            )


def _refs(entry: Located, key: str) -> Iterator[tuple[str, Origin]]:
    """The valid-looking ids a field refers to (faulty ones were reported by the schema)."""
    value = entry.get(key)
    if isinstance(value, str):
        if _SLUG.fullmatch(value):
            yield value, entry.value_origins[key]
    elif isinstance(value, LocatedList):
        for item, origin in zip(value, value.item_origins, strict=True):
            if isinstance(item, str) and _SLUG.fullmatch(item):
                yield item, origin


def _check_entry(
    kind: str,
    entry: Located,
    ids: dict[str, dict[str, Located]],
    usable: frozenset[str],
    reported: frozenset[Origin],
) -> Iterator[Problem]:
    label = _label(kind, entry)
    for owner, key, target in REFERENCES:
        if owner != kind or target not in usable:
            continue
        for ref, origin in _refs(entry, key):
            if origin in reported:
                continue
            if ref not in ids.get(target, {}):
                hint = did_you_mean(ref, ids.get(target, {}))
                if target == "team":
                    msg = f"there is no team '{ref}' in source_data/teams.yaml"
                else:
                    msg = f"unknown {target} '{ref}'{hint}"
                yield Problem(origin, f"{label}{key}: {msg}")
            elif key == "see_also" and ref == entry.get("id"):
                yield Problem(origin, f"{label}see_also: a term cannot refer to itself")
    details = entry.get("details") if kind == "term" else None
    if isinstance(details, str) and (match := _DETAILS.fullmatch(details)):
        linked = (match["kind"], match["id"])
        if linked[0] not in ids or (linked[0] in usable and linked[1] not in ids[linked[0]]):
            yield Problem(
                entry.value_origins["details"], f"{label}details: {_unknown_target(linked, ids)}"
            )
    if "source" in usable:
        yield from _check_citations(label, entry, ids["source"])
    for text, container, where in _texts(entry):
        yield from _check_links(label, text, container, where, ids, usable)


def _check_citations(label: str, entry: Located, sources: dict[str, Located]) -> Iterator[Problem]:
    for cites in _all_citations(entry):
        for cite, origin in zip(cites, cites.item_origins, strict=True):
            source = cite.get("source") if isinstance(cite, dict) else cite
            if isinstance(source, str) and _SLUG.fullmatch(source) and source not in sources:
                if isinstance(cite, Located):
                    origin = cite.value_origins.get("source", origin)
                yield Problem(
                    origin,
                    f"{label}cites: unknown source '{source}'{did_you_mean(source, sources)}; "
                    "add it to source_data/sources.yaml or fix the id",
                )


_LINK_HELP = "links are [label](https://...) or [label](kind:id)"


def _check_links(
    label: str,
    text: str,
    container: Located | LocatedList,
    key: str | int,
    ids: dict[str, dict[str, Located]],
    usable: frozenset[str],
) -> Iterator[Problem]:
    field = f"{key}: " if isinstance(key, str) else ""
    for paragraph in markup.paragraphs(text):
        for span in markup.parse(paragraph):
            if span.kind != "link":
                if _LINK_TAIL in span.text:
                    yield _almost_link(label, field, span.text, container, key)
                continue
            shown = f"[{span.text}]({span.target})"
            at = find_in_value(container, key, shown, f"]({span.target})")
            target = markup.entity_target(span.target)
            if markup.is_web_target(span.target):
                continue
            if target is None or target[0] not in ids:
                yield Problem(at, f"{label}{field}link '{shown}': {_bad_target(span.target, ids)}")
            elif target[0] in usable and target[1] not in ids[target[0]]:
                yield Problem(at, f"{label}{field}link '{shown}': {_unknown_target(target, ids)}")


def _almost_link(
    label: str, field: str, text: str, container: Located | LocatedList, key: str | int
) -> Problem:
    at = text.index(_LINK_TAIL)
    start = text.rfind("[", 0, at)
    start = max(start if start >= 0 else at - 20, 0)
    end = text.find(")", at)
    end = end + 1 if end >= 0 else min(at + 30, len(text))
    snippet = text[start:end]
    return Problem(
        find_in_value(container, key, text[at : at + 12]),
        f"{label}{field}{_quote(snippet)} looks like a link but is not one: {_LINK_HELP}, with "
        "no spaces, brackets or parentheses inside the ( ); the text would show as typed",
    )


def _bad_target(target: str, ids: dict[str, dict[str, Located]]) -> str:
    scheme = target.split(":", 1)[0].lower() if ":" in target else ""
    if scheme in ("javascript", "vbscript", "data", "file"):
        return f"'{scheme}:' links are not allowed; {_LINK_HELP}"
    if scheme in ("http", "https"):
        return (
            "the address is not a plain http(s) address (characters such as | \\ ^ { } [ ] < > "
            f"must be percent-encoded, e.g. %7C); {_LINK_HELP}"
        )
    if scheme and _DETAILS.fullmatch(target):
        hint = did_you_mean(scheme, ids)
        return f"unknown kind '{scheme}'{hint}; kinds: {', '.join(sorted(ids))}"
    return f"{_LINK_HELP} (kinds: {', '.join(sorted(ids))})"


def _unknown_target(target: tuple[str, str], ids: dict[str, dict[str, Located]]) -> str:
    kind, ident = target
    if kind not in ids:
        return f"unknown kind '{kind}'{did_you_mean(kind, ids)}; kinds: {', '.join(sorted(ids))}"
    return f"unknown {kind} '{ident}'{did_you_mean(ident, ids[kind])}"


def _all_citations(node: Any) -> Iterator[LocatedList]:
    if isinstance(node, Located):
        for key, value in node.items():
            if key == "cites" and isinstance(value, LocatedList):
                yield value
            else:
                yield from _all_citations(value)
    elif isinstance(node, LocatedList):
        for item in node:
            yield from _all_citations(item)


_NOT_TEXT = frozenset({"id", "cites", "source", "section", "date", "details", "see_also", "theme"})


def _texts(node: Any) -> Iterator[tuple[str, Located | LocatedList, str | int]]:
    """Every text that may hold inline markup, with its container and key."""
    if isinstance(node, Located):
        for key, value in node.items():
            if key in _NOT_TEXT:
                continue
            if isinstance(value, str):
                yield value, node, key
            else:
                yield from _texts(value)
    elif isinstance(node, LocatedList):
        for index, item in enumerate(node):
            if isinstance(item, str):
                yield item, node, index
            else:
                yield from _texts(item)


def surface_forms(entry: Located) -> Iterator[tuple[str, Origin, str]]:
    """Each name, alias and plural of a glossary entry, with its origin and what it is."""
    if isinstance(entry.get("name"), str):
        yield entry["name"], entry.value_origins["name"], "name"
    for key in ("aliases", "plurals"):
        value = entry.get(key)
        if isinstance(value, LocatedList):
            for form, origin in zip(value, value.item_origins, strict=True):
                if isinstance(form, str):
                    yield form, origin, "alias" if key == "aliases" else "plural"


def _check_glossary(entries: list[Located]) -> Iterator[Problem]:
    """A word may point to one glossary entry only: names, aliases and plurals are unique
    (ignoring case), and no automatic plural ('lead' -> 'leads') is another term's form."""
    owners: dict[str, tuple[str, str]] = {}
    automatic: dict[str, tuple[str, str]] = {}
    for entry in entries:
        term = entry.get("id")
        if not isinstance(term, str):
            continue
        label = _label("term", entry)
        for form, origin, what in surface_forms(entry):
            key = markup.fold(form).lower()
            if not key:
                continue
            if key in owners and owners[key][0] != term:
                other, other_what = owners[key]
                yield Problem(
                    origin,
                    f"{label}{what} '{markup.fold(form)}' is already the {other_what} of term "
                    f"'{other}'; a word can point to one glossary entry only",
                )
                continue
            owners.setdefault(key, (term, what))
            if what != "plural":
                for plural in plural_forms(markup.fold(form)):
                    automatic.setdefault(plural.lower(), (term, form))
    for entry in entries:
        term = entry.get("id")
        for form, origin, what in surface_forms(entry):
            key = markup.fold(form).lower()
            if key in automatic and automatic[key][0] != term and owners.get(key, ("",))[0] == term:
                other, base = automatic[key]
                yield Problem(
                    origin,
                    f"{_label('term', entry)}{what} '{markup.fold(form)}' is also the automatic "
                    f"plural of '{markup.fold(base)}' (term '{other}'); a word can point to one "
                    "glossary entry only: rename one of them",
                )


def _check_handoff(entries: list[Located]) -> Iterator[Problem]:
    marked = [entry for entry in entries if entry.get("handoff") is True]
    for entry in marked[1:]:
        first = marked[0].get("id")
        yield Problem(
            entry.value_origins["handoff"],
            f"{_label('stage', entry)}handoff: only one stage can be the handoff to sales; "
            f"'{first}' (line {marked[0].value_origins['handoff'].line}) already is",
        )
