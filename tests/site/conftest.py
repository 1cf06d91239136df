"""Build the real site once per test session (strict mode), into a temporary folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from replybook.library import Library, load_library
from tests.conftest import ROOT

MKDOCS_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def mkdocs_build(project_dir: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build --strict` as a user would."""
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir)],
                          cwd=project_dir, capture_output=True, text=True, env=MKDOCS_ENV, check=False)


def copy_project(target: Path) -> Path:
    """A throw-away copy of the project (for builds with extra or broken playbooks)."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "docs", "hooks", "playbooks", "schema"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, target / name)
    return target


@pytest.fixture(scope="session")
def library(project) -> Library:
    result = load_library([project.playbooks_dir], project.languages, base=project.root)
    assert result.library is not None, "\n".join(d.text() for d in result.errors)
    return result.library
