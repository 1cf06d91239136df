"""Browser fixtures: the built site on 127.0.0.1 and Debian's Chromium via Playwright.

One Chromium per session; every test gets fresh browser contexts (empty storage, clipboard
permission, the default language's locale) from ``new_page``. Every page a test opens is
watched: a console error, an uncaught exception, a failed (4xx/5xx) response or a request to
any host other than 127.0.0.1 fails the test (the site must work offline).

A test parameter named ``lang`` runs the test once per site language (mkdocs.yml's list).
REPLYBOOK_TEST_SITE=<folder> tests a site built beforehand instead of building one.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from replybook.library import load_library
from replybook.project import load_project
from tests.browser.harness import serve
from tests.browser.support import Labels, Site, locale_of
from tests.conftest import ROOT

AXE = Path(__file__).with_name("node_modules") / "axe-core" / "axe.min.js"
expect.set_options(timeout=10_000)
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


def pytest_generate_tests(metafunc):
    explicit = set()
    for marker in metafunc.definition.iter_markers("parametrize"):
        names = marker.args[0]
        explicit.update(n.strip() for n in names.split(",")) if isinstance(names, str) else explicit.update(names)
    if "lang" in metafunc.fixturenames and "lang" not in explicit:
        metafunc.parametrize("lang", load_project(ROOT).languages)


# ---------- the site and what it is made of ----------


@pytest.fixture(scope="session")
def site_dir(request) -> Path:
    """The built site: `mkdocs build --strict` of the project, or REPLYBOOK_TEST_SITE."""
    given = os.environ.get("REPLYBOOK_TEST_SITE")
    if given:
        return Path(given)
    return request.getfixturevalue("built_site")


@pytest.fixture(scope="session")
def site_url(site_dir) -> Iterator[str]:
    with serve(site_dir, not_found_pages=True) as url:
        yield url


@pytest.fixture(scope="session")
def site(site_url, project) -> Site:
    return Site(site_url, project.default_language, project.languages)


@pytest.fixture(scope="session")
def library(project):
    result = load_library([project.playbooks_dir], project.languages, base=project.root)
    assert result.library is not None, "\n".join(d.text() for d in result.errors)
    return result.library


@pytest.fixture(scope="session")
def labels() -> Labels:
    return Labels()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make test` (or `npm ci --prefix tests/browser`)")
    return AXE.read_text(encoding="utf-8")


# ---------- the browser ----------


class Watch:
    """What the pages of one test did that they must not: errors, failed or outside requests."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.expected_status: dict[str, int] = {}

    def expect_status(self, url: str, status: int) -> None:
        """``url`` is meant to answer ``status`` (a test of the 404 page)."""
        self.expected_status[url] = status

    def attach(self, context: Any) -> None:
        def on_console(message: Any) -> None:
            if message.type == "error" and not message.text.startswith("Failed to load resource"):
                self.errors.append(f"console: {message.text}")

        def on_request(request: Any) -> None:
            url = request.url
            if url.startswith(("data:", "blob:", "about:")):
                return
            if urlsplit(url).hostname != "127.0.0.1":
                self.outside.append(url)

        def on_response(response: Any) -> None:
            if response.status < 400 or self.expected_status.get(response.url) == response.status:
                return
            self.errors.append(f"HTTP {response.status}: {response.url}")

        context.on("console", on_console)
        context.on("weberror", lambda error: self.errors.append(f"uncaught: {error.error}"))
        context.on("request", on_request)
        context.on("response", on_response)

    def take(self) -> list[str]:
        """What went wrong so far (and forget it): for a test whose subject it is."""
        found = [f"request to another host: {url}" for url in self.outside] + self.errors
        self.outside, self.errors = [], []
        return found

    def check(self) -> None:
        assert self.outside == [], f"requests to other hosts: {self.outside}"
        assert self.errors == [], f"errors: {self.errors}"


@pytest.fixture
def watch() -> Watch:
    return Watch()


@pytest.fixture
def new_context(chromium_browser, project, watch) -> Iterator[Callable[..., Any]]:
    """Open fresh, watched browser contexts.

    Keyword arguments override the defaults: desktop viewport, the default language's locale,
    light scheme, clipboard allowed.
    """
    opened: list[Any] = []

    def make(**options: Any) -> Any:
        settings = {"viewport": DESKTOP, "locale": locale_of(project.default_language), "color_scheme": "light",
                    "permissions": ["clipboard-read", "clipboard-write"], **options}
        context = chromium_browser.new_context(**settings)
        context.set_default_timeout(10_000)
        watch.attach(context)
        opened.append(context)
        return context

    yield make
    for context in opened:
        context.close()
    watch.check()


@pytest.fixture
def new_page(new_context) -> Callable[..., Any]:
    """A page in a fresh, watched context (see ``new_context`` for the options)."""

    def make(**options: Any) -> Any:
        return new_context(**options).new_page()

    return make


@pytest.fixture
def page(new_page):
    return new_page()
