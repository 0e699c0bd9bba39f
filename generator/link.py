"""Resolve references: glossary mentions (one multi-pattern pass), entity links, backlinks."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable

import ahocorasick

from . import badges, escape, markup, paths, provenance
from .model import REFERENCES, Citation, Entity, Model, Source, Term


def plural_forms(form: str) -> list[str]:
    """Regular English plurals of a (last) word: lead -> leads, strategy -> strategies."""
    head, _, last = form.rpartition(" ")
    prefix = f"{head} " if head else ""
    if not last or not last[-1].isalpha() or last.isupper():
        return [f"{prefix}{last}s"] if last and last.isupper() else []
    lower = last.lower()
    if lower.endswith(("s", "x", "z", "ch", "sh")):
        return [f"{prefix}{last}es"]
    if lower.endswith("y") and len(lower) > 1 and lower[-2] not in "aeiou":
        return [f"{prefix}{last[:-1]}ies"]
    return [f"{prefix}{last}s"]


class Matcher:
    """Finds every glossary mention in a text in one Aho-Corasick pass, longest match first."""

    def __init__(self, terms: Iterable[Term]) -> None:
        self._automaton = ahocorasick.Automaton()
        for term in terms:
            forms = [term.name, *term.aliases, *term.plurals]
            forms += [p for f in [term.name, *term.aliases] for p in plural_forms(f)]
            for form in forms:
                self._add(markup.fold(form), term.id, term.case_sensitive)
            for phrase in term.ignore:
                self._add(markup.fold(phrase), "", False)
        self._empty = len(self._automaton) == 0
        if not self._empty:
            self._automaton.make_automaton()

    def _add(self, form: str, term_id: str, case_sensitive: bool) -> None:
        key = form.lower()
        if key and key not in self._automaton:
            self._automaton.add_word(key, (len(key), term_id, form if case_sensitive else ""))

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Non-overlapping ``(start, end, term id)`` matches on word boundaries."""
        if self._empty:
            return []
        low = text.lower()
        if len(low) != len(text):  # a few characters change length when lowered
            low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        found = []
        for end, (length, term_id, exact) in self._automaton.iter(low):
            start = end - length + 1
            if not _bounded(text, start, end + 1):
                continue
            if exact and text[start : end + 1] != exact:
                continue
            found.append((start, end + 1, term_id))
        found.sort(key=lambda m: (m[0], m[0] - m[1]))
        # An ignored phrase ("who leads", "sales leads with") wins over every mention it
        # overlaps, even one that starts earlier or is longer ("sales leads" is an alias of
        # Lead): a contributor names the phrasing that is not the term's sense, and it is never
        # a link, whatever other forms it contains.
        ignored = [(start, end) for start, end, term_id in found if not term_id]
        chosen: list[tuple[int, int, str]] = []
        last_end = 0
        for start, end, term_id in found:
            if not term_id or start < last_end:
                continue
            if any(s < end and start < e for s, e in ignored):
                continue
            last_end = end
            chosen.append((start, end, term_id))
        return chosen


def _bounded(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before in "-_" or after.isalnum() or after in "-_")


