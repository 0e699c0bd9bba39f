"""A quick yes-or-no check of a loaded file against its JSON Schema.

Nearly every run checks files that are valid, and jsonschema costs about a third of a cold
generation (its import, building a validator, walking each file). This check covers exactly the
keywords ``schema.py`` uses. When it answers no, or meets a keyword it does not know,
``validate.py`` asks jsonschema, which says what is wrong and where. So it must never answer yes
where jsonschema would find a problem; answering no too often only costs time.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

_ANNOTATIONS = frozenset({"$id", "$schema", "title", "description"})

_TYPES: dict[str, Callable[[Any], bool]] = {
    "string": lambda v: isinstance(v, str),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "boolean": lambda v: isinstance(v, bool),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "null": lambda v: v is None,
}


@cache
def whole_pattern(pattern: str) -> re.Pattern[str]:
    """A schema ``pattern`` as editors read it: ``$`` is the very end (Python's ``$`` also
    matches before a final newline, which would let ``id: |`` through), ``\\d`` is ASCII."""
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.compile(pattern, re.ASCII)


def conforms(schema: dict[str, Any], value: Any) -> bool:
    """Whether ``value`` certainly satisfies ``schema``."""
    for keyword, rule in schema.items():
        if keyword in _ANNOTATIONS:
            continue
        check = _KEYWORDS.get(keyword)
        if check is None or not check(rule, value, schema):
            return False
    return True


def _type(rule: Any, value: Any, schema: dict[str, Any]) -> bool:
    names = rule if isinstance(rule, list) else [rule]
    return any(name in _TYPES and _TYPES[name](value) for name in names)


def _properties(rule: dict[str, Any], value: Any, schema: dict[str, Any]) -> bool:
    if not isinstance(value, dict):
        return True
    return all(conforms(sub, value[key]) for key, sub in rule.items() if key in value)


def _required(rule: list[str], value: Any, schema: dict[str, Any]) -> bool:
    return not isinstance(value, dict) or all(key in value for key in rule)


def _additional(rule: Any, value: Any, schema: dict[str, Any]) -> bool:
    if not isinstance(value, dict) or rule is True:
        return True
    known = schema.get("properties", {})
    extra = [key for key in value if key not in known]
    if rule is False:
        return not extra
    return isinstance(rule, dict) and all(conforms(rule, value[key]) for key in extra)


def _items(rule: Any, value: Any, schema: dict[str, Any]) -> bool:
    if not isinstance(value, list):
        return True
    return isinstance(rule, dict) and all(conforms(rule, item) for item in value)


def _min_items(rule: int, value: Any, schema: dict[str, Any]) -> bool:
    return not isinstance(value, list) or len(value) >= rule


def _min_length(rule: int, value: Any, schema: dict[str, Any]) -> bool:
    return not isinstance(value, str) or len(value) >= rule


def _pattern(rule: str, value: Any, schema: dict[str, Any]) -> bool:
    return not isinstance(value, str) or whole_pattern(rule).search(value) is not None


def _enum(rule: list[Any], value: Any, schema: dict[str, Any]) -> bool:
    # Stricter than JSON equality (1 and 1.0 differ here), which is safe.
    return any(type(value) is type(choice) and value == choice for choice in rule)


def _unique(rule: bool, value: Any, schema: dict[str, Any]) -> bool:
    if not rule or not isinstance(value, list):
        return True
    # Only lists of text are decided here; anything else goes to jsonschema.
    return all(type(item) is str for item in value) and len(set(value)) == len(value)


def _any_of(rule: list[dict[str, Any]], value: Any, schema: dict[str, Any]) -> bool:
    return any(conforms(sub, value) for sub in rule)


_KEYWORDS: dict[str, Callable[[Any, Any, dict[str, Any]], bool]] = {
    "type": _type,
    "properties": _properties,
    "required": _required,
    "additionalProperties": _additional,
    "items": _items,
    "minItems": _min_items,
    "minLength": _min_length,
    "pattern": _pattern,
    "enum": _enum,
    "uniqueItems": _unique,
    "anyOf": _any_of,
}
