"""tools/check_sections.py, the maintainer's check that each outline heading is in its article.

The real seed articles are not read here (nothing in the tests reads them): the tool runs on a
small article written for the test.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

TOOL = Path(__file__).resolve().parent.parent / "tools" / "check_sections.py"
ARTICLE = """\
Alpha: Selling \u2019n\u2019 telling

Some opening words that start the article.

1. Asking Questions vs. Storytelling

Text of the first point.
"""
SOURCES = """\
sources:
  - id: alpha
    title: "Alpha: Selling 'n' telling"
    outline:
      - {section: Introduction, opens: "Some opening words"}
      - "1. Asking questions vs. storytelling"
      - "Asking Questions"
"""


def _run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sources: str) -> int:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "000_alpha.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "source_data").mkdir()
    (tmp_path / "source_data" / "sources.yaml").write_text(sources, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    spec = importlib.util.spec_from_file_location("check_sections", TOOL)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return int(module.main(seeds))


def test_every_heading_found(tmp_path: Path, monkeypatch, capsys) -> None:
    assert _run(tmp_path, monkeypatch, SOURCES) == 0
    assert capsys.readouterr().out.strip() == "3 section(s) found in their article, 0 not found"


def test_a_missing_heading_is_named(tmp_path: Path, monkeypatch, capsys) -> None:
    sources = SOURCES + '      - "2. Math vs. art"\n      - {section: End, opens: "Never said"}\n'
    assert _run(tmp_path, monkeypatch, sources) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[:2] == [
        "alpha: section '2. Math vs. art': heading not found in 000_alpha.txt",
        "alpha: section 'End': opening words not found in 000_alpha.txt",
    ]
