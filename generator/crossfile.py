"""Checks across the files of source_data/: unique ids, references, citations, links in text,
glossary forms. Each tolerates values of the wrong type: the schema check reported those."""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import paths, provenance, references
from .check_ignore import check_ignore
from .crossfile_text import check_citations, check_links, texts, unknown_target
from .errors import Origin, Problem
from .glossary_checks import check_glossary
from .load import Located, LocatedList
from .model import REFERENCES, SIDES
from .wording import DETAILS, SLUG, did_you_mean, entry_label, slug

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
                f"{label}details: {unknown_target(linked, ids, former)}",
            )
    if "source" in usable:
        yield from check_citations(label, entry, ids["source"], former)
    for text, container, where in texts(entry):
        yield from check_links(label, text, container, where, ids, usable, former)


def _check_handoff(entries: list[Located]) -> Iterator[Problem]:
    marked = [entry for entry in entries if entry.get("handoff") is True]
    for entry in marked[1:]:
        first = marked[0].get("id")
        yield Problem(
            entry.value_origins["handoff"],
            f"{entry_label('stage', entry)}handoff: only one stage can be the handoff to sales; "
            f"'{first}' (line {marked[0].value_origins['handoff'].line}) already is",
        )
