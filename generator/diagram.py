"""Draw the funnel and the sales process as inline SVG: no script, no network, any scheme.

Each diagram is drawn twice, wide for a desktop column and narrow (the process runs top to
bottom) for a phone; the stylesheet shows one of the two, so labels keep their size on any
screen instead of shrinking with the drawing or making the page scroll sideways.
"""

from __future__ import annotations

from .escape import attribute
from .model import Stage

_W = 640
_NARROW = 320
_HANDOFF = "(handoff to sales)"


def funnel(stages: list[Stage], label: str) -> str:
    """A funnel of trapezoids, widest at the top; the handoff stage is marked."""
    wide = _funnel(stages, _W, row=56, first=30, step=50, one_line=True)
    narrow = _funnel(stages, _NARROW, row=52, first=4, step=16, one_line=False)
    return _figure("funnel", label, stages, (wide, narrow))


def _funnel(
    stages: list[Stage], width: int, *, row: int, first: int, step: int, one_line: bool
) -> tuple[int, int, list[str]]:
    gap = 6
    parts = []
    for i, stage in enumerate(stages):
        top, bottom = first + i * step, first + (i + 1) * step
        y0, y1 = 5 + i * (row + gap), 5 + i * (row + gap) + row
        points = f"{top},{y0} {width - top},{y0} {width - bottom},{y1} {bottom},{y1}"
        parts.append(f'<polygon class="hb-{stage.owner}" points="{points}"/>')
        middle = (y0 + y1) // 2 + 5
        if not stage.handoff:
            lines = [attribute(stage.name)]
        elif one_line:
            lines = [attribute(f"{stage.name} {_HANDOFF}")]
        else:  # two lines, so the label fits inside the narrow bottom of the funnel
            lines = [attribute(stage.name), _HANDOFF]
            middle -= 9
        for n, line in enumerate(lines):
            y = middle + n * 18
            parts.append(f'<text x="{width // 2}" y="{y}" text-anchor="middle">{line}</text>')
    return width, len(stages) * (row + gap) + 10, parts


def process(stages: list[Stage], label: str) -> str:
    """The sales process as numbered steps: rows of three wide, one column narrow."""
    wide = _process(stages, _W, per_row=3, box_w=190)
    narrow = _process(stages, _NARROW, per_row=1, box_w=_NARROW - 10)
    return _figure("process", label, stages, (wide, narrow))


def _process(
    stages: list[Stage], width: int, *, per_row: int, box_w: int
) -> tuple[int, int, list[str]]:
    box_h, gap_x, gap_y = 54, 25, 30 if per_row > 1 else 24
    rows = (len(stages) + per_row - 1) // per_row
    parts = []
    for i, stage in enumerate(stages):
        r, c = divmod(i, per_row)
        x, y = 5 + c * (box_w + gap_x), 5 + r * (box_h + gap_y)
        size = f'width="{box_w}" height="{box_h}"'
        parts.append(f'<rect class="hb-{stage.owner}" x="{x}" y="{y}" {size} rx="8"/>')
        text = attribute(f"{i + 1}. {stage.name}")
        middle = f'x="{x + box_w // 2}" y="{y + box_h // 2 + 5}" text-anchor="middle"'
        parts.append(f"<text {middle}>{text}</text>")
        if i == len(stages) - 1:
            continue
        if per_row == 1:  # an arrow down to the next step
            ax = x + box_w // 2
            parts.append(f'<path class="hb-arrow" d="M{ax},{y + box_h + 3} v{gap_y - 8}"/>')
        elif c < per_row - 1:
            ax = x + box_w
            parts.append(f'<path class="hb-arrow" d="M{ax + 3},{y + box_h // 2} h{gap_x - 8}"/>')
    return width, rows * (box_h + gap_y) - gap_y + 10, parts


def _figure(
    name: str, label: str, stages: list[Stage], drawings: tuple[tuple[int, int, list[str]], ...]
) -> str:
    desc = attribute("; ".join(f"{s.name} ({s.owner})" for s in stages))
    svgs = []
    for (width, height, parts), variant in zip(drawings, ("wide", "narrow"), strict=True):
        ident = f"hb-{name}-{variant}"
        svgs.append(
            f'<svg class="hb-diagram__{variant}" role="img" '
            f'aria-labelledby="{ident}-title {ident}-desc" viewBox="0 0 {width} {height}" '
            f'xmlns="http://www.w3.org/2000/svg">'
            f'<title id="{ident}-title">{attribute(label)}</title>'
            f'<desc id="{ident}-desc">{desc}</desc>'
            f"{''.join(parts)}</svg>"
        )
    caption = f"<figcaption>{attribute(label)}</figcaption>"
    return f'<figure class="hb-diagram">{"".join(svgs)}{caption}</figure>'
