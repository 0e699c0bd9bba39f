"""MkDocs hook: regenerate docs/ before each build, and watch source_data/ under ``serve``.

The generator itself never imports MkDocs; this thin adapter is the only link between them.

Under ``mkdocs serve`` (MkDocs 1.6) every rebuild calls ``on_config`` of this same module (MkDocs
loads a hook once per process), so its globals live as long as the server:

* an edit under source_data/ or generator/templates/ starts one rebuild, whose ``on_config``
  regenerates docs/; the generator rewrites only the files whose text changed;
* the files the generator writes into docs/ do not start another rebuild: MkDocs' own watch of
  docs/ is replaced by one that ignores the generator's files (it still sees hand-written pages),
  and it polls every 0.1 s instead of MkDocs' 0.5 s;
* pages whose Markdown did not change reuse the previous rebuild's HTML, and the theme's
  templates stay compiled (``serve_cache``), so a rebuild costs little more than the pages that
  changed; every page still goes through the theme, so nav and search stay current;
* a problem in the YAML is logged as ``file:line:column: message`` and the build goes on with the
  previous docs/ and nav, so the last good site stays up. (Raising would leave MkDocs' server
  holding every page request until a build succeeds.) Every page the server sends then carries
  a notice with the problems (error_notice.py), until a save fixes them; nothing of it is written
  into docs/.
"""

from __future__ import annotations

import logging
import os
import posixpath
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

import generator
from generator import build, css_bundle, error_notice, incremental, paths, prune
from generator.errors import OwnershipError, SourceError
from generator.serve_cache import RenderCache, TemplateCache
from generator.serve_theme import PageCache

log = logging.getLogger("mkdocs.hooks.generator")
_serving = False
_last_nav: list[object] | None = None
_problems: list[str] = []
"""The problems of the last generation under serve, shown on every page until fixed."""
_renders = RenderCache()
_templates = TemplateCache()
_pages: PageCache | None = None
_nav: Any = None
_sheets: list[str] | None = None
"""Under serve, the stylesheets joined into one in this rebuild (see on_post_page)."""
_relinked: list[str] = []
"""Under serve, the pages of this rebuild already linking the joined stylesheet."""


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"
    if _serving:
        incremental.enable()  # what a save did not change is not computed again


def on_config(config: Any) -> Any:
    global _last_nav, _problems
    root = Path(config.config_file_path).resolve().parent
    try:
        report = build(root, Path(config.docs_dir))
    except (SourceError, OwnershipError) as exc:
        lines = [str(p) for p in getattr(exc, "problems", ())] or [f"generator: {exc}"]
        message = "\n".join(lines) + "\nThe YAML has problems; docs/ was left as it was."
        if not _serving:
            raise PluginError(message) from None
        log.error(message + " Serving the last good pages; fix the YAML and save again.")
        _problems = lines
        config.nav = _last_nav
        return config
    except Exception as exc:
        if not _serving:
            raise
        log.exception("generator: internal error (a bug in the generator, not in your YAML)")
        _problems = [
            f"generator: internal error (a bug in the generator, not in your YAML): "
            f"{type(exc).__name__}: {exc}; the terminal shows the details"
        ]
        config.nav = _last_nav
        return config
    _problems = []
    for warning in report.warnings():
        log.warning(warning)
    log.info(report.summary())
    config.nav = _last_nav = report.nav
    return config


def on_files(files: Any, config: Any) -> Any:
    global _sheets
    if _serving:
        _renders.start(config, files)
        _sheets = None
        _relinked.clear()
    return files


def on_pre_page(page: Any, config: Any, files: Any) -> Any:
    if _serving:
        _renders.attach(page)
    return page


def on_nav(nav: Any, config: Any, files: Any) -> Any:
    global _nav
    _nav = nav
    return nav


def on_env(env: Any, config: Any, files: Any) -> Any:
    global _pages
    if _serving:
        env.bytecode_cache = _templates
        if _pages is None:
            _pages = PageCache()
        _pages.start(env, config, _nav, files)
    return env


def on_post_page(output: str, page: Any, config: Any) -> str:
    if _serving and _problems:
        output = error_notice.inject(output, error_notice.notice_html(_problems))
    if _serving:
        # Link the joined stylesheet here, on the text in hand: after the build the whole site
        # would be read and written again for it (half a second at ten times the model).
        global _sheets
        if _sheets is None:  # the first page: the static files are in place by now
            _sheets = css_bundle.present_sheets(Path(config.site_dir), _extra_css(config))
        dest = page.file.dest_uri
        output = css_bundle.relink(output, posixpath.dirname(dest), _sheets)
        _relinked.append(dest)
    return output


def _extra_css(config: Any) -> list[str]:
    return [str(sheet) for sheet in config.extra_css]


