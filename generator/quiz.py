"""The "Test yourself" page's questions, generated from the model.

Four kinds of question, each answered by the model itself: which side a matrix cell describes,
a glossary term and its definition, the order of the funnel and the sales process, and who owns a
step. Every question names the entry whose page explains the answer and the citations behind it.
The pool is a pure function of the model; the page's script picks :data:`SHOWN` of them with a
seed (``docs/assets/js/quiz.js``).
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from . import markup
from .model import Citation, Entity, Lead, Model, Role, Stage, Term

SHOWN = 30
"""How many questions a reader gets at a time (the pool is larger)."""

KINDS = ("side", "glossary", "order", "owner")
"""Question kinds, in the order the script deals them out (each kind gets its share)."""

BLANK = "▁▁▁"
"""Stands for a side's name in a matrix cell, which would otherwise give the answer away."""

_SIDE_WORDS = re.compile(
    r"\b(?:sales|marketing|salespeople|salesperson|salespersons|marketers?)\b", re.IGNORECASE
)
_SIDES = ("Sales", "Marketing")
_FLOWS = {
    "funnel": ("the marketing funnel", "stage"),
    "sales-process": ("the sales process", "step"),
}


@dataclass(frozen=True, slots=True)
class Question:
    """One question: plain texts (no markup), the choices and which one is right."""

    id: str
    """Unique on the page; also the question's anchor."""
    kind: str
    """One of :data:`KINDS`."""
    prompt: str
    quote: str
    """The text the question is about (a matrix cell, a definition), or empty."""
    choices: tuple[str, ...]
    answer: int
    """Index of the right choice."""
    about: Entity
    """The entry whose page explains the answer."""
    cites: tuple[Citation, ...]

    @property
    def right(self) -> str:
        return self.choices[self.answer]


def questions(model: Model) -> list[Question]:
    """The whole pool, in a stable order: every kind of :data:`KINDS` in turn."""
    return [*_sides(model), *_glossary_pool(model), *_order(model), *_owners(model)]


_last_glossary: list[tuple[tuple[object, ...], list[Question]]] = []
"""The last glossary pool and the terms it was made from (see :func:`_glossary_pool`)."""


def _glossary_pool(model: Model) -> list[Question]:
    """The glossary questions, remembered for the same terms. Each term ranks every other term
    for its wrong answers, so the pool costs a hash per pair of terms (about 1 s of a 3 s
    regeneration at ten times the model). A preview asks again after every save, nearly always
    with the same terms; equal terms (origins included) give the same questions."""
    key = (model.terms, tuple(term.origin for term in model.terms))
    if _last_glossary and _last_glossary[0][0] == key:
        return _last_glossary[0][1]
    pool = list(_glossary(model))
    _last_glossary[:] = [(key, pool)]
    return pool


def _rank(*parts: str) -> str:
    """A stable pseudo-random sort key: the same model always gives the same page."""
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _ask(
    ident: str,
    kind: str,
    prompt: str,
    right: str,
    wrong: Sequence[str],
    about: Entity,
    cites: tuple[Citation, ...],
    quote: str = "",
    *,
    keep_order: bool = False,
) -> Question:
    """A question whose right answer sits among the wrong ones at a stable place."""
    choices = [right, *wrong]
    if keep_order:  # the two sides or the two teams: always in the same order
        choices.sort(key=lambda c: _SIDES.index(c) if c in _SIDES else len(_SIDES))
    else:
        choices.sort(key=lambda c: _rank(ident, c))
    return Question(ident, kind, prompt, quote, tuple(choices), choices.index(right), about, cites)


def _sides(model: Model) -> Iterator[Question]:
    for dim in model.dimensions:
        sides = ((dim.sales, dim.sales_cites), (dim.marketing, dim.marketing_cites))
        for side, (text, cites) in zip(_SIDES, sides, strict=True):
            quote = _SIDE_WORDS.sub(BLANK, markup.plain(text))
            yield _ask(
                f"q-side-{dim.id}-{side.lower()}",
                "side",
                "Which side does this describe?",
                side,
                [s for s in _SIDES if s != side],
                dim,
                cites or dim.cites,  # each side's own sources, as its badges show them
                quote,
                keep_order=True,
            )


