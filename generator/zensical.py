"""Zensical adapter: generate docs/, then write the config Zensical builds from.

Zensical reads mkdocs.yml but runs no MkDocs hooks, so it never receives the generator's nav.
``python -m generator.zensical`` generates docs/ like ``python -m generator`` and writes
``.zensical.yml`` next to mkdocs.yml: ``INHERIT: mkdocs.yml`` plus the generated ``nav:``. It has
to sit in the project folder, as Zensical requires docs_dir and site_dir inside the folder of
the config file. Build with ``zensical build -f .zensical.yml`` (``make site ENGINE=zensical``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

from . import build
from .errors import OwnershipError, SourceError

CONFIG = ".zensical.yml"
"""The derived config, written into the project folder (listed in .gitignore)."""
BASE = "mkdocs.yml"

THEME: dict[str, Any] = {"variant": "classic"}
"""Zensical's default look is its own ("modern"); "classic" is Material for MkDocs' look."""

HEADER = (
    "# Written by `python -m generator.zensical` for `zensical build -f .zensical.yml`.\n"
    "# Do not edit: Zensical runs no MkDocs hooks, so the generated nav is written out here.\n"
)


NOTICE = "generator_notice"
"""The ``extra`` value overrides/main.html shows as a banner: the problems of the last save under
``python -m generator serve --engine zensical`` (HTML made by the generator, escaped)."""


def config_text(nav: list[object], base: str = BASE, notice: str | None = None) -> str:
    """The derived config: the MkDocs config, plus the generated nav and Zensical's options,
    and under the Zensical preview the notice of a broken save."""
    body: dict[str, Any] = {"INHERIT": base, "theme": THEME, "nav": nav}
    if notice:
        body["extra"] = {NOTICE: notice}
    return HEADER + yaml.safe_dump(body, sort_keys=False, allow_unicode=True, width=100)


def last_nav(root: Path) -> list[object] | None:
    """The nav of the ``.zensical.yml`` an earlier run wrote, if there is one."""
    try:
        nav = yaml.safe_load((root / CONFIG).read_text(encoding="utf-8")).get("nav")
    except (OSError, ValueError, AttributeError, yaml.YAMLError):
        return None
    return nav if isinstance(nav, list) else None


def write_config(root: Path, nav: list[object], notice: str | None = None) -> Path:
    """Write ``.zensical.yml`` under ``root`` if its text changed; return its path."""
    path = root / CONFIG
    text = config_text(nav, notice=notice)
    try:
        if path.read_text(encoding="utf-8") == text:
            return path
    except OSError:
        pass
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8", newline="\n")
    tmp.replace(path)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m generator.zensical",
        description="Generate docs/ and write .zensical.yml (mkdocs.yml plus the generated nav).",
    )
    parser.add_argument("--root", type=Path, default=Path("."), help="project folder (default: .)")
    root = parser.parse_args(argv).root.resolve()
    try:
        report = build(root)
    except SourceError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(
            f"{len(exc.problems)} problem(s) in source_data/; nothing was written.", file=sys.stderr
        )
        return 1
    except OwnershipError as exc:
        print(f"generator: {exc}; nothing was written.", file=sys.stderr)
        return 1
    for warning in report.warnings():
        print(warning, file=sys.stderr)
    print(report.summary())
    print(f"generator: wrote {write_config(root, report.nav).name} for Zensical")
    return 0


if __name__ == "__main__":
    sys.exit(main())
