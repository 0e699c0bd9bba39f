"""The self-check's question pool, generated from the real model: every answer is right by the
model, exactly one choice is right, and nothing in a question gives its answer away."""

from __future__ import annotations

import dataclasses
import functools
import re
from pathlib import Path

from generator import markup, quiz
from generator.model import Model
from generator.validate import load_model

ROOT = Path(__file__).resolve().parents[1]


@functools.cache
def _model() -> Model:
    return load_model(ROOT / "source_data", ROOT)


def _pool() -> list[quiz.Question]:
    return quiz.questions(_model())


def test_the_pool_is_larger_than_a_set_and_holds_every_kind() -> None:
    pool = _pool()
    assert len(pool) >= 3 * quiz.SHOWN
    by_kind = {kind: [q for q in pool if q.kind == kind] for kind in quiz.KINDS}
    # The script deals the kinds in turn: each has enough for its share of a set.
    for kind, questions in by_kind.items():
        assert len(questions) >= quiz.SHOWN // len(quiz.KINDS) + 1, kind


def test_every_question_has_one_right_answer_among_distinct_choices() -> None:
    ids = set()
    for q in _pool():
        assert q.id not in ids and re.fullmatch(r"q-[a-z0-9-]+", q.id), q.id
        ids.add(q.id)
        assert len(q.choices) >= 2 and len(set(q.choices)) == len(q.choices), q
        assert 0 <= q.answer < len(q.choices)
        assert q.cites, f"{q.id} has no source"


def test_answers_follow_the_model() -> None:
    m = _model()
    dims = {d.id: d for d in m.dimensions}
    stages = list(m.stages)
    roles = {r.name: r for r in m.roles}
    for q in _pool():
        if q.id.startswith("q-side-"):
            side = q.right.lower()
            assert q.id == f"q-side-{q.about.id}-{side}"
            cell = markup.plain(getattr(dims[q.about.id], side))
            # The cell itself, with only the sides' names blanked out.
            pattern = r"\w+".join(re.escape(part) for part in q.quote.split(quiz.BLANK))
            assert re.fullmatch(pattern, cell), (q.quote, cell)
        elif q.id.startswith("q-next-"):
            before = next(s for s in stages if f"“{s.name}”" in q.prompt)
            assert stages[stages.index(before) + 1].name == q.right
        elif q.id.startswith("q-before-"):
            after = next(s for s in stages if f"“{s.name}”" in q.prompt)
            assert stages[stages.index(after) - 1].name == q.right
        elif q.id.startswith("q-role-"):
            stage = next(s for s in stages if f"“{s.name}”" in q.prompt)
            assert stage.id in roles[q.right].stages
            for choice in q.choices:
                if choice != q.right:  # exactly one right choice
                    assert stage.id not in roles[choice].stages, (q.id, choice)
        elif q.id.startswith("q-team-"):
            stage = next(s for s in stages if s.id == q.about.id)
            assert q.right.lower() == stage.owner


def test_a_side_never_names_itself() -> None:
    for q in _pool():
        if q.kind == "side":
            assert not re.search(r"\b(sales|marketing)\b", q.quote, re.IGNORECASE), q.quote


def test_a_definition_shown_as_the_question_does_not_name_its_term() -> None:
    for q in _pool():
        if q.id.startswith("q-term-"):
            assert q.right.casefold() not in q.quote.casefold(), q.id


def test_the_pool_is_the_same_on_every_run() -> None:
    assert [dataclasses.astuple(q)[:6] for q in _pool()] == [
        dataclasses.astuple(q)[:6] for q in quiz.questions(_model())
    ]


def test_a_tiny_model_asks_no_question_with_a_single_choice() -> None:
    m = _model()
    tiny = dataclasses.replace(m, terms=m.terms[:2], stages=m.stages[:2])
    for q in quiz.questions(tiny):
        assert len(q.choices) >= 2, q.id
    assert not [q for q in quiz.questions(tiny) if q.kind == "glossary"]
