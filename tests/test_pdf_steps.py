"""The PDF step's parts that need no browser: reading order, URLs, and what it says without one."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import pdf


def test_reading_order_follows_the_navigation_depth_first() -> None:
    nav = [
        {"Home": "index.md"},
        {"Teams": ["teams/index.md", {"Sales": ["teams/rep.md"]}]},
        "contributing.md",
    ]
    assert pdf.reading_order(nav) == [
        "index.md",
        "teams/index.md",
        "teams/rep.md",
        "contributing.md",
    ]


def test_pages_are_read_where_the_site_serves_them() -> None:
    assert pdf.served_at("index.md") == ""
    assert pdf.served_at("teams/index.md") == "teams/"
    assert pdf.served_at("teams/rep.md") == "teams/rep/"


def test_without_chromium_the_site_is_left_alone_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "index.html").write_text("<h1>Home</h1>", encoding="utf-8")
    monkeypatch.setenv("CHROMIUM", str(tmp_path / "no-such-browser"))
    assert pdf.main([str(tmp_path)]) == 0
    said = capsys.readouterr().err
    assert "no PDF made" in said and "apt-get install chromium" in said
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == "<h1>Home</h1>"
    assert pdf.main([str(tmp_path), "--require"]) == 1  # `make pdf` insists


def test_the_home_page_link_is_added_once(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<h1>Home</h1><p>x</p>", encoding="utf-8")
    (tmp_path / pdf.PDF_NAME).write_bytes(b"%PDF-1.7\n" + b"0" * 2_000_000)
    pdf.link_from_home(tmp_path, 12)
    pdf.link_from_home(tmp_path, 12)
    home = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert home.count('href="handbook.pdf"') == 1
    assert "(12 pages, 2.0 MB)" in home
