"""Benchmarks: ``make bench`` (``python -m tests.bench [SIZES...]``). Not collected by pytest.

For each size (1 = the real model; N = N copies of it, see tests/synth.py) this measures, in fresh
processes so every run pays what a real run pays (imports, template compilation):

- wall time of each generator stage (load, validate, link, render, export, nav, write), median
  of several runs with min-max, and the worker's peak RSS;
- peak traced Python memory by stage (tracemalloc, one separate run: tracing slows Python);
- the glossary matcher: patterns, texts scanned, characters scanned, time spent in it;
- a no-op regeneration (nothing changed): time, files written, modification times untouched;
- ``mkdocs build --strict`` (only at the sizes given by --mkdocs-sizes; the hook regenerates
  docs/ inside it), the generator's share of it, and the same build without the hook;
- ``mkdocs serve``: the time from saving a one-line YAML edit to the served page showing it.

Results: a Markdown report on stdout and in build/bench/report.md; raw figures in
build/bench.json. Sizes come from the command line, else from BENCH_SIZES (e.g. ``1,10``).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "build" / "bench"
BIN = Path(sys.executable).parent
DEFAULT_SIZES = (1, 10, 100, 1000)
DEFAULT_MKDOCS_SIZES = (1, 10)
DEFAULT_SERVE_SIZES = (1,)
DEFAULT_NOOP_SIZES = (1, 10)
"""Larger sizes report a no-op time derived from the stages (all of them; nothing to write)."""
DEFAULT_TRACE_SIZES = (1, 10)
"""tracemalloc slows Python several times over; larger sizes report peak RSS by stage only."""
RUNS = {1: 5, 10: 3}
"""Timed generator runs per size; larger sizes get one."""
MKDOCS_RUNS = {1: 5, 10: 1}
"""mkdocs builds per size, with the hook and again without it."""
SERVE_EDITS = 5
SERVE_MODES = ("livereload", "dirty")
"""`make serve` uses --livereload (full rebuilds); --dirty rebuilds only changed pages."""
BENCH_MAX_FILE_BYTES = 64 * 1024 * 1024
"""The file size limit the workers allow: synthetic files at 100x and 1,000x are larger than a
hand-edited file may be, so workers raise ``generator.load.MAX_FILE_BYTES`` to this."""
STAGES = ("import", "load", "validate", "link", "render", "export", "nav", "write")
TARGETS = {
    "linear": "cost grows linearly (10x input <= 12x time)",
    "one_pass": "cross-linking is one multi-pattern pass",
    "noop": "a no-op regeneration writes nothing and takes <= 0.5 s (real model)",
    "mkdocs_share": "generation adds <= 10% to `mkdocs build` (real model)",
    "serve": "a one-line YAML edit under `make serve` is visible in <= 2 s (real model)",
}


# --- workers: run in a fresh process, print one JSON line --------------------------------------


def _worker(mode: str, project: Path) -> dict[str, Any]:
    """``stages`` (timed), ``memory`` (tracemalloc), ``noop`` or ``profile`` (pyinstrument)."""
    if os.environ.get("BENCH_GC") != "on":
        import gc

        gc.disable()  # as generator.build() does; BENCH_GC=on is the experiment without it
    started = time.perf_counter()
    cpu_started = time.process_time()
    import importlib

    import generator

    # generator/__init__.py rebinds generator.render, .nav and .write to functions: get modules.
    load, nav, paths, render, validate, write = (
        importlib.import_module(f"generator.{name}")
        for name in ("load", "nav", "paths", "render", "validate", "write")
    )
    from generator.link import Index, Matcher

    imported = time.perf_counter() - started
    imported_cpu = time.process_time() - cpu_started
    load.MAX_FILE_BYTES = max(load.MAX_FILE_BYTES, BENCH_MAX_FILE_BYTES)
    docs = project / "docs"
    if mode == "noop":
        start, cpu = time.perf_counter(), time.process_time()
        report = generator.build(project)
        return {
            "import": imported,
            "build": time.perf_counter() - start,
            "build_cpu": time.process_time() - cpu,
            "written": len(report.written),
            "removed": len(report.removed),
            "files": len(report.written) + len(report.unchanged),
        }
    clean_generated(docs)

    scan = {"calls": 0, "chars": 0, "seconds": 0.0}
    original_find = Matcher.find

    def find(self: Any, text: str) -> Any:
        start = time.perf_counter()
        try:
            return original_find(self, text)
        finally:
            scan["seconds"] += time.perf_counter() - start
            scan["calls"] += 1
            scan["chars"] += len(text)

    Matcher.find = find  # type: ignore[method-assign]
    loading = {"seconds": 0.0, "cpu": 0.0, "peak": 0, "rss": 0.0}
    original_load = validate.load_file
    tracing = mode == "memory"
    if tracing:
        import tracemalloc

        tracemalloc.start()

    def load_file(file: Path, display: str) -> Any:
        start, cpu = time.perf_counter(), time.process_time()
        try:
            return original_load(file, display)
        finally:
            loading["seconds"] += time.perf_counter() - start
            loading["cpu"] += time.process_time() - cpu
            loading["rss"] = _rss_mb()
            if tracing:
                loading["peak"] = max(loading["peak"], tracemalloc.get_traced_memory()[1])

    validate.load_file = load_file  # type: ignore[assignment]
    times: dict[str, float] = {"import": imported}
    cpus: dict[str, float] = {"import": imported_cpu}
    rss: dict[str, float] = {"import": _rss_mb()}
    peaks: dict[str, float] = {}
    held: dict[str, float] = {}

    @contextlib.contextmanager
    def stage(name: str) -> Iterator[None]:
        if tracing:
            tracemalloc.reset_peak()
        start, cpu = time.perf_counter(), time.process_time()
        yield
        times[name] = time.perf_counter() - start
        cpus[name] = time.process_time() - cpu
        rss[name] = _rss_mb()
        if tracing:
            current, peak = tracemalloc.get_traced_memory()
            peaks[name], held[name] = peak / 1e6, current / 1e6

    profiler = None
    if mode == "profile":
        from pyinstrument import Profiler

        profiler = Profiler()
        profiler.start()
    with stage("validate"):
        model = validate.load_model(project / "source_data", project)
    times["load"], cpus["load"], rss["load"] = loading["seconds"], loading["cpu"], loading["rss"]
    times["validate"] -= loading["seconds"]
    cpus["validate"] -= loading["cpu"]
    if tracing:
        peaks["load"] = loading["peak"] / 1e6
    with stage("link"):
        index = Index(model)
    # render() builds the same Index again; hand it the one just timed so stages do not overlap.
    with _patched(render, "Index", lambda _model: index), stage("render"):
        pages = render.render(model)
    files = {page.path: page.text for page in pages}
    export = getattr(generator, "export", None)
    if export is not None:
        with stage("export"):
            files |= export.files(model)
    with stage("nav"):
        nav.nav(model, pages, docs)
    with stage("write"):
        result = write.write(docs, files, paths.OWNED_FOLDERS)
    if profiler is not None:
        profiler.stop()
        html = OUT / f"profile-{project.name}.html"
        html.parent.mkdir(parents=True, exist_ok=True)
        html.write_text(profiler.output_html(), encoding="utf-8")
        Path(str(html)[:-5] + ".txt").write_text(
            profiler.output_text(unicode=True, show_all=False), encoding="utf-8"
        )
    with stage("write_noop"):
        again = write.write(docs, files, paths.OWNED_FOLDERS)
    automaton = getattr(index.matcher, "_automaton", None)
    fixed = _fixed_corpus_scan(model, index.matcher, original_find) if mode == "stages" else None
    return {
        "times": times,
        "cpu": cpus,
        "stage_rss_mb": rss,
        "peaks_mb": peaks,
        "held_mb": held,
        "scan": scan,
        "patterns": len(automaton) if automaton is not None else None,
        "fixed_scan": fixed,
        "entities": len(model.entities()),
        "terms": len(model.terms),
        "pages": len(pages),
        "files": len(files),
        "written": len(result.written),
        "noop_written": len(again.written),
        "markdown_mb": sum(len(t.encode("utf-8")) for t in files.values()) / 1e6,
    }


def _fixed_corpus_scan(model: Any, matcher: Any, find: Callable[..., Any]) -> dict[str, float]:
    """Time this size's matcher over one fixed text: the real model's own texts (copy 0).

    Every size scans the same characters, so only the number of patterns changes: a single
    multi-pattern pass costs the same whether it holds 400 patterns or 400,000.
    """
    from dataclasses import fields

    texts: list[str] = []

    def collect(value: Any) -> None:
        if isinstance(value, str):
            if " " in value:
                texts.append(value)
        elif isinstance(value, tuple):
            for item in value:
                collect(item)
        elif hasattr(value, "__dataclass_fields__"):
            for f in fields(value):
                collect(getattr(value, f.name))

    for entity in model.entities():
        if not re.search(r"-c\d+$", entity.id):
            collect(entity)
    chars = sum(len(t) for t in texts)
    rounds = max(1, 2_000_000 // max(chars, 1))
    start = time.process_time()
    for _ in range(rounds):
        for text in texts:
            find(matcher, text)
    seconds = time.process_time() - start
    return {"chars": chars, "rounds": rounds, "us_per_kb": seconds / (rounds * chars) * 1e9}


def _rss_mb() -> float:
    """This process's peak resident memory so far (Linux reports KiB)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@contextlib.contextmanager
