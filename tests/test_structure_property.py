"""Text is data (issue 15): no value typed into a field can add or split a table row, a heading
or a list item. Random text goes into the one-line fields that land in tables, headings and
lists; the model is either refused with clean messages, or every page has exactly the structure
it has with a plain value. Below validation, the escaping alone keeps a row, a heading and an
item whole, whatever the text (line breaks included)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from generator import escape
from generator.errors import SourceError
from generator.render import render
from generator.validate import load_model

from .test_escape import Html, to_html
from .test_properties import TEXT, assert_clean, scalar
from .test_validate import write_model

STRUCTURE = ("table", "tr", "th", "td", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li")
FIELDS = [
    # (file, the line as written in MODEL, its field): each lands in a table, heading or list.
    ("dimensions", "name: Closing vs. preparing", "name"),
    ("roles", "name: Marketing manager", "name"),
    ("debates", "position: It does not", "position"),
    ("debates", "question: Does marketing sell?", "question"),
    ("roles", "{text: Close the sale,", "{text:"),  # a duty, in a flow mapping
    ("stages", "name: Prospecting", "name"),
]
LINE_BREAKS = st.sampled_from(["\n", "\r", "\r\n", "\u2028", "\u2029", "\n\n", "\n| a | b |\n"])
ONE_LINE_TEXT = TEXT | st.tuples(TEXT, LINE_BREAKS, TEXT).map("".join)
GLOSSARY = re.compile(r"lead|prospect|crm|customer relationship", re.IGNORECASE)
"""The test model's glossary forms: a mention adds a list of terms to a page, rightly."""
SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def structure(root: Path) -> Counter[tuple[str, str]]:
    """How many of each structural element every page has: (page, tag) -> count."""
    model = load_model(root / "source_data", root)
    counts: Counter[tuple[str, str]] = Counter()
    for page in render(model):
        body = page.text.split("\n---\n", 1)[-1]  # the front matter is MkDocs' own
        html = Html(to_html(body))
        for tag in STRUCTURE:
            counts[(page.path, tag)] = len(html.texts(tag))
    return counts


def _field(field: str, value: str) -> str:
    if field.startswith("{"):  # inside a flow mapping: keep the comma that follows
        return f"{field} {value},"
    return f"{field} {value}" if field.endswith("-") else f"{field}: {value}"


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Counter[tuple[str, str]]]:
    """The structure with a plain value ('Plain value') in each field."""
    out = {}
    for index, (stem, line, field) in enumerate(FIELDS):
        root = tmp_path_factory.mktemp(f"plain{index}")
        write_model(root, stem, line, _field(field, "Plain value"))
        out[index] = structure(root)
    return out


@SETTINGS
@given(index=st.integers(0, len(FIELDS) - 1), value=ONE_LINE_TEXT)
def test_no_field_changes_the_structure_of_a_page(
    tmp_path_factory: pytest.TempPathFactory,
    baseline: dict[int, Counter[tuple[str, str]]],
    index: int,
    value: str,
) -> None:
    assume(not GLOSSARY.search(value))
    stem, line, field = FIELDS[index]
    root = tmp_path_factory.mktemp("random")
    write_model(root, stem, line, _field(field, scalar(value)))
    try:
        found = structure(root)
    except SourceError as exc:
        assert_clean(exc.problems)
        event("refused")
        return
    event("valid")
    assert found == baseline[index]


@given(value=st.text(max_size=60) | ONE_LINE_TEXT)
@settings(max_examples=300, deadline=None)
def test_escaped_text_stays_in_its_row_heading_and_item(value: str) -> None:
    cell = escape.block_start(escape.text(value))
    table = Html(to_html(f"| a | b |\n| --- | --- |\n| x | {cell} |\n| y | z |\n"))
    assert len(table.texts("tr")) == 3 and len(table.texts("td")) == 4
    heading = Html(to_html(f"## {escape.text(value)}\n\nAfter.\n"))
    assert len(heading.texts("h2")) == 1 and heading.texts("p") == ["After."]
    items = Html(to_html(f"- {cell}\n- last\n"))
    assert len(items.texts("li")) == 2 and len(items.texts("ul")) == 1
