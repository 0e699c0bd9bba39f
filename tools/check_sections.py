"""Check that every section in source_data/sources.yaml really occurs in its article.

Usage: python tools/check_sections.py PATH_TO_SEEDS_DIR
A maintainer's tool, like tools/check_copy.py: the seed articles are not part of the
repository, so nothing in the build or the tests runs it. Each article is found by its title
(the first line of its seed file). A heading written as text must occur at the start of a line
of the article; a part without a heading ({section, opens}) must open with its `opens` words.
Both comparisons ignore case, curly quotes and runs of spaces.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

_SPACE = re.compile(r"\s+")
_NUMBER = re.compile(r"^\d+\.\s+")
"""A list number the article's page draws in front of an item ("1. Goals")."""


def norm(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"')
    return _SPACE.sub(" ", text.replace("\u201d", '"').replace("\xa0", " ")).strip().casefold()


def main(seeds: Path) -> int:
    articles = {}
    for path in sorted(seeds.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        articles[norm(text.splitlines()[0])] = (
            path.name,
            [norm(line) for line in text.splitlines()],
        )
    data = yaml.safe_load(Path("source_data/sources.yaml").read_text(encoding="utf-8"))
    missing = found = 0
    for source in data["sources"]:
        article = articles.get(norm(source["title"]))
        if article is None:
            print(f"{source['id']}: no seed article starts with the title {source['title']!r}")
            missing += 1
            continue
        name, lines = article
        for item in source.get("outline", []):
            label = item if isinstance(item, str) else item["section"]
            words = norm(item if isinstance(item, str) else item["opens"])
            if any(
                line.startswith(words) or _NUMBER.sub("", line).startswith(words) for line in lines
            ):
                found += 1
            else:
                kind = "heading" if isinstance(item, str) else "opening words"
                print(f"{source['id']}: section {label!r}: {kind} not found in {name}")
                missing += 1
    print(f"{found} section(s) found in their article, {missing} not found")
    return 1 if missing else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(f"usage: python {sys.argv[0]} PATH_TO_SEEDS_DIR (e.g. ../shared/seeds)")
    sys.exit(main(Path(sys.argv[1])))
