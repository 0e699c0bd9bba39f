"""Remove from a built site the theme files no reader loads: source maps and lunr's languages.

Material ships source maps next to its scripts (about 1 MB) and lunr's word splitting for some
thirty languages (about 1 MB); the handbook is in English, for which the search worker loads
none of them. Both engines' builds end with this step: the MkDocs hook calls it after each build,
and ``python -m generator.prune site`` runs after ``zensical build`` (see the Makefile). The
same step joins the handbook's stylesheets into one file (``generator/css_bundle.py``).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import yaml

from . import css_bundle

LUNR_LANGUAGES = "assets/javascripts/lunr"
"""lunr's language support: the search worker imports it only for a language other than English."""


def prune(site: Path, languages: tuple[str, ...] = ("en",)) -> list[str]:
    """Delete source maps, and lunr's language files for an English-only site; return the
    site-relative paths removed, sorted."""
    removed = [p for p in site.rglob("*.map") if p.is_file()]
    for path in removed:
        path.unlink()
    names = [p.relative_to(site).as_posix() for p in removed]
    lunr = site / LUNR_LANGUAGES
    if tuple(languages) == ("en",) and lunr.is_dir():
        shutil.rmtree(lunr)
        names.append(LUNR_LANGUAGES + "/")
    return sorted(names)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    site = Path(args[0] if args else "site")
    if not site.is_dir():
        print(f"generator.prune: {site}/ is not a built site", file=sys.stderr)
        return 1
    removed = prune(site)
    print(f"generator: removed {len(removed)} unused theme file(s) from {site}/")
    # Zensical runs no hooks: join the handbook's stylesheets here, as the MkDocs hook does.
    config = Path("mkdocs.yml")
    if config.is_file():
        sheets = yaml.safe_load(config.read_text(encoding="utf-8")).get("extra_css") or []
        css_bundle.bundle(site, [str(sheet) for sheet in sheets])
    return 0


if __name__ == "__main__":
    sys.exit(main())
