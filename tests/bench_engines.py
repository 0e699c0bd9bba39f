"""The two engines side by side: ``python -m tests.bench_engines [SIZES...]`` (also run by
``make bench``, at BENCH_ENGINE_SIZES, default 1 and 10). Not collected by pytest.

For MkDocs and Zensical, at each size (tests/synth.py), in fresh processes:

- **clean build**: from a project with no generated pages, no site/ and no engine cache, the
  whole build as ``make site`` runs it (MkDocs: ``mkdocs build --strict``, whose hook generates;
  Zensical: ``python -m generator.zensical`` then ``zensical build --clean --strict``), wall and
  CPU seconds (CPU of all the processes' threads, from ``wait4``);
- **per page**: the engine's build CPU after generation (docs/ already generated), divided by
  the pages; for MkDocs also the median CPU of one page, its Markdown conversion plus its pass
  through the theme (a bench-only hook), the pages that hold the whole model left out;
- **site bytes**: all of site/, and the median HTML bytes of a page, the pages that hold the
  whole model (matrix, glossary, sources, debates) left out;
- **save to page**: ``python -m generator serve --engine E`` (what ``make serve`` runs); a
  one-word edit to the first dimension's summary is saved and the served page is polled (every
  50 ms, then every tenth of the time waited) until it holds the word; median of the edits,
  wall seconds and the CPU seconds the preview's processes (watcher, generator, server) used
  meanwhile, which the load of other work on a shared machine inflates far less than wall time.

``--save-only`` measures the last alone (the preview generates docs/ at startup), ``--engine E``
one engine.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from tests.bench import BIN, OUT, ROOT, _edit_summary, _env, _free_port, _get, _wait_for, run

WHOLE_MODEL = ("compare/index.html", "glossary/index.html", "sources/index.html")
WHOLE_MODEL_PREFIXES = ("debates/index.html",)
ENGINES = ("mkdocs", "zensical")
DEFAULT_SIZES = (1, 10)
EDITS = 5
PER_PAGE_HOOK = """
# Bench-only: CPU per page = its Markdown conversion (on_pre_page to on_page_content) plus its
# pass through the theme (the previous page's on_post_page, or on_env, to its own on_post_page:
# template context, search indexing, template, write).
import json, os, time
_start, _cpu, _last = {}, {}, [0.0]
def on_pre_page(page, config, files):
    _start[page.file.src_uri] = time.process_time()
    return page
def on_page_content(html, page, config, files):
    _cpu[page.file.src_uri] = time.process_time() - _start.pop(page.file.src_uri)
    return html
def on_env(env, config, files):
    _last[0] = time.process_time()
    return env
def on_post_page(output, page, config):
    now = time.process_time()
    _cpu[page.file.src_uri] = _cpu.get(page.file.src_uri, 0.0) + now - _last[0]
    _last[0] = now
    return output
def on_post_build(config):
    with open(os.environ["BENCH_PER_PAGE"], "w") as f:
        json.dump(_cpu, f)
