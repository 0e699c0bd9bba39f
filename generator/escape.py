"""Text from YAML is data: escape it so Markdown shows it literally and no HTML gets through.

:func:`text` makes every character of a value appear as written, wherever the value lands in a
line (a paragraph, a heading, a list item, a table cell, a link label); :func:`block_start` also
keeps a value that starts a block from opening a list, a rule, an admonition or a tab;
:func:`attribute` makes a value safe inside an HTML attribute written into the Markdown.
"""

from __future__ import annotations

import re

# Every character Python-Markdown or an enabled extension could read as syntax.
_MARKDOWN = {
    "\\": "\\\\",
    "`": "\\`",
    "*": "\\*",
    "_": "\\_",
    "[": "\\[",
    "]": "\\]",
    "(": "\\(",
    ")": "\\)",
    "#": "\\#",
    "!": "\\!",
    "<": "&lt;",
    ">": "&gt;",
    "&": "&amp;",
    "|": "&#124;",
    "{": "&#123;",
    "}": "&#125;",
    "~": "&#126;",
    "^": "&#94;",
    "\u00a0": " ",
}
# Control characters have no place on a page; STX and ETX would even be read as Markdown's own
# placeholders for stashed HTML. Validation refuses them; this is the second line of defence.
_CONTROL = {c: "\ufffd" for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F)}
# A line break would end a table row, a heading or a list item: one-line fields refuse them
# (checks_text.py) and paragraphs are folded first; this is the second line of defence.
_BREAKS = {c: " " for c in ("\n", "\r", "\x85", "\u2028", "\u2029")}
_TABLE = str.maketrans({**_MARKDOWN, **{chr(c): r for c, r in _CONTROL.items()}, **_BREAKS})

# At the start of a block these would open a list, a rule, a heading, an admonition (``!!!``),
# a collapsible block (``???``) or a content tab (``===``).
# After spaces too: a list item whose text starts with " - " would hold a nested list.
_BLOCK_START = re.compile(r"^([ \t]*)(?:(\d+)([.)])|([-+])|([=?]))")
_BLOCK_ENTITIES = {"=": "&#61;", "?": "&#63;"}

_ATTRIBUTE = str.maketrans(
    {
        **{chr(c): r for c, r in _CONTROL.items()},
        "&": "&amp;",
        '"': "&quot;",
        "'": "&#x27;",
        "<": "&lt;",
        ">": "&gt;",
        # Markdown reads these even inside a raw HTML tag: backslash escapes and code spans run
        # before raw HTML is set aside, brackets end a link label around the tag, and a bar
        # splits a table row. As numeric references the browser still shows the character.
        **{c: f"&#{ord(c)};" for c in "\\`*_[]|"},
        "\n": " ",
        "\r": " ",
        "\t": " ",
    }
)


def text(value: str) -> str:
    """Escape inline text so every character appears as written."""
    return value.translate(_TABLE)


def block_start(markdown: str) -> str:
    """Keep an escaped line from opening a block when it starts a paragraph or list item."""
    return _BLOCK_START.sub(_escape_marker, markdown, count=1)


def _escape_marker(match: re.Match[str]) -> str:
    space = match.group(1)
    if match.group(2):
        return f"{space}{match.group(2)}\\{match.group(3)}"
    if match.group(4):
        return f"{space}\\{match.group(4)}"
    return space + _BLOCK_ENTITIES[match.group(5)]


def attribute(value: str) -> str:
    """Escape text for an HTML attribute value in double quotes (or an SVG text node)."""
    return value.translate(_ATTRIBUTE)
