"""Per-claim provenance: each claim's place, anchor, citations, and the checks on them.

A *claim* is one statement a reader sees with its own sources: a side of a comparison, an
example, a definition, a view in a debate, a role's duty, a stage's example, or an entry's own
summary. Each claim has a stable anchor derived from its entry's id and its place in the entry
(``goals-sales``, ``goals-ex-1``, ``sales-manager-duty-2``), never from its wording, so a link to
one claim survives a rewording. Validation (``check``) makes sure every citation names a section
of its article's outline and that the claims a debate disputes exist.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .errors import Problem
from .load import Located, LocatedList
from .model import Citation, Claim, Entity, Example, Model, Section, View

# --- the claims of a model -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ClaimRef:
    """One claim of the model: where it lives, what it says and what it rests on."""

    anchor: str
    entity: Entity
    place: str
    """What part of the entry it is, for messages: 'sales side', 'example 2', 'duty 1'."""
    text: str
    cites: tuple[Citation, ...]

    @property
    def sources(self) -> tuple[str, ...]:
        """The distinct articles it rests on, in citation order."""
        return tuple(dict.fromkeys(c.source for c in self.cites))


def _entry_text(entity: Entity) -> str:
    for name in ("text", "composition", "summary", "definition"):
        value = getattr(entity, name, "")
        if isinstance(value, str) and value:
            return value
    return entity.name


def claims_of(entity: Entity) -> Iterator[ClaimRef]:
    """Every claim of one entry, in the order a reader meets them."""
    ident = entity.id
    cites = getattr(entity, "cites", ())
    if entity.kind == "dimension":
        dim: Any = entity
        yield ClaimRef(f"{ident}-sales", entity, "sales side", dim.sales, dim.sales_cites)
        yield ClaimRef(
            f"{ident}-marketing", entity, "marketing side", dim.marketing, dim.marketing_cites
        )
    if entity.kind == "team":
        team: Any = entity
        yield ClaimRef(f"{ident}-summary", entity, "summary", team.summary, team.summary_cites)
    if cites:
        yield ClaimRef(ident, entity, "entry", _entry_text(entity), cites)
    for n, item in enumerate(getattr(entity, "examples", ()), 1):
        if isinstance(item, (Example, Claim)):
            yield ClaimRef(f"{ident}-ex-{n}", entity, f"example {n}", item.text, item.cites)
    for n, view in enumerate(getattr(entity, "views", ()), 1):
        if isinstance(view, View):
            yield ClaimRef(f"{ident}-view-{n}", entity, f"view {n}", view.text, view.cites)
    for n, duty in enumerate(getattr(entity, "responsibilities", ()), 1):
        if isinstance(duty, Claim):
            yield ClaimRef(f"{ident}-duty-{n}", entity, f"duty {n}", duty.text, duty.cites)


def all_claims(model: Model) -> list[ClaimRef]:
    return [claim for entity in model.entities() for claim in claims_of(entity)]


def disputes(model: Model) -> dict[str, tuple[Entity, ...]]:
    """Claim anchor -> the debates that dispute it, in debates.yaml order."""
    out: dict[str, list[Entity]] = {}
    for debate in model.debates:
        for anchor in debate.claims:
            out.setdefault(anchor, []).append(debate)
    return {anchor: tuple(debates) for anchor, debates in out.items()}


def section_anchor(source: str, section: str) -> str:
    """The anchor of one outline section on the Sources page."""
    slug = re.sub(r"[^a-z0-9]+", "-", section.casefold()).strip("-")
    return f"{source}-{slug}" if slug else source


# --- building -------------------------------------------------------------------------------


def build_field(name: str, value: Any) -> tuple[bool, Any]:
    """The model value of a provenance field (``(True, value)``), or ``(False, None)``."""
    if name == "outline":
        out = []
        for item in value:
            if isinstance(item, str):
                out.append(Section(item))
            else:
                out.append(Section(item["section"], item["opens"]))
        return True, tuple(out)
    claims = name in ("responsibilities", "examples") and value and isinstance(value[0], dict)
    if claims and "side" not in value[0]:  # a dimension's examples (with a side) are Examples
        return True, tuple(Claim(v["text"], citations(v["cites"])) for v in value)
    if name.endswith("_cites"):
        return True, citations(value)
    return False, None


def citations(items: Iterable[Any]) -> tuple[Citation, ...]:
    out = []
    for item in items:
        if isinstance(item, str):
            out.append(Citation(item))
        else:
            out.append(Citation(item["source"], _fold(item.get("section", ""))))
    return tuple(out)


def _fold(text: str) -> str:
    from . import markup

    return markup.fold(text)


# --- checks ---------------------------------------------------------------------------------


def _label(kind: str, entry: Located) -> str:
    ident = entry.get("id")
    return f"{kind} '{ident}': " if isinstance(ident, str) and ident.isprintable() else ""


def _outlines(sources: list[Located]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for entry in sources:
        ident, outline = entry.get("id"), entry.get("outline")
        if not isinstance(ident, str) or not isinstance(outline, list):
            continue
        labels = []
        for item in outline:
            label = item.get("section") if isinstance(item, dict) else item
            if isinstance(label, str):
                labels.append(_fold(label))
        out[ident] = labels
    return out


def _cite_lists(node: Any, names: tuple[str, ...] = ()) -> Iterator[tuple[LocatedList, str]]:
    """Every list of citations in an entry, with the field path that leads to it."""
    if isinstance(node, Located):
        for key, value in node.items():
            if (key == "cites" or key.endswith("_cites")) and isinstance(value, LocatedList):
                yield value, ": ".join((*names, key))
            else:
                yield from _cite_lists(value, (*names, key))
    elif isinstance(node, LocatedList):
        for index, item in enumerate(node, 1):
            yield from _cite_lists(item, (*names[:-1], f"{names[-1]} {index}") if names else ())


def _check_sections(
    label: str, entry: Located, outlines: dict[str, list[str]]
) -> Iterator[Problem]:
    for cites, where in _cite_lists(entry):
        for cite, origin in zip(cites, cites.item_origins, strict=True):
            source = cite.get("source") if isinstance(cite, dict) else cite
            if not isinstance(source, str) or source not in outlines:
                continue  # unknown sources are reported by validate.py
            section = cite.get("section") if isinstance(cite, Located) else None
            if section is None:
                yield Problem(
                    origin,
                    f"{label}{where}: cite '{source}' with the section the claim comes from, "
                    f"as {{source: {source}, section: <heading>}}; its sections are listed "
                    "under outline: in source_data/sources.yaml",
                )
                continue
            if not isinstance(section, str) or _fold(section) in outlines[source]:
                continue
            assert isinstance(cite, Located)
            close = difflib.get_close_matches(_fold(section), outlines[source], n=1, cutoff=0.5)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            yield Problem(
                cite.value_origins.get("section", origin),
                f"{label}{where}: section '{section}' is not a heading of '{source}'{hint}; "
                "use a heading from its outline: in source_data/sources.yaml, or add the "
                "heading there if the article really has it",
            )


def _anchors(kind: str, entry: Located) -> Iterator[str]:
    """The claim anchors an entry as read will have (see ``claims_of``)."""
    ident = entry.get("id")
    if not isinstance(ident, str):
        return
    if kind == "dimension":
        yield f"{ident}-sales"
        yield f"{ident}-marketing"
    if kind == "team":
        yield f"{ident}-summary"
    if "cites" in entry:
        yield ident
    for field, tag in (("examples", "ex"), ("views", "view"), ("responsibilities", "duty")):
        value = entry.get(field)
        if isinstance(value, list):
            for n in range(1, len(value) + 1):
                yield f"{ident}-{tag}-{n}"


def check(entries: dict[str, list[Located]], usable: frozenset[str]) -> Iterator[Problem]:
    """Citations name a section of their article's outline; disputed claims exist."""
    outlines = _outlines(entries.get("source", [])) if "source" in usable else {}
    anchors: dict[str, str] = {}
    for kind, items in entries.items():
        for entry in items:
            yield from _check_sections(_label(kind, entry), entry, outlines)
            for anchor in _anchors(kind, entry):
                anchors.setdefault(anchor, kind)
    for entry in entries.get("debate", []):
        claims = entry.get("claims")
        if not isinstance(claims, LocatedList):
            continue
        for anchor, origin in zip(claims, claims.item_origins, strict=True):
            if isinstance(anchor, str) and anchor not in anchors:
                close = difflib.get_close_matches(anchor, sorted(anchors), n=1, cutoff=0.6)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                yield Problem(
                    origin,
                    f"{_label('debate', entry)}claims: no claim has the anchor '{anchor}'{hint}; "
                    "a claim's anchor is its entry's id plus its place: <dimension>-sales, "
                    "<dimension>-marketing, <id>-ex-<n>, <id>-view-<n>, <role>-duty-<n>, or the "
                    "entry's id for its own text",
                )
