"""Under a preview: regenerate after a save without redoing what the save did not change.

A save under ``make serve`` changes one YAML file, usually one entry of it, yet a regeneration
loads, checks and renders the whole model (about 3 s of CPU at ten times the model). Each
long-running preview (the MkDocs hook under ``serve``, ``python -m generator serve``) calls
:func:`enable` once; every later :func:`generator.build` then reuses:

* the parse of every YAML file whose bytes are unchanged (``serve_cache.LoadCache``);
* the schema and text checks of such a file (:class:`CheckMemo`): they depend on its parse alone;
* the Markdown of every page whose inputs did not change (:class:`PageMemo`);
* the JSON of every unchanged entry in the export (``export_memo.ExportMemo``).

Nothing here decides what a page says: a reused result is one computed earlier from inputs equal
to today's, so the pages written are byte for byte those of a full run
(``tests/test_serve_incremental.py`` compares them after sequences of edits). A one-off run
(``python -m generator``, ``mkdocs build``) never calls :func:`enable` and computes everything.
"""

from __future__ import annotations

import dataclasses
import os
import types
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta

from .export_memo import ExportMemo

__all__ = ["CheckMemo", "PageMemo", "disable", "enable", "export_files", "pages"]

_pages: PageMemo | None = None
_exports: ExportMemo | None = None
_replaced: dict[tuple[Any, str], Any] = {}
"""The functions :func:`enable` replaced (module, name -> original), for :func:`disable`."""


def enable() -> None:
    """Turn the reuse on for the rest of this process (idempotent)."""
    global _pages, _exports
    from . import crossfile, validate
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
        return True


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


@dataclasses.dataclass(frozen=True, slots=True)
class _Rendered:
    context: dict[str, object]
    origin: object
    title: str
    kind: str
    page: object
    mentions: tuple[str, ...]


class PageMemo:
    """The Markdown of pages whose inputs are known and unchanged.

    A page is rendered by ``render.Renderer._render`` from its template, its context (its
    entry, the entries it lists, pre-drawn maps: frozen values compared by equality) and the
    page's ``PageText``, which reads the glossary terms, the sources and the debates (links,
    tooltips, badges, footnotes). A template may also read parts of the model by name
    (``m.roles``) and the index's terms, sources and disputes; one that reaches further (any
    other use of ``m`` or ``ix``, an include) is never reused: this is read from the
    template's source. So a page is reused when its context and the parts of the model it
    names equal last time's, its entry's place in the YAML (the edit link) is the same, and the
    terms, sources, debates and templates are all unchanged (else nothing is reused).
    """

    def __init__(self) -> None:
        self._entries: dict[str, _Rendered] = {}
        self._shared: object = None
        self._closed: dict[str, frozenset[str] | None] = {}
        """Template kind -> the model's parts it reads, or None: never reused."""
        self._model: Any = None
        self.reused = 0
        self.rendered = 0

    def begin(self, model: Any, env: jinja2.Environment) -> None:
        """Start a regeneration: forget everything when what every page reads has changed."""
        shared = (
            model.terms,
            model.sources,
            model.debates,
            tuple(e.origin for e in (*model.terms, *model.sources, *model.debates)),
            _templates_state(env),
        )
        self._model = model
        if shared != self._shared:
            self._entries.clear()
            self._closed.clear()
        self._shared = shared
        self.reused = self.rendered = 0

    def closed(self, env: jinja2.Environment, kind: str, context: dict[str, object]) -> bool:
        """Whether a page of this kind and context can be reused at all."""
        if kind not in self._closed:
            try:
                source = env.loader.get_source(env, f"{kind}.md.j2")[0] if env.loader else None
            except jinja2.TemplateNotFound:
                source = None
            reads = None
            if source is not None:
                tree = env.parse(source)
                if not list(meta.find_referenced_templates(tree)):
                    reads = _model_reads(tree)
            self._closed[kind] = reads
        return self._closed[kind] is not None and all(_frozen(v) for v in context.values())

    def _inputs(self, kind: str, context: dict[str, object]) -> dict[str, object]:
        """The context, and each part of the model the template reads (``m.roles``)."""
        reads = self._closed.get(kind) or ()
        return {**context, **{f"m.{name}": getattr(self._model, name) for name in reads}}

    def get(
        self, path: str, kind: str, title: str, origin: object, context: dict[str, object]
    ) -> tuple[Any, tuple[str, ...]] | None:
        """``(page, mentioned term ids)`` rendered earlier from equal inputs, or None."""
        found = self._entries.get(path)
        if (
            found is None
            or found.kind != kind
            or found.title != title
            or found.origin != origin
            or found.context != self._inputs(kind, context)
        ):
            self.rendered += 1
            return None
        self.reused += 1
        return found.page, found.mentions

    def put(
        self,
        path: str,
        kind: str,
        title: str,
        origin: object,
        context: dict[str, object],
        page: object,
        mentions: tuple[str, ...],
    ) -> None:
        inputs = self._inputs(kind, context)
        self._entries[path] = _Rendered(inputs, origin, title, kind, page, mentions)


_SHARED_INDEX = frozenset({"sources", "terms", "disputes"})
"""What a template may read of ``ix`` and still be reused: made from the shared inputs alone."""


def _model_reads(tree: Any) -> frozenset[str] | None:
    """The parts of the model a template reads (``m.roles``), or None when it reaches further:
    ``m`` or ``ix`` used other than for one of their attributes, or ``ix`` for any but the
    terms, sources and debates' disputes (compared for every page: see PageMemo.begin)."""
    from jinja2 import nodes

    names = [n for n in tree.find_all(nodes.Name) if n.name in ("m", "ix")]
    reads: set[str] = set()
    attributes = 0
    for node in tree.find_all(nodes.Getattr):
        if isinstance(node.node, nodes.Name) and node.node.name in ("m", "ix"):
            attributes += 1
            if node.node.name == "ix" and node.attr not in _SHARED_INDEX:
                return None
            if node.node.name == "m":
                reads.add(node.attr)
    if attributes != len(names) or any(name.ctx != "load" for name in names):
        return None
    return frozenset(reads)


def _frozen(value: object) -> bool:
    """Compared by value and never changed: text, numbers, frozen dataclasses (the model's
    entries) and lists, tuples and dicts of them. Anything else (a function) is not reused."""
    if value is None or isinstance(value, str | int | float | bool):
        return True
    if isinstance(value, types.FunctionType | types.BuiltinFunctionType):
        return True  # equal only to itself: a function made for this regeneration never is
    if isinstance(value, list | tuple):
        return all(_frozen(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _frozen(v) for k, v in value.items())
    params = getattr(type(value), "__dataclass_params__", None)
    return dataclasses.is_dataclass(value) and bool(params and params.frozen)


def _templates_state(env: jinja2.Environment) -> tuple[tuple[str, int, int], ...]:
    """Size and time of every template file: an edited template renders every page again."""
    state = []
    for name in sorted(env.list_templates()):
        source = env.loader.get_source(env, name)[1] if env.loader else None
        if source:
            try:
                st = os.stat(source)
            except OSError:
                continue
            state.append((Path(source).name, st.st_size, st.st_mtime_ns))
    return tuple(state)
