"""Synthetic models for the benchmarks: N cross-referenced copies of the real model.

A model of scale N holds N copies of every entry of ``source_data/`` (the two teams excepted: the
format fixes them at ``sales`` and ``marketing``). Copy 0 is the real model unchanged, so scale 1
is the real model. In copy k > 0:

- every id gets the suffix ``-c<k>``, and every reference (the fields in
  ``model.REFERENCES``, ``details``, ``cites`` and ``[label](kind:id)`` links in text) points
  to the same copy, so references resolve and citations are valid;
- every glossary name, alias and plural gets the copy's pseudo-word in front (copy 7:
  "Account manager" becomes e.g. "Baci account manager"); no pseudo-word is a word of a real form,
  so forms stay unique across all terms;
- every glossary mention in the copy's text (found with the generator's own matcher) gets the same
  pseudo-word, so the copy's text links to the copy's terms and linking is exercised at every size;
- only copy 0 keeps the single ``handoff: true`` stage.

Run ``python -m tests.synth SCALE DEST`` to write a project folder with a synthetic model.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator import load
from generator.link import Matcher
from generator.model import REFERENCES, Term
from generator.schema import FILES, FileKind

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "source_data"
FIXED_STEMS = frozenset({"teams"})
"""Files not scaled: exactly two teams, which roles name by an enum (sales | marketing)."""
_FIXED_KINDS = frozenset(f.entity.kind for f in FILES if f.stem in FIXED_STEMS)
_SYLLABLES = tuple(c + v for c in "bcdfgklmnprstvz" for v in "aeiou")  # 75 syllables
_TARGET = re.compile(r"\]\(([^()\s]*)\)")
_ENTITY = re.compile(r"^([a-z]+):([a-z0-9]+(?:-[a-z0-9]+)*)$")


def word(k: int) -> str:
    """The pseudo-word of copy ``k``: two or more syllables, distinct for every k."""
    digits = []
    while True:
        k, digit = divmod(k, len(_SYLLABLES))
        digits.append(_SYLLABLES[digit])
        if not k:
            break
    while len(digits) < 2:
        digits.append(_SYLLABLES[0])
    return "".join(reversed(digits)).capitalize()


def suffix(ident: str, k: int) -> str:
    return ident if k == 0 else f"{ident}-c{k}"


def read_real(source: Path = SOURCE) -> dict[str, Any]:
    """Each source_data file (stem -> plain data), read with the generator's own loader."""
    out = {}
    for kind in FILES:
        file = source / kind.filename
        if not file.is_file():
            continue
        loaded = load.load_file(file, kind.filename)
        if loaded.problems:
            raise ValueError(f"{kind.filename}: {loaded.problems[0]}")
        out[kind.stem] = _plain(loaded.data)
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _matcher(real: dict[str, Any]) -> Matcher:
    """The generator's glossary matcher over the real terms (only the fields it reads)."""
    terms = []
    for entry in real.get("glossary", {}).get("terms", []):
        terms.append(
            Term(
                id=entry["id"],
                name=entry["name"],
                origin=None,  # type: ignore[arg-type]
                aliases=tuple(entry.get("aliases", ())),
                plurals=tuple(entry.get("plurals", ())),
                case_sensitive=bool(entry.get("case_sensitive", False)),
                ignore=tuple(entry.get("ignore", ())),
            )
        )
    return Matcher(terms)


def _words(count: int, real: dict[str, Any]) -> list[str]:
    """``count`` pseudo-words, skipping any that is a word of a real glossary form."""
    taken = set()
    for entry in real.get("glossary", {}).get("terms", []):
        for form in [entry["name"], *entry.get("aliases", ()), *entry.get("plurals", ())]:
            taken.update(form.lower().split())
    out: list[str] = []
    k = 0
    while len(out) < count:
        if word(k).lower() not in taken:
            out.append(word(k))
        k += 1
    return out


