"""Property-based tests: random input either builds or fails with clean messages, never a crash;
valid random text appears literally on the page; writes keep hand-written files."""

from __future__ import annotations

import contextlib
import copy
import io
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from generator import markup
from generator.__main__ import main
from generator.errors import SourceError
from generator.link import Index, PageText
from generator.load import load_file
from generator.validate import load_model
from generator.write import write

from .test_escape import INJECTED, Html, shown, to_html, visible
from .test_validate import MODEL, write_model

PROBLEM = re.compile(r"source_data/[a-z_]+\.ya?ml:(\d+):(\d+): [^\n]+")
COUNT = re.compile(r"\d+ problems? in source_data/; nothing was written\.")
FAST = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
SLOW = settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def assert_clean(problems: tuple[object, ...], lines: int | None = None) -> None:
    """Each problem is one line, file:line:column: message, inside the file."""
    assert problems
    for problem in problems:
        text = str(problem)
        match = PROBLEM.fullmatch(text)
        assert match, text
        line, column = int(match[1]), int(match[2])
        assert line >= 1 and column >= 1, text
        if lines is not None:
            assert line <= lines + 1, text


# --- reading any bytes -----------------------------------------------------------------------

YAML_BITS = st.sampled_from(
    [
        "terms:",
        "\n",
        "  ",
        "- ",
        "id: ",
        "name: ",
        "a",
        "é",
        "\t",
        ": ",
        "[",
        "]",
        "{",
        "}",
        ",",
        "&x ",
        "*x",
        "!!str ",
        "!!python/object:os.system ",
        "!t ",
        "|",
        ">-",
        "'",
        '"',
        "#",
        "---",
        "...",
        "? ",
        "%YAML 1.1",
        "\\",
        "\x00",
        "\x85",
        "\ufeff",
        "<<: ",
        "~",
        "1e9",
        "2023-01-01",
        "yes",
        ".nan",
        "\r\n",
        "😀",
    ]
)


@FAST
@given(
    raw=st.binary(max_size=300)
    | st.lists(YAML_BITS, max_size=60).map(lambda b: "".join(b).encode())
)
def test_reading_never_crashes(tmp_path: Path, raw: bytes) -> None:
    file = tmp_path / "x.yaml"
    file.write_bytes(raw)
    loaded = load_file(file, "source_data/x.yaml")
    if loaded.problems:
        lines = raw.decode("utf-8", errors="replace").splitlines()  # YAML's line breaks too
        assert_clean(loaded.problems, len(lines) + 1)


# --- random text in a text field ------------------------------------------------------------

PIECES = st.sampled_from(
    [
        *"abc xyz \n\n\t|*_<>[]()!#`{}%~^&\\=?:-+.1'\"/",
        "lead",
        "CRM",
        "https://example.com",
        "javascript:",
        "kind:",
        "term:lead",
        "\u00a0",
        "é",
        "漢",
        "😀",
        "\u200b",
        "\x02",
        "\u2028",
        "**",
        "](",
        "- ",
        "1. ",
        "<b>",
        "{{",
    ]
)
TEXT = st.lists(PIECES, max_size=40).map("".join) | st.text(max_size=40)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_model(tmp_path_factory.mktemp("properties"))


def scalar(value: str) -> str:
    """``value`` as one double-quoted YAML scalar (line breaks and the like escaped)."""
    dumped = yaml.safe_dump(value, default_style='"', allow_unicode=True, width=1 << 30)
    return dumped.removesuffix("\n...\n").rstrip("\n")


def _with_text(root: Path, field: str, value: str) -> None:
    path = root / "source_data" / "dimensions.yaml"
    old = (
        "explanation: Each side talks in its own way."
        if field == "explanation"
        else ("sales: Ask questions.")
    )
    text = MODEL["dimensions"].replace(old, f"{field}: {scalar(value)}")
    path.write_text(text, encoding="utf-8")


@FAST
@given(value=TEXT)
def test_random_text_is_refused_cleanly_or_shown_literally(base: Path, value: str) -> None:
    _with_text(base, "explanation", value)
    try:
        model = load_model(base / "source_data", base)
    except SourceError as exc:
        assert_clean(exc.problems)
        event("refused")
        return
    event("valid")
    dimension = model.dimensions[1]
    assert dimension.explanation == value
    text = PageText(Index(model), "dimensions/methods.md")
    page = Html(to_html(f"Before.\n\n{text.block(value)}\n\nAfter.\n"))
    paragraphs = page.texts("p")
    assert paragraphs[0] == "Before." and paragraphs[-1] == "After."
    assert paragraphs[1:-1] == [visible(p) for p in markup.paragraphs(value)]
    assert not page.tags() & INJECTED
    cell = Html(to_html(f"| a | b |\n| --- | --- |\n| x | {text.inline(value)} |\n"))
    assert cell.texts("td") == ["x", shown(" ".join(visible(p) for p in markup.paragraphs(value)))]


# --- random models ---------------------------------------------------------------------------

