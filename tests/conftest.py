"""Shared fixtures: the project, its languages, and the fixture libraries."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from replybook.project import Project, load_project

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture(scope="session")
def project() -> Project:
    return load_project(ROOT)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per session with `mkdocs build --strict`."""
    from tests.site.conftest import mkdocs_build

    site = tmp_path_factory.mktemp("site")
    run = mkdocs_build(ROOT, site)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "WARNING" not in run.stderr, run.stderr
    return site


@pytest.fixture(scope="session")
def languages(project: Project) -> tuple[str, ...]:
    return project.languages


@pytest.fixture(scope="session")
def chromium_browser() -> Iterator[Any]:
    """Debian's Chromium, one per test session (Playwright's sync API allows one at a time)."""
    from tests.browser.harness import CHROMIUM, browser

    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is missing: run `make test` (it installs Debian's chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with browser() as instance:
        yield instance
