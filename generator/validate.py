"""Turn loaded YAML into the model, collecting every problem before giving up.

Three passes, each reporting every problem it finds: each file is read (load.py), each file is
checked against its JSON Schema (schema.py) plus the rules a schema cannot say (blank text,
invisible characters, real dates), then the files are checked together (unique ids, references,
citations, links in text, glossary forms). Only a model without a single problem is built.
The messages for schema errors are in schema_messages.py, the checks across files in
crossfile.py and glossary_checks.py.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import fields
from functools import cache
from pathlib import Path
from typing import Any

from . import markup, provenance
from .checks_text import check_text
from .conforms import conforms, whole_pattern
from .crossfile import check_model
from .errors import Origin, Problem, SourceError, working_on
from .load import Located, LocatedList, find_in_value, link_out, load_file, outside
from .model import Citation, Entity, Example, Model, View
from .schema import BY_STEM, FILES, FileKind
from .schema_messages import schema_problems
from .wording import JSON_TYPES, did_you_mean, entry_label, json_type, quote

MAX_ID_LENGTH = 80
"""Ids become file names and addresses; longer ones are refused."""

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def load_model(source_dir: Path, display_root: Path) -> Model:
    """Load and validate every file of ``source_dir``; raise SourceError listing all problems."""
    problems: list[Problem] = []
    raw: dict[str, tuple[str, Any]] = {}
    present: set[str] = set()
    folder = _display(source_dir, display_root)
    if not source_dir.is_dir():
        msg = f"the folder {folder}/ is missing; run the generator from the project root"
        raise SourceError([Problem(Origin(folder, 1, 1), msg)])
    if outside(source_dir, display_root):
        raise SourceError([Problem(Origin(folder, 1, 1), link_out(f"the folder {folder}/"))])
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
        if outside(file, display_root):  # checked first: nothing of such a file is read
            problems.append(Problem(here, link_out(f"'{file.name}'")))
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
        got = JSON_TYPES.get(json_type(data), "something else")
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
            problems.extend(schema_problems(kind, data, error))
    items = data[kind.key]
    if not isinstance(items, list):
        return [], problems, False
    entries = [entry for entry in items if isinstance(entry, Located)]
    entry_schema = schema["properties"][kind.key]["items"]
    for entry in entries:
        problems.extend(_check_strings(kind, entry, entry_schema))
    return entries, problems, True


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
    label = entry_label(kind.entity.kind, entry)
    for value, container, key, names, sub in _strings(entry, schema, ()):
        field = "".join(f"{name}: " for name in names)
        if "pattern" not in sub and "enum" not in sub:  # ids, dates: the schema says what is wrong
            yield from check_text(label, value, container, key, names)
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
                f"id: {quote(value)} is {len(value)} characters long; keep ids to "
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
        special, built = provenance.build_field(name, value)
        if special:
            value = built
        elif name == "cites":
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
