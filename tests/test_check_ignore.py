"""A glossary term's ``ignore`` phrases: each names a phrasing of the term that is not its sense."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_validate import problems, write_model


def test_phrases_that_contain_the_term_are_valid(tmp_path: Path) -> None:
    root = write_model(
        tmp_path,
        "glossary",
        "    aliases: [prospect]\n",
        "    aliases: [prospect]\n    ignore: [who leads, lead the way, Prospects them]\n",
    )
    assert problems(root) == []


@pytest.mark.parametrize(
    ("phrase", "message"),
    [
        (
            "ledas the way",
            "source_data/glossary.yaml:7:14: term 'lead': ignore 'ledas the way' does not contain "
            "the term (its name, an alias or a plural), so it ignores nothing; write the phrasing "
            "as it appears in the text, e.g. 'who leads' for the verb",
        ),
        (
            "Leads",
            "source_data/glossary.yaml:7:14: term 'lead': ignore 'Leads' is the term itself, so "
            "the term would never be linked; add the word before or after it that gives it "
            "another sense, e.g. 'who leads' rather than 'leads'",
        ),
    ],
    ids=["no-form", "only-the-form"],
)
def test_a_phrase_that_cannot_work_is_named(tmp_path: Path, phrase: str, message: str) -> None:
    root = write_model(
        tmp_path,
        "glossary",
        "    aliases: [prospect]\n",
        f"    aliases: [prospect]\n    ignore: [{phrase}]\n",
    )
    assert problems(root) == [message]


def test_a_case_sensitive_term_ignores_only_its_exact_case(tmp_path: Path) -> None:
    root = write_model(
        tmp_path,
        "glossary",
        "    case_sensitive: true\n",
        "    case_sensitive: true\n    ignore: [crm tools]\n",
    )
    assert problems(root) == [
        "source_data/glossary.yaml:15:14: term 'crm': ignore 'crm tools' does not contain the "
        "term (its name, an alias or a plural), so it ignores nothing; write the phrasing as it "
        "appears in the text, e.g. 'who leads' for the verb"
    ]