class Index:
    """Every entity by kind and id, and the reverse of every reference."""

    def __init__(self, model: Model) -> None:
        self.model = model
        self.by_kind: dict[str, dict[str, Entity]] = defaultdict(dict)
        for entity in model.entities():
            self.by_kind[entity.kind][entity.id] = entity
        self.terms = {t.id: t for t in model.terms}
        self.sources: dict[str, Source] = {s.id: s for s in model.sources}
        self.disputes = provenance.disputes(model)
        """Claim anchor -> the debate that disputes it."""
        self.claims = {c.anchor: c for c in provenance.all_claims(model)}
        self.matcher = Matcher(model.terms)
        self.tooltips = {t.id: markup.plain(t.definition) for t in model.terms}
        self.popover_attributes = {
            t.id: f'title="{escape.attribute(self.tooltips[t.id])}" data-popover '
            f'data-popover-key="{t.id}" '
            f'data-popover-label="{escape.attribute(markup.plain(t.name))} in the glossary"'
            for t in model.terms
        }
        back: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for entity in model.entities():
            for owner, field, target in REFERENCES:
                if owner != entity.kind:
                    continue
                value = getattr(entity, field)
                for ref in (value,) if isinstance(value, str) else value:
                    if ref:
                        back[(target, ref)][owner].append(entity.id)
        for term in model.terms:
            if term.details:
                kind, _, ident = term.details.partition(":")
                back[(kind, ident)]["term"].append(term.id)
        self._back = back

    def get(self, kind: str, ident: str) -> Entity:
        return self.by_kind[kind][ident]

    def referrers(self, entity: Entity, kind: str) -> list[Entity]:
        """Entities of ``kind`` that refer to ``entity``, in model order."""
        ids = self._back.get((entity.kind, entity.id), {}).get(kind, [])
        return [self.by_kind[kind][i] for i in ids]


@functools.lru_cache(maxsize=1 << 16)
def _plain(value: str) -> str:
    """PageText.plain, remembered: the same names and titles recur on many pages."""
    return escape.text(markup.plain(value))


_SLOT = "\x00"
"""Stands for an anchor in a link worked out once per target page (no id contains it)."""