def _patched(module: Any, name: str, value: Any) -> Iterator[None]:
    if not hasattr(module, name):
        yield
        return
    old = getattr(module, name)
    setattr(module, name, value)
    try:
        yield
    finally:
        setattr(module, name, old)


def clean_generated(docs: Path) -> None:
    """Remove every generated file from docs/, as a fresh checkout has it."""
    from generator import paths

    for folder in paths.OWNED_FOLDERS:
        shutil.rmtree(docs / folder, ignore_errors=True)
    (docs / paths.HOME).unlink(missing_ok=True)
    for leftover in docs.glob(".generated*"):
        if leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            leftover.unlink()


# --- running things ---------------------------------------------------------------------------


def run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run a command; return its exit code, wall and CPU time, peak RSS (MB), stdout, stderr."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return {
            "rc": proc.returncode,
            "wall": wall,
            "cpu": usage.ru_utime + usage.ru_stime,
            "rss_mb": usage.ru_maxrss / 1024,
            "stdout": out.read().decode("utf-8", "replace"),
            "stderr": err.read().decode("utf-8", "replace"),
        }


def _env(gc_on: bool = False) -> dict[str, str]:
    """The environment of every child: bytecode cached as on a developer's machine."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("BENCH_GC", None)
    if gc_on:
        env["BENCH_GC"] = "on"
    return env


def worker(mode: str, project: Path, gc_on: bool = False) -> dict[str, Any]:
    cmd = [sys.executable, "-m", "tests.bench", "--worker", mode, str(project)]
    result = run(cmd, ROOT, _env(gc_on))
    if result["rc"] != 0:
        raise RuntimeError(f"worker {mode} failed:\n{result['stderr'][-3000:]}")
    data = json.loads(result["stdout"].strip().splitlines()[-1])
    for key in ("wall", "cpu", "rss_mb"):
        data[f"proc_{key}"] = result[key]
    return data


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``folder``: (modification time in ns, size)."""
    out = {}
    for dirpath, _, names in os.walk(folder):
        for name in names:
            st = os.stat(os.path.join(dirpath, name))
            out[os.path.join(dirpath, name)] = (st.st_mtime_ns, st.st_size)
    return out


