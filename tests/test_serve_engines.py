"""``python -m generator serve --engine {mkdocs,zensical} --addr HOST:PORT`` (what ``make serve``
runs): with either engine a YAML edit reaches the served page, a broken file is named with
file:line while the last good page stays up, the fix is served, and one Ctrl-C stops the watcher
and the server together."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import BIN
from tests.test_serve import Server, _free_port, _line_of, _mount_path, _replace_line, _save

pytestmark = pytest.mark.engine

START_TIMEOUT = 180.0
CHANGE_TIMEOUT = 90.0


@dataclass
class Preview(Server):
    """A preview's process, address and log (the MkDocs server test's helpers), and its engine."""

    engine: str


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture(params=["mkdocs", "zensical"])
def preview(request: pytest.FixtureRequest, project: Path) -> Iterator[Preview]:
    engine = request.param
    if engine == "zensical" and not (BIN / "zensical").exists():
        pytest.skip(f"zensical is not installed in {BIN} (pip install -r requirements-dev.txt)")
    port = _free_port()
    log = project.parent / f"preview-{engine}.log"
    cmd = [sys.executable, "-m", "generator", "serve", "--engine", engine]
    cmd += ["--addr", f"127.0.0.1:{port}"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project)}
    with log.open("wb") as out:
        # A session of its own, like a terminal's foreground job: Ctrl-C reaches the group.
        process = subprocess.Popen(
            cmd, cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    running = Preview(process, f"http://127.0.0.1:{port}{_mount_path(project)}", log, engine)
    try:
        running.wait_for(
            "the first page", lambda: running.get("glossary/")[0] == 200, START_TIMEOUT
        )
        yield running
    finally:
        if _group_alive(process.pid):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def test_edit_error_fix_and_one_ctrl_c(preview: Preview, project: Path) -> None:
    glossary = project / "source_data" / "glossary.yaml"
    line = _line_of(glossary, "    name: ")  # the first term's name
    assert _replace_line(glossary, line, "    name: Zorblax manager").startswith("    name: ")
    preview.wait_for(
        "the edit", lambda: "Zorblax manager" in preview.get("glossary/")[1], CHANGE_TIMEOUT
    )

    _replace_line(glossary, line, "    name: Zorblax: manager")
    preview.wait_for(
        "the problem to be named",
        lambda: f"source_data/glossary.yaml:{line}:" in preview.text(),
        CHANGE_TIMEOUT,
    )
    where = f"source_data/glossary.yaml:{line}:"
    if preview.engine == "zensical":  # the notice travels in .zensical.yml, never in docs/
        preview.wait_for(
            "the notice on the page", lambda: where in preview.get("glossary/")[1], CHANGE_TIMEOUT
        )
        assert not any(where in p.read_text(encoding="utf-8") for p in project.glob("docs/**/*.md"))
    time.sleep(1.0)  # a rebuild the broken save might start has time to go wrong
    status, html = preview.get("glossary/")
    assert status == 200 and "Zorblax manager" in html, "the last good page is not served"
    assert "Serving the last good pages" in preview.text()

    _replace_line(glossary, line, "    name: Quuxly manager")
    preview.wait_for(
        "the fix", lambda: "Quuxly manager" in preview.get("glossary/")[1], CHANGE_TIMEOUT
    )
    preview.wait_for(
        "the notice to go", lambda: where not in preview.get("glossary/")[1], CHANGE_TIMEOUT
    )

    # One Ctrl-C in the terminal: SIGINT to the foreground group stops watcher and server.
    os.killpg(preview.process.pid, signal.SIGINT)
    assert preview.process.wait(timeout=30) == 0, preview.text()
    deadline = time.monotonic() + 30
    while _group_alive(preview.process.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _group_alive(preview.process.pid), "the server outlived the Ctrl-C"


@pytest.mark.parametrize("preview", ["zensical"], indirect=True)
def test_zensical_new_hand_written_page_joins_the_nav(preview: Preview, project: Path) -> None:
    """The nav lives in .zensical.yml: the watcher rewrites it when a hand-written page appears,
    and a signal to the watcher alone (not its group) still stops the server too."""
    _save(project / "docs" / "serve-check.md", "# Serve check\n\nHand-written.\n")
    preview.wait_for(
        "the new page in the nav",
        lambda: "serve-check/" in preview.get("")[1],
        CHANGE_TIMEOUT,
    )
    preview.process.send_signal(signal.SIGTERM)
    assert preview.process.wait(timeout=30) == 0, preview.text()
    deadline = time.monotonic() + 30
    while _group_alive(preview.process.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _group_alive(preview.process.pid), "the server outlived its watcher"
