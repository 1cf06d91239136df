"""Unit-test helpers: a small project in a temporary folder, and running the `replybook` command in-process."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from replybook.cli import main
from replybook.library import Library, load_library
from replybook.ui_strings import UiStrings, load_ui_strings
from tests.conftest import FIXTURES, ROOT


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def small_project(tmp_path, monkeypatch) -> Path:
    """The real mkdocs.yml and the base fixture library as playbooks/, as the working directory."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(FIXTURES / "base", root / "playbooks")
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def cli(capsys) -> Callable[..., Run]:
    """Run `replybook ARGS...` in-process; returns the exit code and what it printed."""

    def run(*args: str | Path) -> Run:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture(scope="session")
def base_library(languages) -> Library:
    result = load_library([FIXTURES / "base"], languages, base=FIXTURES)
    assert result.library is not None, [d.text() for d in result.diagnostics]
    return result.library


@pytest.fixture(scope="session")
def ui(languages) -> dict[str, UiStrings]:
    strings, problems = load_ui_strings(languages)
    assert problems == [], [d.text() for d in problems]
    return strings
