"""Text from YAML is data: escape it so Markdown shows it literally and no HTML gets through."""

from __future__ import annotations

import html
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
_TABLE = str.maketrans(_MARKDOWN)
# At the start of a block these would open a list, a quote or a heading.
_BLOCK_START = re.compile(r"^(\d+)([.)])|^([-+])(?=\s|$)")


def text(value: str) -> str:
    """Escape inline text so every character appears as written."""
    return value.translate(_TABLE)


def block_start(markdown: str) -> str:
    """Keep an escaped line from opening a list when it starts a paragraph or list item."""
    return _BLOCK_START.sub(_escape_marker, markdown)


def _escape_marker(match: re.Match[str]) -> str:
    if match.group(1):
        return f"{match.group(1)}\\{match.group(2)}"
    return f"\\{match.group(3)}"


def attribute(value: str) -> str:
    """Escape text for an HTML attribute value in double quotes."""
    return html.escape(value, quote=True)