class PageText:
    """Turns YAML text into Markdown for one page: escaped, glossary-linked, cited."""

    def __init__(self, index: Index, path: str) -> None:
        self.index = index
        self.path = path
        self.mentions: dict[str, None] = {}
        """Glossary terms mentioned on this page, in order of first mention."""
        self._linked: set[str] = set()
        self._footnotes: dict[tuple[str, str], int] = {}
        self.skip_term = ""
        """A term not to link (its own definition)."""
        self._pages: dict[str, str] = {}
        self._anchored: dict[str, str] = {}

    def url(self, kind: str, ident: str) -> str:
        page, anchor = paths.location(kind, ident)
        return self._relative(page, anchor)

    def _relative(self, page: str, anchor: str = "") -> str:
        """``paths.relative`` from this page, worked out once per target page (relpath is slow):
        later links to the same page only fill in their anchor."""
        if not anchor:
            found = self._pages.get(page)
            if found is None:
                found = self._pages[page] = paths.relative(self.path, page)
            return found
        pattern = self._anchored.get(page)
        if pattern is None:
            pattern = self._anchored[page] = paths.relative(self.path, page, _SLOT)
        if pattern.count(_SLOT) != 1:  # relative() changed how it writes anchors
            return paths.relative(self.path, page, anchor)
        return pattern.replace(_SLOT, anchor)

    def ref(self, entity: Entity, label: str = "") -> str:
        """A Markdown link to an entity, labelled with its name."""
        return f"[{escape.text(label or entity.name)}]({self.url(entity.kind, entity.id)})"

    def refs(self, entities: Iterable[Entity]) -> str:
        return ", ".join(self.ref(e) for e in entities)

    def ref_ids(self, kind: str, ids: Iterable[str]) -> str:
        """Links to entities of one kind, given by id."""
        return self.refs(self.index.get(kind, i) for i in ids)

    def plain_list(self, values: Iterable[str]) -> str:
        """Comma-separated escaped texts, no links."""
        return ", ".join(self.plain(v) for v in values)

    def plain(self, value: str) -> str:
        """Escaped text with markup removed and no links: for headings and titles."""
        return _plain(value)

    def inline(self, value: str) -> str:
        """One line of Markdown (paragraphs folded together): for table cells and list items."""
        return escape.block_start(" ".join(self._paragraph(p) for p in markup.paragraphs(value)))

    def block(self, value: str) -> str:
        """Paragraphs separated by blank lines."""
        return "\n\n".join(escape.block_start(self._paragraph(p)) for p in markup.paragraphs(value))

    def _paragraph(self, value: str) -> str:
        out = []
        for span in markup.parse(value):
            if span.kind == "link":
                out.append(self._link(span))
            elif span.kind == "strong":
                out.append(f"**{self._mentions(span.text)}**")
            elif span.kind == "em":
                out.append(f"*{self._mentions(span.text)}*")
            else:
                out.append(self._mentions(span.text))
        return "".join(out)

    def _link(self, span: markup.Span) -> str:
        target = markup.entity_target(span.target)
        label = escape.text(span.text)
        if target:
            return f"[{label}]({self.url(*target)})"
        if markup.is_web_target(span.target):
            url = span.target.replace("(", "%28").replace(")", "%29").replace(" ", "%20")
            return f"[{label}]({url})"
        return escape.text(f"[{span.text}]({span.target})")

    def _mentions(self, value: str) -> str:
        out = []
        pos = 0
        for start, end, term_id in self.index.matcher.find(value):
            if term_id == self.skip_term:
                continue
            out.append(escape.text(value[pos:start]))
            out.append(self._mention(value[start:end], term_id))
            pos = end
        out.append(escape.text(value[pos:]))
        return "".join(out)

    def _mention(self, surface: str, term_id: str) -> str:
        self.mentions.setdefault(term_id, None)
        if self.path == paths.SHARED_PAGES["term"]:
            # On the glossary the definition is one heading away: a link, and no tooltip (113
            # tooltips there would repeat the page and cost a thousand nodes).
            if term_id in self._linked:
                return escape.text(surface)
            self._linked.add(term_id)
            return f"[{escape.text(surface)}]({self.url('term', term_id)})"
        # The title is the definition without JavaScript; popover.js shows it on hover, focus
        # and tap, with a link to the entry (the first mention's link, found by its key).
        abbr = f"<abbr {self.index.popover_attributes[term_id]}>{escape.text(surface)}</abbr>"
        if term_id in self._linked:
            return abbr
        self._linked.add(term_id)
        return f"[{abbr}]({self.url('term', term_id)})"

    def mentioned_terms(self) -> str:
        """Links to every glossary term mentioned on the page so far."""
        return self.ref_ids("term", list(self.mentions))

    def definition(self, term: Term) -> str:
        """A glossary definition, which does not link the term to itself."""
        self.skip_term = term.id
        try:
            return self.block(term.definition)
        finally:
            self.skip_term = ""

    def claim_url(self, anchor: str) -> str:
        """A link to one claim where it lives (its entry's page, at the claim's anchor)."""
        claim = self.index.claims[anchor]
        page, own = paths.location(claim.entity.kind, claim.entity.id)
        return self._relative(page, anchor if own or anchor != claim.entity.id else "")

    def claim_label(self, anchor: str) -> str:
        """A claim's entry name and place, e.g. 'Math vs. art (sales side)'."""
        claim = self.index.claims[anchor]
        place = "" if claim.place == "entry" else f" ({claim.place})"
        return self.plain(claim.entity.name) + escape.text(place)

    def link_to_anchor(self, page: str, anchor: str) -> str:
        """A link to an anchor on another generated page."""
        return self._relative(page, anchor)

    def link_to(self, page: str) -> str:
        """A link to another generated page by its docs-relative path."""
        return self._relative(page)

    def cite(self, cites: Iterable[Citation], anchor: str = "", own: bool = False) -> str:
        """Source badges for the statement just made (see badges.badges); ``anchor`` names
        the claim, so a disputed claim links to its debate, and ``own`` marks the claim's home
        page, where the badges also carry the claim's anchor and a link to it."""
        return badges.badges(self, tuple(cites), anchor, own)

    def footnotes(self) -> str:
        """The footnote definitions for every citation made on the page."""
        lines = []
        for (source_id, section), number in self._footnotes.items():
            source = self.index.sources[source_id]
            where = f", section “{self.plain(section)}”" if section else ""
            title = self.plain(source.name)
            lines.append(f"[^{number}]: {self.ref(source, source.publisher)}: *{title}*{where}.")
        return "\n".join(lines)
