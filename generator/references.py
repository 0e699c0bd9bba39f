"""Renames and deletes, guided: ids unique across kinds, ``former_ids``, and what a reference to
a missing id should say.

A rename keeps the old id under ``former_ids``: the old address keeps working (see
redirects.py), and a reference that still uses the old id is refused with the current one. A
reference to an id that no entry has (a deleted entry, a typo) says so first, with the two
fixes (restore the entry, or remove or change the reference); it suggests a similar id only when
the two are close, as "did you mean" after a delete tends to invite a wrong fix.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator
from functools import cache

from .errors import Origin, Problem
from .load import Located, LocatedList
from .wording import SLUG, entry_label

FIXED_KINDS = frozenset({"team"})
"""Kinds whose ids the format fixes ('sales', 'marketing'): never renamed, so left out of the
rule that ids are unique across kinds."""
CLOSE = 0.75
"""How alike two ids must be (difflib's ratio) for a suggestion."""

Former = dict[str, dict[str, tuple[str, Origin]]]
"""kind -> former id -> (current id, where the former id is listed)."""


@cache
def _files() -> dict[str, str]:
    from .schema import FILES  # here: schema imports the model, which is all this module needs

    return {kind.entity.kind: f"source_data/{kind.filename}" for kind in FILES}


def close_id(word: str, choices: Iterable[str]) -> str | None:
    """The id among ``choices`` that ``word`` is most likely a typo of, if any is close."""
    for candidate in difflib.get_close_matches(word, sorted(choices), n=3, cutoff=0.6):
        ratio = difflib.SequenceMatcher(None, word, candidate).ratio()
        # 'cmr' for 'crm'; 'cold' for 'cold-lead' (a word of the id left out)
        shorter, longer = sorted((word, candidate), key=len)
        if ratio >= CLOSE or sorted(word) == sorted(candidate) or longer.startswith(shorter + "-"):
            return candidate
    return None


def missing(kind: str, ident: str, known: Iterable[str], former: Former) -> str:
    """The message for a reference to ``kind`` id ``ident`` that no entry has."""
    renamed = former.get(kind, {}).get(ident)
    if renamed is not None:
        current, at = renamed
        return (
            f"'{ident}' is a former id of {kind} '{current}' (former_ids, line {at.line} of "
            f"{at.path}); refer to it by its current id: '{current}'"
        )
    where = _files().get(kind, "source_data/")
    msg = (
        f"unknown {kind} '{ident}': no entry in {where} has this id; restore the entry, "
        "or remove or change this reference"
    )
    close = close_id(ident, known)
    return msg + (f" (did you mean '{close}'?)" if close else "")


def former_ids(entries: dict[str, list[Located]]) -> Former:
    """Every former id of every kind with the entry that now holds it (first listing wins)."""
    out: Former = {}
    for kind, items in entries.items():
        table = out.setdefault(kind, {})
        for _entry, ident, old, origin in _listed(items):
            table.setdefault(old, (ident, origin))
    return out


def _listed(items: list[Located]) -> Iterator[tuple[Located, str, str, Origin]]:
    for entry in items:
        ident, value = entry.get("id"), entry.get("former_ids")
        if not isinstance(ident, str) or not isinstance(value, LocatedList):
            continue
        for old, origin in zip(value, value.item_origins, strict=True):
            if isinstance(old, str) and SLUG.fullmatch(old):
                yield entry, ident, old, origin


def check_former_ids(
    entries: dict[str, list[Located]], former: Former, reserved: Callable[[str, str], bool]
) -> Iterator[Problem]:
    """A former id is no current id of its kind, leads to one entry only, and is no address the
    pages already use (``reserved``)."""
    for kind, items in entries.items():
        current = {e["id"]: e for e in items if isinstance(e.get("id"), str)}
        for entry, ident, old, origin in _listed(items):
            label = entry_label(kind, entry)
            if old == ident:
                yield Problem(origin, f"{label}former_ids: '{old}' is its own id; remove it")
            elif reserved(kind, old):
                yield Problem(
                    origin,
                    f"{label}former_ids: '{old}' is an address the pages already use for "
                    "something else (a heading, an index page or a name Windows refuses); "
                    "remove it",
                )
            elif old in current:
                line = current[old].value_origins["id"].line
                yield Problem(
                    origin,
                    f"{label}former_ids: '{old}' is the id of another {kind} (line {line}); an "
                    "old id cannot lead to two entries: remove it here or rename that entry",
                )
            elif former[kind][old] != (ident, origin):
                holder, at = former[kind][old]
                yield Problem(
                    origin,
                    f"{label}former_ids: '{old}' is already a former id of {kind} '{holder}' "
                    f"(line {at.line}); an old id can lead to one entry only",
                )


def check_unique_across_kinds(entries: dict[str, list[Located]]) -> Iterator[Problem]:
    """No two entries of different kinds share an id, so that a search-and-replace rename changes
    one entry only. Where one of the two is a glossary term, the term is the one reported: its
    id is the one to change (to '<id>-term'), as the other kind's may name a page of its own."""
    owners: dict[str, list[tuple[str, Located]]] = {}
    for kind, items in entries.items():
        if kind in FIXED_KINDS:
            continue
        for entry in items:
            ident = entry.get("id")
            if not isinstance(ident, str) or not SLUG.fullmatch(ident):
                continue
            holders = owners.setdefault(ident, [])
            if all(other != kind for other, _ in holders):  # the same kind: crossfile reports
                holders.append((kind, entry))
    for ident, holders in owners.items():
        holders.sort(key=lambda holder: holder[0] == "term")  # stable: file order otherwise
        first_kind, first = holders[0]
        at = first.value_origins["id"]
        for kind, entry in holders[1:]:
            fix = "rename one of the two and list the old id under its former_ids"
            if kind == "term":
                fix = (
                    f"rename the term, e.g. 'id: {ident}-term', and if the term is already "
                    f"published keep its old id as 'former_ids: [{ident}]', so that "
                    f"glossary/#{ident} still reaches it"
                )
            yield Problem(
                entry.value_origins["id"],
                f"{entry_label(kind, entry)}id: '{ident}' is already the id of {first_kind} "
                f"'{ident}' ({at.path}:{at.line}); ids are unique across all kinds, so that a "
                f"search-and-replace rename changes one entry: {fix}",
            )
