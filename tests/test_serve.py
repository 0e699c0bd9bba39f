"""``mkdocs serve``: an edit to the YAML shows up in the served page after exactly one rebuild;
a broken file is reported with file:line and the last good site stays up until it is fixed."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from tests.conftest import BIN, mkdocs_build

pytestmark = pytest.mark.engine

START_TIMEOUT = 120.0
CHANGE_TIMEOUT = 90.0
QUIET = 3.0
"""Seconds without a new build after a reload: MkDocs polls every 0.5 s and waits 0.1 s."""
BUILD = "Building documentation..."


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    base: str
    log: Path

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def count(self, line: str) -> int:
        return self.text().count(line)

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.base + path, timeout=60) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            return exc.code, ""
        except OSError:
            return 0, ""  # not listening (yet, or while the preview restarts its server)

    def wait_for(self, what: str, check: Callable[[], bool], timeout: float) -> float:
        """Poll until ``check()``; return the seconds it took."""
        start = time.perf_counter()
        while time.perf_counter() - start < timeout:
            if self.process.poll() is not None:
                pytest.fail(f"the server exited ({self.process.returncode}):\n{self.text()}")
            if check():
                return time.perf_counter() - start
            time.sleep(0.2)
        pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}; log:\n{self.text()}")

    def settle(self) -> None:
        """Wait until a build finished and no other build followed within QUIET seconds."""
        self.wait_for("a reload", lambda: self._idle_since() >= QUIET, CHANGE_TIMEOUT)

    def _idle_since(self) -> float:
        text = self.text()
        # Every rebuild ends in "Reloading browsers" (the first build in none); MkDocs now and
        # then leaves out its "Documentation built" line, so either marker counts.
        finished = max(text.count("Documentation built"), text.count("Reloading browsers") + 1)
        if text.count(BUILD) > finished + text.count("rebuild."):
            return 0.0  # a build is under way
        stat = self.log.stat()
        return time.time() - stat.st_mtime


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _mount_path(project: Path) -> str:
    config = yaml.safe_load(
        next(
            line
            for line in (project / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
            if line.startswith("site_url:")
        )
    )
    path = urllib.parse.urlsplit(config["site_url"]).path or "/"
    return path if path.endswith("/") else path + "/"


@pytest.fixture
def server(project: Path) -> Iterator[Server]:
    port = _free_port()
    log = project.parent / "serve.log"
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONPATH": str(project),  # the copy's generator, so its templates are the watched ones
    }
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(BIN / "mkdocs"), "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    running = Server(process, f"http://127.0.0.1:{port}{_mount_path(project)}", log)
    try:
        running.wait_for("the first build", lambda: "Serving on" in running.text(), START_TIMEOUT)
        running.settle()
        yield running
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _save(path: Path, text: str) -> None:
    """Save as many editors do, in one atomic step: one file event, however busy the machine."""
    tmp = path.with_name(f".{path.name}.swp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _replace_line(path: Path, number: int, text: str) -> str:
    lines = path.read_text(encoding="utf-8").split("\n")
    old = lines[number - 1]
    lines[number - 1] = text
    _save(path, "\n".join(lines))
    return old


def _line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith(needle):
            return number
    raise AssertionError(f"{needle!r} not found in {path}")


def test_edit_reload_error_and_recovery(server: Server, project: Path) -> None:
    glossary = project / "source_data" / "glossary.yaml"
    page = "glossary/"
    status, html = server.get(page)
    assert status == 200 and "Glossary" in html

    # 1. An edit appears after exactly one rebuild; the generator's own writes start none.
    line = _line_of(glossary, "    name: ")  # the first term's name
    old = _replace_line(glossary, line, "    name: Zorblax manager")
    assert old.startswith("    name: ")
    builds = server.count(BUILD)
    seconds = server.wait_for(
        "the edit to be served", lambda: "Zorblax manager" in server.get(page)[1], CHANGE_TIMEOUT
    )
    server.settle()
    print(f"edit served after {seconds:.2f} s")  # for the record; speed belongs to benchmarks
    assert server.count(BUILD) - builds == 1, server.text()
    assert re.search(r"generator: \d+ pages written", server.text())

    # 2. Broken YAML: reported with file:line, the last good page stays up, the server too.
    builds = server.count(BUILD)
    _replace_line(glossary, line, "    name: Zorblax: manager")
    server.wait_for(
        "the problem to be logged", lambda: "source_data/glossary.yaml:" in server.text(), 60
    )
    server.settle()
    log = server.text()
    assert re.search(rf"ERROR\s+-\s+source_data/glossary\.yaml:{line}:\d+: YAML syntax error", log)
    assert "Serving the last good pages" in log
    assert server.count(BUILD) - builds == 1, log
    status, html = server.get(page)
    assert status == 200 and "Zorblax manager" in html
    assert server.get("")[0] == 200

    # 3. Fixed: the next save is served again.
    builds = server.count(BUILD)
    _replace_line(glossary, line, "    name: Quuxly manager")
    server.wait_for(
        "the fix to be served", lambda: "Quuxly manager" in server.get(page)[1], CHANGE_TIMEOUT
    )
    server.settle()
    assert server.count(BUILD) - builds == 1, server.text()
    assert server.process.poll() is None


def test_template_and_hand_written_edits_rebuild_once(server: Server, project: Path) -> None:
    template = project / "generator" / "templates" / "glossary.md.j2"
    text = template.read_text(encoding="utf-8")
    assert text.startswith("# ")
    builds = server.count(BUILD)
    _save(template, text.replace("# ", "# Templated ", 1))
    server.wait_for(
        "the template edit to be served",
        lambda: "Templated" in server.get("glossary/")[1],
        CHANGE_TIMEOUT,
    )
    server.settle()
    assert server.count(BUILD) - builds == 1, server.text()

    # A new hand-written page still starts a rebuild, and joins the nav.
    builds = server.count(BUILD)
    _save(project / "docs" / "serve-check.md", "# Serve check\n\nHand-written.\n")
    server.wait_for(
        "the hand-written page to be served",
        lambda: server.get("serve-check/")[0] == 200,
        CHANGE_TIMEOUT,
    )
    server.settle()
    assert server.count(BUILD) - builds == 1, server.text()
    assert "serve-check/" in server.get("")[1]


def test_only_generated_files_are_ignored(tmp_path: Path) -> None:
    from generator.mkdocs_hook import is_generated

    docs = str(tmp_path / "docs")
    generated = ["index.md", ".generated.json", ".generated.staging-x/a.md", "glossary/index.md"]
    generated += ["data/handbook.json", "dimensions/goals.md"]
    for rel in generated:
        assert is_generated(docs, f"{docs}/{rel}"), rel
    for rel in ["contributing.md", "assets/handbook.css", "glossary.md", "other/page.md"]:
        assert not is_generated(docs, f"{docs}/{rel}"), rel
    assert not is_generated(docs, str(tmp_path / "source_data" / "glossary.yaml"))


def test_the_watcher_ignores_editor_scratch_files() -> None:
    """An editor's swap, backup and atomic-save files ask for no rebuild; the files the
    generator reads do (a rebuild per save, however the save is timed against the poll)."""
    from generator.paths import is_scratch

    for name in [".glossary.yaml.swp", "glossary.yaml~", "#glossary.yaml#", "roles.yaml.tmp"]:
        assert is_scratch(f"/p/source_data/{name}"), name
    for name in ["glossary.yaml", "glossary.md.j2", "contributing.md", "handbook.css"]:
        assert not is_scratch(f"/p/source_data/{name}"), name


def test_the_watcher_lists_no_generated_folder(tmp_path: Path) -> None:
    """The hook's poller skips the generator's own entries at the top of docs/ (it would stat
    every generated page ten times a second), and lists every hand-written one."""
    import os

    from generator.mkdocs_hook import _generated_entry

    docs = tmp_path / "docs"
    for rel in ["glossary/index.md", "dimensions/goals.md", "assets/handbook.css", "other/a.md"]:
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text("x", encoding="utf-8")
    for rel in ["index.md", ".generated.json", "contributing.md", "glossary.md"]:
        (docs / rel).write_text("x", encoding="utf-8")
    with os.scandir(docs) as entries:
        skipped = {e.name for e in entries if _generated_entry(str(docs), e)}
    assert skipped == {"glossary", "dimensions", "index.md", ".generated.json"}


def _served_as_built(text: str, served_base: str, site_url: str) -> str:
    """A served page as `mkdocs build` would write it: no live-reload script, the real site URL."""
    text = re.sub(r"<script>\s*var livereload = .*?</script>\s*", "", text, flags=re.S)
    return text.replace(served_base, site_url)


def _undated(text: str) -> str:
    """The sitemap's dates are the build's day, which may turn between the two builds."""
    return re.sub(r"<lastmod>[^<]*</lastmod>", "<lastmod/>", text)


def test_a_rebuild_serves_the_same_site_as_a_clean_build(
    server: Server, project: Path, tmp_path: Path
) -> None:
    """Pages whose Markdown did not change reuse their HTML, yet every page, the search index and
    the sitemap match a clean build: here a theme's new name must reach every page that shows it
    (since issue 13 the menu lists sections only, so the matrix shows it, not every page)."""
    themes = project / "source_data" / "themes.yaml"
    line = _line_of(themes, "    name: Purpose and goals")
    _replace_line(themes, line, "    name: Aims and targets")
    server.wait_for(
        "the new nav to be served",
        lambda: "Aims and targets" in server.get("compare/")[1],
        CHANGE_TIMEOUT,
    )
    server.settle()
    reused = re.findall(
        r"generator: (\d+) pages? converted from Markdown, (\d+) reused", server.text()
    )
    assert reused, server.text()
    converted, kept = map(int, reused[-1])
    assert 0 < converted < kept, (
        reused
    )  # the cache was used, so the comparison below means something

    _assert_served_as_clean_build(server, project, tmp_path)


def test_reused_theme_html_matches_a_clean_build(
    server: Server, project: Path, tmp_path: Path
) -> None:
    """An edit that leaves the nav alone: the pages it does not touch keep their theme HTML from
    the previous rebuild, and every page, the search index and the sitemap still match a clean
    build."""
    dimensions = project / "source_data" / "dimensions.yaml"
    line = _line_of(dimensions, "    summary: >-") + 1  # the summary's first line of text
    text = dimensions.read_text(encoding="utf-8").split("\n")[line - 1]
    indent = len(text) - len(text.lstrip())
    _replace_line(dimensions, line, f"{text[:indent]}Zorblax {text[indent:]}")
    server.wait_for(
        "the edit to be served",
        lambda: "Zorblax" in server.get("search/search_index.json")[1],
        CHANGE_TIMEOUT,
    )
    server.settle()
    themed = re.findall(
        r"generator: (\d+) pages? rendered through the theme, (\d+) reused", server.text()
    )
    assert themed, server.text()
    rendered, reused = map(int, themed[-1])
    assert 0 < rendered < reused, themed  # the theme cache was used
    _assert_served_as_clean_build(server, project, tmp_path)


def _assert_served_as_clean_build(server: Server, project: Path, tmp_path: Path) -> None:
    site = tmp_path / "clean-site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    site_url = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
    files = [*sorted(site.rglob("*.html")), site / "search/search_index.json", site / "sitemap.xml"]
    assert len(files) > 60
    differ = []
    for file in files:
        rel = file.relative_to(site).as_posix()
        status, served = server.get(rel.removesuffix("index.html"))
        assert status == 200, rel
        built = _undated(file.read_text(encoding="utf-8"))
        if _undated(_served_as_built(served, server.base, site_url)) != built:
            differ.append(rel)
    assert not differ, f"served pages differ from a clean build: {differ}"
