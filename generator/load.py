"""Read source_data/*.yaml into plain mappings that remember where each value came from.

Only the plain subset of YAML is accepted: no tags (``!!python/object``, ``!!str``), no anchors
or aliases (``&name``, ``*name``), one document per file, nothing nested deeper than
:data:`MAX_DEPTH` levels, nothing larger than :data:`MAX_FILE_BYTES`. Every such refusal, like
every syntax error, becomes a :class:`~generator.errors.Problem` naming the line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import Origin, Problem

MAX_FILE_BYTES = 64 * 1024 * 1024
"""Larger files are refused: no hand-edited entity file comes near this size.

Read at call time, so tests may patch it (``monkeypatch.setattr(load, "MAX_FILE_BYTES", 10)``).
"""
MAX_DEPTH = 32
"""Deeper nesting is refused; the real files nest five levels deep."""
MAX_PROBLEMS_PER_KIND = 20
"""At most this many problems of one kind per file (e.g. 20 anchors); then a summary line."""

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_YAML_TAG = "tag:yaml.org,2002:"
# Characters YAML itself refuses in a file (it allows tab, line breaks and printable text).
_UNPRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_ANCHOR_MSG = "anchors and aliases (&name, *name) are not supported; write the data out in full"


class Located(dict):  # type: ignore[type-arg]
    """A YAML mapping with the origin of the mapping, of each key and of each value."""

    origin: Origin
    key_origins: dict[str, Origin]
    value_origins: dict[str, Origin]
    value_ends: dict[str, Origin]
    """Where each value ends (for finding a word inside a long text)."""
    source: SourceText


class LocatedList(list):  # type: ignore[type-arg]
    """A YAML sequence with the origin of each item."""

    origin: Origin
    item_origins: list[Origin]
    item_ends: list[Origin]
    source: SourceText


class SourceText:
    """The text of one file, to turn character offsets into line and column."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        self._starts = [0, *(m.end() for m in re.finditer("\n", text))]

    def index(self, origin: Origin) -> int:
        """The character offset of a 1-based line and column."""
        line = min(max(origin.line, 1), len(self._starts))
        return self._starts[line - 1] + origin.column - 1

    def origin(self, index: int) -> Origin:
        """The 1-based line and column of a character offset."""
        lo, hi = 0, len(self._starts) - 1
        while lo < hi:  # the last line start at or before index
            mid = (lo + hi + 1) // 2
            if self._starts[mid] <= index:
                lo = mid
            else:
                hi = mid - 1
        return Origin(self.path, lo + 1, index - self._starts[lo] + 1)

    def find(self, start: Origin, end: Origin, needle: str) -> Origin | None:
        """Where ``needle`` occurs in the source between two origins, if it is written there."""
        if not needle:
            return None
        found = self.text.find(needle, self.index(start), max(self.index(end), self.index(start)))
        return self.origin(found) if found >= 0 else None


def find_in_value(container: Located | LocatedList, key: str | int, *needles: str) -> Origin:
    """The origin of the first of ``needles`` written inside a value, else of the value itself.

    Long texts are block scalars spanning many lines; this points at the line of the word.
    """
    end: Origin | None
    if isinstance(container, Located) and isinstance(key, str):
        start, end = container.value_origins[key], container.value_ends.get(key)
    elif isinstance(container, LocatedList) and isinstance(key, int):
        start, end = container.item_origins[key], container.item_ends[key]
    else:
        raise TypeError(f"no value {key!r} in {type(container).__name__}")
    source: SourceText | None = getattr(container, "source", None)
    if source is None or end is None:
        return start
    for needle in needles:
        found = source.find(start, end, needle)
        if found is not None:
            return found
    return start


def _origin(path: str, mark: Any) -> Origin:
    return Origin(path, mark.line + 1, mark.column + 1)


def _tag_name(tag: str) -> str:
    return tag.replace(_YAML_TAG, "!!")