"""


def _whole_model(rel: str) -> bool:
    return rel in WHOLE_MODEL or rel in WHOLE_MODEL_PREFIXES


def _clean(project: Path) -> None:
    from tests.bench import clean_generated

    clean_generated(project / "docs")
    for leftover in ("site", ".cache", ".zensical.yml"):
        path = project / leftover
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)


def _checked(result: dict[str, Any], what: str) -> dict[str, Any]:
    if result["rc"] != 0:
        raise RuntimeError(f"{what} failed:\n{result['stderr'][-3000:]}")
    return result


def clean_build(engine: str, project: Path) -> dict[str, float]:
    """The whole ``make site`` from nothing generated: wall and CPU seconds."""
    _clean(project)
    if engine == "mkdocs":
        cmd = [str(BIN / "mkdocs"), "build", "--strict", "--site-dir", "site"]
        r = _checked(run(cmd, project, _env()), "mkdocs build")
        return {"wall": r["wall"], "cpu": r["cpu"]}
    gen = _checked(run([sys.executable, "-m", "generator.zensical"], project, _env()), "generate")
    cmd = [str(BIN / "zensical"), "build", "--clean", "--strict", "-f", ".zensical.yml"]
    r = _checked(run(cmd, project, _env()), "zensical build")
    return {"wall": gen["wall"] + r["wall"], "cpu": gen["cpu"] + r["cpu"]}


def engine_only(engine: str, project: Path) -> dict[str, Any]:
    """The engine's build on an already generated docs/: CPU seconds, and per page (MkDocs)."""
    if engine == "zensical":
        shutil.rmtree(project / "site", ignore_errors=True)
        shutil.rmtree(project / ".cache", ignore_errors=True)
        cmd = [str(BIN / "zensical"), "build", "--clean", "--strict", "-f", ".zensical.yml"]
        r = _checked(run(cmd, project, _env()), "zensical build")
        return {"cpu": r["cpu"], "wall": r["wall"], "page_cpu": None}
    hook = project / "bench_per_page.py"
    hook.write_text(PER_PAGE_HOOK, encoding="utf-8")
    config = project / "mkdocs.bench-pages.yml"
    config.write_text(
        json.dumps({"INHERIT": "mkdocs.yml", "hooks": ["generator/mkdocs_hook.py", hook.name]}),
        encoding="utf-8",
    )
    out = project / "bench-per-page.json"
    env = {**_env(), "BENCH_PER_PAGE": str(out)}
    site = project.parent / f"{project.name}-bench-site"
    cmd = [str(BIN / "mkdocs"), "build", "--strict", "-f", config.name, "--site-dir", str(site)]
    r = _checked(run(cmd, project, env), "mkdocs build")
    shutil.rmtree(site, ignore_errors=True)
    per_page = json.loads(out.read_text(encoding="utf-8"))
    pages = [v for k, v in per_page.items() if not _whole_model(k.replace(".md", ".html"))]
    return {"cpu": r["cpu"], "wall": r["wall"], "page_cpu": statistics.median(pages)}


def site_bytes(site: Path) -> dict[str, Any]:
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    pages = {
        p.relative_to(site).as_posix(): p.stat().st_size
        for p in site.rglob("index.html")
        if not p.relative_to(site).as_posix().startswith(("assets/", "search/"))
    }
    kept = [size for rel, size in pages.items() if not _whole_model(rel)]
    median_kb = statistics.median(kept) / 1e3
    return {"total_mb": total / 1e6, "pages": len(pages), "median_page_kb": median_kb}


def _mount(project: Path) -> str:
    from tests.test_serve import _mount_path

    return _mount_path(project)


