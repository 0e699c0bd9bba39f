"""The small inline markup that YAML text may use: emphasis, strong, and links."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

_TOKEN = re.compile(
    r"\[(?P<label>[^\[\]\n]+)\]\((?P<target>[^()\s]*)\)"
    r"|\*\*(?P<strong>[^*\s](?:[^*\n]*?[^*\s])?)\*\*"
    r"|(?<![\w*\\])\*(?P<em>[^*\s](?:[^*\n]*?[^*\s])?)\*(?![\w*])"
)
_ENTITY_TARGET = re.compile(r"^(?P<kind>[a-z]+):(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)$")
# http(s) only, with a host; no character that Markdown, HTML or a table row would read as syntax.
_WEB_TARGET = re.compile(r"https?://[^\W_][^\s\x00-\x1f\x7f<>\"'`|\\^{}\[\]()]*", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Span:
    """A run of text: ``text``, ``em``, ``strong`` or ``link`` (with its target)."""

    kind: str
    text: str
    target: str = ""


def parse(text: str) -> list[Span]:
    """Split one paragraph into spans; anything that is not allowed markup stays text."""
    spans: list[Span] = []
    pos = 0
    for match in _TOKEN.finditer(text):
        if match.start() > pos:
            spans.append(Span("text", text[pos : match.start()]))
        if match.group("label") is not None:
            spans.append(Span("link", match.group("label"), match.group("target")))
        elif match.group("strong") is not None:
            spans.append(Span("strong", match.group("strong")))
        else:
            spans.append(Span("em", match.group("em")))
        pos = match.end()
    if pos < len(text):
        spans.append(Span("text", text[pos:]))
    return spans


def entity_target(target: str) -> tuple[str, str] | None:
    """``(kind, id)`` for a ``kind:id`` link target of a known kind, else None.

    ``javascript:alert`` has the shape of ``kind:id`` but names no kind of entry: None.
    """
    match = _ENTITY_TARGET.fullmatch(target)
    if match is None or match.group("kind") not in _kinds():
        return None
    return match.group("kind"), match.group("id")


@cache
def _kinds() -> frozenset[str]:
    from .model import Entity

    return frozenset(cls.kind for cls in Entity.__subclasses__() if cls.kind)


def is_web_target(target: str) -> bool:
    """True for an http(s) address, the only outside links allowed."""
    return bool(_WEB_TARGET.fullmatch(target))


def paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs, each folded onto one line."""
    parts = re.split(r"\n[ \t]*\n", text.strip())
    return [folded for part in parts if (folded := fold(part))]


def fold(text: str) -> str:
    """All whitespace runs (newlines included) become one space."""
    return _SPACE.sub(" ", text).strip()


def plain(text: str) -> str:
    """The text a reader sees, without markup: for tooltips and descriptions."""
    return "".join(span.text for span in parse(fold(text)))
