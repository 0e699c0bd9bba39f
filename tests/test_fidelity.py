"""Fidelity of the real handbook to its five articles, read claim by claim.

Every claim (a side of a comparison, an example, a definition, a view, a duty, an entry's text)
must cite at least one article, by a section that is one of that article's own headings as listed
in source_data/sources.yaml, and must not name an article it does not cite ("ExpandCart says ..."
cited only to Indeed). The seed articles themselves are never read here: tools/check_sections.py
checks the outlines against them.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from generator import badges, paths, provenance
from generator.model import Citation, Model
from generator.render import render
from generator.validate import load_model

ROOT = Path(__file__).resolve().parent.parent
NAMES = {
    "expandcart": ("ExpandCart",),
    "onetalk": ("OneTalk", "TapTalk"),
    "gopalsamy": ("Gopalsamy", "Thamizharasu"),
    "indeed": ("Indeed",),
    "smartcompany": ("SmartCompany",),
}
"""How the handbook's text names each article."""


@cache
def model() -> Model:
    return load_model(ROOT / "source_data", ROOT)


def _claims() -> list[provenance.ClaimRef]:
    return provenance.all_claims(model())


def test_every_source_can_be_checked() -> None:
    for source in model().sources:
        assert source.url.startswith("https://"), source.id
        assert source.genre in badges.KIND_NAMES, source.id
        assert source.short and source.about and source.outline, source.id
    assert {s.id for s in model().sources} == set(NAMES)


def test_every_claim_cites_an_article() -> None:
    uncited = [f"{c.entity.kind} '{c.entity.id}' {c.place}" for c in _claims() if not c.cites]
    assert uncited == []
    kinds = {c.entity.kind for c in _claims()}
    assert {"dimension", "definition", "role", "stage", "term", "debate", "team"} <= kinds


def test_every_section_is_a_heading_of_its_article() -> None:
    outlines = {s.id: {sec.label for sec in s.outline} for s in model().sources}
    wrong = [
        f"{c.anchor}: {cite.source} / {cite.section!r}"
        for c in _claims()
        for cite in c.cites
        if cite.section not in outlines[cite.source]
    ]
    assert wrong == []


def misnamed(claims: list[provenance.ClaimRef]) -> list[str]:
    """Claims whose text names an article they do not cite."""
    wrong = []
    for claim in claims:
        for source, names in NAMES.items():
            named = any(re.search(rf"\b{name}\b", claim.text) for name in names)
            if named and source not in claim.sources:
                wrong.append(f"{claim.anchor} names {source} but cites {claim.sources}")
    return wrong


def test_no_claim_names_an_article_it_does_not_cite() -> None:
    assert misnamed(_claims()) == []


def test_the_contradiction_check_can_fail() -> None:
    """'ExpandCart says ...' cited only to Indeed is caught; the adverb 'indeed' is not a name."""
    entity = model().dimensions[0]
    bad = provenance.ClaimRef(
        "x-sales", entity, "sales side", "ExpandCart says so, indeed.", (Citation("indeed", "x"),)
    )
    good = provenance.ClaimRef(
        "x-sales", entity, "sales side", "It is so, indeed.", (Citation("expandcart", "x"),)
    )
    assert misnamed([bad]) == ["x-sales names expandcart but cites ('indeed',)"]
    assert misnamed([good]) == []


def test_claim_anchors_are_unique_on_their_page() -> None:
    seen: dict[tuple[str, str], str] = {}
    for claim in _claims():
        page = paths.page_of(claim.entity)
        key = (page, claim.anchor)
        assert key not in seen, f"{claim.anchor} twice on {page}"
        seen[key] = claim.place


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return {page.path: page.text for page in render(model())}


def test_badges_show_next_to_every_claim(pages: dict[str, str]) -> None:
    m = model()
    assert pages["compare/index.md"].count('<span class="cites"') == 2 * len(m.dimensions)
    assert pages["glossary/index.md"].count('<span class="cites"') >= len(m.terms)
    dim = m.dimensions[0]
    page = pages[f"dimensions/{dim.id}.md"]
    assert f'id="{dim.id}-sales"' in page and f'id="{dim.id}-marketing"' in page
    for role in m.roles:
        text = pages[f"teams/{role.id}.md"]
        for n in range(1, len(role.responsibilities) + 1):
            assert f'id="{role.id}-duty-{n}"' in text


def test_single_source_and_disputed_claims_say_so(pages: dict[str, str]) -> None:
    page = pages["dimensions/dealing-with-rejection.md"]
    assert "[ExpandCart alone]" in page
    matrix = pages["compare/index.md"]
    row = next(
        line for line in matrix.splitlines() if "dimensions/end-vs-start-of-chain.md" in line
    )
    assert "[Indeed alone]" in row and "[disputed](../debates/index.md#" in row


def test_sources_page_is_a_concordance(pages: dict[str, str]) -> None:
    text = pages["sources/index.md"]
    for source in model().sources:
        assert f"]({source.url})" in text
        for section in source.outline:
            assert f'<span id="{provenance.section_anchor(source.id, section.label)}">' in text
    assert "TapTalk.io" in text and "OneTalk" in text
