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


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One mistake in the input, reported as ``path:line:column: message``."""

    origin: Origin
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"


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
    """Name the input an unexpected exception happened on (``while reading x.yaml``).

    Mistakes in the input (SourceError) and refusals to write (OwnershipError) pass unchanged, as
    does an InternalError raised further in, which already names a more precise place.
    """
    try:
        yield
    except _EXPECTED:
        raise
    except Exception as exc:
        raise InternalError(where, exc) from exc