class _Copy:
    """Rewrites the entries of the real model into copy ``k``."""

    def __init__(self, k: int, word: str, matcher: Matcher) -> None:
        self.k = k
        self.word = word
        self.matcher = matcher
        self.refs = {(o, f): t for o, f, t in REFERENCES}

    def ident(self, kind: str, ident: str) -> str:
        return ident if kind in _FIXED_KINDS else suffix(ident, self.k)

    def entry(self, file: FileKind, entry: dict[str, Any]) -> dict[str, Any]:
        kind = file.entity.kind
        out: dict[str, Any] = {}
        for key, value in entry.items():
            if key == "handoff":
                continue  # one handoff stage only: copy 0's
            if key == "id":
                out[key] = self.ident(kind, value)
            elif key == "former_ids":
                out[key] = [self.ident(kind, v) for v in value]
            elif (kind, key) in self.refs:
                target = self.refs[(kind, key)]
                out[key] = (
                    self.ident(target, value)
                    if isinstance(value, str)
                    else [self.ident(target, v) for v in value]
                )
            elif key == "details":
                out[key] = self._target(value)
            elif kind == "term" and key in ("name", "aliases", "plurals"):
                out[key] = _each(value, lambda form: f"{self.word} {form}")
            elif kind == "term" and key == "ignore":
                out[key] = [self._ignored(entry, phrase) for phrase in value]
            else:
                out[key] = self.value(key, value, file.fields.get(key, {}))
        return out

    def value(self, key: str, value: Any, schema: dict[str, Any]) -> Any:
        if key == "cites":
            return [self._cite(c) for c in value]
        if isinstance(value, str):
            return self.text(value) if _is_text(schema) else value
        if isinstance(value, list):
            items = schema.get("items", {})
            return [self.value("", v, items) for v in value]
        if isinstance(value, dict):
            props = schema.get("properties", {})
            return {k: self.value(k, v, props.get(k, {})) for k, v in value.items()}
        return value

    def _ignored(self, entry: dict[str, Any], phrase: str) -> str:
        """An ignored phrase names the copy's form of its term ("who baci leads")."""
        own = _matcher({"glossary": {"terms": [{**entry, "ignore": []}]}})
        found = own.find(phrase)
        if not found:
            return phrase
        start = found[0][0]
        return f"{phrase[:start]}{self.word} {phrase[start:]}"

    def _cite(self, cite: Any) -> Any:
        if isinstance(cite, str):
            return self.ident("source", cite)
        return {**cite, "source": self.ident("source", cite["source"])}

    def _target(self, target: str) -> str:
        match = _ENTITY.match(target)
        return f"{match[1]}:{self.ident(match[1], match[2])}" if match else target

    def text(self, text: str) -> str:
        """Entity links point into the copy; glossary mentions get the copy's word."""
        out, pos = [], 0
        for match in _TARGET.finditer(text):
            out.append(self._mentions(text[pos : match.start()]))
            out.append(f"]({self._target(match[1])})")
            pos = match.end()
        out.append(self._mentions(text[pos:]))
        return "".join(out)

    def _mentions(self, text: str) -> str:
        out, pos = [], 0
        for start, _, _ in self.matcher.find(text):
            out.append(text[pos:start])
            out.append(f"{self.word} ")
            pos = start
        out.append(text[pos:])
        return "".join(out)


def _each(value: Any, change: Callable[[str], str]) -> Any:
    return change(value) if isinstance(value, str) else [change(v) for v in value]


def _is_text(schema: dict[str, Any]) -> bool:
    return schema.get("type") == "string" and "minLength" in schema and "pattern" not in schema


def synthesize(scale: int, real: dict[str, Any] | None = None) -> dict[str, Any]:
    """The synthetic model of ``scale`` copies: stem -> data, ready to dump as YAML."""
    if scale < 1:
        raise ValueError("scale must be 1 or more")
    real = read_real() if real is None else real
    matcher = _matcher(real)
    copies = [_Copy(k, w, matcher) for k, w in enumerate(_words(scale, real))]
    out: dict[str, Any] = {}
    for file in FILES:
        if file.stem not in real:
            continue
        entries = real[file.stem].get(file.key, [])
        if file.stem in FIXED_STEMS or scale == 1:
            out[file.stem] = {file.key: entries}
            continue
        items = list(entries)
        for copy in copies[1:]:
            items.extend(copy.entry(file, e) for e in entries)
        out[file.stem] = {file.key: items}
    return out


