"""Under ``mkdocs serve``: reuse the theme's HTML and the search entries of unchanged pages.

``serve_cache.RenderCache`` already skips the Markdown conversion of unchanged pages, but MkDocs
1.6 still passes every page through the theme on every rebuild. With the Material theme that
costs the most: at ten times the model it was about 8 s of a 10 s rebuild, and the search
plugin's parse of every page about 1.4 s more.

``PageCache`` keeps, per page, the HTML the theme rendered and the search entries the page gave,
each under a key made of everything that output is read from:

* the theme HTML: the template's name, every value of the template context (the page's content,
  table of contents, title, metadata, URLs and neighbours; the whole navigation; the list of
  pages; the config; ``base_url`` and the asset URLs), and the size and time of every template
  file of the theme and its overrides;
* the search entries: the page's URL, content, table of contents, title and metadata, and the
  search plugin's settings.

A value the key cannot describe exactly (an unknown object in the context, say) means the page is
rendered as usual, never served from the cache. The context's ``build_date_utc`` is left out of
the key unless a template shows it: Material's do not (``tests/test_serve_theme.py`` checks).
Plugin events still run for every page, the sitemap and the 404 page are rendered every time,
and the search index is written from every page's entries: nav, search and sitemap are as
current as in a clean build. ``tests/test_serve.py`` compares every served page with a clean
``mkdocs build``.

This relies on how MkDocs 1.6.1 builds a page (``_build_page``: ``env.get_template`` without a
parent, then ``template.render(context)``) and on Material 9.8's ``SearchIndex``. ``VERIFIED``
names the versions checked; with any other, the cache stays off (and says so), and
``tests/test_serve_theme.py`` fails until the code is checked against the new internals.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Mapping
from importlib import metadata
from typing import Any

log = logging.getLogger("mkdocs.hooks.generator")

VERIFIED = {"mkdocs": "1.6.1", "mkdocs-material": "9.8.1"}
"""The versions whose internals this module was checked against."""


class Unkeyable(Exception):
    """A value the cache key cannot describe exactly: render as usual."""


def supported() -> str | None:
    """None when the installed MkDocs and Material are the versions checked, else why not."""
    for name, version in VERIFIED.items():
        try:
            found = metadata.version(name)
        except metadata.PackageNotFoundError:
            found = "none"
        if found != version:
            return f"{name} {found} is installed; the theme cache was checked with {version}"
    return None


def plain(value: Any) -> Any:
    """``value`` as JSON-able data, or Unkeyable when it holds any other kind of object."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    raise Unkeyable(type(value).__name__)


def _digest(data: Any) -> str:
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _toc(items: Any) -> list[Any]:
    return [[i.title, i.url, i.level, _toc(i.children)] for i in items or ()]


def _link(page: Any) -> Any:
    return None if page is None else [page.title, page.url]


def page_key(page: Any) -> list[Any]:
    """What the theme reads from the current page."""
    return [
        page.file.src_uri,
        page.file.dest_uri,
        page.url,
        page.canonical_url,
        page.abs_url,
        page.edit_url,
        page.title,
        page.is_homepage,
        plain(dict(page.meta)),
        hashlib.sha256((page.content or "").encode("utf-8", "surrogatepass")).hexdigest(),
        _toc(page.toc),
        _link(page.previous_page),
        _link(page.next_page),
        [a.title for a in page.ancestors],
    ]


def nav_key(items: Any) -> list[Any]:
    """The whole navigation: every section, page and link, its title, URL and metadata."""
    out: list[Any] = []
    for item in items:
        if getattr(item, "is_section", False):
            out.append(["S", item.title, nav_key(item.children)])
        elif getattr(item, "is_page", False):
            out.append(["P", item.title, item.url, item.file.src_uri, plain(dict(item.meta))])
        elif getattr(item, "is_link", False):
            out.append(["L", item.title, item.url])
        else:
            raise Unkeyable(type(item).__name__)
    return out


def config_key(config: Any) -> Any:
    """The config as data; the theme and plugins by their settings, not as objects."""
    data: dict[str, Any] = {}
    for name, value in config.items():
        if name == "theme":
            # The locale is an object; its text names it.
            settings = {k: str(v) if k == "locale" else v for k, v in value.items()}
            data[name] = [value.name, list(value.dirs), plain(settings)]
        elif name == "plugins":
            data[name] = [[n, plain(dict(getattr(p, "config", {})))] for n, p in value.items()]
        elif name in ("hooks", "watch"):
            data[name] = [str(v) for v in value]
        elif hasattr(value, "patterns"):  # not_in_nav and the like: pathspec objects
            data[name] = [[str(getattr(p, "pattern", p)), p.include] for p in value.patterns]
        else:
            data[name] = plain(value)
    return data


def templates_key(dirs: list[str]) -> list[Any]:
    """Size and modification time of every template file the theme may load (not its icons)."""
    out: list[Any] = []
    for folder in dirs:
        for path, subdirs, names in os.walk(folder):
            subdirs[:] = sorted(d for d in subdirs if d != ".icons")
            for name in sorted(names):
                st = os.stat(os.path.join(path, name))
                out.append([os.path.join(path, name), st.st_size, st.st_mtime_ns])
    return out