def group_cpu(pgid: int) -> float:
    """CPU seconds used so far by the live processes of a process group (Linux /proc)."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        rest = text[text.rfind(")") + 2 :].split()
        if int(rest[2]) == pgid:
            total += int(rest[11]) + int(rest[12])
    return total / os.sysconf("SC_CLK_TCK")


def _poll(check: Any, timeout: float) -> float | None:
    """Like ``_wait_for``, but every 50 ms only at first, then every tenth of the time waited:
    serving the polled page costs the preview CPU, which must not swamp what is measured."""
    start = time.perf_counter()
    while (waited := time.perf_counter() - start) < timeout:
        if check():
            return time.perf_counter() - start
        time.sleep(max(0.05, waited / 10))
    return None


def save_to_page(engine: str, project: Path, edits: int) -> dict[str, list[float]]:
    """Seconds from saving a YAML edit to the served page holding it, under ``generator serve``,
    and the CPU seconds the preview's processes used meanwhile (the machine is shared: on an
    idle one, the wait is about that CPU time plus half a poll interval)."""
    port = _free_port()
    log = project.parent / f"{project.name}-{engine}-serve.log"
    cmd = [sys.executable, "-m", "generator", "serve", "--engine", engine]
    cmd += ["--addr", f"127.0.0.1:{port}"]
    env = {**_env(), "PYTHONPATH": str(project)}
    with log.open("wb") as out:
        proc = subprocess.Popen(
            cmd, cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    try:
        file = project / "source_data" / "dimensions.yaml"
        original = file.read_text(encoding="utf-8")
        ident = _edit_summary(file, "Warmup0")
        file.write_text(original, encoding="utf-8")
        url = f"http://127.0.0.1:{port}{_mount(project)}dimensions/{ident}/"
        if _wait_for(lambda: "Warmup0" not in _get(url) and "Sales" in _get(url), 900, 0.3) is None:
            raise RuntimeError(f"{engine} preview did not start: see {log}")
        time.sleep(2.0)
        seconds, cpu = [], []
        for i in range(edits):
            token = f"Engineedit{i}x{os.getpid()}"
            cpu_start = group_cpu(proc.pid)
            start = time.perf_counter()
            _edit_summary(file, token)
            if _poll(lambda t=token: t in _get(url), 300) is None:  # type: ignore[misc]
                raise RuntimeError(f"{engine}: edit {i} never showed up: see {log}")
            seconds.append(time.perf_counter() - start)
            cpu.append(group_cpu(proc.pid) - cpu_start)
            file.write_text(original, encoding="utf-8")
            _wait_for(lambda t=token: t not in _get(url), 300)  # type: ignore[misc]
            time.sleep(1.5)
        return {"wall": seconds, "cpu": cpu}
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def bench(
    sizes: tuple[int, ...],
    edits: int,
    log: Any = print,
    save_only: bool = False,
    engines: tuple[str, ...] = ENGINES,
) -> list[dict[str, Any]]:
    from tests import synth

    rows = []
    for size in sizes:
        project = OUT / f"engines-x{size}"
        synth.make_project(project, size)
        for engine in engines:
            if engine == "zensical" and not (BIN / "zensical").exists():
                continue
            row: dict[str, Any] = {"size": size, "engine": engine}
            if save_only:  # the preview alone: it generates docs/ itself at startup
                row["save_to_page"] = save_to_page(engine, project, edits)
                log(f"engines {size}x {engine}: {json.dumps(row)}")
                rows.append(row)
                continue
            row["clean"] = clean_build(engine, project)
            row["site"] = site_bytes(project / "site")
            only = engine_only(engine, project)
            row["engine_cpu"] = only["cpu"]
            row["per_page_ms"] = only["cpu"] / row["site"]["pages"] * 1e3
            row["page_cpu_ms"] = None if only["page_cpu"] is None else only["page_cpu"] * 1e3
            row["save_to_page"] = save_to_page(engine, project, edits)
            log(f"engines {size}x {engine}: {json.dumps(row)}")
            rows.append(row)
        shutil.rmtree(project, ignore_errors=True)
    return rows


def report(rows: list[dict[str, Any]]) -> str:
    lines = [
        "### Engines side by side",
        "",
        "| Size | Engine | Pages | Clean build wall s (CPU s) | Build after generating: CPU ms"
        " per page | Median CPU ms of a page | Site MB | Median page KB | Save to page, wall s"
        " median (min-max) | Save to page, CPU s median (min-max) |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        s, c = r["save_to_page"]["wall"], r["save_to_page"]["cpu"]
        if "site" not in r:  # --save-only
            lines.append(
                f"| {r['size']}x | {r['engine']} | - | - | - | - | - | - | "
                f"{statistics.median(s):.2f} ({min(s):.2f}-{max(s):.2f}) | "
                f"{statistics.median(c):.2f} ({min(c):.2f}-{max(c):.2f}) |"
            )
            continue
        page = "-" if r["page_cpu_ms"] is None else f"{r['page_cpu_ms']:.1f}"
        lines.append(
            f"| {r['size']}x | {r['engine']} | {r['site']['pages']} | "
            f"{r['clean']['wall']:.1f} ({r['clean']['cpu']:.1f}) | {r['per_page_ms']:.1f} | "
            f"{page} | {r['site']['total_mb']:.1f} | {r['site']['median_page_kb']:.0f} | "
            f"{statistics.median(s):.2f} ({min(s):.2f}-{max(s):.2f}) | "
            f"{statistics.median(c):.2f} ({min(c):.2f}-{max(c):.2f}) |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench_engines", description=__doc__)
    parser.add_argument("sizes", nargs="*", type=int)
    parser.add_argument("--edits", type=int, default=EDITS)
    parser.add_argument(
        "--save-only", action="store_true", help="measure only save to page (no builds)"
    )
    parser.add_argument("--engine", choices=ENGINES, action="append", help="default: both")
    args = parser.parse_args(argv)
    env = os.environ.get("BENCH_ENGINE_SIZES")
    sizes = tuple(args.sizes) or (
        tuple(int(x) for x in env.split(",") if x) if env else DEFAULT_SIZES
    )
    OUT.mkdir(parents=True, exist_ok=True)

    def stop(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt  # so every preview started is stopped on the way out

    signal.signal(signal.SIGTERM, stop)
    engines = tuple(args.engine or ENGINES)
    say = lambda m: print(m, file=sys.stderr, flush=True)  # noqa: E731
    rows = bench(sizes, args.edits, say, args.save_only, engines)
    text = report(rows)
    (OUT / "engines.md").write_text(text, encoding="utf-8")
    (ROOT / "build" / "bench-engines.json").write_text(
        json.dumps(rows, indent=1) + "\n", encoding="utf-8"
    )
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
