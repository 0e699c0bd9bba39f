"""The explorer's row markers: each matrix row says its theme and whether it is contested or
rests on one source, as the model has it."""

from __future__ import annotations

import re
from pathlib import Path

from generator import explore
from generator.link import Index
from generator.validate import load_model

ROOT = Path(__file__).resolve().parents[1]


def test_markers_follow_the_debates_and_the_citations() -> None:
    model = load_model(ROOT / "source_data", ROOT)
    index = Index(model)
    debated = {d for debate in model.debates for d in debate.dimensions}
    flags = {"true": True, "false": False}
    seen = {"contested": set(), "single": set()}
    for dim in model.dimensions:
        marker = explore.marker(dim, index)
        found = dict(re.findall(r'data-([a-z-]+)="([^"]*)"', marker))
        assert found["theme"] == dim.theme
        assert flags[found["contested"]] == (dim.id in debated)
        cited = {c.source for c in dim.cites} | {c.source for e in dim.examples for c in e.cites}
        assert flags[found["single-source"]] == (len(cited) == 1)
        seen["contested"].add(found["contested"])
        seen["single"].add(found["single-source"])
        assert marker.startswith('<span class="hb-explore-row" hidden ') and "</span>" in marker
    # Both toggles have something to leave out and something to keep.
    assert seen == {"contested": {"true", "false"}, "single": {"true", "false"}}