def on_post_build(config: Any) -> None:
    search = config.plugins.get("search")
    languages = getattr(search, "config", {}).get("lang") or [config.theme.get("language", "en")]
    prune.prune(Path(config.site_dir), tuple(languages))
    css_bundle.bundle(Path(config.site_dir), _extra_css(config), _relinked if _serving else ())
    if _serving and _renders.hits:
        converted = "1 page" if _renders.misses == 1 else f"{_renders.misses} pages"
        log.info(
            f"generator: {converted} converted from Markdown, {_renders.hits} reused unchanged"
        )
    if _serving and _pages is not None and _pages.reused:
        themed = "1 page" if _pages.rendered == 1 else f"{_pages.rendered} pages"
        log.info(f"generator: {themed} rendered through the theme, {_pages.reused} reused")


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    global _serving
    _serving = True  # also under `serve --clean`, which reports itself as a build at startup
    root = Path(config.config_file_path).resolve().parent
    # The templates the generator actually renders with (the installed package's).
    templates = Path(generator.__file__).resolve().parent / "templates"
    docs = os.path.abspath(config.docs_dir)
    if not _watch(server, [str(root / "source_data"), str(templates)], docs):
        log.debug("generator: using MkDocs' own watch")
        server.watch(str(root / "source_data"))
        server.watch(str(templates))
    return server


def on_shutdown() -> None:
    if _observer is not None:
        _observer.stop()


def is_generated(docs: str, path: str) -> bool:
    """Whether ``path`` (under the absolute ``docs``) is a generator file or its bookkeeping."""
    try:
        parts = Path(path).relative_to(docs).parts
    except ValueError:
        return False
    if not parts:
        return False
    top = parts[0]
    if len(parts) == 1:
        return top == paths.HOME or top.startswith(".generated")
    return top in paths.OWNED_FOLDERS or top.startswith(".generated")


def _generated_entry(docs: str, entry: os.DirEntry[str]) -> bool:
    """Whether a top-level entry of docs/ is a generator file or holds only generator files."""
    if entry.is_dir(follow_symlinks=False):
        return is_generated(docs, os.path.join(entry.path, "any"))
    return is_generated(docs, entry.path)


POLL_SECONDS = 0.1
"""How often the hook's watcher looks for changes. MkDocs polls every 0.5 s, which alone adds
0.25 s on average to each edit; the folders watched here are small, so polling them is cheap."""
_observer: Any = None


def _watch(server: Any, folders: list[str], docs: str) -> bool:
    """Watch ``folders`` and the hand-written pages in ``docs`` with a poller of our own.

    MkDocs' watcher rebuilds on any change under docs/, including the generator's own writes,
    and offers no event filter, so this one asks for a rebuild the way MkDocs' own callback
    does (its rebuild flag and condition, MkDocs 1.6.1). Where those are missing, the caller
    falls back to MkDocs' ``watch``: edits then cost a second, no-op rebuild, nothing worse.
    """
    global _observer
    cond = getattr(server, "_rebuild_cond", None)
    if not isinstance(cond, threading.Condition) or docs not in getattr(
        server, "_watched_paths", {}
    ):
        return False
    rebuild: threading.Condition = cond
    from watchdog.events import FileSystemEvent, FileSystemEventHandler
    from watchdog.observers.polling import PollingObserverVFS

    class Changes(FileSystemEventHandler):
        def __init__(self, skip_generated: bool) -> None:
            self.skip_generated = skip_generated

        def on_any_event(self, event: FileSystemEvent) -> None:
            if event.is_directory:
                return
            changed = [os.fsdecode(p) for p in (event.src_path, getattr(event, "dest_path", ""))]
            changed = [p for p in changed if p and not paths.is_scratch(p)]
            # An atomic save writes a scratch file, then moves it into place: polled between
            # the two, it would ask for a second, no-op rebuild. Only the move counts.
            if not changed:
                return
            if self.skip_generated and all(is_generated(docs, p) for p in changed):
                return
            log.debug(str(event))
            with rebuild:
                server._want_rebuild = True
                rebuild.notify_all()

    server.unwatch(docs)

    def listdir(path: str | None) -> Iterator[os.DirEntry[str]]:
        # The generator's own folders are not even listed: polling 500 generated pages every
        # 0.1 s cost 0.07 s of CPU a second at ten times the model, a save's time included.
        entries = os.scandir(path)
        if path is None or os.path.abspath(path) != docs:
            return entries
        return (e for e in entries if not _generated_entry(docs, e))

    _observer = PollingObserverVFS(os.stat, listdir, polling_interval=POLL_SECONDS)
    for folder in folders:
        _observer.schedule(Changes(skip_generated=False), folder, recursive=True)
    _observer.schedule(Changes(skip_generated=True), docs, recursive=True)
    _observer.start()
    log.info("generator: watching source_data/, templates and hand-written pages in docs/")
    return True