_GEN_LINE = re.compile(r"generator: (\d+) pages written.* in ([\d.]+) s")
_BUILT_LINE = re.compile(r"Documentation built in ([\d.]+) seconds")


def mkdocs_build(project: Path, config: str = "mkdocs.yml") -> dict[str, Any]:
    site = project.parent / f"{project.name}-site"
    cmd = [str(BIN / "mkdocs"), "build", "--strict", "-f", config, "--site-dir", str(site)]
    result = run(cmd, project, _env())
    if result["rc"] != 0:
        raise RuntimeError(f"mkdocs build failed:\n{result['stderr'][-3000:]}")
    match = _GEN_LINE.search(result["stderr"])
    result["generator"] = float(match[2]) if match else None
    shutil.rmtree(site, ignore_errors=True)
    return result


def write_nohook_config(project: Path) -> str:
    """A config that inherits mkdocs.yml without the generator hook, with the hook's nav."""
    code = (
        "import json, sys, generator; from pathlib import Path; "
        "print(json.dumps(generator.build(Path(sys.argv[1])).nav))"
    )
    result = run([sys.executable, "-c", code, str(project)], ROOT, _env())
    nav = json.loads(result["stdout"].strip().splitlines()[-1])
    config = {"INHERIT": "mkdocs.yml", "hooks": [], "nav": nav}
    (project / "mkdocs.bench-nohook.yml").write_text(json.dumps(config), encoding="utf-8")
    return "mkdocs.bench-nohook.yml"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return str(response.read().decode("utf-8", "replace"))
    except OSError:
        return ""


def _wait_for(check: Callable[[], bool], timeout: float, interval: float = 0.02) -> float | None:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if check():
            return time.perf_counter() - start
        time.sleep(interval)
    return None


def _edit_summary(file: Path, token: str) -> str:
    """Put ``token`` at the start of the first dimension's summary; return that dimension's id."""
    lines = file.read_text(encoding="utf-8").split("\n")
    ident = ""
    for i, line in enumerate(lines):
        match = re.match(r"^\s*- id: ['\"]?([a-z0-9-]+)", line)
        if match and not ident:
            ident = match[1]
        summary = re.match(r"^(\s*summary: )(.*)$", line)
        if ident and summary:
            value = summary[2]
            if value.startswith((">", "|")):
                j = i + 1
                stripped = lines[j].lstrip()
                lines[j] = lines[j][: len(lines[j]) - len(stripped)] + f"{token} {stripped}"
            elif value.startswith(("'", '"')):
                lines[i] = f"{summary[1]}{value[0]}{token} {value[1:]}"
            else:
                lines[i] = f"{summary[1]}{token} {value}"
            file.write_text("\n".join(lines), encoding="utf-8")
            return ident
    raise ValueError(f"no dimension summary found in {file}")


