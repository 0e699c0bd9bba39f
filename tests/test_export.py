"""The machine-readable export: deterministic, valid against its published schema, complete."""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from generator import build, export, provenance
from generator.model import Model
from generator.validate import load_model
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def model() -> Model:
    return load_model(ROOT / "source_data", ROOT)


@pytest.fixture(scope="module")
def document(model: Model) -> dict[str, Any]:
    return json.loads(export.export(model))


def test_deterministic(model: Model) -> None:
    again = load_model(ROOT / "source_data", ROOT)
    text = export.export(model)
    assert text == export.export(again) == export.export(model)
    assert text.endswith("\n")
    assert text == json.dumps(json.loads(text), indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    assert export.export_schema() == export.export_schema()


def test_valid_against_its_schema(document: dict[str, Any]) -> None:
    schema = json.loads(export.export_schema())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(document)
    assert document["$schema"] == "handbook.schema.json"
    assert document["format_version"] == export.FORMAT_VERSION


def test_schema_rejects_a_changed_shape(document: dict[str, Any]) -> None:
    validator = jsonschema.Draft202012Validator(json.loads(export.export_schema()))
    broken = json.loads(json.dumps(document))
    broken["entities"]["term"][0]["cites"] = ["indeed"]  # citations are objects
    assert not validator.is_valid(broken)
    broken = json.loads(json.dumps(document))
    del broken["entities"]["dimension"][0]["sales"]  # every field is present
    assert not validator.is_valid(broken)


def test_round_trip_matches_the_model(model: Model, document: dict[str, Any]) -> None:
    entities = document["entities"]
    by_kind: dict[str, list[Any]] = {}
    for entity in model.entities():
        by_kind.setdefault(entity.kind, []).append(entity)
    assert set(entities) == {cls.kind for cls in export.KINDS}
    assert {k: len(v) for k, v in entities.items()} == {
        k: len(by_kind.get(k, [])) for k in entities
    }
    assert sum(len(v) for v in entities.values()) == len(model.entities())
    for kind, items in by_kind.items():
        assert [e["id"] for e in entities[kind]] == [e.id for e in items]  # YAML order
        for exported, entity in zip(entities[kind], items, strict=True):
            names = {f.name for f in fields(entity)}
            assert set(exported) == names | {"page", "claims"}
            anchors = [c["anchor"] for c in exported["claims"]]
            assert anchors == [c.anchor for c in provenance.claims_of(entity)]
            assert exported["origin"] == {"file": entity.origin.path, "line": entity.origin.line}
            assert exported["name"] == entity.name
            for cite, original in zip(
                exported.get("cites", []), getattr(entity, "cites", ()), strict=True
            ):
                assert cite == {"source": original.source, "section": original.section}


def test_generator_writes_it(project: Path, model: Model) -> None:
    build(project)
    data = project / "docs" / "data"
    assert json.loads((data / "handbook.json").read_text(encoding="utf-8"))["entities"]
    assert (data / "handbook.schema.json").read_text(encoding="utf-8") == export.export_schema()
    again = build(project)
    assert not [f for f in again.written if f.startswith("data/")]  # unchanged: not rewritten


def test_published_with_the_site(built_site: Path, model: Model) -> None:
    published = built_site / "data" / "handbook.json"
    assert published.read_text(encoding="utf-8") == export.export(model)
    assert (built_site / "data" / "handbook.schema.json").is_file()
    for items in json.loads(published.read_text(encoding="utf-8"))["entities"].values():
        for entity in items:
            page = entity["page"].split("#")[0]
            assert (built_site / page / "index.html").is_file(), entity["page"]
