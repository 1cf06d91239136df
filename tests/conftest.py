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
def languages(project: Project) -> tuple[str, ...]:
    return project.languages
