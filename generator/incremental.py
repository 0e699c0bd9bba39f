"""Under a preview: regenerate after a save without redoing what the save did not change.

A save under ``make serve`` changes one YAML file, usually one entry of it, yet a regeneration
loads, checks and renders the whole model (about 3 s of CPU at ten times the model). Each
long-running preview (the MkDocs hook under ``serve``, ``python -m generator serve``) calls
:func:`enable` once; every later :func:`generator.build` then reuses:

* the parse of every YAML file whose bytes are unchanged (``serve_cache.LoadCache``);
* the schema and text checks of such a file (:class:`CheckMemo`): they depend on its parse alone;
* the Markdown of every page whose inputs did not change (``page_memo.PageMemo``);
* the JSON of every unchanged entry in the export (``export_memo.ExportMemo``).

Nothing here decides what a page says: a reused result is one computed earlier from inputs equal
to today's, so the pages written are byte for byte those of a full run
(``tests/test_serve_incremental.py`` compares them after sequences of edits). A one-off run
(``python -m generator``, ``mkdocs build``) never calls :func:`enable` and computes everything.
"""

from __future__ import annotations

from typing import Any

from .export_memo import ExportMemo
from .page_memo import PageMemo

__all__ = ["CheckMemo", "PageMemo", "cold", "disable", "enable", "export_files", "pages"]

_pages: PageMemo | None = None
_exports: ExportMemo | None = None
_replaced: dict[tuple[Any, str], Any] = {}
"""The functions :func:`enable` replaced (module, name -> original), for :func:`disable`."""


def enable() -> None:
    """Turn the reuse on for the rest of this process (idempotent)."""
    global _pages, _exports
    from . import crossfile, provenance, validate
    from .serve_cache import LoadCache

    if _pages is not None:
        return
    for module, name in (
        (validate, "load_file"),
        (validate, "_check_file"),
        (validate, "_build"),
        (validate, "_assemble"),
        (crossfile, "check_glossary"),
        (crossfile, "check_ignore"),
        (crossfile, "_check_entry"),
        (provenance, "_check_sections"),
    ):
        _replaced[(module, name)] = getattr(module, name)
    LoadCache().install()
    CheckMemo().install()
    _pages = PageMemo()
    _exports = ExportMemo()


def disable() -> None:
    """Back to computing everything (tests that started a preview's hook in their process)."""
    global _pages, _exports

    for (module, name), original in _replaced.items():
        setattr(module, name, original)
    _replaced.clear()
    _pages = _exports = None


def export_files(model: Any) -> dict[str, str]:
    """``export.files(model)``, with unchanged entries' JSON reused when :func:`enable` was
    called."""
    from . import export

    return _exports.files(model) if _exports is not None else export.files(model)


def cold() -> bool:
    """Whether the reuse is on and nothing was computed yet (the preview's first run)."""
    return _pages is not None and _pages.cold


def pages() -> PageMemo | None:
    """The page memo when :func:`enable` was called, else None (every page is rendered)."""
    return _pages


