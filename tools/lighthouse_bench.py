"""Lighthouse on every page kind of the built site, served gzipped over 127.0.0.1 (`make bench`).

    python tools/lighthouse_bench.py [--site site] [--runs 3] [--out build/bench/lighthouse.md]

Runs the Lighthouse CLI pinned in tools/lighthouse/package.json (installed there with ``npm ci``
by ``make bench``) with Debian's Chromium, mobile preset (Lighthouse's default), ``--runs`` times
per page, and reports the median performance score with its range, and the median total blocking
time, largest contentful paint, DOM size and transferred bytes. Accessibility is reported too.
Lighthouse is a measuring tool only: nothing in `make site` or `make test` needs Node.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import gzip_server

ROOT = Path(__file__).resolve().parent.parent
CLI = ROOT / "tools" / "lighthouse" / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
COMMAND = (
    "CHROME_PATH=/usr/bin/chromium node tools/lighthouse/node_modules/lighthouse/cli/index.js URL "
    '--chrome-flags="--headless --no-sandbox" --only-categories=performance,accessibility '
    "--output=json --quiet"
)
"""The command per run, as BENCHMARKS.md quotes it (URL: the page on the gzip server)."""


def page_kinds(site: Path) -> list[tuple[str, str]]:
    """(kind, site-relative URL) for each page kind; the first dimension and role found."""
    dims = sorted(p.parent.name for p in (site / "dimensions").glob("*/index.html"))
    roles = sorted(
        p.parent.name for p in (site / "teams").glob("*/index.html") if p.parent != site / "teams"
    )
    kinds = [("home", ""), ("matrix", "compare/")]
    if dims:
        kinds.append(("dimension", f"dimensions/{dims[0]}/"))
    if roles:
        kinds.append(("role", f"teams/{roles[0]}/"))
    kinds += [("glossary", "glossary/"), ("funnel", "journey/"), ("sources", "sources/")]
    # The reader features' own pages (the concept map, the self-check), where the site has them.
    kinds += [
        (kind, url)
        for kind, url in (("map", "map/"), ("self-check", "quiz/"))
        if (site / url / "index.html").exists()
    ]
    return kinds


def run_once(url: str, out: Path) -> dict[str, float]:
    cmd = [
        "node",
        str(CLI),
        url,
        "--chrome-flags=--headless --no-sandbox",
        "--only-categories=performance,accessibility",
        "--output=json",
        f"--output-path={out}",
        "--quiet",
    ]
    subprocess.run(cmd, check=True, env={**os.environ, "CHROME_PATH": CHROME}, timeout=300)
    report = json.loads(out.read_text(encoding="utf-8"))
    audits = report["audits"]
    return {
        "performance": round(report["categories"]["performance"]["score"] * 100),
        "accessibility": round(report["categories"]["accessibility"]["score"] * 100),
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "lcp_s": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "dom": audits["dom-size"]["numericValue"],
        "kb": audits["total-byte-weight"]["numericValue"] / 1024,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "bench" / "lighthouse.md")
    args = parser.parse_args(argv)
    if not CLI.is_file():
        print(
            "Lighthouse is not installed: run `npm ci --prefix tools/lighthouse`.", file=sys.stderr
        )
        return 1
    if not (args.site / "index.html").is_file():
        print(f"{args.site}/index.html is missing: run `make site` first.", file=sys.stderr)
        return 1
    server, base = gzip_server.start(args.site)
    rows = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for kind, rel in page_kinds(args.site):
                runs = []
                for n in range(args.runs):
                    runs.append(run_once(base + rel, Path(tmp) / f"{kind}-{n}.json"))
                    print(f"lighthouse: {kind} run {n + 1}: {runs[-1]}", file=sys.stderr)
                rows.append((kind, rel, runs))
    finally:
        server.shutdown()
    lines = [
        f"Lighthouse {_version()}, mobile preset, median of {args.runs} runs, gzipped over "
        "127.0.0.1.",
        "",
        "| Page | Performance (min-max) | Accessibility | TBT ms | LCP s | DOM nodes | KB |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for kind, rel, runs in rows:

        def med(key: str, runs: list[dict[str, float]] = runs) -> float:
            return statistics.median(r[key] for r in runs)

        perf = [r["performance"] for r in runs]
        lines.append(
            f"| {kind} (`/{rel}`) | {med('performance'):.0f} ({min(perf)}-{max(perf)}) "
            f"| {med('accessibility'):.0f} | {med('tbt_ms'):.0f} | {med('lcp_s'):.2f} "
            f"| {med('dom'):.0f} | {med('kb'):.0f} |"
        )
    text = "\n".join(lines) + "\n"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


def _version() -> str:
    package = CLI.parent.parent / "package.json"
    return json.loads(package.read_text(encoding="utf-8"))["version"]


if __name__ == "__main__":
    sys.exit(main())
