"""Glossary matching and link resolution."""

from __future__ import annotations

from generator import paths
from generator.errors import Origin
from generator.link import Matcher, plural_forms
from generator.model import Term

ORIGIN = Origin("source_data/glossary.yaml")


def term(ident: str, name: str, **kw: object) -> Term:
    return Term(id=ident, name=name, origin=ORIGIN, definition="d", **kw)  # type: ignore[arg-type]


def found(matcher: Matcher, text: str) -> list[tuple[str, str]]:
    return [(text[s:e], t) for s, e, t in matcher.find(text)]


def test_longest_match_wins() -> None:
    m = Matcher([term("lead", "Lead"), term("qualified-lead", "Qualified lead")])
    assert found(m, "A qualified lead is a lead.") == [
        ("qualified lead", "qualified-lead"),
        ("lead", "lead"),
    ]


def test_case_insensitive_aliases_and_plurals() -> None:
    m = Matcher([term("seo", "SEO", aliases=("search engine optimization",)), term("lead", "Lead")])
    assert found(m, "Search Engine Optimization brings LEADS; seo too.") == [
        ("Search Engine Optimization", "seo"),
        ("LEADS", "lead"),
        ("seo", "seo"),
    ]


def test_whole_words_only() -> None:
    m = Matcher([term("lead", "Lead"), term("roi", "ROI")])
    assert found(m, "Leadership, misleading, heroic, lead-time, a lead.") == [("lead", "lead")]


def test_case_sensitive_terms_match_exactly() -> None:
    m = Matcher([term("it", "IT", case_sensitive=True)])
    assert found(m, "it is IT") == [("IT", "it")]


def test_ignored_phrases_are_not_mentions() -> None:
    m = Matcher([term("lead", "Lead", ignore=("lead to", "leads to"))])
    assert found(m, "Ads lead to a lead; leads to sales.") == [("lead", "lead")]


def test_irregular_and_regular_plurals() -> None:
    assert plural_forms("strategy") == ["strategies"]
    assert plural_forms("sales pitch") == ["sales pitches"]
    assert plural_forms("KPI") == ["KPIs"]
    m = Matcher([term("analysis", "Analysis", plurals=("analyses",))])
    assert found(m, "two analyses") == [("analyses", "analysis")]


def test_thousands_of_terms_in_one_automaton() -> None:
    terms = [term(f"t{i}", f"word{i} thing") for i in range(5000)]
    m = Matcher(terms)
    assert found(m, "a word4999 thing and word12 thing") == [
        ("word4999 thing", "t4999"),
        ("word12 thing", "t12"),
    ]


def test_relative_links_between_pages() -> None:
    assert paths.relative("dimensions/a.md", "glossary/index.md", "lead") == (
        "../glossary/index.md#lead"
    )
    assert paths.relative("glossary/index.md", "glossary/index.md", "lead") == "#lead"
    assert paths.relative("index.md", "teams/x.md") == "teams/x.md"
    assert paths.location("role", "cmo") == ("teams/cmo.md", "")
