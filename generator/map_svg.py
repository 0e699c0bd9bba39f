"""Draw the concept map as inline SVG: the whole map, and one entity's neighbourhood.

Every node is a link to its page (inline SVG is raw HTML, so the URLs are the built site's);
every edge names its relation in a tooltip and in the figure's text equivalent; colours come
from classes that follow the light and dark schemes (docs/assets/css/concept-map.css).
"""

from __future__ import annotations

import itertools

from . import concept_map as cm
from . import markup
from .concept_map import Edge, Graph, Node
from .escape import attribute
from .map_layout import NODE_H, NODE_W, column_x, layout

CHARS_PER_LINE = 20
"""About as many 13-pixel characters as fit in a box, with its padding."""
LABELLED = (cm.HANDS_OFF, cm.BECOMES, cm.SETS, cm.HANDLES)
"""Relations with few edges: their label is written on the edge too, not only in the legend."""
TOP = 96
"""Room above the columns for the legend and the column headings."""
_SIDE_GAP = 100


def whole(g: Graph, page: str, ident: str, label: str, sides: tuple[str, ...]) -> str:
    """The whole map, with a legend of the relations and a heading over each column."""
    lay = layout(g, sides)
    parts = [_legend(ident, lay.width)]
    for i, heading in enumerate(cm.HEADINGS):
        x = column_x(i) + NODE_W / 2
        parts.append(f'<text class="hb-map__heading" x="{x:.0f}" y="{TOP - 14}">{heading}</text>')
    parts.append(f'<g transform="translate(0 {TOP})">')
    drawn = [
        _edge(g, r.edge, r.points, r.loop, ident, r.edge.relation in LABELLED) for r in lay.routes
    ]
    parts += [path for path, _ in drawn]
    parts += [_node(n, lay.boxes[n.key].x, lay.boxes[n.key].y, page) for n in g.nodes]
    parts += [label for _, label in drawn]  # over the boxes, so that none hides a label
    parts.append("</g>")
    return _svg(ident, label, lay.width + 110, lay.height + TOP + 8, parts, "hb-map--whole")


def around(g: Graph, key: str, page: str) -> str:
    """One entity in the middle, what points at it on the left, what it points at on the right;
    every edge is labelled next to the neighbour it joins."""
    near = g.around(key)
    centre = g.node(key)
    left = [e for e in near.edges if e.target == key]
    right = [e for e in near.edges if e.source == key]
    rows = max(len(left), len(right), 1)
    height = rows * (NODE_H + 10)
    mid_x = NODE_W + _SIDE_GAP
    mid_y = height / 2 - NODE_H / 2
    ident = f"hb-map-{key.replace(':', '-')}"
    parts: list[str] = []
    for side, edges in ((0, left), (1, right)):
        top = (height - len(edges) * (NODE_H + 10)) / 2 + 5
        for i, edge in enumerate(edges):
            other = near.node(edge.source if side == 0 else edge.target)
            y = top + i * (NODE_H + 10)
            x = 0 if side == 0 else 2 * (NODE_W + _SIDE_GAP)
            if side == 0:
                points = ((x + NODE_W, y + NODE_H / 2), (mid_x, mid_y + NODE_H / 2))
                text_x, anchor = x + NODE_W + 6, "start"
            else:
                points = ((mid_x + NODE_W, mid_y + NODE_H / 2), (x, y + NODE_H / 2))
                text_x, anchor = x - 6, "end"
            parts.insert(0, _edge(near, edge, points, False, ident, False)[0])
            parts.append(
                f'<text class="hb-map__label" x="{text_x:.0f}" y="{y + NODE_H / 2 - 5:.0f}" '
                f'text-anchor="{anchor}">{attribute(edge.relation)}</text>'
            )
            parts.append(_node(other, x, y, page))
    parts.append(_node(centre, mid_x, mid_y, page, current=True))
    width = 3 * NODE_W + 2 * _SIDE_GAP if right else 2 * NODE_W + _SIDE_GAP
    label = f"{markup.plain(centre.name)} and what it is directly related to"
    return _svg(ident, label, width, height + 10, parts, "hb-map--around", near)


def _svg(
    ident: str,
    label: str,
    width: float,
    height: float,
    parts: list[str],
    kind: str,
    described: Graph | None = None,
) -> str:
    """A figure; a neighbourhood's relations are also its description, for screen readers.
    Search leaves maps out: their names would rank a page above the entity's own."""
    desc = ""
    labelled = f"{ident}-title"
    if described is not None:
        words = "; ".join(cm.sentence(described, e) for e in described.edges)
        desc = f'<desc id="{ident}-desc">{attribute(words)}</desc>'
        labelled += f'" aria-describedby="{ident}-desc'
    return (
        f'<figure class="hb-diagram hb-map {kind}" data-search-exclude>'
        f'<svg role="group" aria-labelledby="{labelled}" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{ident}-title">{attribute(label)}</title>{desc}'
        f'<defs><marker id="{ident}-arrow" viewBox="0 0 8 8" refX="7" refY="4" '
        f'markerWidth="8" markerHeight="8" markerUnits="userSpaceOnUse" orient="auto">'
        f'<path class="hb-map__arrowhead" d="M0,0 L8,4 L0,8 z"/></marker></defs>'
        f"{''.join(parts)}</svg>"
        f"<figcaption>{attribute(label)}</figcaption></figure>"
    )


