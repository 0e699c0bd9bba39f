"""Legibility arithmetic: WCAG 2.x contrast, and what the generated diagrams look like on screen."""

from __future__ import annotations

import re

MIN_CONTRAST = 4.5  # WCAG 2.x AA for normal text
MIN_TEXT_PX = 12  # the smallest label size a diagram may be drawn at

Colour = tuple[float, float, float, float]


def parse_color(text: str, alpha: float = 1.0) -> Colour:
    """``rgb()``/``rgba()`` as computed by the browser, with an extra opacity folded in."""
    match = re.fullmatch(r"rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)", text)
    assert match, f"unexpected colour {text!r}"
    r, g, b, a = match.groups()
    return (float(r), float(g), float(b), (float(a) if a else 1.0) * alpha)


def over(top: Colour, bottom: Colour) -> Colour:
    """``top`` painted over an opaque ``bottom``."""
    a = top[3]
    return (*(top[i] * a + bottom[i] * (1 - a) for i in range(3)), 1.0)


def luminance(colour: Colour) -> float:
    def channel(value: float) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in colour[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: Colour, b: Colour) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# For every text in every diagram: its fill, the page background, the fills of the shapes under
# it (shapes drawn before it whose box holds the text's centre), bottom first, and the size in
# CSS pixels it is drawn at.
_DIAGRAM_TEXTS = """() => {
    const background = element => {
        for (let e = element; e; e = e.parentElement) {
            const colour = getComputedStyle(e).backgroundColor;
            if (colour !== "rgba(0, 0, 0, 0)" && colour !== "transparent") return colour;
        }
        return "rgb(255, 255, 255)";
    };
    const paint = e => {
        const style = getComputedStyle(e);
        return [style.fill, parseFloat(style.fillOpacity), parseFloat(style.opacity)];
    };
    // Only the drawing the screen shows (each diagram is drawn wide and narrow).
    return [...document.querySelectorAll("figure.hb-diagram svg")]
        .filter(svg => svg.getClientRects().length).flatMap(svg => {
        const shapes = [...svg.querySelectorAll("rect, polygon, circle, ellipse, path")];
        return [...svg.querySelectorAll("text")].map(text => {
            const box = text.getBoundingClientRect();
            const x = box.x + box.width / 2, y = box.y + box.height / 2;
            const under = shapes.filter(shape => {
                if (!(shape.compareDocumentPosition(text) & Node.DOCUMENT_POSITION_FOLLOWING))
                    return false;
                const r = shape.getBoundingClientRect();
                return r.left <= x && x <= r.right && r.top <= y && y <= r.bottom;
            });
            const size = parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a;
            return {label: text.textContent, text: paint(text), page: background(svg),
                    under: under.map(paint), size};
        });
    });
}"""


def diagram_texts(page) -> list[tuple[str, float, float, float]]:
    """(label, contrast with the page, contrast with what is under it, size in pixels)."""
    rows = []
    for item in page.evaluate(_DIAGRAM_TEXTS):
        ground = parse_color(item["page"])
        page_ground = ground
        for fill, fill_opacity, opacity in item["under"]:
            if fill != "none":
                ground = over(parse_color(fill, fill_opacity * opacity), ground)
        colour, fill_opacity, opacity = item["text"]
        text = parse_color(colour, fill_opacity * opacity)
        rows.append(
            (
                item["label"],
                contrast(over(text, page_ground), page_ground),
                contrast(over(text, ground), ground),
                item["size"],
            )
        )
    return rows