def _glossary(model: Model) -> Iterator[Question]:
    """One question per term, in one of two directions: the choice is stable per term. A
    definition that names its own term is only ever shown as an answer."""
    terms = model.terms
    if len(terms) < 3:  # a question needs at least two wrong answers
        return
    for term in terms:
        others = sorted((t for t in terms if t.id != term.id), key=lambda t: _rank(term.id, t.id))
        wrong = others[:3]
        definition = markup.plain(term.definition)
        if _rank("direction", term.id) < "8" or _names_itself(term, definition):
            yield _ask(
                f"q-define-{term.id}",
                "glossary",
                f"What does “{term.name}” mean?",
                definition,
                [markup.plain(t.definition) for t in wrong],
                term,
                term.cites,
            )
        else:
            yield _ask(
                f"q-term-{term.id}",
                "glossary",
                "Which term does this define?",
                term.name,
                [t.name for t in wrong],
                term,
                term.cites,
                definition,
            )


def _names_itself(term: Term, definition: str) -> bool:
    folded = definition.casefold()
    return any(form.casefold() in folded for form in (term.name, *term.aliases) if form)


def _order(model: Model) -> Iterator[Question]:
    for flow, (label, unit) in _FLOWS.items():
        stages = [s for s in model.stages if s.flow == flow]
        if len(stages) < 3:
            continue
        names = [s.name for s in stages]
        first = stages[0]
        yield _ask(
            f"q-first-{flow}",
            "order",
            f"Which {unit} starts {label}?",
            first.name,
            _pick(names[1:], first.id),
            first,
            first.cites,
        )
        for before, after in itertools.pairwise(stages):
            others = [n for n in names if n not in (before.name, after.name)]
            yield _ask(
                f"q-next-{before.id}",
                "order",
                f"In {label}, which {unit} comes right after “{before.name}”?",
                after.name,
                _pick(others, before.id),
                after,
                after.cites,
            )
            yield _ask(
                f"q-before-{after.id}",
                "order",
                f"In {label}, which {unit} comes right before “{after.name}”?",
                before.name,
                _pick(others, after.id),
                before,
                before.cites,
            )
    handoff = [s for s in model.stages if s.handoff]
    funnel = [s.name for s in model.stages if s.flow == "funnel"]
    if len(handoff) == 1 and len(funnel) >= 3:
        stage = handoff[0]
        yield _ask(
            "q-handoff",
            "order",
            "At which stage does marketing hand the lead over to sales?",
            stage.name,
            _pick([n for n in funnel if n != stage.name], stage.id),
            stage,
            stage.cites,
        )


def _pick(names: Sequence[str], seed: str, count: int = 3) -> list[str]:
    return sorted(names, key=lambda n: _rank(seed, n))[:count]


def _owners(model: Model) -> Iterator[Question]:
    teams = {t.id: t.name for t in model.teams}
    team_names = [teams[i] for i in ("sales", "marketing") if i in teams]

    def which_team(ident: str, prompt: str, team: str, entity: Stage | Lead) -> Iterator[Question]:
        """Sales or marketing, in that order, when the model has both teams."""
        if team in teams and len(team_names) == 2:
            wrong = [n for n in team_names if n != teams[team]]
            yield _ask(
                ident, "owner", prompt, teams[team], wrong, entity, entity.cites, keep_order=True
            )

    for stage in model.stages:
        _, unit = _FLOWS.get(stage.flow, ("", "stage"))
        prompt = f"Who owns this {unit}: “{stage.name}”?"
        yield from which_team(f"q-team-{stage.id}", prompt, stage.owner, stage)
    for stage in model.stages:
        for role in model.roles:
            if stage.id in role.stages:
                yield from _role_question(stage, role, model.roles)
    for lead in model.leads:
        prompt = f"Which team handles a lead of this type: “{lead.name}”?"
        yield from which_team(f"q-lead-{lead.id}", prompt, lead.handled_by, lead)
    names = {d.id: d.name for d in model.definitions}
    for role in model.roles:
        if role.owns:
            wrong = [r.name for r in model.roles if not r.owns or r.owns != role.owns]
            yield _ask(
                f"q-owns-{role.id}",
                "owner",
                f"Who owns this strategy: “{names.get(role.owns, role.owns)}”?",
                role.name,
                _pick(wrong, role.id),
                role,
                role.cites,
            )


def _role_question(stage: Stage, role: Role, roles: Sequence[Role]) -> Iterator[Question]:
    """Which role works on a step: the wrong choices are roles of the other team that list no
    step of this one's, so exactly one choice is right."""
    wrong = [r.name for r in roles if r.team != role.team and stage.id not in r.stages]
    if len(wrong) < 2:
        return
    _, unit = _FLOWS.get(stage.flow, ("", "stage"))
    yield _ask(
        f"q-role-{stage.id}-{role.id}",
        "owner",
        f"Which of these roles works on the “{stage.name}” {unit}?",
        role.name,
        _pick(wrong, f"{stage.id}/{role.id}"),
        role,
        role.cites,
    )