class _Loader(_Base):  # type: ignore[misc]
    """A safe loader that records origins, refuses aliases and reports duplicate keys."""

    path = ""
    problems: list[Problem]
    source: SourceText

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if node in self.constructed_objects or node in self.recursive_objects:
            # The same node again means an alias (*name); _scan refuses these first.
            raise _Refused(_origin(self.path, node.start_mark), _ANCHOR_MSG)
        return super().construct_object(node, deep=deep)

    def construct_yaml_map(self, node: yaml.MappingNode) -> Any:
        data = Located()
        data.origin = _origin(self.path, node.start_mark)
        data.key_origins = {}
        data.value_origins = {}
        data.value_ends = {}
        data.source = self.source
        yield data
        for key_node, value_node in node.value:
            where = _origin(self.path, key_node.start_mark)
            if not isinstance(key_node, yaml.ScalarNode):
                what = "a list" if isinstance(key_node, yaml.SequenceNode) else "a mapping"
                self.problems.append(
                    Problem(where, f"a key must be a plain name, not {what}; write 'name: value'")
                )
                continue
            key = key_node.value  # as written: '1', 'true' and '~' stay text
            if key in data:
                first = data.key_origins[key]
                self.problems.append(
                    Problem(
                        where,
                        f"duplicate key '{key}' (first at line {first.line}); "
                        "keep one, as YAML would silently drop the other",
                    )
                )
                continue
            data[key] = self.construct_object(value_node, deep=True)
            data.key_origins[key] = where
            data.value_origins[key] = _origin(self.path, value_node.start_mark)
            data.value_ends[key] = _origin(self.path, value_node.end_mark)

    def construct_yaml_seq(self, node: yaml.SequenceNode) -> Any:
        data = LocatedList()
        data.origin = _origin(self.path, node.start_mark)
        data.item_origins = [_origin(self.path, item.start_mark) for item in node.value]
        data.item_ends = [_origin(self.path, item.end_mark) for item in node.value]
        data.source = self.source
        yield data
        data.extend(self.construct_object(item, deep=True) for item in node.value)

    def construct_undefined(self, node: yaml.Node) -> Any:
        raise _Refused(
            _origin(self.path, node.start_mark),
            f"the tag '{_tag_name(node.tag)}' is not allowed; remove it and write a plain value",
        )


_Loader.add_constructor(_YAML_TAG + "map", _Loader.construct_yaml_map)
_Loader.add_constructor(_YAML_TAG + "seq", _Loader.construct_yaml_seq)
# Dates stay text (the model keeps 'YYYY-MM-DD' strings); '<<' and '=' are ordinary keys here.
_Loader.add_constructor(_YAML_TAG + "timestamp", _Loader.construct_yaml_str)
_Loader.add_constructor(_YAML_TAG + "merge", _Loader.construct_yaml_str)
_Loader.add_constructor(_YAML_TAG + "value", _Loader.construct_yaml_str)
_Loader.add_constructor(None, _Loader.construct_undefined)


class _Refused(Exception):
    def __init__(self, origin: Origin, message: str) -> None:
        super().__init__(message)
        self.problem = Problem(origin, message)


@dataclass(frozen=True, slots=True)
class Loaded:
    """One parsed file: its data (None when unreadable) and the problems found while reading."""

    path: str
    data: Any
    problems: tuple[Problem, ...]


def outside(path: Path, root: Path) -> bool:
    """Whether ``path``, once links are followed, lies outside the folder ``root``.

    The generator reads only files inside the repository: a link in source_data/ to a file
    elsewhere would have a build (in CI, of a pull request) read, publish or print that file.
    """
    try:
        return not path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a link loop
        return True


def link_out(what: str) -> str:
    """The message for a link that leads outside the repository; it names only the link."""
    return (
        f"{what} is a link to a place outside the repository; the generator reads only files "
        "inside it (so that no build can read or publish another file): replace the link with "
        "the file itself"
    )