def serve_latency(project: Path, edits: int, mode: str = "livereload") -> dict[str, Any]:
    """Start `mkdocs serve --<mode>`, save one-line YAML edits, time until the page shows each."""
    port = _free_port()
    log = project.parent / f"{project.name}-serve-{mode}.log"
    run([sys.executable, "-m", "generator", "--root", str(project)], ROOT, _env())  # as make serve
    cmd = [str(BIN / "mkdocs"), "serve", f"--{mode}", "-a", f"127.0.0.1:{port}"]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=project, env=_env(), stdout=out, stderr=subprocess.STDOUT)
    try:
        file = project / "source_data" / "dimensions.yaml"
        original = file.read_text(encoding="utf-8")
        ident = _edit_summary(file, "Warmup0")
        file.write_text(original, encoding="utf-8")

        def served() -> str:
            text = log.read_text(encoding="utf-8", errors="replace")
            found = re.search(r"Serving on (http://\S+?)/?\s", text)
            return found[1] if found else ""

        base = ""
        if _wait_for(lambda: bool(served()) or proc.poll() is not None, 900, 0.1) is not None:
            base = served()
        url = f"{base}/dimensions/{ident}/"
        started = _wait_for(lambda: "Sales" in _get(url) or proc.poll() is not None, 300, 0.2)
        if not base or started is None or proc.poll() is not None:
            raise RuntimeError(f"mkdocs serve did not start: see {log}")
        time.sleep(1.5)
        latencies = []
        for i in range(edits):
            token = f"Benchedit{i}x{os.getpid()}"
            start = time.perf_counter()
            _edit_summary(file, token)
            seen = _wait_for(lambda t=token: t in _get(url), 300)
            if seen is None:
                raise RuntimeError(f"edit {i} never showed up: see {log}")
            latencies.append(time.perf_counter() - start)
            file.write_text(original, encoding="utf-8")
            _wait_for(lambda t=token: t not in _get(url), 300)
            time.sleep(1.0)
        browser = _reload_in_browser(url, file, original, edits) if mode == "livereload" else None
        text = log.read_text(encoding="utf-8", errors="replace")
        rebuilds = [float(x) for x in _BUILT_LINE.findall(text)][1:]  # not the first build
        generated = [float(m[2]) for m in _GEN_LINE.finditer(text)][1:]
        return {
            "latencies": latencies,
            "browser": browser,
            "rebuilds": rebuilds,
            "generator": generated,
        }
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _reload_in_browser(url: str, file: Path, original: str, edits: int) -> list[float] | None:
    """The same edits seen by a reader: Chromium has the page open, MkDocs' live-reload script
    reloads it, and the clock stops when the reloaded page shows the edit. None without Chromium."""
    from tests.browser import harness

    chromium = harness.find_chromium()
    if chromium is None:
        return None
    from playwright.sync_api import sync_playwright

    seconds = []
    with sync_playwright() as playwright:
        browser = harness.launch(playwright, chromium)
        try:
            page = browser.new_page()
            page.goto(url, wait_until="load")
            time.sleep(1.0)
            for i in range(edits):
                token = f"Browseredit{i}x{os.getpid()}"
                start = time.perf_counter()
                with page.expect_navigation(wait_until="load", timeout=300_000):
                    _edit_summary(file, token)
                # A reload that raced an earlier save can show the old text: wait for the next.
                while token not in page.inner_text("article"):
                    with page.expect_navigation(wait_until="load", timeout=300_000):
                        pass
                seconds.append(time.perf_counter() - start)
                with page.expect_navigation(wait_until="load", timeout=300_000):
                    file.write_text(original, encoding="utf-8")
                time.sleep(1.0)
        finally:
            browser.close()
    return seconds


# --- the benchmark ----------------------------------------------------------------------------