def reads_build_date(files: list[Any]) -> bool:
    """Whether any template shows ``build_date_utc`` (MkDocs' own themes do; Material does not)."""
    for path, *_ in files:
        if path.endswith(".html"):
            with open(path, encoding="utf-8", errors="replace") as f:
                if "build_date_utc" in f.read():
                    return True
    return False


class _Template:
    """A theme template whose ``render(context)`` may come from the cache."""

    def __init__(self, template: Any, cache: PageCache) -> None:
        self._template = template
        self._cache = cache

    def __getattr__(self, name: str) -> Any:
        return getattr(self._template, name)

    def render(self, *args: Any, **kwargs: Any) -> str:
        return self._cache.render(self._template, args, kwargs)


class PageCache:
    """The theme's HTML and the search entries of each page, from the previous rebuilds."""

    def __init__(self) -> None:
        self._html: dict[str, tuple[str, str]] = {}
        self._search: dict[str, tuple[str, list[dict[str, Any]]]] = {}
        self._site: str | None = None
        self._config: Any = None
        self._nav: Any = None
        self._pages: list[Any] = []
        self._dated: tuple[str, bool] = ("", False)
        """Whether the templates show the build date, for the templates key it was found for."""
        self.rendered = self.reused = 0
        self.disabled = supported()
        if self.disabled:
            log.warning(f"generator: every page goes through the theme ({self.disabled})")

    def start(self, env: Any, config: Any, nav: Any, files: Any) -> None:
        """Once per rebuild, after MkDocs read every page and before it renders any."""
        self.rendered = self.reused = 0
        if self.disabled:
            return
        self._config, self._nav = config, nav
        self._pages = list(files.documentation_pages())
        try:
            templates = templates_key(list(config.theme.dirs))
            site = [
                config_key(config),
                nav_key(nav.items),
                templates,
                [[f.src_uri, f.url] for f in self._pages],
            ]
            self._site = _digest(site)
            if self._dated[0] != (found := _digest(templates)):
                self._dated = (found, reads_build_date(templates))
        except Unkeyable as exc:
            log.debug(f"generator: theme cache off for this rebuild ({exc})")
            self._site = None
            return
        present = {f.src_uri for f in files.documentation_pages()}
        self._html = {k: v for k, v in self._html.items() if k in present}
        self._search = {k: v for k, v in self._search.items() if k in present}
        original = env.get_template

        def get_template(name: Any, parent: Any = None, globals: Any = None) -> Any:
            template = original(name, parent, globals)
            # Only the page template MkDocs asks for; includes and extends come with a parent.
            return template if parent is not None else _Template(template, self)

        env.get_template = get_template
        for plugin in config.plugins.values():
            index = getattr(plugin, "search_index", None)
            if index is not None and hasattr(index, "add_entry_from_context"):
                self._wrap_search(index, getattr(plugin, "config", {}))

    def render(self, template: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
        context = args[0] if len(args) == 1 and not kwargs else None
        if not isinstance(context, dict) or context.get("page") is None:
            return str(template.render(*args, **kwargs))  # the sitemap, the 404 page
        page = context["page"]
        key = self._page_key(template.name, context)
        if key is None:
            return str(template.render(*args, **kwargs))
        uri = page.file.src_uri
        found = self._html.get(uri)
        if found is not None and found[0] == key:
            self.reused += 1
            return found[1]
        self.rendered += 1
        output = str(template.render(*args, **kwargs))
        self._html[uri] = (key, output)
        return output

    def _page_key(self, name: str, context: dict[str, Any]) -> str | None:
        if self._site is None:
            return None
        data: dict[str, Any] = {"": [self._site, name]}
        try:
            for k, v in context.items():
                if k == "build_date_utc" and not self._dated[1]:
                    continue  # no template shows it (Material: checked by a test)
                if k == "page":
                    data[k] = page_key(v)
                elif k == "nav" or k == "config":
                    if v is not (self._nav if k == "nav" else self._config):
                        return None
                elif k == "pages":  # the same File objects as the site key holds
                    if len(v) != len(self._pages) or any(
                        a is not b for a, b in zip(v, self._pages, strict=True)
                    ):
                        return None
                else:
                    data[k] = plain(v if k != "build_date_utc" else str(v))
        except Unkeyable:
            return None
        return _digest(data)

    def _wrap_search(self, index: Any, settings: Any) -> None:
        original = index.add_entry_from_context
        try:
            fixed = _digest(plain(dict(settings)))
        except Unkeyable:
            return

        def add_entry_from_context(page: Any) -> None:
            try:
                key = _digest(
                    [
                        fixed,
                        page.url,
                        page.title,
                        plain(dict(page.meta)),
                        page.content or "",
                        _toc(page.toc),
                    ]
                )
            except Unkeyable:
                original(page)
                return
            uri = page.file.src_uri
            found = self._search.get(uri)
            if found is not None and found[0] == key:
                index.entries.extend(dict(entry) for entry in found[1])
                return
            before = len(index.entries)
            original(page)
            self._search[uri] = (key, [dict(entry) for entry in index.entries[before:]])

        index.add_entry_from_context = add_entry_from_context
