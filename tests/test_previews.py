"""Page previews' data (docs/data/previews.js): one entry for every page and every entry with an
anchor of its own, in plain text, the same on every run."""

from __future__ import annotations

import json
from pathlib import Path

from generator import paths, previews
from generator.render import render
from generator.validate import load_model

ROOT = Path(__file__).resolve().parents[1]


def _data() -> tuple[dict[str, dict[str, str]], set[str], str]:
    model = load_model(ROOT / "source_data", ROOT)
    pages = render(model)
    text = next(p.text for p in pages if p.path == previews.FILE)
    data = json.loads(text.split("window.hbPreviews = ", 1)[1].rstrip().rstrip(";"))
    urls = {previews.url(p.path) for p in pages if p.path.endswith(".md")}
    return data, urls, text


def test_every_page_and_entry_has_a_preview_with_a_title() -> None:
    model = load_model(ROOT / "source_data", ROOT)
    data, urls, _ = _data()
    assert urls <= set(data)
    for entity in model.entities():
        page, anchor = paths.location(entity.kind, entity.id)
        key = previews.url(page, anchor)
        assert data[key]["t"], key
        assert key.split("#")[0] in urls, f"{key} points to no generated page"
    goals = data["dimensions/goals/"]
    assert set(goals) == {"t", "s", "sales", "marketing"}
    assert data["compare/"]["s"].endswith(".")


def test_previews_hold_plain_text_only() -> None:
    data, _, _ = _data()
    for key, preview in data.items():
        for value in preview.values():
            assert "](" not in value and "**" not in value and "<" not in value, (key, value)


def test_the_file_is_the_same_on_every_run() -> None:
    assert _data()[2] == _data()[2]