def load_file(file: Path, display: str) -> Loaded:
    """Parse one YAML file; ``display`` is the path shown in messages."""
    top = Origin(display, 1, 1)
    limit = MAX_FILE_BYTES
    try:
        with file.open("rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return Loaded(display, None, (Problem(top, f"cannot read the file: {reason}"),))
    if len(raw) > limit:
        msg = (
            f"the file is larger than {_size(limit)}, the limit for one source file; "
            "split it or remove bulk data"
        )
        return Loaded(display, None, (Problem(top, msg),))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        line = raw[: exc.start].count(b"\n") + 1
        column = len(raw[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        msg = (
            f"byte 0x{raw[exc.start]:02x} is not valid UTF-8; "
            "save the file as UTF-8 (your editor's encoding setting)"
        )
        return Loaded(display, None, (Problem(Origin(display, line, column), msg),))
    source = SourceText(display, text)
    problems = _unprintable(source) or _scan(source)
    if problems:
        return Loaded(display, None, tuple(problems))
    loader = _Loader(text)
    loader.path = display
    loader.problems = []
    loader.source = source
    try:
        data = loader.get_single_data()
    except _Refused as exc:
        return Loaded(display, None, (exc.problem,))
    except yaml.MarkedYAMLError as exc:
        return Loaded(display, None, (_syntax_problem(display, exc, text),))
    except yaml.YAMLError as exc:
        return Loaded(display, None, (Problem(top, f"not valid YAML: {exc}"),))
    finally:
        loader.dispose()
    if data is None:
        msg = "the file is empty; it should hold one top-level key with a list of entries"
        return Loaded(display, None, (*loader.problems, Problem(top, msg)))
    return Loaded(display, data, tuple(loader.problems))


def _size(count: int) -> str:
    if count >= 1024 * 1024 and count % (1024 * 1024) == 0:
        return f"{count // (1024 * 1024)} MiB"
    if count >= 1024 and count % 1024 == 0:
        return f"{count // 1024} KiB"
    return f"{count} bytes"


def _unprintable(source: SourceText) -> list[Problem]:
    """Characters YAML refuses, one problem per line (control characters from a paste, say)."""
    problems: list[Problem] = []
    lines: set[int] = set()
    for match in _UNPRINTABLE.finditer(source.text):
        origin = source.origin(match.start())
        if origin.line in lines:
            continue
        lines.add(origin.line)
        code = f"U+{ord(match.group()):04X}"
        problems.append(
            Problem(
                origin,
                f"the invisible control character {code} is not allowed; delete it "
                "(it often comes with text pasted from another program)",
            )
        )
    return _capped(problems, "control characters")


def _scan(source: SourceText) -> list[Problem]:
    """Read the file's events once to find everything refused: tags, anchors, depth, documents."""
    path = source.path
    problems: list[Problem] = []
    depth = 0
    documents = 0
    try:
        for event in yaml.parse(source.text, Loader=_Base):
            where = _origin(path, event.start_mark)
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents == 2:
                    problems.append(
                        Problem(
                            where,
                            "a second YAML document starts here (a '---' line); a source file "
                            "holds one document: remove the line or move the rest to its file",
                        )
                    )
            elif isinstance(event, yaml.AliasEvent):
                problems.append(Problem(where, _ANCHOR_MSG))
            elif isinstance(event, yaml.NodeEvent):
                if event.anchor is not None:
                    problems.append(Problem(where, _ANCHOR_MSG))
                tag = getattr(event, "tag", None)
                if tag is not None:
                    problems.append(
                        Problem(
                            where,
                            f"the tag '{_tag_name(tag)}' is not allowed; "
                            "remove it and write a plain value",
                        )
                    )
                if isinstance(event, yaml.CollectionStartEvent):
                    depth += 1
                    if depth > MAX_DEPTH:
                        problems.append(
                            Problem(
                                where,
                                f"the data is nested more than {MAX_DEPTH} levels deep here; "
                                "source files need five at most",
                            )
                        )
                        break
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        problems.append(_syntax_problem(path, exc, source.text))
    except yaml.YAMLError as exc:
        problems.append(Problem(Origin(path, 1, 1), f"not valid YAML: {exc}"))
    return _capped(problems, "problems of this kind")


def _capped(problems: list[Problem], what: str) -> list[Problem]:
    if len(problems) <= MAX_PROBLEMS_PER_KIND:
        return problems
    kept = problems[:MAX_PROBLEMS_PER_KIND]
    more = len(problems) - len(kept)
    last = kept[-1].origin
    return [*kept, Problem(last, f"... and {more} more {what} after this line in the file")]


def _syntax_problem(display: str, exc: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = (exc.problem or "syntax error").strip()
    lines = text.splitlines()
    if line > len(lines) and lines:  # the end of the file: point at its last line
        line, column = len(lines), len(lines[-1]) + 1
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    indent = here[: len(here) - len(here.lstrip(" \t"))]
    if "\t" in indent or "'\\t'" in problem:
        tab = here.find("\t") + 1 if "\t" in here else column
        return Problem(
            Origin(display, line, tab),
            "a tab character is used for indentation; YAML needs spaces (use 2 spaces per level)",
        )
    if "found duplicate anchor" in problem or "found undefined alias" in problem:
        return Problem(Origin(display, line, column), _ANCHOR_MSG)
    context = ""
    if exc.context and exc.context_mark and exc.context_mark.line + 1 != line:
        context = f" ({exc.context} that starts at line {exc.context_mark.line + 1})"
    elif exc.context:
        context = f" ({exc.context})"
    return Problem(
        Origin(display, line, column),
        f"YAML syntax error: {problem}{context}; check the indentation and quoting on this line "
        "and the one above (quote text that contains ': ' or starts with a special character)",
    )
