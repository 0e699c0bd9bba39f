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
RUNS = {1: 5, 10: 5, 100: 3}
"""Timed generator runs per size; larger sizes get one."""
MKDOCS_RUNS = {1: 5, 10: 2}
"""mkdocs builds per size (with the hook; the same number again without it, at least one)."""
SERVE_EDITS = 5
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
    started = time.perf_counter()
    import importlib

    import generator

    # generator/__init__.py rebinds generator.render, .nav and .write to functions: get modules.
    load, nav, paths, render, validate, write = (
        importlib.import_module(f"generator.{name}")
        for name in ("load", "nav", "paths", "render", "validate", "write")
    )
    from generator.link import Index, Matcher

    imported = time.perf_counter() - started
    load.MAX_FILE_BYTES = max(load.MAX_FILE_BYTES, BENCH_MAX_FILE_BYTES)
    docs = project / "docs"
    if mode == "noop":
        start = time.perf_counter()
        report = generator.build(project)
        return {
            "import": imported,
            "build": time.perf_counter() - start,
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
    loading = {"seconds": 0.0, "peak": 0}
    original_load = validate.load_file
    tracing = mode == "memory"
    if tracing:
        import tracemalloc

        tracemalloc.start()

    def load_file(file: Path, display: str) -> Any:
        start = time.perf_counter()
        try:
            return original_load(file, display)
        finally:
            loading["seconds"] += time.perf_counter() - start
            if tracing:
                loading["peak"] = max(loading["peak"], tracemalloc.get_traced_memory()[1])

    validate.load_file = load_file  # type: ignore[assignment]
    times: dict[str, float] = {"import": imported}
    peaks: dict[str, float] = {}
    held: dict[str, float] = {}

    @contextlib.contextmanager
    def stage(name: str) -> Iterator[None]:
        if tracing:
            tracemalloc.reset_peak()
        start = time.perf_counter()
        yield
        times[name] = time.perf_counter() - start
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
    times["load"] = loading["seconds"]
    times["validate"] -= loading["seconds"]
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
    return {
        "times": times,
        "peaks_mb": peaks,
        "held_mb": held,
        "scan": scan,
        "patterns": len(automaton) if automaton is not None else None,
        "entities": len(model.entities()),
        "terms": len(model.terms),
        "pages": len(pages),
        "files": len(files),
        "written": len(result.written),
        "noop_written": len(again.written),
        "markdown_mb": sum(len(t.encode("utf-8")) for t in files.values()) / 1e6,
    }


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
    """Run a command; return its exit code, wall time, peak RSS (MB), stdout and stderr."""
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
            "rss_mb": usage.ru_maxrss / 1024,
            "stdout": out.read().decode("utf-8", "replace"),
            "stderr": err.read().decode("utf-8", "replace"),
        }


