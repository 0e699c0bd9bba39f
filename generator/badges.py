"""What a reader sees of provenance: source badges next to each claim, and the Sources page
as a concordance of each article's outline with the handbook entries that draw on it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import escape
from .model import Citation, Entity, Model
from .provenance import all_claims, section_anchor

if TYPE_CHECKING:
    from .link import PageText

# --- badges ---------------------------------------------------------------------------------

SOURCES_PAGE = "sources/index.md"
_UNSAFE_TITLE = str.maketrans({c: " " for c in '{}"|\\[]`\n\r\t'})
"""Characters that would end an attr_list title or a table cell; sections never need them."""


def _title(text: str) -> str:
    return escape.attribute(" ".join(text.translate(_UNSAFE_TITLE).split()))


def badges(page: PageText, cites: tuple[Citation, ...], anchor: str = "", own: bool = False) -> str:
    """Compact source badges: one per article, its short name linking to the section on the
    Sources page, with the sections in the title (shown on hover and focus, read by screen
    readers). A claim resting on one article says so; a disputed claim links to its debate."""
    if not cites:
        return ""
    sections: dict[str, list[str]] = {}
    for cite in cites:
        sections.setdefault(cite.source, [])
        if cite.section and cite.section not in sections[cite.source]:
            sections[cite.source].append(cite.section)
    alone = len(sections) == 1
    out = []
    for source_id, secs in sections.items():
        source = page.index.sources[source_id]
        name = source.label
        first = secs[0] if secs else ""
        href = page.link_to_anchor(
            SOURCES_PAGE, section_anchor(source_id, first) if first else source_id
        )
        where = "; ".join(secs) if secs else "the whole article"
        if alone:
            title = f"Only {name} says this. Section: {where}"
            label = f"{name} alone"
            cls = ".cite .cite-alone"
        else:
            title = f"{name}, section: {where}"
            label = name
            cls = ".cite"
        # The shared popover shows the section on hover, focus and tap, and links on to the
        # article's outline; without JavaScript the title still shows on hover.
        out.append(
            f'[{page.plain(label)}]({href}){{ {cls} title="{_title(title)}" '
            f'data-popover="" data-popover-label="{_title(name)} on the Sources page" }}'
        )
    for debate in page.index.disputes.get(anchor, ()) if anchor else ():
        href = page.url("debate", debate.id)
        title = _title(f"Disputed: {debate.name}")
        out.append(
            f'[disputed]({href}){{ .cite .cite-disputed title="{title}" '
            f'data-popover="" data-popover-label="The debate" }}'
        )
    if own and anchor:
        out.append(f'[#](#{anchor}){{ .cite-self title="Link to this claim" }}')
        return f' <span class="cites" id="{anchor}">{" ".join(out)}</span>'
    return f' <span class="cites">{" ".join(out)}</span>'


# --- the Sources page as a concordance --------------------------------------------------------

KIND_NAMES = {
    "vendor-blog": "Vendor blog post with a product pitch",
    "career-guide": "Career guide",
    "personal-blog": "Personal blog post",
    "business-news": "Business-news column",
}


@dataclass(frozen=True, slots=True)
class Part:
    """One part of an article's outline with the entries whose claims cite it."""

    label: str
    anchor: str
    entries: tuple[Entity, ...]


@dataclass(frozen=True, slots=True)
class Usage:
    """How the handbook uses one article."""

    parts: tuple[Part, ...]
    claims: int
    alone: int


def concordance(model: Model) -> dict[str, Usage]:
    """Per article: its outline, each part with the entries citing it, and the number of claims
    resting on it (and on it alone)."""
    uses: dict[tuple[str, str], dict[Entity, None]] = {}
    claims: dict[str, int] = {s.id: 0 for s in model.sources}
    alone: dict[str, int] = {s.id: 0 for s in model.sources}
    for claim in all_claims(model):
        sources = claim.sources
        for source_id in sources:
            claims[source_id] = claims.get(source_id, 0) + 1
            if len(sources) == 1:
                alone[source_id] = alone.get(source_id, 0) + 1
        for cite in claim.cites:
            uses.setdefault((cite.source, cite.section), {})[claim.entity] = None
    out = {}
    for source in model.sources:
        labels = [section.label for section in source.outline]
        extra = sorted({sec for (sid, sec) in uses if sid == source.id and sec not in labels})
        parts = tuple(
            Part(
                label or "The whole article",
                section_anchor(source.id, label),
                tuple(uses.get((source.id, label), {})),
            )
            for label in (*labels, *extra)
        )
        out[source.id] = Usage(parts, claims[source.id], alone[source.id])
    return out
