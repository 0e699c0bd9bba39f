"""MkDocs hook: regenerate docs/ before each build, and watch source_data/ under ``serve``.

The generator itself never imports MkDocs; this thin adapter is the only link between them.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from generator import build
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
    log.info(report.summary())
    config.nav = _last_nav = report.nav
    return config


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    root = Path(config.config_file_path).resolve().parent
    server.watch(str(root / "source_data"))
    server.watch(str(Path(__file__).parent / "templates"))
    return server