def _env() -> dict[str, str]:
    """The environment of every child: bytecode cached as on a developer's machine."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def worker(mode: str, project: Path) -> dict[str, Any]:
    result = run([sys.executable, "-m", "tests.bench", "--worker", mode, str(project)], ROOT, _env())
    if result["rc"] != 0:
        raise RuntimeError(f"worker {mode} failed:\n{result['stderr'][-3000:]}")
    data = json.loads(result["stdout"].strip().splitlines()[-1])
    data["wall"], data["rss_mb"] = result["wall"], result["rss_mb"]
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


def serve_latency(project: Path, edits: int) -> dict[str, Any]:
    """Start `mkdocs serve`, save one-line YAML edits, time until the served page shows each."""
    port = _free_port()
    log = project.parent / f"{project.name}-serve.log"
    run([sys.executable, "-m", "generator", "--root", str(project)], ROOT, _env())  # as make serve
    cmd = [str(BIN / "mkdocs"), "serve", "--livereload", "-a", f"127.0.0.1:{port}"]
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
        return {"latencies": latencies, "startup": started}
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# --- the benchmark ----------------------------------------------------------------------------


def spread(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def bench_size(size: int, args: argparse.Namespace, log: Callable[[str], None]) -> dict[str, Any]:
    from tests import synth

    project = OUT / f"x{size}"
    start = time.perf_counter()
    synth.make_project(project, size, max_bytes=BENCH_MAX_FILE_BYTES)
    source = project / "source_data"
    yaml_mb = sum(p.stat().st_size for p in source.glob("*.yaml")) / 1e6
    largest = max(p.stat().st_size for p in source.glob("*.yaml")) / 2**20
    out: dict[str, Any] = {
        "size": size,
        "synth_seconds": time.perf_counter() - start,
        "yaml_mb": yaml_mb,
        "largest_file_mib": largest,
    }
    log(f"{size}x: {yaml_mb:.1f} MB of YAML written in {out['synth_seconds']:.1f} s")
    runs = args.runs or RUNS.get(size, 1)
    timed = []
    for i in range(runs):
        timed.append(worker("stages", project))
        log(f"{size}x: stages run {i + 1}/{runs}: {_total(timed[-1]['times']):.2f} s")
    first = timed[0]
    out.update(
        {k: first[k] for k in ("entities", "terms", "pages", "files", "markdown_mb", "patterns")}
    )
    names = [s for s in (*STAGES, "write_noop") if s in first["times"]]
    out["stages"] = {s: spread([r["times"][s] for r in timed]) for s in names}
    out["total"] = spread([_total(r["times"]) for r in timed])
    out["worker_rss_mb"] = spread([r["rss_mb"] for r in timed])
    out["clean_written"] = first["written"]
    out["scan"] = {
        "calls": first["scan"]["calls"],
        "chars": first["scan"]["chars"],
        "seconds": spread([r["scan"]["seconds"] for r in timed]),
    }
    memory = worker("memory", project)
    out["peaks_mb"], out["held_mb"] = memory["peaks_mb"], memory["held_mb"]
    out["memory_rss_mb"] = memory["rss_mb"]
    log(f"{size}x: traced peak {max(memory['peaks_mb'].values()):.0f} MB")
    if size in args.profile:
        worker("profile", project)
        log(f"{size}x: profile written to {OUT}/profile-x{size}.html")

    # No-op regeneration: docs/ holds this model's pages (the memory run wrote them).
    noop = []
    for _ in range(runs):
        before = snapshot(project / "docs")
        result = worker("noop", project)
        result["touched"] = sum(1 for k, v in snapshot(project / "docs").items() if before.get(k) != v)
        noop.append(result)
    out["noop"] = {
        "wall": spread([r["wall"] for r in noop]),
        "build": spread([r["build"] for r in noop]),
        "written": max(r["written"] + r["removed"] for r in noop),
        "touched": max(r["touched"] for r in noop),
    }
    log(f"{size}x: no-op regeneration {out['noop']['wall']['median']:.2f} s (process)")

    if size in args.mkdocs_sizes:
        mk_runs = args.mkdocs_runs or MKDOCS_RUNS.get(size, 1)
        hooked = []
        for i in range(mk_runs):
            clean_generated(project / "docs")
            hooked.append(mkdocs_build(project))
            log(f"{size}x: mkdocs build {i + 1}/{mk_runs}: {hooked[-1]['wall']:.1f} s")
        config = write_nohook_config(project)
        plain = []
        for i in range(max(1, mk_runs)):
            plain.append(mkdocs_build(project, config))
            log(f"{size}x: mkdocs build without hook {i + 1}: {plain[-1]['wall']:.1f} s")
        gen = [r["generator"] for r in hooked if r["generator"] is not None]
        out["mkdocs"] = {
            "wall": spread([r["wall"] for r in hooked]),
            "generator": spread(gen) if gen else None,
            "share": spread([r["generator"] / r["wall"] for r in hooked if r["generator"]]),
            "nohook_wall": spread([r["wall"] for r in plain]),
            "rss_mb": spread([r["rss_mb"] for r in hooked]),
        }
        base = out["mkdocs"]["nohook_wall"]["median"]
        out["mkdocs"]["added"] = (out["mkdocs"]["wall"]["median"] - base) / base
    if size in args.serve_sizes:
        clean_generated(project / "docs")
        served = serve_latency(project, args.serve_edits)
        out["serve"] = {"latency": spread(served["latencies"]), "all": served["latencies"]}
        log(f"{size}x: serve edit visible after {out['serve']['latency']['median']:.2f} s")
    if not args.keep:
        shutil.rmtree(project, ignore_errors=True)
    return out


def _total(times: dict[str, float]) -> float:
    """The generator's own work: every stage but the import and the second (no-op) write."""
    return sum(v for k, v in times.items() if k not in ("import", "write_noop"))


# --- the report -------------------------------------------------------------------------------


def _s(fig: dict[str, float] | None, digits: int = 2) -> str:
    if not fig:
        return "-"
    if fig["min"] == fig["max"]:
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
    with contextlib.suppress(OSError):
        release = Path("/etc/os-release").read_text()
        os_name = re.search(r'PRETTY_NAME="([^"]+)"', release)[1] + f", kernel {platform.release()}"  # type: ignore[index]
    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "memory": mem,
        "python": platform.python_version(),
        "os": os_name,
    }


