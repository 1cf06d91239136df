"""A tiny static web server for a built site, with gzip, as static hosts serve it.

Text files (HTML, CSS, JavaScript, JSON, SVG, XML) are sent gzip-compressed when the browser
accepts it; Pagefind's own files are compressed by Pagefind already and go as they are. A
folder answers with its index.html, and a missing page with the site's 404.html and status 404,
as GitHub Pages and Netlify do.

Usage:  .venv/bin/python bench/static.py SITE_DIR [--port 8080]
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import http.server
import mimetypes
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote, urlsplit

sys.path[:0] = [str(Path(__file__).resolve().parent.parent)]

from tests.browser.harness import serve_with  # noqa: E402

COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".csv", ".map"}
TYPES = {".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm",
         ".json": "application/json", ".css": "text/css", ".svg": "image/svg+xml", ".html": "text/html"}


class Handler(http.server.BaseHTTPRequestHandler):
    """GET and HEAD of files under ``root``, gzip for text, 404.html for what is missing."""

    root: Path
    protocol_version = "HTTP/1.1"
    cache: ClassVar[dict[Path, bytes]] = {}
    lock = threading.Lock()

    def log_message(self, format: str, *args: object) -> None:
        pass

    def resolve(self) -> tuple[Path | None, int]:
        path = unquote(urlsplit(self.path).path)
        target = (self.root / path.lstrip("/")).resolve()
        if self.root not in (target, *target.parents):
            return None, 404
        if target.is_dir():
            target = target / "index.html"
        if target.is_file():
            return target, 200
        return (self.root / "404.html" if (self.root / "404.html").is_file() else None), 404

    def body(self, target: Path, compress: bool) -> bytes:
        if not compress:
            return target.read_bytes()
        with self.lock:
            if target not in self.cache:
                self.cache[target] = gzip.compress(target.read_bytes(), compresslevel=6, mtime=0)
            return self.cache[target]

    def answer(self, send_body: bool) -> None:
        target, status = self.resolve()
        if target is None:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        compress = (target.suffix in COMPRESSIBLE
                    and "gzip" in self.headers.get("Accept-Encoding", ""))
        content = self.body(target, compress)
        kind = TYPES.get(target.suffix) or mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/json", "image/svg+xml"):
            kind += "; charset=utf-8"
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(content)))
        if compress:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        if send_body:
            self.wfile.write(content)

    def do_GET(self) -> None:
        self.answer(True)

    def do_HEAD(self) -> None:
        self.answer(False)


@contextlib.contextmanager
def serve(site: Path, port: int = 0) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 (a free port unless given) in a thread; yields the base URL."""
    handler = type("SiteHandler", (Handler,), {"root": site.resolve(), "cache": {}})
    with serve_with(handler, port) as url:
        yield url


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--port", type=int, default=8080)
    args = parser.parse_args()
    with serve(args.site, args.port) as url:
        print(f"serving {args.site} on {url} (gzip); Ctrl-C stops", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
