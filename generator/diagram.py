"""Draw the funnel and the sales process as inline SVG: no script, no network, any scheme."""

from __future__ import annotations

from .escape import attribute
from .model import Stage

_W = 640


def funnel(stages: list[Stage], label: str) -> str:
    """A funnel of trapezoids, widest at the top; the handoff stage is marked."""
    row, gap = 56, 6
    height = len(stages) * (row + gap) + 10
    parts = []
    for i, stage in enumerate(stages):
        inset_top = 30 + i * 50
        inset_bottom = 30 + (i + 1) * 50
        y0, y1 = 5 + i * (row + gap), 5 + i * (row + gap) + row
        points = (
            f"{inset_top},{y0} {_W - inset_top},{y0} {_W - inset_bottom},{y1} {inset_bottom},{y1}"
        )
        parts.append(f'<polygon class="hb-{stage.owner}" points="{points}"/>')
        text = attribute(stage.name + (" (handoff to sales)" if stage.handoff else ""))
        parts.append(
            f'<text x="{_W // 2}" y="{(y0 + y1) // 2 + 5}" text-anchor="middle">{text}</text>'
        )
    return _svg("funnel", label, height, parts, stages)


def process(stages: list[Stage], label: str) -> str:
    """The sales process as a row of numbered steps, two rows when long."""
    per_row = 3
    box_w, box_h, gap_x, gap_y = 190, 54, 25, 30
    rows = (len(stages) + per_row - 1) // per_row
    height = rows * (box_h + gap_y) + 10
    parts = []
    for i, stage in enumerate(stages):
        r, c = divmod(i, per_row)
        x, y = 5 + c * (box_w + gap_x), 5 + r * (box_h + gap_y)
        size = f'width="{box_w}" height="{box_h}"'
        parts.append(f'<rect class="hb-{stage.owner}" x="{x}" y="{y}" {size} rx="8"/>')
        text = attribute(f"{i + 1}. {stage.name}")
        middle = f'x="{x + box_w // 2}" y="{y + box_h // 2 + 5}" text-anchor="middle"'
        parts.append(f"<text {middle}>{text}</text>")
        if c < per_row - 1 and i < len(stages) - 1:
            ax = x + box_w
            parts.append(f'<path class="hb-arrow" d="M{ax + 3},{y + box_h // 2} h{gap_x - 8}"/>')
    return _svg("process", label, height, parts, stages)


def _svg(name: str, label: str, height: int, parts: list[str], stages: list[Stage]) -> str:
    desc = "; ".join(f"{s.name} ({s.owner})" for s in stages)
    ident = f"hb-{name}"
    return (
        f'<figure class="hb-diagram">'
        f'<svg role="img" aria-labelledby="{ident}-title {ident}-desc" viewBox="0 0 {_W} {height}" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{ident}-title">{attribute(label)}</title>'
        f'<desc id="{ident}-desc">{attribute(desc)}</desc>'
        f"{''.join(parts)}</svg>"
        f"<figcaption>{attribute(label)}</figcaption></figure>"
    )