def _legend(ident: str, width: float) -> str:
    """One sample line per relation, in two rows."""
    out = []
    per_row = (len(cm.RELATIONS) + 1) // 2
    step = width / per_row
    for i, relation in enumerate(cm.RELATIONS):
        row, col = divmod(i, per_row)
        x, y = col * step, 14 + row * 24
        out.append(
            f'<path class="hb-edge hb-edge--{_css(relation)}" d="M{x:.0f},{y} h34" '
            f'marker-end="url(#{ident}-arrow)"/>'
            f'<text class="hb-map__label" x="{x + 44:.0f}" y="{y + 4}">{relation}</text>'
        )
    return f'<g class="hb-map__legend">{"".join(out)}</g>'


def _css(relation: str) -> str:
    return relation.replace(" ", "-")


def _edge(
    g: Graph,
    edge: Edge,
    points: tuple[tuple[float, float], ...],
    loop: bool,
    ident: str,
    labelled: bool,
) -> tuple[str, str]:
    """The edge's path, and its label when it has one on the drawing."""
    if loop:
        (x, y0), (_, y1) = points
        bulge = 46
        d = f"M{x:.0f},{y0:.0f} C{x + bulge:.0f},{y0:.0f} {x + bulge:.0f},{y1:.0f} {x:.0f},{y1:.0f}"
        middle = (x + bulge * 0.75 + 4, (y0 + y1) / 2 + 4)
    else:
        d = f"M{points[0][0]:.0f},{points[0][1]:.0f}"
        for (x0, y0), (x1, y1) in itertools.pairwise(points):
            if abs(x1 - x0) == NODE_W and y0 == y1:  # across a skipped column
                d += f" L{x1:.0f},{y1:.0f}"
            else:
                mx = (x0 + x1) / 2
                d += f" C{mx:.0f},{y0:.0f} {mx:.0f},{y1:.0f} {x1:.0f},{y1:.0f}"
        (ax, ay), (bx, by) = points[-2], points[-1]  # the last curve: between two columns
        middle = ((ax + bx) / 2, (ay + by) / 2 - 4)
    title = f"<title>{attribute(cm.sentence(g, edge))}</title>"
    path = (
        f'<path class="hb-edge hb-edge--{_css(edge.relation)}" d="{d}" '
        f'marker-end="url(#{ident}-arrow)">{title}</path>'
    )
    if not labelled:
        return path, ""
    words = edge.relation + (f" ({edge.note})" if edge.relation == cm.HANDS_OFF else "")
    anchor = "start" if loop else "middle"
    return path, (
        f'<text class="hb-map__label" x="{middle[0]:.0f}" y="{middle[1]:.0f}" '
        f'text-anchor="{anchor}">{attribute(words)}</text>'
    )


def _node(node: Node, x: float, y: float, page: str, current: bool = False) -> str:
    name = markup.plain(node.name) + (" (handoff)" if node.handoff else "")
    lines = _wrap(name)
    side = f"hb-{node.side}" if node.side else "hb-neutral"
    extra = " hb-map__current" if current else ""
    extra += " hb-map__handoff" if node.handoff else ""
    rect = (
        f'<rect class="hb-node {side}{extra}" x="{x:.0f}" y="{y:.0f}" '
        f'width="{NODE_W}" height="{NODE_H}" rx="6"/>'
    )
    first = y + NODE_H / 2 + 4.5 - (len(lines) - 1) * 7.5
    spans = "".join(
        f'<tspan x="{x + NODE_W / 2:.0f}" y="{first + i * 15:.0f}">{attribute(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    text = f'<text class="hb-map__name" text-anchor="middle">{spans}</text>'
    if current:
        return f'<g class="hb-map__node">{rect}{text}</g>'
    href = attribute(cm.url(page, node))
    return f'<a class="hb-map__node" href="{href}">{rect}{text}</a>'


def _wrap(name: str) -> list[str]:
    """At most two lines of about CHARS_PER_LINE characters; a longer name is shortened with an
    ellipsis (its link and the text equivalent keep it whole)."""
    lines: list[str] = []
    for word in name.split():
        if lines and len(lines[-1]) + 1 + len(word) <= CHARS_PER_LINE:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > 2:
        lines = [lines[0], lines[1] + "…"]
    return [
        line if len(line) <= CHARS_PER_LINE + 2 else line[:CHARS_PER_LINE] + "…" for line in lines
    ]
