"""The offline copy's config and zip (generator/offline.py); the browser test opens the copy."""

from __future__ import annotations

import zipfile
from pathlib import Path

import yaml

from generator import offline

ROOT = Path(__file__).resolve().parent.parent


def test_config_asks_for_file_addresses_and_the_shipped_worker_stand_in() -> None:
    config = yaml.safe_load(offline.config_text(ROOT, "build/offline"))
    assert config["INHERIT"] == "mkdocs.yml"
    assert config["use_directory_urls"] is False
    assert "offline" in config["plugins"]
    assert any(isinstance(p, dict) and "search" in p for p in config["plugins"])
    # Material's offline plugin adds its own (unpkg.com) stand-in unless a polyfill's URL
    # names iframe-worker: the one the site ships does.
    assert config["extra"]["polyfills"] == [offline.SHIM]
    assert "iframe-worker" in offline.SHIM
    assert (ROOT / "docs" / offline.SHIM).is_file()


def test_zip_is_the_same_for_the_same_files(tmp_path: Path) -> None:
    folder = tmp_path / "copy"
    for name in ("index.html", "compare/index.html", "sitemap.xml", "sitemap.xml.gz"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(name, encoding="utf-8")
    first, second = tmp_path / "a.zip", tmp_path / "b.zip"
    assert offline.write_zip(folder, first) == 2
    (folder / "index.html").touch()  # a newer modification time changes nothing
    offline.write_zip(folder, second)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert archive.namelist() == [
            f"{offline.FOLDER}/compare/index.html",
            f"{offline.FOLDER}/index.html",
        ]
