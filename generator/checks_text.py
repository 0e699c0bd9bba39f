"""Checks on the characters of a text: line breaks in one-line fields, words that mix scripts,
web addresses that carry a user name.

Text from YAML is data. A line break in a name would end a table row or a heading on the page,
so one-line fields refuse it (escape.py also turns any that gets through into a space). A word
mixing Latin with Cyrillic or Greek letters looks like another word but is not one, which
misleads readers and the glossary alike. ``https://bank@evil.example/`` reads as the bank's
address but leads to evil.example.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from .errors import Problem
from .load import Located, LocatedList, find_in_value

PROSE = frozenset(
    {"summary", "text", "explanation", "definition", "composition", "sales", "marketing"}
)
"""Fields that hold paragraphs (a blank line starts a new one); every other text is one line.
Their line breaks are folded into spaces when rendered."""
_BREAKS = {
    "\n": "a line break",
    "\r": "a carriage return (\\r)",
    "\u2028": "the line separator U+2028",
    "\u2029": "the paragraph separator U+2029",
}
_BREAK = re.compile("[\n\r\u2028\u2029]")
_WORD = re.compile(r"\w+")
LOOK_ALIKE = frozenset({"LATIN", "CYRILLIC", "GREEK"})
"""Scripts whose letters look alike ('а' and 'a'): a word may not mix them with another."""
_AUTHORITY = re.compile(r"^[a-z]+://(?P<authority>[^/?#]*)", re.IGNORECASE)


def check_text(
    label: str, value: str, container: Located | LocatedList, key: str | int, names: tuple[str, ...]
) -> Iterator[Problem]:
    """Problems with the characters of one text at ``container[key]``; ``names`` is the path of
    field names leading to it (('views', 'position') for a view's position)."""
    field = "".join(f"{name}: " for name in names)
    if names and names[-1] not in PROSE:
        found = _BREAK.search(value.rstrip("\n"))  # YAML's '>' and '|' end the text with one
        if found:
            yield Problem(
                find_in_value(container, key),
                f"{label}{field}contains {_BREAKS[found[0]]}, but this field is one line of "
                "text; join the lines (a line break here would change the page's layout)",
            )
    if not value.isascii():
        for word in _WORD.findall(value):
            mixed = mixed_scripts(word)
            if mixed:
                yield Problem(find_in_value(container, key, word), f"{label}{field}{mixed}")


def script(char: str) -> str:
    """The script of a letter, as the first word of its Unicode name (LATIN, CYRILLIC ...)."""
    return unicodedata.name(char, "UNKNOWN").split(" ", 1)[0]


def mixed_scripts(word: str) -> str | None:
    """Why ``word`` mixes look-alike scripts, or None."""
    if word.isascii():
        return None
    scripts: dict[str, str] = {}
    for char in word:
        if char.isalpha():
            scripts.setdefault(script(char), char)
    if len(scripts) < 2 or not LOOK_ALIKE & set(scripts):
        return None
    (first, _), *rest = scripts.items()
    odd = [(name, char) for name, char in rest]
    letters = ", ".join(f"'{char}' is {unicodedata.name(char, name)}" for name, char in odd)
    return (
        f"the word '{word}' mixes {first.title()} letters with "
        f"{' and '.join(name.title() for name, _ in odd)} ones ({letters}), which can look "
        "identical; retype the word in one script"
    )


def web_address(target: str) -> str | None:
    """Why an http(s) link target is refused, or None."""
    match = _AUTHORITY.match(target)
    if match and "@" in match["authority"]:
        user, _, host = match["authority"].rpartition("@")
        return (
            f"the address names a user ('{user}@') before its host, so it leads to "
            f"'{host}' whatever the text before '@' says; remove the '{user}@' part"
        )
    return None