DATA = {stem: yaml.safe_load(text) for stem, text in MODEL.items()}
IDS = [e["id"] for data in DATA.values() for e in next(iter(data.values()))]
VALUES = st.one_of(
    TEXT,
    st.sampled_from(IDS),
    st.integers(),
    st.booleans(),
    st.none(),
    st.lists(st.sampled_from(IDS) | TEXT, max_size=3),
    st.dictionaries(
        st.sampled_from(["source", "section", "id", "x"]), st.sampled_from(IDS), max_size=2
    ),
    st.sampled_from(["lead:cold-lead", "kind:id", "term:crm", "[a](term:lead)", "[a](b)", "1.5"]),
)


PROSE = ("name", "summary", "text", "explanation", "sales", "marketing", "definition", "title")
SAFE_TEXT = (
    st.lists(
        st.sampled_from([*"abc |*_<>[]!#`{}&\\?:-+.", " lead ", " CRM ", "\n\n", "**x**", "1. "]),
        min_size=1,
        max_size=20,
    )
    .map("".join)
    .filter(lambda t: t.strip() and "](" not in t)
)


@st.composite
def mutated(draw: st.DrawFn, harmful: bool = True) -> dict[str, Any]:
    """The model with a few random edits: prose rewritten, entries shuffled, and (when
    ``harmful``) values replaced by anything, fields dropped or added, entries copied or removed."""
    data = copy.deepcopy(DATA)
    actions = ["retext", "shuffle"]
    if harmful:
        actions += ["replace", "replace", "drop", "add", "copy", "remove"]
    for _ in range(draw(st.integers(1, 4))):
        stem = draw(st.sampled_from(sorted(data)))
        (key,) = data[stem]
        entries = data[stem][key]
        if not entries:
            continue
        index = draw(st.integers(0, len(entries) - 1))
        entry = entries[index]
        action = draw(st.sampled_from(actions))
        field = draw(st.sampled_from(sorted(entry)))
        if action == "retext":
            prose = [f for f in PROSE if isinstance(entry.get(f), str)]
            if prose:
                entry[draw(st.sampled_from(prose))] = draw(SAFE_TEXT)
        elif action == "shuffle":
            entries[:] = draw(st.permutations(entries))
        elif action == "replace":
            entry[field] = draw(VALUES)
        elif action == "drop":
            del entry[field]
        elif action == "add":
            entry[draw(st.sampled_from(["extra", "nme", "roles", "stages", "cites"]))] = draw(
                VALUES
            )
        elif action == "copy":
            entries.append(copy.deepcopy(entry))
        else:
            entries.pop(index)
    return data


def _write(root: Path, data: dict[str, Any]) -> None:
    for stem, content in data.items():
        text = yaml.safe_dump(content, allow_unicode=True, sort_keys=False)
        (root / "source_data" / f"{stem}.yaml").write_text(text, encoding="utf-8")


@FAST
@given(data=mutated())
def test_random_models_are_checked_cleanly(base: Path, data: dict[str, Any]) -> None:
    _write(base, data)
    try:
        load_model(base / "source_data", base)
    except SourceError as exc:
        assert_clean(exc.problems)
        event("refused")
    else:
        event("valid")


def _cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


@SLOW
@given(data=mutated(harmful=False) | mutated())
def test_random_models_build_or_fail_cleanly(
    tmp_path_factory: pytest.TempPathFactory, data: dict[str, Any]
) -> None:
    root = write_model(tmp_path_factory.mktemp("build"))
    assert _cli("--root", str(root))[0] == 0
    docs = root / "docs"
    before = {p: p.read_bytes() for p in docs.rglob("*") if p.is_file()}
    _write(root, data)
    code, out, err = _cli("--root", str(root))
    event(f"exit {code}")
    assert code in (0, 1), err
    assert "internal error" not in err and "Traceback" not in err
    if code == 1:
        lines = err.splitlines()
        assert COUNT.fullmatch(lines[-1]), err
        for line in lines[:-1]:
            assert PROBLEM.fullmatch(line), line
        assert {p: p.read_bytes() for p in docs.rglob("*") if p.is_file()} == before
    else:
        assert out.startswith("generator: ")
    shutil.rmtree(root)


# --- writes ----------------------------------------------------------------------------------

PATHS = st.sampled_from(
    [
        "index.md",
        "teams/a.md",
        "teams/b.md",
        "glossary/index.md",
        "dimensions/x.md",
        "dimensions/y.md",
        "data/export.json",
    ]
)
CONTENT = st.sampled_from(["one", "two", "three"]).map(
    lambda body: f"---\ngenerated: true\n---\n\n{body}\n"
)


@FAST
@given(rounds=st.lists(st.dictionaries(PATHS, CONTENT, max_size=6), min_size=1, max_size=4))
def test_writes_hold_exactly_the_files_and_keep_hand_written_ones(
    tmp_path_factory: pytest.TempPathFactory, rounds: list[dict[str, str]]
) -> None:
    docs = tmp_path_factory.mktemp("docs")
    hand = {"contributing.md": "# Mine\n", "teams/notes.md": "# Notes\n", "assets/x.css": "a {}"}
    for rel, text in hand.items():
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(text)
    owned = ("data", "dimensions", "glossary", "teams")
    for files in rounds:
        write(docs, files, owned)
        found = {
            p.relative_to(docs).as_posix(): p.read_text()
            for p in docs.rglob("*")
            if p.is_file() and not p.name.startswith(".generated")
        }
        assert found == {**hand, **files}
    assert not list(docs.glob(".generated.staging-*"))
    assert not (docs / ".generated.commit.json").exists()
