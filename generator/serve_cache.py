"""Under ``mkdocs serve``: reuse what the previous rebuild computed for pages that did not change.

MkDocs 1.6 rebuilds the whole site on every save. Most of that time goes into two things that
are the same from one rebuild to the next for nearly every page:

* converting each page's Markdown to HTML, which depends only on the Markdown, the Markdown
  settings and the site's files (links are resolved against them); and
* compiling the theme's Jinja templates, which MkDocs does again in each rebuild's new
  environment.

``RenderCache`` keeps the first per page, keyed on exactly those inputs; ``TemplateCache`` keeps
the second as Jinja bytecode, which Jinja itself checks against the template's source. Every page
is still passed through the theme, so the navigation, search index and previous/next links are
as current as in a full build (unlike ``serve --dirty``). Only the hook uses this module, and only
under ``serve``: ``mkdocs build`` always converts every page.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from typing import Any

import jinja2


@dataclass(frozen=True)
class _Rendered:
    markdown: str
    settings: str
    content: str
    toc: Any
    title: str | None
    anchors: frozenset[str]
    links: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] | None
    """Links to anchors on other pages, by the target's ``src_uri`` (File objects are per build)."""


_PAGE_FIELDS = ("markdown", "content", "toc", "_title_from_render", "present_anchor_ids", "file")
"""What ``Page.render`` sets or reads in MkDocs 1.6, and the cache restores."""


class RenderCache:
    """The Markdown-to-HTML results of the last rebuild, one entry per page."""

    def __init__(self) -> None:
        self._entries: dict[str, _Rendered] = {}
        self._settings = ""
        self.hits = 0
        self.misses = 0

    def start(self, config: Any, files: Any) -> None:
        """Record what every page's HTML depends on besides its own Markdown."""
        sites = sorted((f.src_uri, f.url, f.dest_uri) for f in files)
        # The Markdown settings are re-read from mkdocs.yml on every rebuild; their repr changes
        # when they do (at worst it also changes when they do not, which only costs a miss).
        settings = (
            repr(config["markdown_extensions"]),
            repr(config["mdx_configs"]),
            repr(config["use_directory_urls"]),
            repr(config["validation"]),
            repr(sites),
        )
        self._settings = hashlib.sha256(repr(settings).encode()).hexdigest()
        self.hits = self.misses = 0
        present = {f.src_uri for f in files}
        self._entries = {uri: e for uri, e in self._entries.items() if uri in present}

    def attach(self, page: Any) -> None:
        """Route this page's ``render`` through the cache (MkDocs calls it right after).

        Only pages that look like MkDocs 1.6's are cached; any other gets the usual render."""
        if not all(hasattr(page, name) for name in _PAGE_FIELDS):
            return
        page.render = functools.partial(self._render, page, type(page).render)

    def _render(self, page: Any, render: Any, config: Any, files: Any) -> None:
        uri = page.file.src_uri
        entry = self._entries.get(uri)
        if (
            entry is not None
            and entry.settings == self._settings
            and entry.markdown == page.markdown
            and self._restore(page, entry, files)
        ):
            self.hits += 1
            return
        self.misses += 1
        render(page, config, files)
        self._entries[uri] = _Rendered(
            markdown=page.markdown,
            settings=self._settings,
            content=page.content,
            toc=page.toc,
            title=page._title_from_render,
            anchors=frozenset(page.present_anchor_ids or ()),
            links=_links_by_uri(page.links_to_anchors),
        )

    @staticmethod
    def _restore(page: Any, entry: _Rendered, files: Any) -> bool:
        links = None
        if entry.links is not None:
            links = {}
            for uri, anchors in entry.links:
                target = files.get_file_from_path(uri)
                if target is None:
                    return False
                links[target] = dict(anchors)
        page.content = entry.content
        page.toc = entry.toc
        page._title_from_render = entry.title
        page.present_anchor_ids = set(entry.anchors)
        page.links_to_anchors = links
        return True


def _links_by_uri(links: Any) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...] | None:
    if links is None:
        return None
    return tuple(
        (target.src_uri, tuple(sorted(anchors.items())))
        for target, anchors in sorted(links.items(), key=lambda item: item[0].src_uri)
    )


class TemplateCache(jinja2.BytecodeCache):
    """Compiled theme templates, kept in memory across rebuilds.

    Jinja stores each template's source checksum with its bytecode and recompiles when the
    source changed, so an edit to a template override is still picked up.
    """

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self._store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()


class LoadCache:
    """Parsed YAML files, kept across regenerations while their bytes are unchanged.

    A save changes one file; parsing the others again is most of the generator's loading time
    (about a sixth of a regeneration at ten times the model). A parse depends only on the file's
    bytes, so a file whose bytes are the same as last time gets last time's result. Only the
    long-running previews use this (the MkDocs hook under ``serve``, and ``generator serve``);
    every other run parses every file.
    """

    def __init__(self) -> None:
        self._entries: dict[tuple[str, str], tuple[bytes, Any]] = {}
        self.hits = 0

    def install(self) -> bool:
        """Route the generator's file loading through this cache; False if it cannot."""
        from . import validate

        original = getattr(validate, "load_file", None)
        if original is None or getattr(original, "cached", False):
            return False

        def load_file(file: Any, display: str) -> Any:
            try:
                raw = file.read_bytes()
            except OSError:
                return original(file, display)
            key = (str(file), display)
            found = self._entries.get(key)
            if found is not None and found[0] == raw:
                self.hits += 1
                return found[1]
            loaded = original(file, display)
            try:
                if file.read_bytes() == raw:  # not saved again while it was parsed
                    self._entries[key] = (raw, loaded)
            except OSError:
                pass
            return loaded

        load_file.cached = True  # type: ignore[attr-defined]
        setattr(validate, "load_file", load_file)  # noqa: B010 (replaces the module's own)
        return True
