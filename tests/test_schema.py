"""Editor support: the committed JSON Schemas are current, every YAML file points at its schema,
and the schema an editor applies agrees with the generator on valid and invalid data."""

from __future__ import annotations

import copy
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from generator.schema import BY_STEM, FILES, schema_text
from generator.validate import load_model
from tests.conftest import ROOT
from tests.test_validate import problems

SCHEMAS = ROOT / "generator" / "schemas"
SOURCE = ROOT / "source_data"


def modeline(stem: str) -> str:
    return f"# yaml-language-server: $schema=../generator/schemas/{stem}.schema.json"


def editor_errors(stem: str, data: Any) -> list[str]:
    """What an editor reports: the committed schema applied to plain ``yaml.safe_load`` data."""
    schema = json.loads((SCHEMAS / f"{stem}.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    return [error.message for error in validator.iter_errors(data)]


def generator_problems(tmp: Path, stem: str, data: Any) -> list[str]:
    """What the generator reports for source_data/ with ``stem``'s file replaced by ``data``."""
    root = tmp / "project"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(SOURCE, root / "source_data")
    text = modeline(stem) + "\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    (root / "source_data" / f"{stem}.yaml").write_text(text, encoding="utf-8")
    return problems(root)


def real(stem: str) -> Any:
    return yaml.safe_load((SOURCE / f"{stem}.yaml").read_text(encoding="utf-8"))


# --- the committed files ---------------------------------------------------------------------


@pytest.mark.parametrize("kind", FILES, ids=lambda k: k.stem)
def test_committed_schema_is_current(kind: Any) -> None:
    committed = (SCHEMAS / f"{kind.stem}.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(kind), (
        f"generator/schemas/{kind.stem}.schema.json is stale: run `python -m generator schemas`"
    )


def test_no_stray_schema_files() -> None:
    assert {p.name for p in SCHEMAS.glob("*.json")} == {f"{k.stem}.schema.json" for k in FILES}


def test_every_yaml_file_points_at_its_schema() -> None:
    files = sorted(SOURCE.glob("*.yaml"))
    assert {f.stem for f in files} == set(BY_STEM)
    for file in files:
        first = file.read_text(encoding="utf-8").split("\n", 1)[0]
        assert first == modeline(file.stem), f"{file.name}: first line is {first!r}"
        target = (file.parent / first.split("$schema=", 1)[1]).resolve()
        assert target.is_file(), f"{file.name}: {target} does not exist"


# --- the schema and the generator agree -------------------------------------------------------


@pytest.mark.parametrize("stem", sorted(BY_STEM))
def test_real_data_is_valid_for_both(stem: str, tmp_path: Path) -> None:
    data = real(stem)
    assert editor_errors(stem, data) == []
    # Written back through yaml.safe_dump, the same data still passes the generator.
    assert generator_problems(tmp_path, stem, data) == []


def test_generator_accepts_the_real_project() -> None:
    assert load_model(SOURCE, ROOT).entities()


def _first(data: Any, key: str, has: str | None = None) -> dict[str, Any]:
    return next(e for e in data[key] if has is None or e.get(has))


def _set(key: str, field: str, value: Any, has: str | None = None) -> Callable[[Any], None]:
    def mutate(data: Any) -> None:
        _first(data, key, has)[field] = value

    return mutate


def _drop(key: str, field: str) -> Callable[[Any], None]:
    def mutate(data: Any) -> None:
        del _first(data, key)[field]

    return mutate


def _one_view(data: Any) -> None:
    entry = _first(data, "debates")
    entry["views"] = entry["views"][:1]


def _bad_example_side(data: Any) -> None:
    _first(data, "dimensions", "examples")["examples"][0]["side"] = "neither"


def _duplicate_see_also(data: Any) -> None:
    entry = _first(data, "terms", "see_also")
    entry["see_also"] = [entry["see_also"][0], entry["see_also"][0]]


def _rename_top(data: Any) -> None:
    data["entries"] = data.pop("terms")


def _top_not_list(data: Any) -> None:
    data["terms"] = {"id": "lead"}


INVALID: dict[str, tuple[str, Callable[[Any], None]]] = {
    "missing required field": ("glossary", _drop("terms", "definition")),
    "unknown field": ("glossary", _set("terms", "colour", "blue")),
    "wrong type": ("dimensions", _set("dimensions", "theme", 42)),
    "not in enum": ("roles", _set("roles", "team", "finance")),
    "bad id": ("sources", _set("sources", "id", "Bad Id")),
    "bad date": ("sources", _set("sources", "date", "04/12/2022")),
    "empty text": ("teams", _set("teams", "name", "")),
    "no citations": ("teams", _set("teams", "cites", [])),
    "citation with unknown key": (
        "definitions",
        _set("definitions", "cites", [{"source": "indeed", "page": 3}]),
    ),
    "one view only": ("debates", _one_view),
    "boolean as text": ("stages", _set("stages", "handoff", "yes please")),
    "example side not in enum": ("dimensions", _bad_example_side),
    "duplicate in id list": ("glossary", _duplicate_see_also),
    "wrong top-level key": ("glossary", _rename_top),
    "top-level not a list": ("glossary", _top_not_list),
}


@pytest.mark.parametrize("case", sorted(INVALID))
def test_invalid_sample_is_rejected_by_both(case: str, tmp_path: Path) -> None:
    stem, mutate = INVALID[case]
    data = copy.deepcopy(real(stem))
    mutate(data)
    assert editor_errors(stem, data), f"{case}: the schema accepts it"
    reported = generator_problems(tmp_path, stem, data)
    assert reported, f"{case}: the generator accepts it"
    assert any(p.startswith(f"source_data/{stem}.yaml:") for p in reported), reported