class CheckMemo:
    """``validate._check_file`` remembered per file and ``validate._build`` per entry: the
    first depends only on the file's parse, the second only on the entry's, and ``LoadCache``
    hands back the same parse objects while a file's bytes are unchanged."""

    def __init__(self) -> None:
        self._last: dict[tuple[str, str], tuple[Any, Any]] = {}
        self._built: dict[int, tuple[Any, Any]] = {}
        self.hits = 0

    def install(self) -> bool:
        from . import validate

        original = getattr(validate, "_check_file", None)
        if original is None or getattr(original, "memo", False):
            return False

        def check_file(kind: Any, display: str, data: Any) -> Any:
            key = (kind.stem, display)
            found = self._last.get(key)
            if found is not None and found[0] is data:
                self.hits += 1
                entries, problems, whole = found[1]
                return list(entries), list(problems), whole
            result = original(kind, display, data)
            entries, problems, whole = result
            self._last[key] = (data, (list(entries), list(problems), whole))
            return result

        check_file.memo = True  # type: ignore[attr-defined]
        setattr(validate, "_check_file", check_file)  # noqa: B010 (replaces the module's own)
        build = validate._build
        built: dict[int, tuple[Any, Any]] = {}

        def build_entry(kind: Any, entry: Any) -> Any:
            found = self._built.get(id(entry))
            if found is not None and found[0] is entry:  # the entry is kept alive: same id
                built[id(entry)] = found
                return found[1]
            entity = build(kind, entry)
            built[id(entry)] = (entry, entity)
            return entity

        def assemble(entries: Any) -> Any:
            built.clear()
            model = original_assemble(entries)
            self._built = dict(built)  # only this model's entries: the others may go
            return model

        original_assemble = validate._assemble
        setattr(validate, "_build", build_entry)  # noqa: B010
        setattr(validate, "_assemble", assemble)  # noqa: B010
        from . import crossfile

        # The glossary's own checks read only the glossary's entries.
        for name in ("check_glossary", "check_ignore"):
            setattr(crossfile, name, _same_entries(getattr(crossfile, name)))
        from . import provenance

        # _check_entry(kind, entry, ids, usable, reported, former)
        refs = EntryChecks(crossfile._check_entry, 1, (2, 3, 4, 5))
        setattr(crossfile, "_check_entry", refs)  # noqa: B010
        # _check_sections(label, entry, outlines)
        sections = EntryChecks(provenance._check_sections, 1, (2,))
        setattr(provenance, "_check_sections", sections)  # noqa: B010
        return True


class EntryChecks:
    """A per-entry check (``crossfile._check_entry``, ``provenance._check_sections``)
    remembered per entry. Its problems depend on the entry (the same parse object while its
    file's bytes are unchanged: ``LoadCache``), on its other arguments (kind, label) and on what
    the entry is checked against, made once per regeneration: for the references, the ids of
    every kind (their order too: a suggestion picks among them), the kinds whose file could be
    read, the origins already reported and the former ids; for the sections, every source's
    outline. While that is equal to the last regeneration's, an entry of an unchanged file
    keeps its problems; when any of it differs, every entry is checked again."""

    def __init__(self, check: Any, entry_at: int, against_at: tuple[int, ...]) -> None:
        self._check = check
        self._entry_at = entry_at
        self._against_at = against_at
        """The positions of what the entry is checked against, compared by equality (the
        first by its keys and their lists: see ``_keys``); the first is a new object in each
        regeneration (a new ``check_model`` call)."""
        self._run: object = None
        self._key: object = None
        self._last: dict[int, tuple[Any, tuple[Any, ...], list[Any]]] = {}
        self._now: dict[int, tuple[Any, tuple[Any, ...], list[Any]]] = {}
        self.hits = 0

    def __call__(self, *args: Any) -> Any:
        run = args[self._against_at[0]]
        if run is not self._run:  # a new regeneration (kept: its id is not reused)
            key = (_keys(run), *(args[i] for i in self._against_at[1:]))
            self._last = self._now if key == self._key else {}
            self._now = {}
            self._run, self._key = run, key
        entry = args[self._entry_at]
        skip = (self._entry_at, *self._against_at)
        rest = tuple(a for i, a in enumerate(args) if i not in skip)  # the kind, the label
        found = self._last.get(id(entry))
        if found is not None and found[0] is entry and found[1] == rest:
            self.hits += 1
            problems = found[2]
        else:
            problems = list(self._check(*args))
        self._now[id(entry)] = (entry, rest, problems)
        return iter(problems)


def _keys(by_name: dict[str, Any]) -> tuple[tuple[str, tuple[Any, ...]], ...]:
    """Ids by kind (only their keys are read: whether an id exists, which is closest) or
    outlines by source (lists of headings), in order."""
    return tuple((name, tuple(value)) for name, value in by_name.items())


def _same_entries(check: Any) -> Any:
    """``check(entries)``, a pure function of one file's entries, remembered for the same
    entry objects (the same parse)."""
    last: list[tuple[tuple[Any, ...], list[Any]]] = []

    def remembered(entries: Any) -> Any:
        items = tuple(entries)
        same = last and len(last[0][0]) == len(items)
        if same and all(a is b for a, b in zip(last[0][0], items, strict=True)):
            return iter(list(last[0][1]))
        problems = list(check(entries))
        last[:] = [(items, problems)]
        return iter(problems)

    return remembered
