"""Where each node and edge of the whole concept map goes: a small layered layout.

Each kind has a column (concept_map.COLUMNS). Roles and stages keep the model's order, sides
together, because that order means something (the funnel, then the sales process); every other
node sits at the mean height of its neighbours, pushed apart where boxes would overlap. An edge
that skips a column passes through a gap in it, so it never runs behind another node's box.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from .concept_map import COLUMNS, Edge, Graph

NODE_W, NODE_H = 150, 36
COL_GAP = 84
ROW_GAP = 10
LANE = 5
"""Vertical room for one edge passing through a column."""
FIXED = ("role", "stage")


@dataclass(frozen=True, slots=True)
class Box:
    x: float
    y: float
    """Top left corner."""


@dataclass(frozen=True, slots=True)
class Route:
    edge: Edge
    points: tuple[tuple[float, float], ...]
    """Where the edge leaves its source, passes through skipped columns, and meets its target;
    consecutive points in different columns are joined by a curve, in one column by a line."""
    loop: bool = False
    """Both ends in one column: drawn as an arc to the right of it."""


@dataclass(frozen=True, slots=True)
class Layout:
    boxes: dict[str, Box]
    routes: tuple[Route, ...]
    width: float
    height: float


def column_x(column: int) -> float:
    return column * (NODE_W + COL_GAP)


def layout(g: Graph, sides: tuple[str, ...]) -> Layout:
    """``sides`` orders the fixed columns' nodes (the first side's on top)."""
    column_of = {n.key: COLUMNS[n.kind] for n in g.nodes}
    centre: dict[str, float] = {}
    fixed_gaps: dict[int, list[float]] = {}
    for kind in FIXED:
        members = [n for n in g.nodes if n.kind == kind]
        members.sort(key=lambda n: sides.index(n.side) if n.side in sides else len(sides))
        tallest = max(_count(g, k) for k in FIXED)
        top = (tallest - len(members)) * (NODE_H + ROW_GAP) / 2
        for i, node in enumerate(members):
            centre[node.key] = top + i * (NODE_H + ROW_GAP) + NODE_H / 2
        column = COLUMNS[kind]
        ys = [centre[n.key] for n in members]
        fixed_gaps[column] = [y - NODE_H / 2 - ROW_GAP / 2 for y in ys] + [
            ys[-1] + NODE_H / 2 + ROW_GAP / 2 if ys else 0.0
        ]
    neighbours: dict[str, list[str]] = {n.key: [] for n in g.nodes}
    for edge in g.edges:
        neighbours[edge.source].append(edge.target)
        neighbours[edge.target].append(edge.source)
    # Columns outward from the fixed ones: each is placed from neighbours already placed.
    lanes: dict[tuple[int, int], float] = {}  # (edge index, column) -> y of its pass
    for column in (3, 1, 0, 5):
        wanted: list[tuple[float, int, str, float]] = []  # (y, order, key or lane id, height)
        for order, node in enumerate(n for n in g.nodes if column_of[n.key] == column):
            placed = [centre[k] for k in neighbours[node.key] if k in centre]
            wanted.append((_mean(placed), order, node.key, NODE_H))
        for i, edge in enumerate(g.edges):
            a, b = column_of[edge.source], column_of[edge.target]
            if min(a, b) < column < max(a, b) and edge.source in centre and edge.target in centre:
                y = _between(centre[edge.source], centre[edge.target], a, b, column)
                wanted.append((y, len(g.nodes) + i, f"lane:{i}", 0.0))
        for key, y in _spread(wanted).items():
            if key.startswith("lane:"):
                lanes[(int(key[5:]), column)] = y
            else:
                centre[key] = y
    for i, edge in enumerate(g.edges):  # edges through a fixed column use the nearest gap
        a, b = column_of[edge.source], column_of[edge.target]
        for column in fixed_gaps:
            if min(a, b) < column < max(a, b):
                y = _between(centre[edge.source], centre[edge.target], a, b, column)
                lanes[(i, column)] = _nearest(fixed_gaps[column], y)
    top = min(centre.values(), default=0.0) - NODE_H / 2
    boxes = {k: Box(column_x(column_of[k]), y - NODE_H / 2 - top) for k, y in centre.items()}
    routes = []
    for i, edge in enumerate(g.edges):
        a, b = column_of[edge.source], column_of[edge.target]
        src, dst = boxes[edge.source], boxes[edge.target]
        if a == b:
            x = src.x + NODE_W
            ends = ((x, src.y + NODE_H / 2), (x, dst.y + NODE_H / 2))
            routes.append(Route(edge, ends, loop=True))
            continue
        step = 1 if b > a else -1
        points = [(src.x + (NODE_W if step > 0 else 0), src.y + NODE_H / 2)]
        for column in range(a + step, b, step):
            y = lanes.get((i, column), centre[edge.source]) - top
            near, far = column_x(column), column_x(column) + NODE_W
            points += [(near, y), (far, y)] if step > 0 else [(far, y), (near, y)]
        points.append((dst.x + (0 if step > 0 else NODE_W), dst.y + NODE_H / 2))
        routes.append(Route(edge, tuple(points)))
    width = column_x(max(COLUMNS.values())) + NODE_W
    height = max((b.y for b in boxes.values()), default=0.0) + NODE_H
    return Layout(boxes, tuple(routes), width, height)


def _nearest(gaps: list[float], y: float) -> float:
    """The gap nearest ``y``, in a column's sorted list of gaps."""
    i = bisect.bisect_left(gaps, y)
    return min(gaps[max(i - 1, 0) : i + 1], key=lambda gap: abs(gap - y))


def _count(g: Graph, kind: str) -> int:
    return sum(1 for n in g.nodes if n.kind == kind)


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _between(y0: float, y1: float, a: int, b: int, column: int) -> float:
    """Where the straight line from column ``a`` at ``y0`` to ``b`` at ``y1`` crosses
    ``column``."""
    return y0 + (y1 - y0) * (column - a) / (b - a)


def _spread(wanted: list[tuple[float, int, str, float]]) -> dict[str, float]:
    """Centres as near as possible to the wanted ones without overlaps, in the wanted order."""
    items = sorted(wanted)
    out: dict[str, float] = {}
    bottom = float("-inf")
    placed: list[tuple[str, float, float]] = []
    for y, _, key, height in items:
        gap = ROW_GAP if height else LANE
        y = max(y, bottom + gap + height / 2)
        placed.append((key, y, height))
        bottom = y + height / 2
    if placed:  # shift the column back up by its mean push, so it stays centred on its neighbours
        shift = _mean([y - w[0] for (_, y, _), w in zip(placed, items, strict=True)])
        for key, y, _ in placed:
            out[key] = y - shift
    return out
