"""Say in a contributor's words what a JSON Schema error means, and where it is."""

from __future__ import annotations

from typing import Any

from .errors import Origin, Problem
from .load import Located, LocatedList
from .schema import FileKind
from .wording import JSON_TYPES, describe, did_you_mean, entry_label, quote, slug


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


def _short_line(text: str) -> bool:
    return 0 < len(text) <= 40 and text.isprintable()


def schema_problems(kind: FileKind, data: Any, error: Any) -> list[Problem]:
    path = list(error.absolute_path)
    origin, entry, names = _locate(kind, data, path)
    where = "" if names == ["id"] else entry_label(kind.entity.kind, entry)
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
        want = JSON_TYPES.get(value, "another type") if isinstance(value, str) else "another type"
        if instance is None:
            fix = {"array": "write a list (or [] for none)", "string": "write some text"}.get(
                value, "write a value"
            )
            return problem(f"{field}is empty; {fix} or remove the field")
        if len(path) == 2 and path[0] == kind.key and value == "object":
            return problem(
                f"each entry should be {want} (id: ..., name: ...), not {describe(instance)}"
            )
        msg = f"{field}should be {want}, not {describe(instance)}"
        if value == "array" and isinstance(instance, str) and _short_line(instance):
            msg += f"; write it as a list: [{instance}]"
        return problem(msg)
    if validator == "enum":
        options = ", ".join(str(v) for v in value)
        if not isinstance(instance, str):
            return problem(f"{field}should be one of: {options}; not {describe(instance)}")
        hint = did_you_mean(instance, [str(v) for v in value])
        return problem(f"{field}{quote(instance)} is not one of: {options}{hint}")
    if validator == "pattern":
        last = names[-1] if names else ""
        if last == "date":
            return problem(f"{field}{quote(instance)} should be a date written YYYY-MM-DD")
        if last == "details":
            return problem(f"{field}{quote(instance)} should be kind:id, e.g. 'lead:cold-lead'")
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
        return problem(f"{field}lists {quote(twice)} more than once")
    if validator == "anyOf":
        branch = 1 if isinstance(instance, dict) else 0 if isinstance(instance, str) else None
        if branch is not None:
            inner = [e for e in error.context if list(e.relative_schema_path)[:1] == [branch]]
            found = [p for e in inner for p in schema_problems(kind, data, e)]
            if found:
                return found
        msg = "each citation is a source id, or {source: <source id>, section: <text>}"
        return problem(f"{field or 'cites: '}{msg}; not {describe(instance)}")
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
    msg = f"{quote(value)} {what} ({why})"
    suggestion = slug(value)
    if suggestion and suggestion != value:
        msg += f"; {'did you mean' if reference else 'e.g.'} '{suggestion}'"
        msg += "?" if reference else ""
    return msg
