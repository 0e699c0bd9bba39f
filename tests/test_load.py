"""Reading YAML: only plain YAML is accepted, and every refusal names its line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import load
from generator.errors import Origin
from generator.load import Located, LocatedList, find_in_value, load_file

NAME = "source_data/x.yaml"
_SYNTAX_HINT = (
    "; check the indentation and quoting on this line and the one above (quote text that "
    "contains ': ' or starts with a special character)"
)
_ANCHORS = "anchors and aliases (&name, *name) are not supported; write the data out in full"


def read(tmp_path: Path, raw: bytes) -> load.Loaded:
    file = tmp_path / "x.yaml"
    file.write_bytes(raw)
    return load_file(file, NAME)


def messages(loaded: load.Loaded) -> list[str]:
    return [str(problem) for problem in loaded.problems]


REFUSED = [
    pytest.param(
        b"terms:\n  - id: a\n    name: [unclosed\n",
        [
            f"{NAME}:3:20: YAML syntax error: did not find expected ',' or ']' "
            f"(while parsing a flow sequence){_SYNTAX_HINT}"
        ],
        id="syntax-unclosed-bracket",
    ),
    pytest.param(
        b"terms:\n  - id: a\n    name: Sales: the art\n",
        [
            f"{NAME}:3:16: YAML syntax error: mapping values are not allowed in this context"
            f"{_SYNTAX_HINT}"
        ],
        id="syntax-unquoted-colon",
    ),
    pytest.param(
        b"terms:\n  - id: a\n   name: b\n",
        [
            f"{NAME}:3:4: YAML syntax error: did not find expected '-' indicator (while "
            f"parsing a block collection that starts at line 2){_SYNTAX_HINT}"
        ],
        id="syntax-bad-indentation",
    ),
    pytest.param(
        b"terms:\n\t- id: a\n",
        [
            f"{NAME}:2:1: a tab character is used for indentation; YAML needs spaces "
            "(use 2 spaces per level)"
        ],
        id="tab-indentation",
    ),
    pytest.param(
        b"terms:\n  - id: a\n  \tname: b\n",
        [
            f"{NAME}:3:3: a tab character is used for indentation; YAML needs spaces "
            "(use 2 spaces per level)"
        ],
        id="tab-after-spaces",
    ),
    pytest.param(
        b"",
        [f"{NAME}:1:1: the file is empty; it should hold one top-level key with a list of entries"],
        id="empty",
    ),
    pytest.param(
        b"# only a comment\n\n",
        [f"{NAME}:1:1: the file is empty; it should hold one top-level key with a list of entries"],
        id="only-comments",
    ),
    pytest.param(
        b"terms:\n  - id: caf\xe9\n",
        [
            f"{NAME}:2:12: byte 0xe9 is not valid UTF-8; save the file as UTF-8 "
            "(your editor's encoding setting)"
        ],
        id="latin-1-byte",
    ),
    pytest.param(
        "terms:\n  - name: été\n    id: caf".encode() + b"\xff\n",
        [
            f"{NAME}:3:12: byte 0xff is not valid UTF-8; save the file as UTF-8 "
            "(your editor's encoding setting)"
        ],
        id="bad-byte-column-counts-characters",
    ),
    pytest.param(
        "terms: []\n".encode("utf-16"),
        [
            f"{NAME}:1:1: byte 0xff is not valid UTF-8; save the file as UTF-8 "
            "(your editor's encoding setting)"
        ],
        id="utf-16",
    ),
    pytest.param(
        b"terms: !!python/object/apply:os.system ['echo hi']\n",
        [
            f"{NAME}:1:8: the tag '!!python/object/apply:os.system' is not allowed; remove it "
            "and write a plain value"
        ],
        id="tag-python-object",
    ),
    pytest.param(
        b"terms:\n  - id: !!python/name:os.system\n",
        [
            f"{NAME}:2:9: the tag '!!python/name:os.system' is not allowed; remove it and "
            "write a plain value"
        ],
        id="tag-python-name",
    ),
    pytest.param(
        b"terms:\n  - id: !!str a\n    name: !!binary aGk=\n",
        [
            f"{NAME}:2:9: the tag '!!str' is not allowed; remove it and write a plain value",
            f"{NAME}:3:11: the tag '!!binary' is not allowed; remove it and write a plain value",
        ],
        id="tags-standard",
    ),
    pytest.param(
        b"terms: !custom {a: 1}\n",
        [f"{NAME}:1:8: the tag '!custom' is not allowed; remove it and write a plain value"],
        id="tag-local",
    ),
    pytest.param(
        b"terms:\n  - &first\n    id: a\n  - *first\n",
        [f"{NAME}:2:5: {_ANCHORS}", f"{NAME}:4:5: {_ANCHORS}"],
        id="anchor-and-alias",
    ),
    pytest.param(
        b"terms:\n  - id: a\n    name: &n Name\n",
        [f"{NAME}:3:11: {_ANCHORS}"],
        id="anchor-alone",
    ),
    pytest.param(
        b"terms: *nowhere\n",
        [f"{NAME}:1:8: {_ANCHORS}"],
        id="undefined-alias",
    ),
    pytest.param(
        b"a: &x [*x]\n",
        [f"{NAME}:1:4: {_ANCHORS}", f"{NAME}:1:8: {_ANCHORS}"],
        id="recursive-alias",
    ),
    pytest.param(
        b"a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n",
        [
            f"{NAME}:1:4: {_ANCHORS}",
            f"{NAME}:2:4: {_ANCHORS}",
            f"{NAME}:2:8: {_ANCHORS}",
            f"{NAME}:2:12: {_ANCHORS}",
            f"{NAME}:3:5: {_ANCHORS}",
            f"{NAME}:3:9: {_ANCHORS}",
        ],
        id="billion-laughs",
    ),
    pytest.param(
        b"terms: []\n---\nterms: []\n",
        [
            f"{NAME}:2:1: a second YAML document starts here (a '---' line); a source file holds "
            "one document: remove the line or move the rest to its file"
        ],
        id="two-documents",
    ),
    pytest.param(
        b"terms:\n  - id: a\x00b\n",
        [
            f"{NAME}:2:10: the invisible control character U+0000 is not allowed; delete it "
            "(it often comes with text pasted from another program)"
        ],
        id="nul-byte",
    ),
    pytest.param(
        b"terms:\n  - id: a\x1bb\n  - id: \x07\n",
        [
            f"{NAME}:2:10: the invisible control character U+001B is not allowed; delete it "
            "(it often comes with text pasted from another program)",
            f"{NAME}:3:9: the invisible control character U+0007 is not allowed; delete it "
            "(it often comes with text pasted from another program)",
        ],
        id="control-characters",
    ),
    pytest.param(
        b"a: " + b"[" * 40 + b"]" * 40 + b"\n",
        [
            f"{NAME}:1:35: the data is nested more than 32 levels deep here; source files need "
            "five at most"
        ],
        id="too-deep",
    ),
    pytest.param(
        b"terms:\n  - id: a\n    id: b\n",
        [
            f"{NAME}:3:5: duplicate key 'id' (first at line 2); keep one, as YAML would silently "
            "drop the other"
        ],
        id="duplicate-key",
    ),
    pytest.param(
        b"1: a\n'1': b\n",
        [
            f"{NAME}:2:1: duplicate key '1' (first at line 1); keep one, as YAML would silently "
            "drop the other"
        ],
        id="duplicate-key-number-and-text",
    ),
    pytest.param(
        b"? [a, b]\n: 1\n",
        [f"{NAME}:1:3: a key must be a plain name, not a list; write 'name: value'"],
        id="list-as-key",
    ),
]


@pytest.mark.parametrize(("raw", "expected"), REFUSED)
def test_refused_input_is_named(tmp_path: Path, raw: bytes, expected: list[str]) -> None:
    assert messages(read(tmp_path, raw)) == expected


def test_duplicate_keys_are_all_reported_and_data_kept(tmp_path: Path) -> None:
    loaded = read(tmp_path, b"terms:\n  - id: a\n    id: b\n  - id: c\n    name: x\n    name: y\n")
    assert messages(loaded) == [
        f"{NAME}:3:5: duplicate key 'id' (first at line 2); keep one, as YAML would silently "
        "drop the other",
        f"{NAME}:6:5: duplicate key 'name' (first at line 5); keep one, as YAML would silently "
        "drop the other",
    ]
    assert loaded.data == {"terms": [{"id": "a"}, {"id": "c", "name": "x"}]}


def test_oversized_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load, "MAX_FILE_BYTES", 1024)
    assert messages(read(tmp_path, b"terms: []\n" + b"#" * 1024)) == [
        f"{NAME}:1:1: the file is larger than 1 KiB, the limit for one source file; split it "
        "or remove bulk data"
    ]
    assert messages(read(tmp_path, b"terms: []\n" + b"#" * 1000)) == []


def test_the_size_limit_is_generous_for_hand_written_files() -> None:
    real = Path(__file__).resolve().parent.parent / "source_data"
    largest = max(file.stat().st_size for file in real.glob("*.yaml"))
    assert largest * 100 < load.MAX_FILE_BYTES


def test_unreadable_file(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").mkdir()
    loaded = load_file(tmp_path / "x.yaml", NAME)
    assert loaded.data is None
    assert messages(loaded) == [f"{NAME}:1:1: cannot read the file: Is a directory"]


ACCEPTED = [
    pytest.param(b"terms: []\n", {"terms": []}, id="plain"),
    pytest.param(b"\xef\xbb\xbfterms: []\n", {"terms": []}, id="utf-8-bom"),
    pytest.param(b"terms: []\r\n", {"terms": []}, id="windows-line-ends"),
    pytest.param(b"date: 2023-05-01\n", {"date": "2023-05-01"}, id="date-stays-text"),
    pytest.param(b"on: yes\nn: 3\n", {"on": True, "n": 3}, id="keys-as-written"),
    pytest.param(b"'<<': {a: 1}\n", {"<<": {"a": 1}}, id="merge-key-is-a-key"),
    pytest.param(b"<<: {a: 1}\n", {"<<": {"a": 1}}, id="merge-key-plain"),
    pytest.param('t: "caf\u00e9 \u2014 \U0001f600"\n'.encode(), {"t": "café — 😀"}, id="unicode"),
    pytest.param(b't: "a\\tb"\n', {"t": "a\tb"}, id="escaped-tab-in-text"),
    pytest.param(b"t: a\tb\n", {"t": "a\tb"}, id="tab-inside-text"),
]


@pytest.mark.parametrize(("raw", "data"), ACCEPTED)
def test_plain_yaml_is_accepted(tmp_path: Path, raw: bytes, data: object) -> None:
    loaded = read(tmp_path, raw)
    assert loaded.problems == ()
    assert loaded.data == data


def test_origins_of_keys_values_and_items(tmp_path: Path) -> None:
    raw = b"# comment\nterms:\n  - id: a\n    see_also: [b, c]\n    text: >-\n      one\n"
    data = read(tmp_path, raw).data
    assert isinstance(data, Located)
    entry = data["terms"][0]
    assert isinstance(entry, Located)
    assert entry.origin == Origin(NAME, 3, 5)
    assert entry.key_origins["see_also"] == Origin(NAME, 4, 5)
    assert entry.value_origins["id"] == Origin(NAME, 3, 9)
    assert entry.value_origins["text"] == Origin(NAME, 5, 11)
    items = entry["see_also"]
    assert isinstance(items, LocatedList)
    assert items.item_origins == [Origin(NAME, 4, 16), Origin(NAME, 4, 19)]


def test_find_in_value_points_into_long_text(tmp_path: Path) -> None:
    raw = (
        "terms:\n  - id: a\n    text: >-\n      The first line, café,\n"
        "      and the [second](term:b) line.\n    list: [x, 'y [z](w)']\n"
    ).encode()
    entry = read(tmp_path, raw).data["terms"][0]
    assert find_in_value(entry, "text", "[second](term:b)") == Origin(NAME, 5, 15)
    assert find_in_value(entry, "text", "café") == Origin(NAME, 4, 23)
    assert find_in_value(entry, "text", "missing") == Origin(NAME, 3, 11)
    assert find_in_value(entry, "text", "missing", "line") == Origin(NAME, 4, 17)
    assert find_in_value(entry["list"], 1, "[z]") == Origin(NAME, 6, 18)
    # Only inside the value: 'id' is written before the text, not in it.
    assert find_in_value(entry, "text", "id") == Origin(NAME, 3, 11)


def test_a_long_run_of_problems_is_capped(tmp_path: Path) -> None:
    raw = b"".join(b"k%d: &a%d x\n" % (i, i) for i in range(30))
    found = messages(read(tmp_path, raw))
    assert len(found) == load.MAX_PROBLEMS_PER_KIND + 1
    assert found[-1] == (
        f"{NAME}:20:6: ... and 10 more problems of this kind after this line in the file"
    )
