"""Checks on a glossary term's ``ignore`` phrases: each must name a phrasing of the term."""

from __future__ import annotations

from collections.abc import Iterator

from . import markup
from .errors import Problem
from .link import Matcher
from .load import Located, LocatedList
from .model import Term


def check_ignore(entries: list[Located]) -> Iterator[Problem]:
    """An ignored phrase must contain one of its term's forms (or it ignores nothing: a typo),
    and must be more than the form alone (or the term would never be linked at all)."""
    for entry in entries:
        term, phrases = entry.get("id"), entry.get("ignore")
        if not isinstance(term, str) or not isinstance(phrases, LocatedList):
            continue
        own = _own_matcher(entry)
        if own is None:
            continue
        for phrase, origin in zip(phrases, phrases.item_origins, strict=True):
            if not isinstance(phrase, str):
                continue
            text = markup.fold(phrase)
            spans = own.find(text)
            if not spans:
                yield Problem(
                    origin,
                    f"term '{term}': ignore '{text}' does not contain the term (its name, an "
                    "alias or a plural), so it ignores nothing; write the phrasing as it appears "
                    "in the text, e.g. 'who leads' for the verb",
                )
            elif any(end - start == len(text) for start, end, _ in spans):
                yield Problem(
                    origin,
                    f"term '{term}': ignore '{text}' is the term itself, so the term would never "
                    "be linked; add the word before or after it that gives it another sense, "
                    "e.g. 'who leads' rather than 'leads'",
                )


def _own_matcher(entry: Located) -> Matcher | None:
    """A matcher for this term's forms alone (its ignore phrases left out)."""
    name = entry.get("name")
    if not isinstance(name, str) or not markup.fold(name):
        return None
    forms = {key: entry.get(key) for key in ("aliases", "plurals")}
    extra = {
        key: tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()
        for key, value in forms.items()
    }
    term = Term(
        id=str(entry.get("id")),
        name=name,
        definition="",
        origin=entry.origin,
        aliases=extra["aliases"],
        plurals=extra["plurals"],
        case_sensitive=entry.get("case_sensitive") is True,
    )
    return Matcher([term])
