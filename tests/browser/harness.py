"""What the browser tests and ``make screenshots`` share: the browser, the server and the crawler.

The browser is Debian's Chromium driven by Playwright (never a downloaded build); the built site is
served from a thread on 127.0.0.1 under the path of ``site_url`` (``/handbook/``), as GitHub
Pages would serve it, so the 404 page's absolute links resolve too.
"""

from __future__ import annotations

import contextlib
import functools
import html.parser
import http.server
import os
import posixpath
import shutil
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator import redirects

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOOPBACK = "127.0.0.1"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
# One page of each kind the generator writes (URL paths under the site root).
PAGE_KINDS = {
    "home": "",
    "compare": "compare/",
    "map": "map/",
    "dimension": "dimensions/math-vs-art/",
    "role": "teams/account-manager/",
    "teams": "teams/",
    "journey": "journey/",
    "glossary": "glossary/",
    "sources": "sources/",
    "four-ps": "four-ps/",
    "leads": "leads/",
    "strategies": "strategies/",
    "alignment": "alignment/",
    "debates": "debates/",
    "definitions": "definitions/",
    "quiz": "quiz/?seed=42",
}


def find_chromium() -> str | None:
    """Debian's Chromium, or the one named by ``$CHROMIUM``; None when there is none."""
    named = os.environ.get("CHROMIUM")
    candidates = [named] if named else [*CHROMIUM_CANDIDATES, shutil.which("chromium")]
    for candidate in candidates:
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def site_prefix(config: Path = ROOT / "mkdocs.yml") -> str:
    """The path part of ``site_url``, e.g. ``/handbook/``: the site is served under it."""
    text = config.read_text(encoding="utf-8")
    # Only the one key is needed, and mkdocs.yml may carry !!python tags safe_load rejects.
    line = next((ln for ln in text.splitlines() if ln.startswith("site_url:")), "")
    url = yaml.safe_load(line)["site_url"] if line else "/"
    path = urllib.parse.urlsplit(url).path or "/"
    return path if path.endswith("/") else path + "/"


def launch(playwright, executable: str):
    return playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)


# ---------------------------------------------------------------------------------------------
# The server


class _Handler(http.server.SimpleHTTPRequestHandler):
    prefix = "/"

    def translate_path(self, path: str) -> str:
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if not clean.startswith(self.prefix):
            return os.path.join(self.directory, "\0outside-the-site")  # never exists: 404
        return super().translate_path("/" + clean[len(self.prefix) :])

    def log_message(self, format: str, *args: object) -> None:  # the tests report, not the log
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        # A browser closing a connection early (cancelled preloads) is not a failure.
        pass