def targets(results: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Each target: whether it holds (None: not measured) and the evidence."""
    by = {r["size"]: r for r in results}
    out: dict[str, dict[str, Any]] = {}
    steps = []
    for a, b in zip(sorted(by), sorted(by)[1:]):
        ratio = by[b]["total"]["median"] / by[a]["total"]["median"]
        steps.append((a, b, ratio, ratio <= 1.2 * b / a))
    out["linear"] = {
        "holds": all(s[3] for s in steps) if steps else None,
        "evidence": "; ".join(f"{a}x->{b}x: {r:.1f}x time for {b // a}x input" for a, b, r, _ in steps),
    }
    rates = [
        (r["size"], r["scan"]["chars"] / r["scan"]["seconds"]["median"] / 1e6, r["patterns"])
        for r in results
        if r["scan"]["seconds"]["median"] > 0
    ]
    if rates:
        slowest = min(rate for _, rate, _ in rates)
        out["one_pass"] = {
            "holds": slowest >= 0.5 * rates[0][1],
            "evidence": "; ".join(f"{s}x: {p} patterns, {rate:.1f} MB/s" for s, rate, p in rates),
        }
    real = by.get(1)
    if real:
        noop = real["noop"]
        out["noop"] = {
            "holds": noop["written"] == 0 and noop["touched"] == 0 and noop["wall"]["median"] <= 0.5,
            "evidence": (
                f"{noop['written']} files written, {noop['touched']} touched; "
                f"{noop['wall']['median']:.2f} s as a process, "
                f"{noop['build']['median']:.2f} s in build()"
            ),
        }
        if "mkdocs" in real:
            mk = real["mkdocs"]
            out["mkdocs_share"] = {
                "holds": mk["added"] <= 0.10,
                "evidence": (
                    f"mkdocs build {mk['wall']['median']:.2f} s with the hook, "
                    f"{mk['nohook_wall']['median']:.2f} s without: +{mk['added']:.0%}; the "
                    f"generator reports {_s(mk['generator'])} s inside it "
                    f"({mk['share']['median']:.0%} of the build)"
                ),
            }
        if "serve" in real:
            lat = real["serve"]["latency"]
            out["serve"] = {
                "holds": lat["median"] <= 2.0,
                "evidence": f"edit visible after {_s(lat)} s (median, min-max)",
            }
    return out


def report(results: list[dict[str, Any]], info: dict[str, Any]) -> str:
    lines = [
        "## Machine",
        "",
        f"{info['cores']} cores ({info['cpu']}), {info['memory']} RAM, Python {info['python']}, "
        f"{info['os']}.",
        "",
        "## Sizes",
        "",
        "| Size | Entries | Terms | Pages | YAML MB | Largest file MiB | Markdown MB |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        lines.append(
            f"| {r['size']}x | {r['entities']:,} | {r['terms']:,} | {r['pages']:,} | "
            f"{r['yaml_mb']:.1f} | {r['largest_file_mib']:.1f} | {r['markdown_mb']:.1f} |"
        )
    stages = [s for s in (*STAGES, "write_noop") if any(s in r["stages"] for r in results)]
    lines += [
        "",
        "## Generator stages: seconds, median (min-max)",
        "",
        "| Size | Runs | " + " | ".join(stages) + " | total | x previous |",
        "| --- | ---: | " + " | ".join("---:" for _ in stages) + " | ---: | ---: |",
    ]
    previous = None
    for r in results:
        runs = r["runs"]
        cells = [_s(r["stages"].get(s), 3 if r["size"] < 100 else 2) for s in stages]
        growth = f"{r['total']['median'] / previous:.1f}x" if previous else "-"
        previous = r["total"]["median"]
        lines.append(
            f"| {r['size']}x | {runs} | {' | '.join(cells)} | {_s(r['total'])} | {growth} |"
        )
    lines += [
        "",
        "## Peak memory by stage (MB, tracemalloc: Python heap incl. data held from earlier stages)",
        "",
        "| Size | " + " | ".join(s for s in stages if s not in ("import", "write_noop"))
        + " | held after write | worker peak RSS |",
        "| --- | " + " | ".join("---:" for s in stages if s not in ("import", "write_noop"))
        + " | ---: | ---: |",
    ]
    for r in results:
        cells = [
            f"{r['peaks_mb'].get(s, 0):.0f}" for s in stages if s not in ("import", "write_noop")
        ]
        lines.append(
            f"| {r['size']}x | {' | '.join(cells)} | {r['held_mb'].get('write', 0):.0f} | "
            f"{r['worker_rss_mb']['median']:.0f} |"
        )
    lines += [
        "",
        "## Glossary linking (one Aho-Corasick automaton, one pass per text)",
        "",
        "| Size | Patterns | Texts scanned | MB scanned | Seconds in matcher | MB/s |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        sc = r["scan"]
        secs = sc["seconds"]["median"]
        rate = sc["chars"] / secs / 1e6 if secs else 0
        lines.append(
            f"| {r['size']}x | {r['patterns']:,} | {sc['calls']:,} | {sc['chars'] / 1e6:.1f} | "
            f"{_s(sc['seconds'])} | {rate:.1f} |"
        )
    lines += [
        "",
        "## No-op regeneration (nothing changed)",
        "",
        "| Size | Process wall s | build() s | Files written | Files touched |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        n = r["noop"]
        lines.append(
            f"| {r['size']}x | {_s(n['wall'])} | {_s(n['build'])} | {n['written']} | {n['touched']} |"
        )
    built = [r for r in results if "mkdocs" in r]
    if built:
        lines += [
            "",
            "## mkdocs build --strict (clean docs/; the hook regenerates inside it)",
            "",
            "| Size | Runs | With hook s | Generator in it s | Generator share | Without hook s "
            "| Added by generation | Peak RSS MB |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for r in built:
            mk = r["mkdocs"]
            lines.append(
                f"| {r['size']}x | {r['mkdocs_runs']} | {_s(mk['wall'])} | {_s(mk['generator'])} | "
                f"{mk['share']['median']:.0%} | {_s(mk['nohook_wall'])} | {mk['added']:+.0%} | "
                f"{mk['rss_mb']['median']:.0f} |"
            )
    served = [r for r in results if "serve" in r]
    if served:
        lines += [
            "",
            "## mkdocs serve: one-line YAML edit to served page",
            "",
            "| Size | Edits | Seconds, median (min-max) | Each |",
            "| --- | ---: | ---: | --- |",
        ]
        for r in served:
            each = ", ".join(f"{v:.2f}" for v in r["serve"]["all"])
            lines.append(
                f"| {r['size']}x | {len(r['serve']['all'])} | {_s(r['serve']['latency'])} | {each} |"
            )
    lines += ["", "## Targets", "", "| Target | Holds | Evidence |", "| --- | --- | --- |"]
    for key, text in TARGETS.items():
        t = info["targets"].get(key)
        holds = "not measured" if t is None or t["holds"] is None else ("yes" if t["holds"] else "NO")
        lines.append(f"| {text} | {holds} | {t['evidence'] if t else '-'} |")
    return "\n".join(lines) + "\n"


def _sizes(text: str | None, default: tuple[int, ...]) -> tuple[int, ...]:
    if text is None:
        return default
    return tuple(int(s) for s in re.split(r"[,\s]+", text.strip()) if s)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench", description=__doc__.split("\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, help="sizes (default: BENCH_SIZES or 1 10 100 1000)")
    parser.add_argument("--mkdocs-sizes", help="sizes to run mkdocs build at (BENCH_MKDOCS_SIZES; 1,10)")
    parser.add_argument("--serve-sizes", help="sizes to time mkdocs serve at (BENCH_SERVE_SIZES; 1)")
    parser.add_argument("--runs", type=int, help="timed generator runs per size (default 5/5/3/1)")
    parser.add_argument("--mkdocs-runs", type=int, help="mkdocs builds per size (default 5/2)")
    parser.add_argument("--serve-edits", type=int, default=SERVE_EDITS)
    parser.add_argument("--profile", default="", help="sizes to profile with pyinstrument, e.g. 100")
    parser.add_argument("--keep", action="store_true", help="keep the projects in build/bench/")
    parser.add_argument("--worker", nargs=2, metavar=("MODE", "PROJECT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(_worker(args.worker[0], Path(args.worker[1]))))
        return 0
    env = os.environ.get
    args.sizes = tuple(args.sizes) or _sizes(env("BENCH_SIZES"), DEFAULT_SIZES)
    args.mkdocs_sizes = _sizes(args.mkdocs_sizes or env("BENCH_MKDOCS_SIZES"), DEFAULT_MKDOCS_SIZES)
    args.serve_sizes = _sizes(args.serve_sizes or env("BENCH_SERVE_SIZES"), DEFAULT_SERVE_SIZES)
    args.profile = _sizes(args.profile, ())
    if args.runs is None and env("BENCH_RUNS"):
        args.runs = int(env("BENCH_RUNS", "1"))
    OUT.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - started:6.0f} s] {message}", file=sys.stderr, flush=True)

    results = []
    for size in sorted(set(args.sizes)):
        result = bench_size(size, args, log)
        result["runs"] = args.runs or RUNS.get(size, 1)
        result["mkdocs_runs"] = args.mkdocs_runs or MKDOCS_RUNS.get(size, 1)
        results.append(result)
    info = machine()
    info["targets"] = targets(results)
    info["seconds"] = time.perf_counter() - started
    info["command"] = " ".join([Path(sys.executable).name, "-m", "tests.bench", *sys.argv[1:]])
    text = report(results, info)
    (OUT / "report.md").write_text(text, encoding="utf-8")
    (ROOT / "build" / "bench.json").write_text(
        json.dumps({"machine": info, "results": results}, indent=1) + "\n", encoding="utf-8"
    )
    print(text)
    log(f"done; figures in build/bench.json and {OUT.relative_to(ROOT)}/report.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
