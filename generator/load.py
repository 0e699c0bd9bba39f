"""Read source_data/*.yaml into plain mappings that remember where each value came from."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import Origin, Problem

MAX_FILE_BYTES = 64 * 1024 * 1024
"""Larger files are refused: no hand-edited entity file comes near this size."""

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Located(dict):  # type: ignore[type-arg]
    """A YAML mapping with the origin of the mapping, of each key and of each value."""

    origin: Origin
    key_origins: dict[str, Origin]
    value_origins: dict[str, Origin]


class LocatedList(list):  # type: ignore[type-arg]
    """A YAML sequence with the origin of each item."""

    origin: Origin
    item_origins: list[Origin]


def _origin(path: str, node: yaml.Node) -> Origin:
    mark = node.start_mark
    return Origin(path, mark.line + 1, mark.column + 1)


class _Loader(_Base):  # type: ignore[misc,valid-type]
    """A safe loader that records origins, refuses aliases and reports duplicate keys."""

    path = ""
    problems: list[Problem]

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if node in self.constructed_objects:
            # The same node again means an alias (*name): refused, as aliases can multiply data.
            raise _Refused(
                _origin(self.path, node),
                "anchors and aliases (&name, *name) are not supported; write the data out in full",
            )
        return super().construct_object(node, deep=deep)

    def construct_yaml_map(self, node: yaml.MappingNode) -> Any:
        data = Located()
        data.origin = _origin(self.path, node)
        data.key_origins = {}
        data.value_origins = {}
        yield data
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                key = str(key)
            if key in data:
                first = data.key_origins[key]
                self.problems.append(
                    Problem(
                        _origin(self.path, key_node),
                        f"duplicate key '{key}' (first at line {first.line}); "
                        "keep one, as YAML would silently drop the other",
                    )
                )
                continue
            data[key] = self.construct_object(value_node, deep=True)
            data.key_origins[key] = _origin(self.path, key_node)
            data.value_origins[key] = _origin(self.path, value_node)

    def construct_yaml_seq(self, node: yaml.SequenceNode) -> Any:
        data = LocatedList()
        data.origin = _origin(self.path, node)
        data.item_origins = [_origin(self.path, item) for item in node.value]
        yield data
        data.extend(self.construct_object(item, deep=True) for item in node.value)

    def construct_undefined(self, node: yaml.Node) -> Any:
        raise _Refused(
            _origin(self.path, node),
            f"the tag '{node.tag.replace('tag:yaml.org,2002:', '!!')}' is not allowed; "
            "remove it and write a plain value",
        )


_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_yaml_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _Loader.construct_yaml_seq)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_str)
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


def load_file(file: Path, display: str) -> Loaded:
    """Parse one YAML file; ``display`` is the path shown in messages."""
    top = Origin(display, 1, 1)
    try:
        raw = file.read_bytes()
    except OSError as exc:
        return Loaded(display, None, (Problem(top, f"cannot read the file: {exc.strerror}"),))
    if len(raw) > MAX_FILE_BYTES:
        size = len(raw) // (1024 * 1024)
        limit = MAX_FILE_BYTES // (1024 * 1024)
        msg = f"the file is {size} MiB, over the {limit} MiB limit; split it or remove bulk data"
        return Loaded(display, None, (Problem(top, msg),))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        msg = (
            f"byte 0x{raw[exc.start]:02x} is not valid UTF-8; "
            "save the file as UTF-8 (your editor's encoding setting)"
        )
        return Loaded(display, None, (Problem(Origin(display, line, column), msg),))
    loader = _Loader(text)
    loader.path = display
    loader.problems = []
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


def _syntax_problem(display: str, exc: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or "syntax error"
    lines = text.splitlines()
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in here[:column] or "'\\t'" in problem:
        tab = here.find("\t") + 1 if "\t" in here else column
        return Problem(
            Origin(display, line, tab),
            "a tab character is used for indentation; YAML needs spaces (use 2 spaces per level)",
        )
    if "found duplicate anchor" in problem or "found undefined alias" in problem:
        return Problem(
            Origin(display, line, column),
            "anchors and aliases (&name, *name) are not supported; write the data out in full",
        )
    context = f" {exc.context}" if exc.context else ""
    return Problem(
        Origin(display, line, column),
        f"YAML syntax error: {problem}{context}; check the indentation and quoting on this line "
        "and the one above (quote text that contains ': ' or starts with a special character)",
    )