@contextlib.contextmanager
def serve(site: Path, prefix: str | None = None) -> Iterator[str]:
    """Serve ``site`` on a free loopback port; yields the site's base URL."""
    prefix = prefix or site_prefix()
    handler = type("Handler", (_Handler,), {"prefix": prefix})
    server = _Server((LOOPBACK, 0), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://{LOOPBACK}:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def is_redirect(file: Path) -> bool:
    """Whether a built file is the small page at a renamed or merged entry's former address
    (generator/redirects.py), which only sends the browser on to the current page."""
    return redirects.is_redirect(file.read_text(encoding="utf-8", errors="replace"))


def site_pages(site: Path) -> list[str]:
    """Every HTML page of a built site, as URL paths relative to its root ("" is the home page).
    The redirect pages at former addresses are left out: opening one navigates away at once."""
    pages = []
    for file in sorted(site.rglob("*.html")):
        if is_redirect(file):
            continue
        rel = file.relative_to(site).as_posix()
        if rel == "index.html":
            rel = ""
        elif rel.endswith("/index.html"):
            rel = rel[: -len("index.html")]
        pages.append(rel)
    return pages


# ---------------------------------------------------------------------------------------------
# Watching a browser context: every request is routed, and anything not for the server is refused


@dataclass
class Traffic:
    """What a browser context asked for, and what went wrong while it did."""

    origin: str
    foreign: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    pending: set[object] = field(default_factory=set)  # requests neither finished nor failed

    def settle(self, page, timeout: float = 10.0) -> None:
        """Wait until every request made so far has finished (or failed); unlike Playwright's
        "networkidle" this costs no fixed half second per page."""
        deadline = time.monotonic() + timeout
        while self.pending and time.monotonic() < deadline:
            page.wait_for_timeout(20)

    def problems(self) -> list[str]:
        return (
            [f"request to another host: {url}" for url in self.foreign]
            + [f"failed request: {item}" for item in self.failed]
            + [f"console: {item}" for item in self.console]
        )


def _origin(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def watch(context, base_url: str) -> Traffic:
    """Route all of ``context``'s requests: loopback ones continue, the rest are recorded and
    aborted. Failed requests, HTTP errors and console errors are recorded for every page."""
    traffic = Traffic(origin=_origin(base_url))

    def route(route) -> None:
        url = route.request.url
        if url.startswith(("data:", "blob:", "about:")) or _origin(url) == traffic.origin:
            route.continue_()
        else:
            traffic.foreign.append(url)
            route.abort("blockedbyclient")

    def on_request(request) -> None:
        traffic.pending.add(request)

    def on_finished(request) -> None:
        traffic.pending.discard(request)

    def on_failed(request) -> None:
        traffic.pending.discard(request)
        # Foreign requests are recorded already. ERR_ABORTED is the browser dropping a request
        # because the test moved on (a late favicon fetch when the next page is opened); a
        # missing or broken resource shows as an HTTP status or another net:: error instead.
        if _origin(request.url) == traffic.origin and request.failure != "net::ERR_ABORTED":
            traffic.failed.append(f"{request.url} ({request.failure})")

    def on_response(response) -> None:
        if response.status >= 400:
            traffic.failed.append(f"{response.url} (HTTP {response.status})")

    def on_page(page) -> None:
        def on_console(message) -> None:
            if message.type in {"error", "assert"}:
                traffic.console.append(f"{page.url}: {message.text}")

        page.on("console", on_console)
        page.on("pageerror", lambda error: traffic.console.append(f"{page.url}: {error}"))

    context.route("**/*", route)
    context.on("request", on_request)
    context.on("requestfinished", on_finished)
    context.on("requestfailed", on_failed)
    context.on("response", on_response)
    context.on("page", on_page)
    return traffic


def new_context(browser, base_url: str, **options):
    """A browser context in the light scheme, watched; returns (context, traffic)."""
    options.setdefault("viewport", DESKTOP)
    options.setdefault("color_scheme", "light")
    options.setdefault("reduced_motion", "reduce")
    context = browser.new_context(**options)
    context.set_default_timeout(15_000)
    return context, watch(context, base_url)


# ---------------------------------------------------------------------------------------------
# The crawler and the link checker

_COLLECT = """() => ({
    // new URL(), not a.href: an SVG link's href is an object, not a string
    links: [...document.querySelectorAll("a[href]")]
        .map(a => [a.getAttribute("href"), new URL(a.getAttribute("href"), document.baseURI).href]),
    ids: [...document.querySelectorAll("[id]")].map(e => e.id)
        .concat([...document.querySelectorAll("a[name]")].map(a => a.name)),
})"""


@dataclass
class PageReport:
    path: str
    status: int
    links: list[tuple[str, str]]  # (href as written, absolute URL)
    ids: set[str]


@dataclass
class Crawl:
    base_url: str
    pages: dict[str, PageReport]  # keyed by absolute URL without fragment or query
    traffic: Traffic


def crawl(browser, base_url: str, pages: list[str]) -> Crawl:
    """Load every page in one watched context; record links, ids and anything that went wrong."""
    context, traffic = new_context(browser, base_url)
    reports: dict[str, PageReport] = {}
    try:
        page = context.new_page()
        for path in pages:
            url = urllib.parse.urljoin(base_url, path)
            response = page.goto(url, wait_until="load")
            # Late requests (the favicon, the search worker's index) finish before the next
            # page is loaded, so a failure among them is seen and not cut short.
            traffic.settle(page)
            found = page.evaluate(_COLLECT)
            reports[_page_key(url)] = PageReport(
                path=path,
                status=response.status if response else 0,
                links=[tuple(pair) for pair in found["links"]],
                ids=set(found["ids"]),
            )
    finally:
        context.close()
    return Crawl(base_url=base_url, pages=reports, traffic=traffic)


def _page_key(url: str) -> str:
    """One spelling per page: no query or fragment, and ``x/index.html`` is ``x/``."""
    parts = urllib.parse.urlsplit(url)
    path = parts.path
    if path.endswith("/index.html"):
        path = path[: -len("index.html")]
    if path not in {"", "/"}:
        path = posixpath.normpath(path) + ("/" if path.endswith("/") else "")
    return f"{parts.scheme}://{parts.netloc}{path or '/'}"


def broken_links(result: Crawl) -> list[str]:
    """Every in-site link whose target page or ``#anchor`` does not exist, one line each.

    A target that was not crawled (a file such as sitemap.xml, or a page left out of the crawl)
    is fetched from the server and, when it is HTML, its ids are read from the markup.
    """
    origin = _origin(result.base_url)
    prefix = urllib.parse.urlsplit(result.base_url).path
    fetched: dict[str, tuple[int, set[str] | None]] = {}
    problems = []
    for report in result.pages.values():
        for written, absolute in report.links:
            parts = urllib.parse.urlsplit(absolute)
            if parts.scheme not in {"http", "https"} or _origin(absolute) != origin:
                continue  # mailto:, and other sites (not reachable from here, not checked)
            where = f"/{report.path}: <a href={written!r}>"
            if not parts.path.startswith(prefix):
                problems.append(f"{where} points outside the site ({parts.path})")
                continue
            key = _page_key(absolute.split("#", 1)[0].split("?", 1)[0])
            if key in result.pages:
                status, ids = 200, result.pages[key].ids
            else:
                if key not in fetched:
                    fetched[key] = _fetch(key)
                status, ids = fetched[key]
            if status >= 400:
                problems.append(f"{where} target missing (HTTP {status})")
                continue
            fragment = urllib.parse.unquote(parts.fragment)
            if not fragment:
                continue
            if ids is None:
                problems.append(f"{where} has an anchor, but its target is not an HTML page")
            elif fragment not in ids:
                target = urllib.parse.urlsplit(key).path
                problems.append(f"{where} no element with id {fragment!r} on {target}")
    return problems


class _Ids(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and (name == "id" or (tag == "a" and name == "name")):
                self.ids.add(value)


def _fetch(url: str) -> tuple[int, set[str] | None]:
    """(HTTP status, the ids on the page or None when it is not HTML); loopback only."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            body = response.read()
            kind = response.headers.get("Content-Type", "")
            status = response.status
    except urllib.error.HTTPError as exc:
        exc.close()
        return exc.code, None
    if "html" not in kind:
        return status, None
    parser = _Ids()
    parser.feed(body.decode("utf-8", errors="replace"))
    return status, parser.ids