def dump(stem: str, data: Any) -> str:
    """YAML text in the source_data/ layout: the schema modeline, a comment, block style.

    Strings are written double-quoted (JSON string syntax, which YAML reads the same): an order of
    magnitude faster than PyYAML's representer, which matters at 1,000 copies (160 MB).
    """
    lines = [
        f"# yaml-language-server: $schema=../generator/schemas/{stem}.schema.json",
        "# Synthetic benchmark data (tests/synth.py); do not edit.",
    ]
    _emit(data, 0, lines)
    return "\n".join(lines) + "\n"


_PLAIN_KEY = re.compile(r"^[A-Za-z_$][A-Za-z0-9_]*$")
_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff]")  # line breaks or BOM to YAML, not JSON


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return repr(value)
    text = json.dumps(str(value), ensure_ascii=False)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


def _emit(value: Any, indent: int, lines: list[str]) -> None:
    pad = " " * indent
    if isinstance(value, dict):
        for key, item in value.items():
            name = key if _PLAIN_KEY.match(key) else json.dumps(key)
            if isinstance(item, (dict, list)) and item:
                lines.append(f"{pad}{name}:")
                _emit(item, indent + 2, lines)
            else:
                lines.append(f"{pad}{name}: {_flow(item)}")
    else:
        for item in value:
            if isinstance(item, (dict, list)) and item:
                first = len(lines)
                _emit(item, indent + 2, lines)
                lines[first] = f"{pad}- {lines[first][indent + 2 :]}"
            else:
                lines.append(f"{pad}- {_flow(item)}")


def _flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{}"
    if isinstance(value, list):
        return "[]"
    return _scalar(value)


def write_source(
    dest: Path, scale: int, real: dict[str, Any] | None = None, max_bytes: int | None = None
) -> dict[str, int]:
    """Write a synthetic source_data/ folder to ``dest``; returns the size of each file in bytes.

    Files are kept under ``max_bytes`` (default: the loader's ``load.MAX_FILE_BYTES``).
    """
    limit = load.MAX_FILE_BYTES if max_bytes is None else max_bytes
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    sizes = {}
    for stem, data in synthesize(scale, real).items():
        raw = dump(stem, data).encode("utf-8")
        if len(raw) > limit:
            raise ValueError(f"{stem}.yaml would be {len(raw)} bytes, over the {limit} byte limit")
        (dest / f"{stem}.yaml").write_bytes(raw)
        sizes[stem] = len(raw)
    return sizes


def make_project(
    dest: Path, scale: int, real: dict[str, Any] | None = None, max_bytes: int | None = None
) -> Path:
    """A copy of the project (no generated pages) whose source_data/ is the synthetic model.

    At scale 1 the project keeps the real source_data/ files byte for byte.
    """
    from tests.conftest import copy_project

    if dest.exists():
        shutil.rmtree(dest)
    copy_project(dest)
    if scale != 1:
        write_source(dest / "source_data", scale, real, max_bytes)
    return dest


def counts(data: dict[str, Any]) -> dict[str, int]:
    """Entries per file of a model as returned by synthesize() or read_real()."""
    return {f.stem: len(data[f.stem].get(f.key, [])) for f in FILES if f.stem in data}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.synth", description=__doc__)
    parser.add_argument("scale", type=int, help="copies of the real model (1 = the real model)")
    parser.add_argument("dest", type=Path, help="project folder to create (replaced if present)")
    parser.add_argument("--max-bytes", type=int, help="file size limit (default: the loader's)")
    args = parser.parse_args(argv)
    make_project(args.dest, args.scale, max_bytes=args.max_bytes)
    sizes = {p.name: p.stat().st_size for p in sorted((args.dest / "source_data").iterdir())}
    print(f"{args.dest}: {sum(sizes.values()) / 1e6:.1f} MB of YAML in {len(sizes)} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
