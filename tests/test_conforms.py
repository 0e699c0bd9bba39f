"""The quick schema check: it passes the real files (so jsonschema is not even imported for a
valid model), refuses every invalid sample, and never passes what jsonschema would refuse."""

from __future__ import annotations

import copy
import functools
import subprocess
import sys
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.conforms import conforms
from generator.schema import BY_STEM
from generator.validate import _validator
from tests.conftest import ROOT
from tests.test_schema import INVALID, real


def jsonschema_errors(stem: str, data: Any) -> list[str]:
    """What the generator's jsonschema validator (with its whole-string patterns) reports."""
    return [error.message for error in _validator(stem).iter_errors(data)]


@pytest.mark.parametrize("stem", sorted(BY_STEM))
def test_real_files_conform(stem: str) -> None:
    assert conforms(BY_STEM[stem].json_schema(), real(stem))


def test_a_valid_model_never_imports_jsonschema() -> None:
    code = (
        "import sys, pathlib, generator; generator.check(pathlib.Path('.')); "
        "print('jsonschema' in sys.modules)"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert run.stdout.strip() == "False"


@pytest.mark.parametrize("case", sorted(INVALID))
def test_invalid_samples_do_not_conform(case: str) -> None:
    stem, mutate = INVALID[case]
    data = copy.deepcopy(real(stem))
    mutate(data)
    assert not conforms(BY_STEM[stem].json_schema(), data)


def test_an_unknown_keyword_means_ask_jsonschema() -> None:
    assert not conforms({"type": "string", "maxLength": 3}, "abcd")
    assert not conforms({"type": "string", "maxLength": 3}, "ab")  # unknown: not decided here
    assert conforms({"type": "string", "description": "annotations are fine"}, "ab")


def test_patterns_match_the_whole_text() -> None:
    slug = {"type": "string", "pattern": "^[a-z]+$"}
    assert conforms(slug, "abc")
    assert not conforms(slug, "abc\n")


@functools.cache
def _real(stem: str) -> Any:
    return real(stem)


VALUES = st.one_of(
    st.sampled_from(["indeed", "lead", "Bad Id", "", "x\n", "2022-04-12", "sales", "marketing"]),
    st.integers(-2, 2),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.lists(st.sampled_from(["indeed", "lead", "", "a b", 1, True]), max_size=3),
    st.dictionaries(
        st.sampled_from(["source", "section", "side", "text", "x"]),
        st.sampled_from(["indeed", "", "sales", 3]),
        max_size=3,
    ),
)


# No deadline: speed belongs in the benchmarks, and a busy machine must not fail a correct run.
@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stem=st.sampled_from(sorted(BY_STEM)), index=st.integers(0, 2), pick=st.data())
def test_it_never_passes_what_jsonschema_refuses(stem: str, index: int, pick: Any) -> None:
    """One field of a real entry replaced by (or nested inside) an odd value, or deleted."""
    data = copy.deepcopy(_real(stem))
    entries = data[BY_STEM[stem].key]
    if not entries:
        return
    entry = entries[index % len(entries)]
    field = pick.draw(st.sampled_from([*sorted(entry), "extra"]), label="field")
    action = pick.draw(st.sampled_from(["set", "delete", "inside"]), label="action")
    value = pick.draw(VALUES, label="value")
    if action == "delete":
        entry.pop(field, None)
    elif action == "inside" and isinstance(entry.get(field), list) and entry[field]:
        entry[field][0] = value
    elif action == "inside" and isinstance(entry.get(field), dict):
        entry[field][pick.draw(st.sampled_from(sorted(entry[field])))] = value
    else:
        entry[field] = value
    if conforms(BY_STEM[stem].json_schema(), data):
        assert jsonschema_errors(stem, data) == []
