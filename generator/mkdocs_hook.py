"""MkDocs hook: regenerate docs/ before each build, and watch source_data/ under ``serve``.

The generator itself never imports MkDocs; this thin adapter is the only link between them.

Under ``mkdocs serve`` (MkDocs 1.6) every rebuild calls ``on_config`` of this same module (MkDocs
loads a hook once per process), so its globals live as long as the server:

* an edit under source_data/ or generator/templates/ starts one rebuild, whose ``on_config``
  regenerates docs/; the generator rewrites only the files whose text changed;
* the files the generator writes into docs/ do not start another rebuild: MkDocs' own watch of
  docs/ is replaced by one that ignores the generator's files (it still sees hand-written pages);
* a problem in the YAML is logged as ``file:line:column: message`` and the build goes on with the
  previous docs/ and nav, so the last good site stays up. (Raising would leave MkDocs' server
  holding every page request until a build succeeds.)
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

import generator
from generator import build, paths
from generator.errors import OwnershipError, SourceError

log = logging.getLogger("mkdocs.hooks.generator")
_serving = False
_last_nav: list[object] | None = None


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_config(config: Any) -> Any:
    global _last_nav
    root = Path(config.config_file_path).resolve().parent
    try:
        report = build(root, Path(config.docs_dir))
    except (SourceError, OwnershipError) as exc:
        lines = [str(p) for p in getattr(exc, "problems", ())] or [str(exc)]
        message = "\n".join(lines) + "\nThe YAML has problems; docs/ was left as it was."
        if not _serving:
            raise PluginError(message) from None
        log.error(message + " Serving the last good pages; fix the YAML and save again.")
        config.nav = _last_nav
        return config
    except Exception:
        if not _serving:
            raise
        log.exception("generator: internal error (a bug in the generator, not in your YAML)")
        config.nav = _last_nav
        return config
    log.info(report.summary())
    config.nav = _last_nav = report.nav
    return config


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    global _serving
    _serving = True  # also under `serve --clean`, which reports itself as a build at startup
    root = Path(config.config_file_path).resolve().parent
    server.watch(str(root / "source_data"))
    # The templates the generator actually renders with (the installed package's).
    server.watch(str(Path(generator.__file__).resolve().parent / "templates"))
    _watch_hand_written_only(server, os.path.abspath(config.docs_dir))
    return server


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


def _watch_hand_written_only(server: Any, docs: str) -> None:
    """Swap MkDocs' watch of docs/ for one that ignores the generator's own writes.

    LiveReloadServer offers no event filter, so this uses its rebuild flag and condition the way
    its own ``watch`` callback does (MkDocs 1.6.1). Without them docs/ stays watched as before:
    an edit then costs a second, no-op rebuild, nothing worse.
    """
    cond = getattr(server, "_rebuild_cond", None)
    observer = getattr(server, "observer", None)
    watched = getattr(server, "_watched_paths", {})
    if not isinstance(cond, threading.Condition) or observer is None or docs not in watched:
        log.debug("generator: keeping MkDocs' own watch of docs/")
        return
    rebuild: threading.Condition = cond
    from watchdog.events import FileSystemEvent, FileSystemEventHandler

    class HandWritten(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            if event.is_directory:
                return
            changed = [p for p in (event.src_path, getattr(event, "dest_path", "")) if p]
            if all(is_generated(docs, os.fsdecode(p)) for p in changed):
                return
            log.debug(str(event))
            with rebuild:
                server._want_rebuild = True
                rebuild.notify_all()

    server.unwatch(docs)
    observer.schedule(HandWritten(), docs, recursive=True)
    log.info("generator: watching source_data/, templates and hand-written pages in docs/")
