"""The handbook's stylesheets reach a reader as one file: what pages link, what it holds."""

from __future__ import annotations

from pathlib import Path

import yaml

from generator import css_bundle
from tests.conftest import ROOT

HEAD = (
    '<link rel="stylesheet" href="{up}assets/stylesheets/main.css">\n'
    '<link rel="stylesheet" href="{up}assets/a.css">\n'
    '<link rel="stylesheet" href="{up}assets/css/b.css">\n'
    '<link rel="stylesheet" href="https://example.org/c.css">\n'
)


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "assets" / "css").mkdir(parents=True)
    (site / "assets" / "a.css").write_text("a { color: red; }\n", encoding="utf-8")
    (site / "assets" / "css" / "b.css").write_text("@media print { b { color: blue; } }\n")
    (site / "index.html").write_text(HEAD.format(up=""), encoding="utf-8")
    (site / "compare").mkdir()
    (site / "compare" / "index.html").write_text(HEAD.format(up="../"), encoding="utf-8")
    return site


def test_the_sheets_are_joined_in_order_and_each_page_links_the_join_once(tmp_path: Path) -> None:
    site = _site(tmp_path)
    assert css_bundle.bundle(site, ["assets/a.css", "assets/css/b.css"]) == 2
    joined = (site / css_bundle.BUNDLE).read_text(encoding="utf-8")
    assert joined.index("color: red") < joined.index("@media print { b")
    assert (site / "compare" / "index.html").read_text(encoding="utf-8") == (
        '<link rel="stylesheet" href="../assets/stylesheets/main.css">\n'
        '<link rel="stylesheet" href="../assets/css/handbook.bundle.css">\n'
        '<link rel="stylesheet" href="https://example.org/c.css">\n'
    )
    home = (site / "index.html").read_text(encoding="utf-8")
    assert home.count("handbook.bundle.css") == 1 and "a.css" not in home


def test_nothing_changes_with_fewer_than_two_sheets(tmp_path: Path) -> None:
    site = _site(tmp_path)
    assert css_bundle.bundle(site, ["assets/a.css", "assets/missing.css"]) == 0
    assert not (site / css_bundle.BUNDLE).exists()
    assert (site / "index.html").read_text(encoding="utf-8") == HEAD.format(up="")


def test_every_page_of_the_built_site_links_one_handbook_stylesheet(built_site: Path) -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    sheets = config["extra_css"]
    joined = (built_site / css_bundle.BUNDLE).read_text(encoding="utf-8")
    for sheet in sheets:
        assert (built_site / sheet).read_text(encoding="utf-8") in joined, sheet
    for page in ("index.html", "compare/index.html", "dimensions/goals/index.html"):
        text = (built_site / page).read_text(encoding="utf-8")
        assert text.count("handbook.bundle.css") == 1, page
        assert not [s for s in sheets if f'/{s}"' in text or f'"{s}"' in text], page
