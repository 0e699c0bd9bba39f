"""Golden tests: the Markdown of every page kind, rendered from tests/fixtures/small/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import build, paths
from generator.render import render
from generator.validate import load_model
from tests.conftest import ROOT

HERE = Path(__file__).parent
FIXTURE = HERE / "fixtures" / "small"
GOLDEN = HERE / "golden" / "small"


def _generate(tmp_path: Path) -> dict[str, str]:
    root = tmp_path / "small"
    shutil.copytree(FIXTURE, root)
    build(root, root / "docs")
    docs = root / "docs"
    return {
        p.relative_to(docs).as_posix(): p.read_text("utf-8") for p in sorted(docs.rglob("*.md"))
    }


def test_pages_match_golden_files(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    pages = _generate(tmp_path)
    if request.config.getoption("--update-golden"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for rel, text in pages.items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_text(text, "utf-8")
    expected = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.md")}
    assert set(pages) == expected, "run `pytest --update-golden` after an intended change"
    for rel, text in pages.items():
        assert text == (GOLDEN / rel).read_text("utf-8"), f"{rel} differs from tests/golden/small/"


def test_every_page_kind_is_covered() -> None:
    kinds = {p.parent.name for p in GOLDEN.rglob("*.md")}
    assert {"compare", "dimensions", "teams", "journey", "glossary", "sources"} <= kinds
    assert len(list(GOLDEN.rglob("*.md"))) >= 17


def test_rendering_twice_gives_identical_output() -> None:
    model = load_model(FIXTURE / "source_data", FIXTURE)
    first = [(p.path, p.text) for p in render(model)]
    second = [(p.path, p.text) for p in render(model)]
    assert first == second


def test_front_matter_names_the_yaml_entry() -> None:
    text = (GOLDEN / "dimensions" / "asking-vs-telling.md").read_text("utf-8")
    assert 'source_file: "source_data/dimensions.yaml"' in text
    assert "source_line: 3" in text


def test_dimension_page_has_both_sides_roles_stages_terms_and_sources() -> None:
    text = (GOLDEN / "dimensions" / "asking-vs-telling.md").read_text("utf-8")
    assert '=== "' not in text  # no tabs: both sides at once
    sales = text.index('<section class="hb-side hb-side--sales" markdown>')
    marketing = text.index('<section class="hb-side hb-side--marketing" markdown>')
    assert sales < text.index("## Sales {#sales}") < marketing
    assert marketing < text.index("## Marketing {#marketing}") < text.index("## Explanation")
    assert "[Sales representative](../teams/rep.md)" in text
    assert "[Awareness](../journey/index.md#awareness)" in text
    assert "**Terms:**" in text and "../glossary/index.md#qualified-lead-term" in text
    # each side carries its own source badges, the section in the title, and its own anchor
    badge = (
        '[Alpha](../sources/index.md#alpha-no-1){ .cite title="Alpha, section: No. 1" '
        'data-popover="" data-popover-label="Alpha on the Sources page" }'
    )
    assert badge in text
    assert '<span class="cites" id="asking-vs-telling-sales">[Beta Media alone]' in text
    assert "[disputed](../debates/index.md#horizon)" in text


def test_glossary_lists_who_references_each_term() -> None:
    text = (GOLDEN / "glossary" / "index.md").read_text("utf-8")
    entry = text.split("{#qualified-lead-term}")[1].split("###")[0]
    # See also, details and the pages that mention it: one compact paragraph, out of search.
    links = [line for line in entry.splitlines() if "More in: " in line]
    assert len(links) == 1, entry
    assert "More in: [Qualified lead](../leads/index.md#qualified-lead)" in links[0]
    assert "Mentioned on: " in links[0]
    assert "[Asking vs. telling](../dimensions/asking-vs-telling.md)" in links[0]
    assert "{: .hb-term-links data-search-exclude }" in entry


def test_glossary_heading_holds_every_name_a_reader_may_search_for() -> None:
    text = (GOLDEN / "glossary" / "index.md").read_text("utf-8")
    # Aliases show in the heading; plurals sit in its hidden part, for search only.
    assert "### Funnel (marketing funnel)<span hidden> · Funnels, marketing funnels</span>" in text
    # The term was renamed from 'qualified-lead' (the lead's id): its old anchor stays, first
    # in the heading.
    assert (
        '### <span id="qualified-lead"></span>Qualified lead<span hidden> · Qualified leads'
        "</span> {#qualified-lead-term}"
    ) in text


def test_glossary_terms_link_within_the_page_without_tooltips() -> None:
    text = (GOLDEN / "glossary" / "index.md").read_text("utf-8")
    assert "A [lead](#lead) ready for sales." in text
    assert "<abbr" not in text  # the definition is one heading away


def test_home_page_leads_with_the_overview_and_the_reading_path() -> None:
    text = (GOLDEN / "index.md").read_text("utf-8")
    front, body = text.split("\n---\n", 1)
    # The theme names the home page after the site; a title here would double it.
    assert "title:" not in front
    assert 'source_file: "source_data/overview.yaml"' in front
    overview = body.index("## In short {#in-short}")
    path = body.index("## The reading path {#reading-path}")
    assert overview < path
    assert "1. [Definitions](definitions/index.md)" in body
    assert "12. [Sources](sources/index.md)" in body
    assert 'href="sales-vs-marketing-handbook.zip"' in body


def test_journey_page_draws_both_flows_with_a_text_alternative() -> None:
    text = (GOLDEN / "journey" / "index.md").read_text("utf-8")
    # Each flow drawn twice, wide and narrow (the stylesheet shows one), each with its text.
    assert text.count('<svg class="hb-diagram__wide" role="img"') == 2
    assert text.count('<svg class="hb-diagram__narrow" role="img"') == 2
    assert "<desc id=" in text and "Action (handoff to sales)" in text


def test_each_debate_is_in_full_on_at_most_one_page_besides_the_debates_page() -> None:
    model = load_model(ROOT / "source_data", ROOT)
    pages = {page.path: page.text for page in render(model)}
    for debate in model.debates:
        full = [p for p, text in pages.items() if f"disagree: {debate.name}" in text]
        home = paths.location("dimension", debate.dimensions[0])[0] if debate.dimensions else ""
        assert full == ([home] if home else []), (debate.id, full)
        for other in debate.dimensions[1:]:
            text = pages[paths.location("dimension", other)[0]]
            assert "**The sources disagree on this:** see [" in text, (debate.id, other)
            assert f"../debates/index.md#{debate.id})" in text, (debate.id, other)
