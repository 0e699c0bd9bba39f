"""Checks across the files of source_data/: unique ids, references, citations, links in text,
glossary forms. Each tolerates values of the wrong type: the schema check reported those."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from . import checks_text, markup, paths, provenance, references
from .check_ignore import check_ignore
from .errors import Origin, Problem
from .glossary_checks import check_glossary
from .load import Located, LocatedList, find_in_value
from .model import REFERENCES, SIDES
from .wording import DETAILS, SLUG, did_you_mean, entry_label, quote, slug

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

_LINK_TAIL = "]("


def reserved(kind: str, ident: str) -> bool:
    """Whether ``ident`` is an address the pages already use for something else."""
    return (
        ident in RESERVED_IDS
        or (kind in paths.OWN_PAGES and ident in WINDOWS_NAMES)
        or ident in RESERVED_ANCHORS.get(kind, ())
        or (kind == "term" and bool(_LETTER_ANCHOR.fullmatch(ident)))
    )


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
    former = references.former_ids(entries)
    ids: dict[str, dict[str, Located]] = {}
    for kind, items in entries.items():
        ids[kind] = {}
        found = list(_check_ids(kind, items, ids[kind]))
        if kind == "team" and found:
            usable -= {"team"}  # one problem in teams.yaml, not one per role
        yield from found
    yield from references.check_unique_across_kinds(entries)
    yield from references.check_former_ids(entries, former, reserved)
    for kind, items in entries.items():
        for entry in items:
            yield from _check_entry(kind, entry, ids, usable, reported, former)
    yield from check_glossary(entries.get("term", []))
    yield from check_ignore(entries.get("term", []))
    yield from _check_handoff(entries.get("stage", []))
    yield from provenance.check(entries, usable)


def _check_ids(kind: str, items: list[Located], known: dict[str, Located]) -> Iterator[Problem]:
    seen: dict[str, Located] = {}
    for entry in items:
        ident = entry.get("id")
        if not isinstance(ident, str) or not ident:
            continue
        origin = entry.value_origins["id"]
        label = entry_label(kind, entry)
        address = slug(ident) or ident
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
        if not SLUG.fullmatch(ident):
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
        if SLUG.fullmatch(value):
            yield value, entry.value_origins[key]
    elif isinstance(value, LocatedList):
        for item, origin in zip(value, value.item_origins, strict=True):
            if isinstance(item, str) and SLUG.fullmatch(item):
                yield item, origin


def _check_entry(
    kind: str,
    entry: Located,
    ids: dict[str, dict[str, Located]],
    usable: frozenset[str],
    reported: frozenset[Origin],
    former: references.Former,
) -> Iterator[Problem]:
    label = entry_label(kind, entry)
    for owner, key, target in REFERENCES:
        if owner != kind or target not in usable:
            continue
        for ref, origin in _refs(entry, key):
            if origin in reported:
                continue
            if ref not in ids.get(target, {}):
                if target == "team":
                    msg = f"there is no team '{ref}' in source_data/teams.yaml"
                else:
                    msg = references.missing(target, ref, ids.get(target, {}), former)
                yield Problem(origin, f"{label}{key}: {msg}")
            elif key == "see_also" and ref == entry.get("id"):
                yield Problem(origin, f"{label}see_also: a term cannot refer to itself")
    details = entry.get("details") if kind == "term" else None
    if isinstance(details, str) and (match := DETAILS.fullmatch(details)):
        linked = (match["kind"], match["id"])
        if linked[0] not in ids or (linked[0] in usable and linked[1] not in ids[linked[0]]):
            yield Problem(
                entry.value_origins["details"],
                f"{label}details: {_unknown_target(linked, ids, former)}",
            )
    if "source" in usable:
        yield from _check_citations(label, entry, ids["source"], former)
    for text, container, where in _texts(entry):
        yield from _check_links(label, text, container, where, ids, usable, former)


def _check_citations(
    label: str, entry: Located, sources: dict[str, Located], former: references.Former
) -> Iterator[Problem]:
    for cites in _all_citations(entry):
        for cite, origin in zip(cites, cites.item_origins, strict=True):
            source = cite.get("source") if isinstance(cite, dict) else cite
            if isinstance(source, str) and SLUG.fullmatch(source) and source not in sources:
                if isinstance(cite, Located):
                    origin = cite.value_origins.get("source", origin)
                if source in former.get("source", {}):
                    msg = references.missing("source", source, sources, former)
                    yield Problem(origin, f"{label}cites: {msg}")
                    continue
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
    former: references.Former,
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
                refused = checks_text.web_address(span.target)
                if refused:
                    yield Problem(at, f"{label}{field}link '{shown}': {refused}")
                continue
            if target is None or target[0] not in ids:
                yield Problem(at, f"{label}{field}link '{shown}': {_bad_target(span.target, ids)}")
            elif target[0] in usable and target[1] not in ids[target[0]]:
                msg = _unknown_target(target, ids, former)
                yield Problem(at, f"{label}{field}link '{shown}': {msg}")


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
        f"{label}{field}{quote(snippet)} looks like a link but is not one: {_LINK_HELP}, with "
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
    if scheme and DETAILS.fullmatch(target):
        hint = did_you_mean(scheme, ids)
        return f"unknown kind '{scheme}'{hint}; kinds: {', '.join(sorted(ids))}"
    return f"{_LINK_HELP} (kinds: {', '.join(sorted(ids))})"


def _unknown_target(
    target: tuple[str, str], ids: dict[str, dict[str, Located]], former: references.Former
) -> str:
    kind, ident = target
    if kind not in ids:
        return f"unknown kind '{kind}'{did_you_mean(kind, ids)}; kinds: {', '.join(sorted(ids))}"
    return references.missing(kind, ident, ids[kind], former)


def _all_citations(node: Any) -> Iterator[LocatedList]:
    if isinstance(node, Located):
        for key, value in node.items():
            if (key == "cites" or key.endswith("_cites")) and isinstance(value, LocatedList):
                yield value
            else:
                yield from _all_citations(value)
    elif isinstance(node, LocatedList):
        for item in node:
            yield from _all_citations(item)


_NOT_TEXT = frozenset(
    {"id", "cites", "source", "section", "date", "details", "see_also", "theme", "url", "claims"}
    | {"sales_cites", "marketing_cites", "summary_cites", "outline", "opens"}
)


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


def _check_handoff(entries: list[Located]) -> Iterator[Problem]:
    marked = [entry for entry in entries if entry.get("handoff") is True]
    for entry in marked[1:]:
        first = marked[0].get("id")
        yield Problem(
            entry.value_origins["handoff"],
            f"{entry_label('stage', entry)}handoff: only one stage can be the handoff to sales; "
            f"'{first}' (line {marked[0].value_origins['handoff'].line}) already is",
        )
