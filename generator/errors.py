"""Where a problem is, and what the contributor should do about it."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True, slots=True, order=True)
class Origin:
    """A place in a source file: path relative to the project root, 1-based line and column."""

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


# A problem is one line: a line break or control character quoted from the input is shown escaped.
_ONE_LINE = {c: f"\\x{c:02x}" for c in (*range(0x20), 0x7F)} | {
    0x0A: "\\n",
    0x0D: "\\r",
    0x09: "\\t",
    0x85: "\\x85",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One mistake in the input, reported as ``path:line:column: message``."""

    origin: Origin
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.message.translate(_ONE_LINE)}"


class SourceError(Exception):
    """The input has problems; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = tuple(sorted(set(problems)))

    def __str__(self) -> str:
        lines = [str(problem) for problem in self.problems]
        count = len(self.problems)
        lines.append(f"{count} {'problem' if count == 1 else 'problems'} in source_data/")
        return "\n".join(lines)


class OwnershipError(Exception):
    """docs/ cannot be written as asked: a path the generator does not own, or a file in the way."""


class WriteError(OwnershipError):
    """The file system refused a write (disk full, permissions); docs/ is left consistent."""


class InternalError(Exception):
    """A bug in the generator, not a mistake in the YAML: says what it was working on."""

    def __init__(self, where: str, cause: BaseException) -> None:
        super().__init__(f"{where}: {type(cause).__name__}: {cause}")
        self.where = where
        self.cause = cause


_EXPECTED = (SourceError, OwnershipError, InternalError)


@contextlib.contextmanager
def working_on(where: str) -> Iterator[None]:
    """Name the input an unexpected exception happened on: ``working_on("reading x.yaml")``
    turns a KeyError inside into InternalError("while reading x.yaml", KeyError(...)).

    Mistakes in the input (SourceError) and refusals to write (OwnershipError) pass unchanged, as
    does an InternalError raised further in, which already names a more precise place.
    """
    try:
        yield
    except _EXPECTED:
        raise
    except Exception as exc:
        raise InternalError(f"while {where}", exc) from exc
