"""``python -m generator serve``: preview while editing, with MkDocs or Zensical.

One command runs two things, and one Ctrl-C stops both:

* the engine's own server, as a child process (``mkdocs serve --livereload`` or
  ``zensical serve -f .zensical.yml``), which reloads the open page when the site changes;
* a watcher the generator owns, which regenerates docs/ through ``generator.build()`` (the
  same entry point as every other build) whenever something it reads changes.

Where the watcher runs depends on the engine:

* MkDocs runs the generator's hook (``mkdocs_hook.py``) inside every rebuild, and the hook
  polls source_data/, the templates and the hand-written pages itself. Regenerating inside
  the rebuild gives MkDocs the new nav in the same pass, so this command only supervises.
* Zensical runs no hooks, so the watcher runs here: it polls source_data/, the templates and
  the names of the hand-written pages every 0.1 s, regenerates docs/ and rewrites
  ``.zensical.yml`` (the nav lives there); ``zensical serve`` rebuilds when either changes.

Either way a problem in the YAML is printed as ``file:line:column: message``, docs/ is left
as it was and the server goes on serving the last good site until the next save fixes it. The
served pages show the problems too: under MkDocs the hook adds them, under Zensical the watcher
writes them into ``.zensical.yml`` (``extra.generator_notice``, shown by overrides/main.html),
never into docs/; the next good save takes them out.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from . import build, paths
from .error_notice import notice_html
from .errors import OwnershipError, SourceError, WriteError
from .zensical import CONFIG, last_nav, write_config

ENGINES = ("mkdocs", "zensical")
DEFAULT_ADDR = "127.0.0.1:8000"
POLL_SECONDS = 0.1
"""How often the Zensical watcher looks for changes (the MkDocs hook polls as often)."""
STOP_SECONDS = 10.0
"""How long the server gets to stop after Ctrl-C before it is killed."""
BIN = Path(sys.executable).parent


def server_command(engine: str, root: Path, addr: str) -> list[str]:
    """The engine's preview server, started in ``root``."""
    if engine == "mkdocs":
        return [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", addr]
    return [str(BIN / "zensical"), "serve", "-f", CONFIG, "-a", addr]


def watched(root: Path) -> dict[str, tuple[int, int]]:
    """What the generated pages and nav depend on: every file under source_data/ and the
    templates (size and time), and the names of the hand-written top-level pages."""
    import generator

    state: dict[str, tuple[int, int]] = {}
    templates = Path(generator.__file__).resolve().parent / "templates"
    for folder in (root / "source_data", templates):
        for path, _dirs, names in os.walk(folder):
            for name in names:
                if paths.is_scratch(name):
                    continue  # an editor's swap or temporary file: the generator never reads it
                full = os.path.join(path, name)
                with contextlib.suppress(OSError):
                    st = os.stat(full)
                    state[full] = (st.st_size, st.st_mtime_ns)
    for page in (root / "docs").glob("*.md"):
        if page.name != paths.HOME:  # generated
            state[str(page)] = (0, 0)
    return state


class Regenerator:
    """Generates docs/ and .zensical.yml; on a problem says what and where, leaves docs/ as it
    was, and puts the problems on the served pages through .zensical.yml."""

    def __init__(self, root: Path, say: Callable[[str], None]) -> None:
        from . import incremental

        self.root = root
        self.say = say
        self.nav = last_nav(root)
        incremental.enable()  # what a save did not change is not computed again

    def __call__(self, superseded: Callable[[], bool] | None = None) -> bool:
        """Regenerate; ``superseded`` says whether the sources changed again since this began
        (a save caught half-written: the next poll regenerates from the whole file)."""
        try:
            report = build(self.root)
        except SourceError as exc:
            lines = [str(problem) for problem in exc.problems]
            lines.append(f"generator: {len(exc.problems)} problem(s) in source_data/")
        except (OwnershipError, WriteError) as exc:
            lines = [f"generator: {exc}"]
        except Exception as exc:  # a bug: keep serving, say so
            bug = "internal error (a bug in the generator, not in your YAML)"
            lines = [f"generator: {bug}: {type(exc).__name__}: {exc}"]
        else:
            self.nav = report.nav
            write_config(self.root, report.nav)
            self.say(report.summary())
            return True
        if superseded is not None and superseded():
            # Neither printed nor put on the pages: a notice in .zensical.yml would make
            # Zensical rebuild the whole site twice for a file that was still being written.
            self.say("generator: source_data/ changed while it was read; reading it again")
            return False
        for line in lines:
            self.say(line)
        self.say("docs/ was left as it was. Serving the last good pages; fix it and save again.")
        if self.nav is not None:
            write_config(self.root, self.nav, notice_html(lines))
        return False


class Watcher(threading.Thread):
    """Polls what the pages depend on; regenerates after every change."""

    def __init__(self, root: Path, regenerate: Callable[[Callable[[], bool]], bool]) -> None:
        super().__init__(name="generator-watch", daemon=True)
        self.root = root
        self.regenerate = regenerate
        self.stopping = threading.Event()
        self.last = watched(root)

    def run(self) -> None:
        while not self.stopping.wait(POLL_SECONDS):
            now = watched(self.root)
            if now != self.last:
                self.last = now
                self.regenerate(lambda now=now: watched(self.root) != now)  # type: ignore[misc]

    def stop(self) -> None:
        self.stopping.set()
        self.join(timeout=STOP_SECONDS)


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _child_setup() -> None:
    """In the child, before the server starts: Ctrl-C stops it even where the shell that started
    this command ignores it (a background job), and it stops if this process dies first."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """Ctrl-C, and a SIGTERM (from a test, a process manager), stop the preview."""

    def interrupt(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    old = {sig: signal.signal(sig, interrupt) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in old.items():
            signal.signal(sig, handler)


def serve(root: Path, engine: str = "mkdocs", addr: str = DEFAULT_ADDR) -> int:
    """Run the preview until Ctrl-C; return the exit code."""
    if engine not in ENGINES:
        _say(f"generator: unknown engine {engine!r}; use one of: {', '.join(ENGINES)}")
        return 1
    watcher = None
    if engine == "zensical":
        regenerate = Regenerator(root, _say)
        if not regenerate() and regenerate.nav is None:
            _say("generator: nothing to serve yet; fix the YAML, then run this again.")
            return 1
        watcher = Watcher(root, regenerate)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with _terminate_as_interrupt():
        child = subprocess.Popen(
            server_command(engine, root, addr), cwd=root, env=env, preexec_fn=_child_setup
        )
        try:
            if watcher is not None:
                watcher.start()
                _say(f"generator: watching source_data/ and the templates for {engine}")
            while child.poll() is None:
                time.sleep(0.2)
            _say(f"generator: the {engine} server stopped (exit code {child.returncode})")
            return child.returncode or 1
        except KeyboardInterrupt:
            _say("generator: stopping the preview")
            return 0
        finally:
            if watcher is not None:
                watcher.stop()
            _stop(child)


def _stop(child: subprocess.Popen[bytes]) -> None:
    """Ctrl-C reaches the whole process group, so the server may be stopping already; else
    ask it as Ctrl-C would, then insist."""
    for stop in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL):
        if child.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            child.send_signal(stop)
        with contextlib.suppress(subprocess.TimeoutExpired):
            child.wait(timeout=STOP_SECONDS / 2)
