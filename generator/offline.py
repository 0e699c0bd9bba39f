"""The offline copy: the handbook as a zip that works when opened from disk (``make offline``).

The published site keeps folder addresses (``compare/``), which a browser shows as a folder
listing when the files are opened from disk. The offline copy is a second MkDocs build, with
file addresses (``compare/index.html``) and Material's offline plugin, which inlines the search
index into a script a page can load from ``file://``. The plugin would also add a Web Worker
stand-in from unpkg.com; the site ships its own (``docs/assets/js/iframe-worker.js``), so the
copy makes no request to any other host.

    python -m generator.offline               # build/offline/ and build/<zip> (`make offline`)
    python -m generator.offline --into site   # the zip into site/ (what `make site` runs)

The derived config is written to ``.offline.yml`` in the project folder (MkDocs resolves
docs_dir next to its config); like ``.zensical.yml`` it is git-ignored.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import yaml

from . import paths, redirects

CONFIG = ".offline.yml"
BASE = "mkdocs.yml"
SHIM = "assets/js/iframe-worker.js"
"""The Worker stand-in; its URL holds "iframe-worker", so the offline plugin adds no other."""
FOLDER = "sales-vs-marketing-handbook"
"""The folder the zip unpacks into."""
ZIP_TIME = (2000, 1, 1, 0, 0, 0)
"""Every entry's date: the same input gives the same zip, byte for byte."""
LEFT_OUT = frozenset({"sitemap.xml", "sitemap.xml.gz"})
"""For search engines, not readers; they carry the build date, which would change the zip."""
_LINK = re.compile(r"<!-- offline-link -->.*?<!-- /offline-link -->", re.DOTALL)


def config_text(root: Path, site_dir: str) -> str:
    """``mkdocs.yml`` plus what the offline copy changes: file addresses, the offline plugin
    and the Worker stand-in."""
    base = yaml.safe_load((root / BASE).read_text(encoding="utf-8"))
    plugins: list[Any] = list(base.get("plugins") or [])
    plugins.append("offline")
    extra = dict(base.get("extra") or {})
    extra["polyfills"] = [SHIM]
    body = {
        "INHERIT": BASE,
        "site_dir": site_dir,
        "use_directory_urls": False,
        "plugins": plugins,
        "extra": extra,
    }
    header = "# Written by `python -m generator.offline` for the offline copy. Do not edit.\n"
    return header + yaml.safe_dump(body, sort_keys=False, allow_unicode=True, width=100)


def build_copy(root: Path, out: Path) -> None:
    """Build the offline copy into ``out`` (a folder it owns and replaces)."""
    config = root / CONFIG
    config.write_text(config_text(root, os.path.relpath(out, root)), encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--clean",
        "-q",
        "-f",
        str(config),
    ]
    result = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"the offline build failed:\n{result.stderr.strip()}")
    # A renamed entry's former address sends a browser to the folder address of its page, which a
    # copy (pages are files there) does not have; no link of the copy leads to one.
    for page in sorted(out.glob("*/*/index.html")):
        if redirects.is_redirect(page.read_text(encoding="utf-8")):
            page.unlink()
            page.parent.rmdir()
    home = out / "index.html"
    # The home page's link to the zip has no zip beside it in the copy itself.
    home.write_text(_LINK.sub("", home.read_text(encoding="utf-8")), encoding="utf-8")


def write_zip(folder: Path, target: Path) -> int:
    """Zip ``folder`` into ``target`` under one top folder, deterministically; return the count
    of files."""
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.name not in LEFT_OUT)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in files:
            info = zipfile.ZipInfo(f"{FOLDER}/{path.relative_to(folder).as_posix()}", ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    tmp.replace(target)
    return len(files)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.offline", description=__doc__)
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("--root", type=Path, default=Path("."), help="project folder")
    parser.add_argument(
        "--into", type=Path, help=f"the folder to write {paths.OFFLINE_ZIP} into (default: build)"
    )
    args = parser.parse_args(argv)
    root = args.root.resolve()
    out = root / "build" / "offline"
    target = (args.into.resolve() if args.into else root / "build") / paths.OFFLINE_ZIP
    try:
        build_copy(root, out)
    except RuntimeError as exc:
        print(f"generator: {exc}", file=sys.stderr)
        return 1
    count = write_zip(out, target)
    size = target.stat().st_size / 1e6
    print(f"generator: offline copy of {count} files in {target} ({size:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