def spread(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def bench_size(size: int, args: argparse.Namespace, log: Callable[[str], None]) -> dict[str, Any]:
    from tests import synth

    project = OUT / f"x{size}"
    start = time.perf_counter()
    synth.make_project(project, size, max_bytes=BENCH_MAX_FILE_BYTES)
    source = project / "source_data"
    out: dict[str, Any] = {
        "size": size,
        "synth_seconds": time.perf_counter() - start,
        "yaml_mb": sum(p.stat().st_size for p in source.glob("*.yaml")) / 1e6,
        "largest_file_mib": max(p.stat().st_size for p in source.glob("*.yaml")) / 2**20,
    }
    log(f"{size}x: {out['yaml_mb']:.1f} MB of YAML ready in {out['synth_seconds']:.1f} s")
    runs = args.runs or RUNS.get(size, 1)
    timed = []
    for i in range(runs):
        timed.append(worker("stages", project))
        t = timed[-1]
        log(
            f"{size}x: run {i + 1}/{runs}: {_total(t['times']):.2f} s "
            f"({_total(t['cpu']):.2f} s CPU)"
        )
    first = timed[0]
    keys = ("entities", "terms", "pages", "files", "markdown_mb", "patterns")
    out.update({k: first[k] for k in keys})
    out["runs"] = runs
    names = [s for s in (*STAGES, "write_noop") if s in first["times"]]
    out["stages"] = {s: spread([r["times"][s] for r in timed]) for s in names}
    out["stages_cpu"] = {s: spread([r["cpu"][s] for r in timed]) for s in names}
    out["total"] = spread([_total(r["times"]) for r in timed])
    out["total_cpu"] = spread([_total(r["cpu"]) for r in timed])
    out["stage_rss_mb"] = {s: max(r["stage_rss_mb"][s] for r in timed) for s in names}
    out["worker_rss_mb"] = spread([r["proc_rss_mb"] for r in timed])
    out["clean_written"] = first["written"]
    out["scan"] = {
        "calls": first["scan"]["calls"],
        "chars": first["scan"]["chars"],
        "seconds": spread([r["scan"]["seconds"] for r in timed]),
        "fixed_chars": first["fixed_scan"]["chars"],
        "fixed_us_per_kb": spread([r["fixed_scan"]["us_per_kb"] for r in timed]),
    }
    if size in args.trace_sizes:
        memory = worker("memory", project)
        out["peaks_mb"], out["held_mb"] = memory["peaks_mb"], memory["held_mb"]
        log(f"{size}x: traced peak {max(memory['peaks_mb'].values()):.0f} MB")
    if size in args.profile:
        worker("profile", project)
        log(f"{size}x: profile written to {OUT.relative_to(ROOT)}/profile-x{size}.html")
    if size in args.gc_sizes:
        on = worker("stages", project, gc_on=True)
        out["gc_on"] = {"times": on["times"], "cpu": on["cpu"], "rss_mb": on["proc_rss_mb"]}
        log(f"{size}x: with the garbage collector running: {_total(on['cpu']):.2f} s CPU")

    # No-op regeneration: docs/ as a regeneration leaves it. The stage runs call write() directly
    # and leave no stamp, so one untimed regeneration comes first, as `make site` would have run.
    if size in args.noop_sizes:
        worker("noop", project)
        noop = []
        for _ in range(max(1, runs)):
            before = snapshot(project / "docs")
            result = worker("noop", project)
            after = snapshot(project / "docs")
            result["touched"] = sum(1 for k, v in after.items() if before.get(k) != v)
            noop.append(result)
        out["noop"] = {
            "wall": spread([r["proc_wall"] for r in noop]),
            "cpu": spread([r["proc_cpu"] for r in noop]),
            "build": spread([r["build"] for r in noop]),
            "build_cpu": spread([r["build_cpu"] for r in noop]),
            "written": max(r["written"] + r["removed"] for r in noop),
            "touched": max(r["touched"] for r in noop),
            "runs": len(noop),
        }
        log(f"{size}x: no-op regeneration {out['noop']['cpu']['median']:.2f} s CPU (process)")
    else:  # what build() does when nothing changed: every stage, the write finding nothing new
        derived = [
            _total(r["cpu"]) - r["cpu"]["write"] + r["cpu"]["write_noop"] + r["cpu"]["import"]
            for r in timed
        ]
        out["noop_derived_cpu"] = spread(derived)

    from generator import load

    too_big = out["largest_file_mib"] * 2**20 > load.MAX_FILE_BYTES
    if too_big and (size in args.mkdocs_sizes or size in args.serve_sizes):
        log(f"{size}x: no mkdocs runs: a file is over the hook's {load.MAX_FILE_BYTES} byte limit")
    if size in args.mkdocs_sizes and not too_big:
        mk_runs = args.mkdocs_runs or MKDOCS_RUNS.get(size, 1)
        hooked = []
        for i in range(mk_runs):
            clean_generated(project / "docs")
            hooked.append(mkdocs_build(project))
            h = hooked[-1]
            log(
                f"{size}x: mkdocs build {i + 1}/{mk_runs}: {h['wall']:.1f} s ({h['cpu']:.1f} s CPU)"
            )
        config = write_nohook_config(project)
        plain = []
        for i in range(mk_runs):
            plain.append(mkdocs_build(project, config))
            p = plain[-1]
            log(
                f"{size}x: without the hook {i + 1}/{mk_runs}: {p['wall']:.1f} s "
                f"({p['cpu']:.1f} s CPU)"
            )
        gen = [r["generator"] for r in hooked if r["generator"] is not None]
        mk = {
            "runs": mk_runs,
            "wall": spread([r["wall"] for r in hooked]),
            "cpu": spread([r["cpu"] for r in hooked]),
            "generator": spread(gen) if gen else None,
            "nohook_wall": spread([r["wall"] for r in plain]),
            "nohook_cpu": spread([r["cpu"] for r in plain]),
            "rss_mb": spread([r["rss_mb"] for r in hooked]),
        }
        mk["added_cpu"] = mk["cpu"]["median"] / mk["nohook_cpu"]["median"] - 1
        mk["added_wall"] = mk["wall"]["median"] / mk["nohook_wall"]["median"] - 1
        if gen:
            mk["share"] = statistics.median(r["generator"] / r["wall"] for r in hooked)
        out["mkdocs"] = mk
    for mode in SERVE_MODES if size in args.serve_sizes and not too_big else ():
        clean_generated(project / "docs")
        served = serve_latency(project, args.serve_edits, mode)
        key = "serve" if mode == "livereload" else f"serve_{mode}"
        out[key] = {
            "mode": mode,
            "latency": spread(served["latencies"]),
            "all": served["latencies"],
            "browser": spread(served["browser"]) if served["browser"] else None,
            "browser_all": served["browser"] or [],
            "rebuild": spread(served["rebuilds"]) if served["rebuilds"] else None,
            "generator": spread(served["generator"]) if served["generator"] else None,
        }
        log(f"{size}x: serve --{mode}: edit visible after {out[key]['latency']['median']:.2f} s")
        if out[key]["browser"]:
            seen = out[key]["browser"]["median"]
            log(f"{size}x: serve --{mode}: page reloaded in Chromium after {seen:.2f} s")
    if not args.keep:
        shutil.rmtree(project, ignore_errors=True)
        shutil.rmtree(OUT / f"x{size}-site", ignore_errors=True)
    return out


def _total(times: dict[str, float]) -> float:
    """The generator's own work: every stage but the import and the second (no-op) write."""
    return sum(v for k, v in times.items() if k not in ("import", "write_noop"))


# --- the report -------------------------------------------------------------------------------


def _s(fig: dict[str, float] | None, digits: int = 2) -> str:
    if not fig:
        return "-"
    if f"{fig['min']:.{digits}f}" == f"{fig['max']:.{digits}f}":
        return f"{fig['median']:.{digits}f}"
    return f"{fig['median']:.{digits}f} ({fig['min']:.{digits}f}-{fig['max']:.{digits}f})"


def machine() -> dict[str, Any]:
    mem = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 2**20:.1f} GiB"
    cpu = platform.processor()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    os_name = platform.platform()
    with contextlib.suppress(OSError, TypeError):
        release = Path("/etc/os-release").read_text()
        pretty = re.search(r'PRETTY_NAME="([^"]+)"', release)
        os_name = f"{pretty[1]}, kernel {platform.release()}"  # type: ignore[index]
    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "memory": mem,
        "python": platform.python_version(),
        "os": os_name,
        "load_before": os.getloadavg()[0],
    }


