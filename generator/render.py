"""Render the model into Markdown pages: one jinja2 template per page kind."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import jinja2

from . import (
    badges,
    concept_map,
    diagram,
    escape,
    explore,
    incremental,
    link,
    map_svg,
    page_meta,
    paths,
    previews,
    quiz,
)
from .link import Index, PageText
from .model import Dimension, Entity, Model, Term
from .page_memo import TracedIndex
from .schema import FILES

SECTIONS: tuple[tuple[str, str], ...] = (
    # The reading path, after the overview on the home page (generator/nav.py).
    ("definitions/index.md", "Definitions"),
    ("compare/index.md", "Comparison"),
    ("map/index.md", "Concept map"),
    ("journey/index.md", "Funnel and sales process"),
    ("teams/index.md", "Teams and roles"),
    ("four-ps/index.md", "The 4 P's"),
    ("leads/index.md", "Lead types"),
    ("strategies/index.md", "Strategies"),
    ("alignment/index.md", "Alignment"),
    ("debates/index.md", "Where sources disagree"),
    ("glossary/index.md", "Glossary"),
    ("sources/index.md", "Sources"),
    ("quiz/index.md", "Test yourself"),
)


@dataclass(frozen=True, slots=True)
class Page:
    """A generated Markdown file: its docs-relative path, title and full text."""

    path: str
    title: str
    text: str


@functools.cache
def environment() -> jinja2.Environment:
    """One environment per process, so compiled templates are kept between builds under ``serve``
    (a template whose file changed is reloaded). No on-disk bytecode cache: the generator writes
    nothing outside the folders it owns."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        undefined=jinja2.StrictUndefined,
        comment_start_string="{#-#",  # "{#" starts every heading anchor, e.g. "## Name {#id}"
        comment_end_string="#-#}",
        autoescape=False,  # the output is Markdown; PageText escapes every YAML value
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


