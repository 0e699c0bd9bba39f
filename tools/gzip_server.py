"""Serve a built site over 127.0.0.1 with gzip, as a static host would (for `make bench`).

``python -m http.server`` sends every file uncompressed, which no real host does and which makes
Lighthouse score text-heavy pages far lower than readers see them. This server compresses text
responses when the client accepts gzip, answers folder addresses with their index.html, and
serves 404.html for a missing page. It is a measuring tool, not a server for readers.

    python tools/gzip_server.py site          # prints the address, serves until Ctrl-C
"""

from __future__ import annotations

import gzip
import http.server
import mimetypes
import sys
import threading
from functools import cache
from pathlib import Path

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")


@cache
def _compressed(path: Path, mtime: float) -> bytes:
    # mtime is part of the key so a rebuilt file is compressed again.
    return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)


class Handler(http.server.BaseHTTPRequestHandler):
    root: Path = Path(".")

    def log_message(self, format: str, *args: object) -> None:
        pass  # Lighthouse makes hundreds of requests; the bench prints its own summary

    def do_HEAD(self) -> None:
        self._serve(body=False)

    def do_GET(self) -> None:
        self._serve(body=True)

    def _serve(self, body: bool) -> None:
        path, status = self._resolve(self.path.split("?", 1)[0].split("#", 1)[0])
        if path is None:
            self.send_error(404)
            return
        if status == 301:
            self.send_response(301)
            self.send_header("Location", self.path.split("?", 1)[0] + "/")
            self.end_headers()
            return
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        gz = path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", "")
        data = _compressed(path, path.stat().st_mtime) if gz else path.read_bytes()
        self.send_response(status)
        if kind.startswith("text/") or kind.endswith(("javascript", "json")):
            kind += "; charset=utf-8"
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "max-age=600")
        if gz:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        if body:
            self.wfile.write(data)

    def _resolve(self, url: str) -> tuple[Path | None, int]:
        from urllib.parse import unquote

        rel = unquote(url).lstrip("/")
        target = (self.root / rel).resolve()
        if self.root not in (target, *target.parents):
            return None, 404
        if target.is_dir():
            if not url.endswith("/"):
                return target, 301
            target = target / "index.html"
        if target.is_file():
            return target, 200
        missing = self.root / "404.html"
        return (missing, 404) if missing.is_file() else (None, 404)


def start(root: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve ``root`` on a free port in a background thread; return the server and its URL."""
    handler = type("SiteHandler", (Handler,), {"root": root.resolve()})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def main(argv: list[str]) -> int:
    root = Path(argv[0] if argv else "site")
    server, url = start(root)
    print(f"serving {root}/ gzipped at {url} (Ctrl-C stops)", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
