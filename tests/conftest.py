"""Shared fixtures: the project, its languages, and the fixture libraries."""

from __future__ import annotations

from pathlib import Path

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
