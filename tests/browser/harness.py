"""Serve a built site on 127.0.0.1 and drive Debian's Chromium with Playwright.

Shared by the browser tests, the screenshot script, the search evaluation and the
benchmarks. Chromium is started with flags that keep it off the network (the site
must work offline) and with a fresh profile each time.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-quic",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm", ".js": "text/javascript"}

    def log_message(self, format: str, *args: object) -> None:
        pass


class _NotFoundPageHandler(_QuietHandler):
    """Answers a missing address with the nearest 404.html above it, with status 404.

    As a host configured for a multilingual site does: /uk/no-such-page/ gets /uk/404.html.
    """

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = self._not_found_page() if code == 404 and self.command == "GET" else None
        if page is None:
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _not_found_page(self) -> Path | None:
        root = Path(self.directory)
        folder = Path(self.translate_path(self.path.split("?", 1)[0].split("#", 1)[0]))
        for candidate in [folder, *folder.parents]:
            if candidate != root and root not in candidate.parents:
                return None
            if (candidate / "404.html").is_file():
                return candidate / "404.html"
        return None


@contextlib.contextmanager
def serve(site: Path, *, not_found_pages: bool = False) -> Iterator[str]:
    """Serve ``site`` on a free port of 127.0.0.1; yields the base URL.

    With ``not_found_pages``, a missing address gets the nearest ``404.html`` above it, with
    status 404 (a plain server error page otherwise).
    """
    handler_class = _NotFoundPageHandler if not_found_pages else _QuietHandler
    with serve_with(functools.partial(handler_class, directory=str(site))) as url:
        yield url


@contextlib.contextmanager
def serve_with(handler: Any, port: int = 0) -> Iterator[str]:
    """Serve requests with ``handler`` on 127.0.0.1 (a free port unless given), in a thread."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def browser() -> Iterator[Any]:
    """Debian's Chromium itself, for tests that open many short-lived contexts.

    Each ``browser.new_context()`` starts with its own empty storage, cookies and permissions.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        try:
            yield instance
        finally:
            instance.close()


@contextlib.contextmanager
def chromium(**context_options: Any) -> Iterator[Any]:
    """A browser context of Debian's Chromium with a fresh, throw-away profile.

    Playwright passes the profile folder as `--user-data-dir` itself when the
    context is persistent; it is deleted afterwards.
    """
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="replybook-chromium-")
    try:
        with sync_playwright() as playwright:
            context = playwright.chromium.launch_persistent_context(
                profile, executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True, **context_options)
            try:
                yield context
            finally:
                context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)
