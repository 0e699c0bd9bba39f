"""The benchmarks' synthetic models stay valid, so `make bench` cannot rot unnoticed."""

from __future__ import annotations

from pathlib import Path

import yaml

from generator.link import Index
from generator.validate import load_model
from tests import synth


def test_scale_1_is_the_real_model_and_validates(tmp_path: Path) -> None:
    real = synth.read_real()
    data = synth.synthesize(1, real)
    assert data == real
    synth.write_source(tmp_path / "source_data", 1, real)
    model = load_model(tmp_path / "source_data", tmp_path)
    assert len(model.terms) == synth.counts(real)["glossary"]


def test_copies_validate_resolve_and_link(tmp_path: Path) -> None:
    real = synth.read_real()
    synth.write_source(tmp_path / "source_data", 3, real)
    model = load_model(tmp_path / "source_data", tmp_path)
    counts = synth.counts(real)
    assert len(model.terms) == 3 * counts["glossary"]
    assert len(model.dimensions) == 3 * counts["dimensions"]
    assert len(model.teams) == counts["teams"]
    # A copy's text mentions the copy's own terms.
    index = Index(model)
    copy_terms = {t.id for t in model.terms if t.id.endswith("-c2")}
    linked = {
        term_id
        for dim in model.dimensions
        if dim.id.endswith("-c2")
        for term_id in (m[2] for m in index.matcher.find(dim.explanation))
    }
    assert linked and linked <= copy_terms


def test_dump_reads_back_as_the_same_data() -> None:
    data = {"terms": [{"id": "x", "name": 'A "quoted"\u2028name: é', "aliases": [], "n": True}]}
    text = synth.dump("glossary", data)
    assert yaml.safe_load(text) == data
