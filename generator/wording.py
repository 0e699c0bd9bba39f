"""Shared wording of validation messages: labels, quoting, suggestions, id slugs."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import Any

from .load import Located

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""A valid id: lowercase letters and digits in words joined by single hyphens."""
DETAILS = re.compile(r"(?P<kind>[a-z]+):(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)")
"""A ``kind:id`` reference (a glossary entry's ``details``, a link target)."""

JSON_TYPES = {
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


def entry_label(kind: str, entry: Located | None) -> str:
    ident = entry.get("id") if entry is not None else None
    if not isinstance(ident, str) or not ident or not ident.isprintable() or len(ident) > 100:
        return ""
    return f"{kind} '{ident}': "


def quote(value: Any) -> str:
    text = str(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"'{text}'" if text.isprintable() else repr(text)


def describe(value: Any) -> str:
    return JSON_TYPES.get(json_type(value), "something else")


def json_type(value: Any) -> str:
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


def slug(text: str) -> str:
    out = "".join(c if c.isascii() and c.isalnum() else "-" for c in text.lower())
    return "-".join(part for part in out.split("-") if part)