def targets(results: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Each target: whether it holds and the evidence (CPU time where contention skews wall)."""
    by = {r["size"]: r for r in results}
    out: dict[str, dict[str, Any]] = {}
    steps = []
    for a, b in zip(sorted(by), sorted(by)[1:], strict=False):
        ratio = by[b]["total_cpu"]["median"] / by[a]["total_cpu"]["median"]
        steps.append((a, b, ratio, ratio <= 1.2 * b / a))
    if steps:
        out["linear"] = {
            "holds": all(s[3] for s in steps),
            "evidence": "generator CPU time "
            + "; ".join(f"{a}x->{b}x: x{r:.1f} for x{b // a} input" for a, b, r, _ in steps),
        }
    costs = [(r["size"], r["scan"]["fixed_us_per_kb"]["median"], r["patterns"]) for r in results]
    if len(costs) > 1:
        out["one_pass"] = {
            "holds": max(c for _, c, _ in costs) <= 2 * min(c for _, c, _ in costs),
            "evidence": "one fixed text (the real model's), scanned by each size's matcher: "
            + "; ".join(f"{p:,} patterns {c:.0f} us/KB" for _, c, p in costs),
        }
    real = by.get(1)
    if real and "noop" in real:
        noop = real["noop"]
        out["noop"] = {
            "holds": noop["written"] == 0 and noop["touched"] == 0 and noop["cpu"]["median"] <= 0.5,
            "evidence": (
                f"{noop['written']} files written, {noop['touched']} touched; "
                f"the process {noop['cpu']['median']:.2f} s CPU "
                f"({noop['wall']['median']:.2f} s wall), "
                f"build() {noop['build_cpu']['median']:.2f} s"
            ),
        }
    if real and "mkdocs" in real:
        mk = real["mkdocs"]
        out["mkdocs_share"] = {
            "holds": mk["added_cpu"] <= 0.10,
            "evidence": (
                f"mkdocs build {mk['cpu']['median']:.2f} s CPU with the hook, "
                f"{mk['nohook_cpu']['median']:.2f} s without: {mk['added_cpu']:+.0%} "
                f"(wall {mk['wall']['median']:.2f} s vs {mk['nohook_wall']['median']:.2f} s)"
            ),
        }
    if real and "serve" in real:
        lat = real["serve"]["latency"]
        evidence = (
            f"`make serve`: visible after {_s(lat)} s (rebuild {_s(real['serve']['rebuild'])} s)"
        )
        medians = [lat["median"]]
        if real["serve"].get("browser"):
            evidence += f"; reloaded in Chromium after {_s(real['serve']['browser'])} s"
            medians.append(real["serve"]["browser"]["median"])
        else:
            evidence += "; no Chromium, so the reload in a browser was not timed"
        if "serve_dirty" in real:
            evidence += f"; with --dirty: {_s(real['serve_dirty']['latency'])} s"
        out["serve"] = {"holds": max(medians) <= 2.0, "evidence": evidence}
    return out


def report(results: list[dict[str, Any]], info: dict[str, Any]) -> str:
    stages = [s for s in (*STAGES, "write_noop") if any(s in r["stages"] for r in results)]
    work = [s for s in stages if s not in ("import", "write_noop")]
    lines = [
        "### Machine",
        "",
        f"{info['cores']} cores ({info['cpu']}), {info['memory']} RAM, Python {info['python']}, "
        f"{info['os']}. Load average {info['load_before']:.1f} at the start, "
        f"{info['load_after']:.1f} at the end. Command: `{info['command']}` "
        f"({info['seconds'] / 60:.1f} min).",
        "",
        "### Sizes",
        "",
        "| Size | Entries | Terms | Pages | YAML MB | Largest file MiB | Markdown MB | Synth s |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        lines.append(
            f"| {r['size']}x | {r['entities']:,} | {r['terms']:,} | {r['pages']:,} | "
            f"{r['yaml_mb']:.1f} | {r['largest_file_mib']:.1f} | {r['markdown_mb']:.1f} | "
            f"{r['synth_seconds']:.1f} |"
        )
    for title, key, total in (
        ("CPU seconds", "stages_cpu", "total_cpu"),
        ("Wall seconds", "stages", "total"),
    ):
        lines += [
            "",
            f"### Generator stages: {title}, median (min-max)",
            "",
            "| Size | Runs | " + " | ".join(stages) + " | total | x previous |",
            "| --- | ---: | " + " | ".join("---:" for _ in stages) + " | ---: | ---: |",
        ]
        previous = None
        for r in results:
            digits = 3 if r["size"] < 100 else 2
            cells = [_s(r[key].get(s), digits) for s in stages]
            growth = f"x{r[total]['median'] / previous:.1f}" if previous else "-"
            previous = r[total]["median"]
            lines.append(
                f"| {r['size']}x | {r['runs']} | {' | '.join(cells)} | {_s(r[total])} | {growth} |"
            )
    lines += [
        "",
        "### Peak memory by stage (MB)",
        "",
        "Peak RSS of the process at the end of each stage (a high-water mark: it includes what",
        "earlier stages hold), and where traced, the peak of the Python heap during the stage",
        "(tracemalloc, a separate run).",
        "",
        "| Size | Measure | " + " | ".join(work) + " |",
        "| --- | --- | " + " | ".join("---:" for _ in work) + " |",
    ]
    for r in results:
        cells = [f"{r['stage_rss_mb'].get(s, 0):,.0f}" for s in work]
        lines.append(f"| {r['size']}x | peak RSS | {' | '.join(cells)} |")
        if "peaks_mb" in r:
            cells = [f"{r['peaks_mb'].get(s, 0):,.0f}" for s in work]
            lines.append(f"| {r['size']}x | traced peak | {' | '.join(cells)} |")
    lines += [
        "",
        "### Glossary linking: one Aho-Corasick automaton, one pass over each text",
        "",
        "During the render: texts handed to the matcher, their size, the time spent in it. Then",
        "the same fixed text (the real model's own texts) scanned by each size's matcher: the",
        "cost per KB does not depend on how many patterns the automaton holds.",
        "",
        "| Size | Patterns | Texts scanned | MB scanned | Seconds in the matcher | MB/s "
        "| Fixed text: us per KB |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        sc = r["scan"]
        secs = sc["seconds"]["median"]
        rate = sc["chars"] / secs / 1e6 if secs else 0
        lines.append(
            f"| {r['size']}x | {r['patterns']:,} | {sc['calls']:,} | {sc['chars'] / 1e6:.1f} | "
            f"{_s(sc['seconds'])} | {rate:.1f} | {_s(sc['fixed_us_per_kb'], 1)} |"
        )
    lines += [
        "",
        "### No-op regeneration (nothing changed): a fresh process running `generator.build()`",
        "",
        "| Size | Runs | CPU s | Wall s | build() CPU s | Files written | Files touched |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        if "noop" in r:
            n = r["noop"]
            lines.append(
                f"| {r['size']}x | {n['runs']} | {_s(n['cpu'])} | {_s(n['wall'])} | "
                f"{_s(n['build_cpu'])} | {n['written']} | {n['touched']} |"
            )
        else:
            lines.append(
                f"| {r['size']}x | derived | {_s(r['noop_derived_cpu'])} | - | - | - | - |"
            )
    built = [r for r in results if "mkdocs" in r]
    if built:
        lines += [
            "",
            "### `mkdocs build --strict` from a clean docs/ (the hook regenerates inside it)",
            "",
            "| Size | Runs | With hook: CPU s | wall s | generator in it s | share of wall "
            "| Without hook: CPU s | wall s | Added by generation (CPU) | Peak RSS MB |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for r in built:
            mk = r["mkdocs"]
            share = f"{mk['share']:.0%}" if "share" in mk else "-"
            lines.append(
                f"| {r['size']}x | {mk['runs']} | {_s(mk['cpu'])} | {_s(mk['wall'])} | "
                f"{_s(mk['generator'])} | {share} | {_s(mk['nohook_cpu'])} | "
                f"{_s(mk['nohook_wall'])} | {mk['added_cpu']:+.0%} | {mk['rss_mb']['median']:.0f} |"
            )
    served = [(r, r[k]) for r in results for k in ("serve", "serve_dirty") if k in r]
    if served:
        lines += [
            "",
            "### `mkdocs serve`: from saving a one-line YAML edit to the served page showing it",
            "",
            "Served: polling the page over HTTP every 20 ms. Chromium: the page open in Chromium,",
            "reloaded by MkDocs' live-reload script, until the reloaded page shows the edit.",
            "",
            "| Size | Mode | Edits | Served s, median (min-max) | Each | Chromium s | Rebuild s "
            "| Generator s |",
            "| --- | --- | ---: | ---: | --- | ---: | ---: | ---: |",
        ]
        for r, sv in served:
            each = ", ".join(f"{v:.2f}" for v in sv["all"])
            seen = _s(sv["browser"]) if sv.get("browser") else "-"
            lines.append(
                f"| {r['size']}x | --{sv['mode']} | {len(sv['all'])} | {_s(sv['latency'])} | "
                f"{each} | {seen} | {_s(sv['rebuild'])} | {_s(sv['generator'])} |"
            )
    gc_runs = [r for r in results if "gc_on" in r]
    if gc_runs:
        lines += [
            "",
            "### Experiment: the same run with Python's cyclic garbage collector running (CPU s)",
            "",
            "`generator.build()` pauses the collector, and so do the stage runs above.",
            "",
            "| Size | " + " | ".join(work) + " | total | total with GC paused |",
            "| --- | " + " | ".join("---:" for _ in work) + " | ---: | ---: |",
        ]
        for r in gc_runs:
            cpu = r["gc_on"]["cpu"]
            cells = [f"{cpu.get(s, 0):.2f}" for s in work]
            lines.append(
                f"| {r['size']}x | {' | '.join(cells)} | {_total(cpu):.2f} | "
                f"{r['total_cpu']['median']:.2f} |"
            )
    lines += ["", "### Targets", "", "| Target | Holds | Evidence |", "| --- | --- | --- |"]
    for key, text in TARGETS.items():
        t = info["targets"].get(key)
        holds = "not measured" if t is None else ("yes" if t["holds"] else "**no**")
        lines.append(f"| {text} | {holds} | {t['evidence'] if t else '-'} |")
    return "\n".join(lines) + "\n"


def _sizes(text: str | None, default: tuple[int, ...]) -> tuple[int, ...]:
    if text is None:
        return default
    return tuple(int(s) for s in re.split(r"[,\s]+", text.strip()) if s)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench", description=__doc__)
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument(
        "sizes", nargs="*", type=int, help="sizes (default: BENCH_SIZES or 1 10 100 1000)"
    )
    add = parser.add_argument
    add("--mkdocs-sizes", help="sizes to run mkdocs build at (BENCH_MKDOCS_SIZES, default 1,10)")
    add("--serve-sizes", help="sizes to time mkdocs serve at (BENCH_SERVE_SIZES, default 1)")
    add("--noop-sizes", help="sizes to time a no-op regeneration at (default 1,10)")
    add("--trace-sizes", help="sizes to trace memory at with tracemalloc (default 1,10)")
    add("--gc-sizes", default="", help="sizes to run once more with the garbage collector running")
    add("--profile", default="", help="sizes to profile with pyinstrument, e.g. 100")
    add("--runs", type=int, help="timed generator runs per size (BENCH_RUNS; default 5/3/1/1)")
    add("--mkdocs-runs", type=int, help="mkdocs builds per size, with and without the hook")
    add("--serve-edits", type=int, default=SERVE_EDITS, help="edits to time under serve")
    add("--keep", action="store_true", help="keep the projects in build/bench/")
    add("--worker", nargs=2, metavar=("MODE", "PROJECT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(_worker(args.worker[0], Path(args.worker[1]))))
        return 0
    env = os.environ.get
    args.sizes = tuple(args.sizes) or _sizes(env("BENCH_SIZES"), DEFAULT_SIZES)
    args.mkdocs_sizes = _sizes(args.mkdocs_sizes or env("BENCH_MKDOCS_SIZES"), DEFAULT_MKDOCS_SIZES)
    args.serve_sizes = _sizes(args.serve_sizes or env("BENCH_SERVE_SIZES"), DEFAULT_SERVE_SIZES)
    args.noop_sizes = _sizes(args.noop_sizes, DEFAULT_NOOP_SIZES)
    args.trace_sizes = _sizes(args.trace_sizes, DEFAULT_TRACE_SIZES)
    args.gc_sizes = _sizes(args.gc_sizes, ())
    args.profile = _sizes(args.profile, ())
    if args.runs is None and env("BENCH_RUNS"):
        args.runs = int(env("BENCH_RUNS", "1"))
    OUT.mkdir(parents=True, exist_ok=True)
    info = machine()
    started = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - started:6.0f} s] {message}", file=sys.stderr, flush=True)

    results = [bench_size(size, args, log) for size in sorted(set(args.sizes))]
    from tests import bench_engines  # both engines side by side (see that module)

    engine_sizes = _sizes(env("BENCH_ENGINE_SIZES"), bench_engines.DEFAULT_SIZES)
    engines = bench_engines.bench(engine_sizes, bench_engines.EDITS, log)
    info["load_after"] = os.getloadavg()[0]
    info["targets"] = targets(results)
    info["seconds"] = time.perf_counter() - started
    info["command"] = " ".join(["python -m tests.bench", *(argv or sys.argv[1:])])
    text = report(results, info) + "\n" + bench_engines.report(engines)
    (OUT / "report.md").write_text(text, encoding="utf-8")
    (ROOT / "build" / "bench.json").write_text(
        json.dumps({"machine": info, "results": results, "engines": engines}, indent=1) + "\n",
        encoding="utf-8",
    )
    print(text)
    log(f"done; figures in build/bench.json and {OUT.relative_to(ROOT)}/report.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
