"""Per-claim provenance: citations name a heading of their article, every claim is cited, the
claims a debate disputes exist, and the badges a reader sees say who says what."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import provenance
from generator.validate import load_model
from tests.test_validate import problems, write_model

OUTLINE = """\
    outline:
      - Methods
      - {section: Opening, opens: "The first words"}
"""


def _with_outline(root: Path) -> None:
    """Give source 'beta' an outline (its citations must then name one of its sections)."""
    path = root / "source_data" / "sources.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("    summary: Lists the roles", OUTLINE + "    summary: Lists the roles")
    )


@pytest.mark.parametrize(
    ("stem", "old", "new", "expected"),
    [
        pytest.param(
            "dimensions",
            'section: "Methods"',
            'section: "Methds"',
            "source_data/dimensions.yaml:28:33: dimension 'methods': cites: section 'Methds' is "
            "not a heading of 'beta' (did you mean 'Methods'?); use a heading from its outline: "
            "in source_data/sources.yaml, or add the heading there if the article really has it",
            id="section-not-in-outline",
        ),
        pytest.param(
            "dimensions",
            "    sales_cites: [beta]\n",
            "    sales_cites: [beta]\n",
            "source_data/dimensions.yaml:29:19: dimension 'methods': sales_cites: cite 'beta' with "
            "the section the claim comes from, as {source: beta, section: <heading>}; its "
            "sections are listed under outline: in source_data/sources.yaml",
            id="source-with-outline-needs-a-section",
        ),
    ],
)
def test_citation_sections(tmp_path: Path, stem: str, old: str, new: str, expected: str) -> None:
    write_model(tmp_path, stem, old, new)
    _with_outline(tmp_path)
    assert expected in problems(tmp_path)


def test_a_side_without_citations_is_named(tmp_path: Path) -> None:
    write_model(tmp_path, "dimensions", "    sales_cites: [beta]\n", "")
    assert problems(tmp_path) == [
        "source_data/dimensions.yaml:20:5: dimension 'methods': missing required field "
        "'sales_cites'"
    ]


def test_a_duty_without_citations_is_named(tmp_path: Path) -> None:
    write_model(
        tmp_path, "roles", "{text: Close the sale, cites: [beta]}", "{text: Close the sale}"
    )
    assert problems(tmp_path) == [
        "source_data/roles.yaml:9:9: role 'sales-representative': responsibilities: missing "
        "required field 'cites'"
    ]


def test_a_disputed_claim_must_exist(tmp_path: Path) -> None:
    write_model(tmp_path, "debates", "    dimensions: [goals]\n", "    claims: [goals-sale]\n")
    assert problems(tmp_path) == [
        "source_data/debates.yaml:6:14: debate 'who-sells': claims: no claim has the anchor "
        "'goals-sale' (did you mean 'goals-sales'?); a claim's anchor is its entry's id plus its "
        "place: <dimension>-sales, <dimension>-marketing, <id>-ex-<n>, <id>-view-<n>, "
        "<role>-duty-<n>, or the entry's id for its own text"
    ]


def test_claims_have_stable_anchors_and_know_their_sources(tmp_path: Path) -> None:
    write_model(tmp_path, "debates", "    dimensions: [goals]\n", "    claims: [goals-sales]\n")
    model = load_model(tmp_path / "source_data", tmp_path)
    claims = {c.anchor: c for c in provenance.all_claims(model)}
    assert {"goals-sales", "goals-marketing", "goals-ex-1", "sales-representative-duty-2"} <= set(
        claims
    )
    assert claims["goals-sales"].place == "sales side"
    assert claims["methods-marketing"].sources == ("beta",)
    assert [d.id for d in provenance.disputes(model)["goals-sales"]] == ["who-sells"]


def test_anchors_do_not_depend_on_wording(tmp_path: Path) -> None:
    write_model(tmp_path, "dimensions", "Close the deal with one buyer.", "Close it, one buyer.")
    model = load_model(tmp_path / "source_data", tmp_path)
    anchors = [c.anchor for c in provenance.all_claims(model) if c.entity.id == "goals"]
    assert anchors[:2] == ["goals-sales", "goals-marketing"]