class Renderer:
    """Renders every page of a model, the glossary last so it can list who mentions each term."""

    def __init__(self, model: Model, source_files: dict[str, str]) -> None:
        self.model = model
        self.index = Index(model)
        self.env = environment()
        self.source_files = source_files
        """entity kind -> source_data file, for front matter."""
        self.mentioned_by: dict[str, list[tuple[str, str]]] = {}
        self.quiz = quiz.questions(model)
        self.blurbs: dict[str, str] = {}
        """Section page -> the home page's line on it (set when the home page is rendered)."""
        self._last_mentions: tuple[str, ...] = ()
        self.memo = incremental.pages()
        """Pages rendered by earlier regenerations of a preview, or None (see incremental.py)."""
        if self.memo is not None:
            self.memo.begin(model, self.env, self.index)

    def pages(self) -> list[Page]:
        out = [self._render(*args) for args in self._plan()]
        out.append(self._render(*self._glossary()))
        # Not a page: the previews' data, which needs every page's title.
        titles = [(page.path, page.title) for page in out]
        out.append(Page(previews.FILE, "", previews.text(self.model, titles, self.blurbs)))
        return out

    def _plan(self) -> Iterator[tuple[str, str, str, Entity | None, dict[str, object]]]:
        m, ix = self.model, self.index
        by_theme: dict[str, list[Entity]] = {t.id: [] for t in m.themes}
        for dim in m.dimensions:  # one pass, not one per theme
            by_theme.get(dim.theme, []).append(dim)
        themes = [(t, by_theme[t.id]) for t in m.themes]
        graph = concept_map.graph(m)
        sides = tuple(dict.fromkeys(s.owner for s in m.stages))
        home: dict[str, object] = {"sections": self._ways_in(), "offline_zip": paths.OFFLINE_ZIP}
        yield paths.HOME, "home", "Sales vs Marketing handbook", None, home
        yield "compare/index.md", "matrix", "Comparison matrix", None, self._matrix(themes)
        for dim in m.dimensions:
            extra = {
                "theme": ix.get("theme", dim.theme),
                "roles": [ix.get("role", r) for r in dim.roles],
                "stages": [ix.get("stage", s) for s in dim.stages],
                "debates": ix.referrers(dim, "debate"),
            }
            yield paths.page_of(dim), "dimension", dim.name, dim, {"dim": dim, **extra}
        yield "map/index.md", "map", "Concept map", None, self._map(graph, sides)
        yield "definitions/index.md", "definitions", "Definitions", None, {}
        yield "debates/index.md", "debates", "Where the sources disagree", None, {}
        yield "teams/index.md", "teams", "Teams and roles", None, {}
        for role in m.roles:
            page = paths.page_of(role)
            extra = {
                "stages": [ix.get("stage", s) for s in role.stages],
                "dimensions": ix.referrers(role, "dimension"),
                "team": ix.by_kind["team"].get(role.team),
                "map_svg": self._draw(map_svg.around, graph, f"role:{role.id}", page),
            }
            yield paths.page_of(role), "role", role.name, role, {"role": role, **extra}
        yield "four-ps/index.md", "four_ps", "The 4 P's of marketing", None, {}
        funnel = [s for s in m.stages if s.flow == "funnel"]
        process = [s for s in m.stages if s.flow == "sales-process"]
        yield (
            "journey/index.md",
            "journey",
            "The funnel and the sales process",
            None,
            {
                "funnel": funnel,
                "process": process,
                "funnel_svg": diagram.funnel(funnel, "The marketing funnel") if funnel else "",
                "process_svg": diagram.process(process, "The sales process") if process else "",
                "maps": self._around(graph, "stage", m.stages, "journey/index.md"),
            },
        )
        leads = self._around(graph, "lead", m.leads, "leads/index.md")
        yield "leads/index.md", "leads", "Lead types", None, {"maps": leads}
        yield "strategies/index.md", "elements", "Strategy elements", None, {}
        yield (
            "strategies/marketing-strategies.md",
            "strategies",
            "Kinds of marketing strategy",
            None,
            {},
        )
        yield "strategies/pros-and-cons.md", "pros_cons", "Pros and cons of each strategy", None, {}
        yield "alignment/index.md", "alignment", "Aligning sales and marketing", None, {}
        yield (
            "sources/index.md",
            "sources",
            "Sources",
            None,
            {"usage": badges.concordance(m), "kinds": badges.KIND_NAMES},
        )
        yield "quiz/index.md", "quiz", "Test yourself", None, self._quiz()

    def _map(self, graph: concept_map.Graph, sides: tuple[str, ...]) -> dict[str, object]:
        """The concept map page: the drawing, and the same edges grouped by relation."""
        grouped: dict[str, list[tuple[concept_map.Node, concept_map.Node, str]]] = {}
        for edge in graph.edges:
            pair = (graph.node(edge.source), graph.node(edge.target), edge.note)
            grouped.setdefault(edge.relation, []).append(pair)
        relations = [(r, grouped[r]) for r in concept_map.RELATIONS if r in grouped]
        svg = self._draw(map_svg.whole, graph, "map/index.md", "hb-map", "The concept map", sides)
        return {"map_svg": svg, "relations": relations, "front": page_meta.MAP_FRONT}

    def _around(
        self, graph: concept_map.Graph, kind: str, entities: tuple[Entity, ...], page: str
    ) -> dict[str, str]:
        """Each entity's neighbourhood map, by id, for a page with a section per entity."""
        return {e.id: self._draw(map_svg.around, graph, f"{kind}:{e.id}", page) for e in entities}

    def _draw(self, draw: Any, graph: concept_map.Graph, *args: object) -> str:
        """A map drawn by ``draw``, or the same drawing from the last regeneration of a preview
        when the graph is unchanged (see incremental.py)."""
        if self.memo is None:
            return draw(graph, *args)  # type: ignore[no-any-return]
        return self.memo.drawing(draw, graph, *args)

    def _ways_in(self) -> list[tuple[str, str, str]]:
        """Each section of the home page with what a reader finds there."""
        m = self.model
        funnel = sum(1 for s in m.stages if s.flow == "funnel")
        blurbs = {
            "compare/index.md": f"{len(m.dimensions)} dimensions side by side, "
            f"in {len(m.themes)} themes, each with a page of its own",
            "map/index.md": "how teams, roles, stages, lead types, strategies and themes relate, "
            "as one picture",
            "definitions/index.md": "what sales, marketing, a sale and each strategy are",
            "teams/index.md": f"{len(m.roles)} roles, and who owns each strategy",
            "four-ps/index.md": "product, price, place and promotion, with examples",
            "journey/index.md": f"{funnel} funnel stages, {len(m.stages) - funnel} sales steps "
            "and the handoff between them",
            "leads/index.md": f"{len(m.leads)} lead types and who handles each",
            "strategies/index.md": f"what each strategy involves, {len(m.strategies)} kinds of "
            "marketing, pros and cons",
            "alignment/index.md": "why and how the two teams work together",
            "debates/index.md": f"{len(m.debates)} questions the sources answer differently",
            "glossary/index.md": f"{len(m.terms)} terms, explained wherever they appear",
            "sources/index.md": f"the {len(m.sources)} articles behind every statement",
            "quiz/index.md": f"{min(quiz.SHOWN, len(self.quiz))} questions at a time, drawn "
            f"from {len(self.quiz)} made from this handbook",
        }
        self.blurbs = blurbs
        return [(path, name, blurbs[path]) for path, name in SECTIONS]

    def _matrix(self, themes: object) -> dict[str, object]:
        def marker(dim: Dimension) -> str:
            return explore.marker(dim, self.index)

        return {"themes": themes, "marker": marker, "h": escape.attribute}

    def _quiz(self) -> dict[str, object]:
        # Choices and prompts sit in raw HTML (the script reads them), so they are escaped as HTML.
        return {"pool": self.quiz, "shown": quiz.SHOWN, "h": escape.attribute}

    def _glossary(self) -> tuple[str, str, str, Entity | None, dict[str, object]]:
        letters: dict[str, list[object]] = {}
        for term in sorted(self.model.terms, key=lambda t: (t.name.casefold(), t.id)):
            first = term.name[:1].upper()
            letters.setdefault(first if first.isalpha() else "#", []).append(term)
        return (
            "glossary/index.md",
            "glossary",
            "Glossary",
            None,
            {
                "letters": letters,
                "links": {term.id: self._term_links(term) for term in self.model.terms},
                "forms": {term.id: self._search_forms(term) for term in self.model.terms},
            },
        )

    def _term_links(self, term: Term) -> tuple[list[str], list[tuple[str, str]]]:
        """A glossary entry's see-also terms and the pages that mention it, less what the entry
        shows already: a see-also term its definition mentions, the page its "More" link opens,
        and an index page (the matrix, the teams page) when one of its entries' own pages, which
        says more, is listed."""
        said = {found for _, _, found in self.index.matcher.find(term.definition)}
        see_also = [other for other in term.see_also if other not in said]
        users = self.mentioned_by.get(term.id, [])
        more = paths.location(*term.details.split(":", 1))[0] if term.details else ""
        listed = {path for path, _ in users} | {more}
        covered = {
            index
            for index, folder in page_meta.INDEX_OF_OWN_PAGES
            if any(p.startswith(folder) and p != index for p in listed)
        }
        users = [(path, name) for path, name in users if path != more and path not in covered]
        return see_also, users

    def _search_forms(self, term: Term) -> str:
        """The plurals of a term's names, for its heading's hidden part: search matches the
        start of a word, so "leads" finds only a heading that holds the word "leads"."""
        shown = {form.casefold() for form in (term.name, *term.aliases)}
        forms = [*term.plurals]
        # A name that already ends in "s" (converting leads, VP of sales) gets no plural.
        singular = [f for f in (term.name, *term.aliases) if not f.lower().endswith("s")]
        forms += [p for form in singular for p in link.plural_forms(form)]
        return ", ".join(dict.fromkeys(f for f in forms if f.casefold() not in shown))

    def _render(
        self, path: str, kind: str, title: str, entity: Entity | None, context: dict[str, object]
    ) -> Page:
        memo = self.memo
        origin = entity.origin if entity else None
        if memo is not None and memo.closed(self.env, kind, context):
            found = memo.get(path, kind, title, origin, context)
            if found is not None:
                for term_id in found[1]:
                    self.mentioned_by.setdefault(term_id, []).append((path, title))
                return found[0]  # type: ignore[no-any-return]
            traced = TracedIndex(self.index)  # what the page looks up, for the memo's key
            page = self._render_new(path, kind, title, entity, context, traced)
            memo.put(path, kind, title, origin, context, page, self._last_mentions, traced)
            return page
        return self._render_new(path, kind, title, entity, context)

    def _render_new(
        self,
        path: str,
        kind: str,
        title: str,
        entity: Entity | None,
        context: dict[str, object],
        index: Index | TracedIndex | None = None,
    ) -> Page:
        ix = index or self.index
        text = PageText(ix, path)  # type: ignore[arg-type]
        body = self.env.get_template(f"{kind}.md.j2").render(
            t=text, m=self.model, ix=ix, title=title, **context
        )
        notes = text.footnotes()
        for term_id in text.mentions:
            self.mentioned_by.setdefault(term_id, []).append((path, title))
        self._last_mentions = tuple(text.mentions)
        origin = entity.origin if entity else None
        source = origin.path if origin else self._source_for(kind)
        meta: dict[str, object] = {
            "title": title,
            "source_file": source,
            "source_line": origin.line if origin else 1,
        }
        extra = context.get("front")  # e.g. the map page hides the sidebars to give it room
        if isinstance(extra, dict):
            meta.update(extra)
        meta.update(page_meta.FRONT_MATTER.get(kind, {}))
        if path == paths.HOME:
            # The theme names the home page after the site; a title here would be joined with
            # the site name ("handbook - handbook").
            del meta["title"]
        front = "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in meta.items())
        full = f"---\n{front}generated: true\n---\n\n{body.rstrip()}\n"
        if notes:
            full += f"\n{notes}\n"
        return Page(path, title, full)

    def _source_for(self, kind: str) -> str:
        # The home page comes from its template alone, so its edit link opens the template.
        return self.source_files.get(kind, f"generator/templates/{kind}.md.j2")


def render(model: Model) -> list[Page]:
    """Every page of the site, in a stable order."""
    files = {f.entity.kind: f"source_data/{f.filename}" for f in FILES}
    renderer = Renderer(model, {page: files[kind] for page, kind in page_meta.PAGE_SOURCES.items()})
    return renderer.pages()
