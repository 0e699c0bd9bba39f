"""The concept map's graph: the model's entities as nodes and its typed relations as edges.

Only relations the model states are drawn (see model.REFERENCES and the fields read below); a
theme concerns a role or a stage when at least one of its dimensions does.
"""

from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass

from . import paths
from .model import Entity, Model

BELONGS_TO = "belongs to"
SETS = "sets"
KIND_OF = "is a kind of"
WORKS_AT = "works at"
OWNS = "owns"
CONCERNS = "concerns"
HANDLES = "handles"
BECOMES = "becomes"
APPEARS_AT = "appears at"
HANDS_OFF = "hands off to"

RELATIONS = (
    BELONGS_TO,
    WORKS_AT,
    OWNS,
    HANDS_OFF,
    HANDLES,
    BECOMES,
    APPEARS_AT,
    CONCERNS,
    SETS,
    KIND_OF,
)
"""Every relation the map draws, in the order the legend and the text equivalent list them."""

COLUMNS = {"strategy": 0, "definition": 1, "role": 2, "team": 3, "theme": 3, "stage": 4, "lead": 5}
"""Each kind's column in the whole map, left to right: teams and themes share the middle one,
so that most edges join neighbouring columns."""
HEADINGS = ("Strategies", "What roles set", "Roles", "Teams and themes", "Stages", "Lead types")


@dataclass(frozen=True, slots=True)
class Node:
    key: str
    """``kind:id``, unique in the map."""
    kind: str
    name: str
    page: str
    """Docs-relative Markdown page the node links to."""
    anchor: str
    side: str
    """``sales``, ``marketing`` or empty: picks the node's colour."""
    handoff: bool = False


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    relation: str
    target: str
    note: str = ""
    """Said after the relation, e.g. ``at Action`` or ``through 3 dimensions``."""


class Graph:
    """Nodes and edges, each in a stable order."""

    def __init__(self, nodes: tuple[Node, ...], edges: tuple[Edge, ...]) -> None:
        self.nodes = nodes
        self.edges = edges
        self._by_key = {n.key: n for n in nodes}
        self._order = {n.key: i for i, n in enumerate(nodes)}
        self._touching: dict[str, list[Edge]] = {}  # so that each neighbourhood costs its size
        for edge in edges:
            self._touching.setdefault(edge.source, []).append(edge)
            if edge.target != edge.source:
                self._touching.setdefault(edge.target, []).append(edge)

    def node(self, key: str) -> Node:
        return self._by_key[key]

    def around(self, key: str) -> Graph:
        """The node and everything one edge away, with those edges."""
        edges = tuple(self._touching.get(key, ()))
        keep = {key} | {e.source for e in edges} | {e.target for e in edges}
        return Graph(
            tuple(self._by_key[k] for k in sorted(keep, key=self._order.__getitem__)), edges
        )


def _node(entity: Entity, side: str = "", handoff: bool = False) -> Node:
    page, anchor = paths.location(entity.kind, entity.id)
    return Node(f"{entity.kind}:{entity.id}", entity.kind, entity.name, page, anchor, side, handoff)


def graph(model: Model) -> Graph:
    """The whole map, every list in model order so that two builds draw the same picture."""
    nodes: list[Node] = []
    edges: list[Edge] = []
    teams = {t.id for t in model.teams}
    defined = {d.id: d for d in model.definitions}
    nodes += [_node(s, "marketing") for s in model.strategies]
    owned = [r.owns for r in model.roles if r.owns in defined]
    if model.strategies and "marketing-strategy" in defined:
        owned.append("marketing-strategy")
    for ident in dict.fromkeys(sorted(owned)):  # the strategies that roles set, as definitions
        side = ident.split("-")[0] if ident.split("-")[0] in teams else ""
        nodes.append(_node(defined[ident], side))
    nodes += [_node(t, t.id) for t in model.teams]
    nodes += [_node(r, r.team) for r in model.roles]
    nodes += [_node(t) for t in model.themes]
    nodes += [_node(s, s.owner, handoff=s.handoff) for s in model.stages]
    nodes += [_node(lead, lead.handled_by) for lead in model.leads]
    if "marketing-strategy" in defined:
        kind_of = "definition:marketing-strategy"
        edges += [Edge(f"strategy:{s.id}", KIND_OF, kind_of) for s in model.strategies]
    for role in model.roles:
        if role.team in teams:
            edges.append(Edge(f"role:{role.id}", BELONGS_TO, f"team:{role.team}"))
        if role.owns in defined:
            edges.append(Edge(f"role:{role.id}", SETS, f"definition:{role.owns}"))
        edges += [Edge(f"role:{role.id}", WORKS_AT, f"stage:{s}") for s in role.stages]
    for stage in model.stages:
        if stage.owner in teams:
            edges.append(Edge(f"team:{stage.owner}", OWNS, f"stage:{stage.id}"))
    order = {n.key: i for i, n in enumerate(nodes)}
    concerned: dict[str, dict[str, int]] = {t.id: {} for t in model.themes}
    for dim in model.dimensions:
        counts = concerned.get(dim.theme)
        if counts is None:
            continue
        for key in [f"role:{r}" for r in dim.roles] + [f"stage:{s}" for s in dim.stages]:
            counts[key] = counts.get(key, 0) + 1
    for theme in model.themes:
        counts = concerned[theme.id]
        for key, count in sorted(counts.items(), key=lambda kv: order.get(kv[0], len(order))):
            note = f"through {count} dimension{'s' if count > 1 else ''}"
            edges.append(Edge(f"theme:{theme.id}", CONCERNS, key, note))
    for lead in model.leads:
        if lead.handled_by in teams:
            edges.append(Edge(f"team:{lead.handled_by}", HANDLES, f"lead:{lead.id}"))
        if lead.becomes:
            edges.append(Edge(f"lead:{lead.id}", BECOMES, f"lead:{lead.becomes}"))
        edges += [Edge(f"lead:{lead.id}", APPEARS_AT, f"stage:{s}") for s in lead.stages]
    for stage in model.stages:
        if stage.handoff and {"marketing", "sales"} <= teams:
            edges.append(Edge("team:marketing", HANDS_OFF, "team:sales", f"at {stage.name}"))
    return Graph(tuple(nodes), tuple(edges))


def url(from_page: str, node: Node) -> str:
    """The link from a built page to a node's page, as the browser needs it: inline SVG is raw
    HTML, which the engines do not rewrite, so directory URLs are worked out here."""
    rel = _relative(_directory(from_page), _directory(node.page))
    return f"{rel}#{node.anchor}" if node.anchor else rel


@functools.lru_cache(maxsize=1 << 12)
def _relative(here: str, there: str) -> str:
    """Remembered: relpath is slow (it asks for the working directory), and maps link the same
    few pages again and again."""
    rel = posixpath.relpath(there or ".", here or ".")
    return "./" if rel == "." else rel + "/"


def _directory(page: str) -> str:
    """``teams/x.md`` is served at ``teams/x/``, ``teams/index.md`` at ``teams/``."""
    stem = page[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")].rstrip("/")
    return stem


def sentence(g: Graph, edge: Edge) -> str:
    """The edge as plain words, e.g. "Sales manager owns Closing"."""
    note = f" ({edge.note})" if edge.note else ""
    return f"{g.node(edge.source).name} {edge.relation} {g.node(edge.target).name}{note}"
