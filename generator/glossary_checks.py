"""Checks on the glossary's words: each name, alias and plural points to one entry only, and is
a word worth marking (not 'a', 'the' or 's', which would put a tooltip on every other line).

Forms are compared in Unicode's NFC form, ignoring case: 'Café' typed with a combining accent
and 'Café' typed with 'é' are one word to a reader, so they are one form here.
"""

from __future__ import annotations

import unicodedata
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


# fmt: off
STOP_WORDS = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "he",
    "her", "his", "i", "if", "in", "is", "it", "its", "me", "my", "no", "not", "of", "on", "or",
    "our", "s", "she", "so", "than", "that", "the", "their", "them", "then", "there", "these",
    "they", "this", "to", "too", "us", "was", "we", "were", "what", "when", "which", "who",
    "will", "with", "you", "your",
})
# fmt: on
"""Common English words: as a glossary form, each would be marked all over the site."""
MIN_LENGTH = 3
"""Shorter forms match inside ordinary text (the 's' of "month's")."""


def key_of(form: str) -> str:
    """How forms are compared: whitespace folded, NFC, lowercase."""
    return unicodedata.normalize("NFC", markup.fold(form)).lower()


def check_forms(entries: list[Located]) -> Iterator[Problem]:
    """Each form is a word of three characters or more, not a common word."""
    for entry in entries:
        label = entry_label("term", entry)
        for form, origin, what in surface_forms(entry):
            shown = markup.fold(form)
            if not shown:
                continue  # blank: reported by the schema checks
            if not any(c.isalpha() for c in shown):
                why = "holds no letter; a glossary form must be a word"
            elif len(shown) < MIN_LENGTH:
                why = (
                    f"has only {len(shown)} character{'s' if len(shown) > 1 else ''}; a form "
                    "this short is marked inside ordinary text (the 's' of \"month's\"): use "
                    "a longer one"
                )
            elif key_of(shown) in STOP_WORDS:
                why = "is a common word; as a glossary form it would be marked all over the site"
            else:
                continue
            yield Problem(origin, f"{label}{what} '{shown}' {why}; remove it")


def check_glossary(entries: list[Located]) -> Iterator[Problem]:
    """A word may point to one glossary entry only: names, aliases and plurals are unique
    (ignoring case), and no automatic plural ('lead' -> 'leads') is another term's form."""
    yield from check_forms(entries)
    owners: dict[str, tuple[str, str, str]] = {}
    automatic: dict[str, tuple[str, str]] = {}
    for entry in entries:
        term = entry.get("id")
        if not isinstance(term, str):
            continue
        label = entry_label("term", entry)
        for form, origin, what in surface_forms(entry):
            key = key_of(form)
            if not key:
                continue
            if key in owners and owners[key][0] != term:
                other, other_what, written = owners[key]
                encoded = ""
                if markup.fold(form).lower() != written.lower():
                    encoded = (
                        " (the two differ only in how an accented letter is encoded: Unicode "
                        "normalisation makes them one word)"
                    )
                yield Problem(
                    origin,
                    f"{label}{what} '{markup.fold(form)}' is already the {other_what} of term "
                    f"'{other}'{encoded}; a word can point to one glossary entry only",
                )
                continue
            owners.setdefault(key, (term, what, markup.fold(form)))
            if what != "plural":
                for plural in plural_forms(markup.fold(form)):
                    automatic.setdefault(key_of(plural), (term, form))
    for entry in entries:
        term = entry.get("id")
        for form, origin, what in surface_forms(entry):
            key = key_of(form)
            if key in automatic and automatic[key][0] != term and owners.get(key, ("",))[0] == term:
                other, base = automatic[key]
                label = entry_label("term", entry)
                yield Problem(
                    origin,
                    f"{label}{what} '{markup.fold(form)}' is also the automatic "
                    f"plural of '{markup.fold(base)}' (term '{other}'); a word can point to one "
                    "glossary entry only: rename one of them",
                )
