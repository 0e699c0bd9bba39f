"""The concept map, read as a reader gets it: the SVG's linked boxes and the list of relations.

The expected edges are worked out here from the model's fields, not with generator.concept_map,
so a relation the map forgets or invents is caught.
"""

from __future__ import annotations

import functools
import html.parser
import posixpath
import re
from pathlib import Path

from generator import paths
from generator.model import Model
from generator.render import render
from generator.validate import load_model

ROOT = Path(__file__).resolve().parent.parent
MAP = "map/index.md"


@functools.cache
def _model() -> Model:
    return load_model(ROOT / "source_data", ROOT)


@functools.cache
def _pages() -> dict[str, str]:
    return {p.path: p.text for p in render(_model())}


class _Svg(html.parser.HTMLParser):
    """The links of the SVG figures in a page, and the edges' tooltips."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []  # (href, the box's words)
        self.titles: list[str] = []
        self._href: str | None = None
        self._in_path = self._in_title = False
        self._words: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._href, self._words = dict(attrs).get("href") or "", []
        elif tag == "path":
            self._in_path = True
        elif tag == "title" and self._in_path:
            self._in_title = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            self.links.append((self._href, " ".join(self._words)))
            self._href = None
        elif tag == "path":
            self._in_path = self._in_title = False
        elif tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._words.append(data)
        if self._in_title:
            self.titles.append(data)


def _svg(page: str) -> _Svg:
    parser = _Svg()
    for figure in re.findall(r"<figure class=\"hb-diagram hb-map.*?</figure>", _pages()[page]):
        parser.feed(figure)
    return parser


def _target(from_page: str, href: str) -> tuple[str, str]:
    """The docs page and anchor a link on a built page leads to: inline SVG links are the built
    site's directory URLs (``teams/x.md`` is served at ``teams/x/``)."""
    here = from_page[: -len("index.md")] if from_page.endswith("index.md") else from_page[:-3]
    path, _, anchor = href.partition("#")
    joined = posixpath.normpath(posixpath.join(here or ".", path))
    joined = "" if joined == "." else joined
    for page in (f"{joined}/index.md" if joined else "index.md", f"{joined}.md"):
        if page in _pages():
            return page, anchor
    raise AssertionError(f"{from_page}: {href!r} leads to no page")


def _expected_edges(m: Model) -> set[tuple[str, str, str]]:
    """(source name, relation, target name) for every relation the model states."""
    name = {f"{e.kind}:{e.id}": e.name for e in m.entities()}
    out = set()
    for role in m.roles:
        out.add((role.name, "belongs to", name[f"team:{role.team}"]))
        out |= {(role.name, "works at", name[f"stage:{s}"]) for s in role.stages}
        if role.owns:
            out.add((role.name, "sets", name[f"definition:{role.owns}"]))
    for stage in m.stages:
        out.add((name[f"team:{stage.owner}"], "owns", stage.name))
        if stage.handoff:
            out.add(("Marketing", "hands off to", "Sales"))
    for lead in m.leads:
        if lead.handled_by:  # Indeed does not say who handles warm leads
            out.add((name[f"team:{lead.handled_by}"], "handles", lead.name))
        if lead.becomes:
            out.add((lead.name, "becomes", name[f"lead:{lead.becomes}"]))
        out |= {(lead.name, "appears at", name[f"stage:{s}"]) for s in lead.stages}
    for dim in m.dimensions:
        theme = name[f"theme:{dim.theme}"]
        out |= {(theme, "concerns", name[f"role:{r}"]) for r in dim.roles}
        out |= {(theme, "concerns", name[f"stage:{s}"]) for s in dim.stages}
    out |= {(s.name, "is a kind of", "Marketing strategy") for s in m.strategies}
    return out


_ITEM = re.compile(r"^- \[(?P<a>[^\]]+)\]\([^)]+\) (?P<rel>[a-z ]+?) \[(?P<b>[^\]]+)\]\([^)]+\)")


def _listed_edges(text: str) -> set[tuple[str, str, str]]:
    section = text.split("## The map as a list", 1)[1]
    found = set()
    for line in section.splitlines():
        match = _ITEM.match(line)
        if match:
            found.add((match["a"].replace("\\", ""), match["rel"], match["b"].replace("\\", "")))
    return found


def test_the_map_has_a_linked_box_for_every_role_stage_and_lead_type() -> None:
    m = _model()
    boxes = {_target(MAP, href): words for href, words in _svg(MAP).links}
    for entity in [*m.roles, *m.stages, *m.leads, *m.teams, *m.themes, *m.strategies]:
        words = boxes.get(paths.location(entity.kind, entity.id))
        assert words is not None, f"no box links to {entity.kind} {entity.name!r}"
        assert words.startswith(entity.name.split()[0]), (entity.name, words)


def test_the_list_of_relations_matches_the_model_and_the_drawing() -> None:
    listed = _listed_edges(_pages()[MAP])
    assert listed == _expected_edges(_model())
    drawn = {re.sub(r" \((at|through) [^()]*\)$", "", t) for t in _svg(MAP).titles}
    assert drawn == {f"{a} {rel} {b}" for a, rel, b in listed}


def test_the_handoff_is_marked_on_the_map() -> None:
    text = _pages()[MAP]
    handoff = next(s for s in _model().stages if s.handoff)
    assert f"{handoff.name} (handoff)" in text
    assert "hands off to (at " + handoff.name in text


def test_each_role_stage_and_lead_type_shows_its_neighbourhood() -> None:
    m = _model()
    role = next(r for r in m.roles if r.stages)
    page = paths.page_of(role)
    hrefs = {_target(page, href) for href, _ in _svg(page).links}
    assert ("teams/index.md", role.team) in hrefs
    assert {("journey/index.md", s) for s in role.stages} <= hrefs
    journey = _pages()["journey/index.md"]
    assert journey.count('class="hb-diagram hb-map hb-map--around"') == len(m.stages)
    leads = _pages()["leads/index.md"]
    assert leads.count('class="hb-diagram hb-map hb-map--around"') == len(m.leads)
    for lead in m.leads:
        assert f"{lead.name} and what it is directly related to" in leads
