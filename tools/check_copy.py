"""Report runs of ten or more words shared by source_data/ and the seed articles.

Usage: python tools/check_copy.py PATH_TO_SEEDS_DIR
A maintainer's tool: the seed articles are not part of the repository, so nothing
in the build or the tests runs it.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

RUN = 10
WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def words(text: str) -> list[str]:
    return WORD.findall(text.lower().replace("\u2019", "'"))


def strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for v in node.values() for s in strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in strings(v)]
    return []


def main(seeds: Path) -> int:
    shingles: dict[tuple[str, ...], str] = {}
    for article in sorted(seeds.glob("*.txt")):
        w = words(article.read_text(encoding="utf-8"))
        for i in range(len(w) - RUN + 1):
            shingles.setdefault(tuple(w[i : i + RUN]), article.name)
    found = 0
    for path in sorted(Path("source_data").glob("*.yaml")):
        for text in strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
            w = words(text)
            for i in range(len(w) - RUN + 1):
                hit = shingles.get(tuple(w[i : i + RUN]))
                if hit:
                    found += 1
                    print(f"{path}: copies {hit}: {' '.join(w[i : i + RUN])}")
                    break
    print(f"{found} copied run(s) of {RUN} words")
    return 1 if found else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(f"usage: python {sys.argv[0]} PATH_TO_SEEDS_DIR (e.g. ../shared/seeds)")
    sys.exit(main(Path(sys.argv[1])))
