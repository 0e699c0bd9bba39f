"""Checks on the glossary's words: each name, alias and plural points to one entry only."""

from __future__ import annotations

from collections.abc import Iterator

from . import markup
from .errors import Origin, Problem
from .link import plural_forms
from .load import Located, LocatedList
from .wording import entry_label


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


def check_glossary(entries: list[Located]) -> Iterator[Problem]:
    """A word may point to one glossary entry only: names, aliases and plurals are unique
    (ignoring case), and no automatic plural ('lead' -> 'leads') is another term's form."""
    owners: dict[str, tuple[str, str]] = {}
    automatic: dict[str, tuple[str, str]] = {}
    for entry in entries:
        term = entry.get("id")
        if not isinstance(term, str):
            continue
        label = entry_label("term", entry)
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
                label = entry_label("term", entry)
                yield Problem(
                    origin,
                    f"{label}{what} '{markup.fold(form)}' is also the automatic "
                    f"plural of '{markup.fold(base)}' (term '{other}'); a word can point to one "
                    "glossary entry only: rename one of them",
                )
