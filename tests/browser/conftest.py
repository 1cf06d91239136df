"""Browser fixtures: the built site on 127.0.0.1 and Debian's Chromium via Playwright.

Every page a test opens is watched: a console error or a request to any host
other than 127.0.0.1 fails the test (the site must work offline).
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.harness import CHROMIUM, chromium, serve

AXE = Path(__file__).with_name("node_modules") / "axe-core" / "axe.min.js"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def site_url(built_site):
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser_context():
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is missing: run `make test` (it installs Debian's chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with chromium(permissions=["clipboard-read", "clipboard-write"], viewport={"width": 1280, "height": 900},
                  locale="en-US") as context:
        yield context


class PageWatch:
    """Console errors and outside requests seen by one page."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.outside: list[str] = []


@pytest.fixture
def watched(browser_context, site_url):
    watch = PageWatch()
    page = browser_context.new_page()
    page.on("console", lambda msg: watch.errors.append(msg.text)
            if msg.type == "error" and not msg.text.startswith("Failed to load resource") else None)
    page.on("pageerror", lambda exc: watch.errors.append(str(exc)))

    def on_request(request):
        host = urlsplit(request.url).hostname
        if host not in (None, "127.0.0.1") and not request.url.startswith(("data:", "blob:")):
            watch.outside.append(request.url)

    page.on("request", on_request)
    page.on("response", lambda r: watch.errors.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    yield page, watch
    page.close()
    assert watch.outside == [], f"requests to other hosts: {watch.outside}"
    assert watch.errors == [], f"console errors: {watch.errors}"


@pytest.fixture
def page(watched):
    return watched[0]


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make test` (it installs axe-core from npm)")
    return AXE.read_text(encoding="utf-8")


def lang_prefix(language: str, default: str = "en") -> str:
    return "" if language == default else f"{language}/"
