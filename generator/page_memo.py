"""Under a preview: the Markdown of pages whose inputs are unchanged (see incremental.py).

A page is rendered from its template, its context (frozen values compared by equality), the
parts of the model its template names (``m.roles``) and what it looks up in the index of the
model while it is rendered (``ix.get``, ``ix.referrers``, a claim's entry: each lookup and its
answer are recorded by :class:`TracedIndex`, and the page is reused only when every lookup
gives an equal answer today). Terms, sources and debates, read by nearly every page (links,
tooltips, badges), are compared for all pages at once.
"""

from __future__ import annotations

import dataclasses
import os
import types
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta

__all__ = ["PageMemo", "TracedIndex"]

_Lookup = tuple[str, str, str, str]
"""``("get", kind, id, "")``, ``("referrers", kind, id, of_kind)`` or ``("claim", anchor,
"", "")``."""


class TracedIndex:
    """``link.Index`` for one page's rendering, recording each lookup beyond the shared parts
    (terms, sources, disputes and what is made of them) with its answer. Any other attribute
    read makes the page unknown: never reused."""

    def __init__(self, index: Any) -> None:
        self._index = index
        self.lookups: dict[_Lookup, object] = {}
        self.opaque = False
        # The shared parts, read directly (the matcher is used for every paragraph).
        self.terms = index.terms
        self.sources = index.sources
        self.disputes = index.disputes
        self.matcher = index.matcher
        self.tooltips = index.tooltips
        self.popover_attributes = index.popover_attributes
        self.claims = _Claims(self)

    def get(self, kind: str, ident: str) -> Any:
        found = self._index.get(kind, ident)
        self.lookups[("get", kind, ident, "")] = found
        return found

    def referrers(self, entity: Any, kind: str) -> list[Any]:
        found = self._index.referrers(entity, kind)
        self.lookups[("referrers", entity.kind, entity.id, kind)] = tuple(found)
        return found  # type: ignore[no-any-return]

    def __getattr__(self, name: str) -> Any:
        self.opaque = True
        return getattr(self._index, name)


class _Claims:
    """``index.claims[anchor]``, recorded."""

    def __init__(self, traced: TracedIndex) -> None:
        self._traced = traced

    def __getitem__(self, anchor: str) -> Any:
        found = self._traced._index.claims[anchor]
        self._traced.lookups[("claim", anchor, "", "")] = found
        return found

    def __getattr__(self, name: str) -> Any:
        self._traced.opaque = True
        return getattr(self._traced._index.claims, name)


def _same_lookups(index: Any, lookups: dict[_Lookup, object]) -> bool:
    """Whether each recorded lookup gives an equal answer in today's index."""

    try:
        for (what, a, b, c), answer in lookups.items():
            if what == "get":
                now: object = index.get(a, b)
            elif what == "referrers":
                now = tuple(index.referrers(_Ref(a, b), c))
            else:
                now = index.claims[a]
            if now != answer:
                return False
    except KeyError:  # the entry is gone
        return False
    return True


@dataclasses.dataclass(frozen=True, slots=True)
class _Ref:
    """Stands for an entry in ``Index.referrers``, which reads its kind and id only."""

    kind: str
    id: str


@dataclasses.dataclass(frozen=True, slots=True)
class _Rendered:
    context: dict[str, object]
    origin: object
    title: str
    kind: str
    page: object
    mentions: tuple[str, ...]
    lookups: dict[_Lookup, object]


class PageMemo:
    """The Markdown of pages whose inputs are known and unchanged.

    A page is rendered by ``render.Renderer._render`` from its template, its context (its
    entry, the entries it lists, pre-drawn maps: frozen values compared by equality), the
    lookups it made in the index (``TracedIndex``) and the page's ``PageText``, which reads the
    glossary terms, the sources and the debates (links, tooltips, badges, footnotes). A
    template may also read parts of the model by name (``m.roles``); one that reaches further
    (any other use of ``m``, an attribute of ``ix`` other than the shared parts, ``get`` and
    ``referrers``, an include) is never reused: this is read from the template's source. So a
    page is reused when its context, the parts of the model it names and its lookups equal last
    time's, its entry's place in the YAML (the edit link) is the same, and the terms, sources,
    debates and templates are all unchanged (else nothing is reused).
    """

    def __init__(self) -> None:
        self._entries: dict[str, _Rendered] = {}
        self._shared: object = None
        self._closed: dict[str, frozenset[str] | None] = {}
        """Template kind -> the model's parts it reads, or None: never reused."""
        self._model: Any = None
        self._index: Any = None
        self._graph: tuple[object, object, object] | None = None
        """The concept map last drawn from: (the graph, its nodes, its edges)."""
        self._drawings: dict[tuple[str, tuple[object, ...]], str] = {}
        self.reused = 0
        self.rendered = 0

    def begin(self, model: Any, env: jinja2.Environment, index: Any) -> None:
        """Start a regeneration: forget everything when what every page reads has changed."""
        shared = (
            model.terms,
            model.sources,
            model.debates,
            tuple(e.origin for e in (*model.terms, *model.sources, *model.debates)),
            _templates_state(env),
        )
        self._model = model
        self._index = index
        if shared != self._shared:
            self._entries.clear()
            self._closed.clear()
        self._shared = shared
        self.reused = self.rendered = 0

    @property
    def cold(self) -> bool:
        """Whether no regeneration has begun yet."""
        return self._model is None

    def drawing(self, draw: Any, graph: Any, *args: object) -> str:
        """``draw(graph, *args)`` (a map_svg function: a pure function of the graph's nodes
        and edges and its arguments), drawn again only when the graph's nodes or edges
        differ from the last regeneration's."""
        if self._graph is None or graph is not self._graph[0]:
            same = self._graph is not None and (graph.nodes, graph.edges) == self._graph[1:]
            if not same:
                self._drawings = {}
            self._graph = (graph, graph.nodes, graph.edges)
        key = (draw.__name__, args)
        found = self._drawings.get(key)
        if found is None:
            found = self._drawings[key] = draw(graph, *args)
        return found

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
            or not _same_lookups(self._index, found.lookups)
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
        traced: TracedIndex,
    ) -> None:
        if traced.opaque:  # it read the index beyond what is recorded
            self._entries.pop(path, None)
            return
        inputs = self._inputs(kind, context)
        lookups = dict(traced.lookups)
        self._entries[path] = _Rendered(inputs, origin, title, kind, page, mentions, lookups)


_INDEX_READS = frozenset({"sources", "terms", "disputes", "get", "referrers"})
"""What a template may read of ``ix`` and still be reused: the shared parts (compared for every
page: see PageMemo.begin) and the lookups ``TracedIndex`` records."""


def _model_reads(tree: Any) -> frozenset[str] | None:
    """The parts of the model a template reads (``m.roles``), or None when it reaches further:
    ``m`` or ``ix`` used other than for one of their attributes, or ``ix`` for any but the
    shared parts and the recorded lookups."""
    from jinja2 import nodes

    names = [n for n in tree.find_all(nodes.Name) if n.name in ("m", "ix")]
    reads: set[str] = set()
    attributes = 0
    for node in tree.find_all(nodes.Getattr):
        if isinstance(node.node, nodes.Name) and node.node.name in ("m", "ix"):
            attributes += 1
            if node.node.name == "ix" and node.attr not in _INDEX_READS:
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
