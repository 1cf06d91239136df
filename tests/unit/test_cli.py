"""The `replybook` command: exit codes, output forms and the JSON Schema."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from replybook.cli import main
from replybook.json_schema import SCHEMA_PATH, render_schema
from tests.conftest import FIXTURES, ROOT


@pytest.fixture
def in_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def test_check_valid_fixture(in_root, capsys):
    assert main(["check", str(FIXTURES / "base")]) == 0
    assert capsys.readouterr().out.startswith("✓ 7 file(s) valid")


def test_check_broken_fixture_exit_1_and_lines(in_root, capsys, tmp_path):
    target = tmp_path / "lib"
    shutil.copytree(FIXTURES / "base", target)
    shutil.copy(FIXTURES / "negative" / "raw-html.yaml", target)
    assert main(["check", str(target)]) == 1
    out = capsys.readouterr()
    assert "raw-html.yaml:5:26: statement.ru: raw HTML is not allowed" in out.out
    assert "1 error(s)" in out.err


def test_github_annotations(in_root, capsys, tmp_path):
    target = tmp_path / "lib"
    shutil.copytree(FIXTURES / "base", target)
    shutil.copy(FIXTURES / "negative" / "missing-translation.yaml", target)
    main(["check", "--format", "github", str(target)])
    line = capsys.readouterr().out.splitlines()[0]
    assert line.startswith("::error file=") and ",line=5,col=12::statement.uk: missing translation" in line


def test_warnings_fail_only_with_strict(in_root, tmp_path, capsys):
    target = tmp_path / "lib"
    shutil.copytree(FIXTURES / "base", target)
    shutil.copy(FIXTURES / "negative" / "untranslated.yaml", target)
    assert main(["check", str(target)]) == 0
    assert main(["check", "--strict", str(target)]) == 1


def test_missing_path_is_a_usage_error(in_root, capsys):
    assert main(["check", "no/such/folder"]) == 2
    assert "no such file" in capsys.readouterr().err


def test_no_project_is_a_clear_error(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 2
    assert "no mkdocs.yml" in capsys.readouterr().err


def test_stats_json_counts_kinds_and_languages(in_root, capsys):
    assert main(["stats", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report["counts"]) == {"principles", "playbooks", "trees", "templates", "case_studies"}
    assert set(report["languages"]) == {"en", "ru", "uk", "ro", "es"}
    for row in report["languages"].values():
        assert 0 <= row["share"] <= 1 and row["total"] > 0


def test_console_script_never_prints_a_traceback(tmp_path):
    garbage = tmp_path / "garbage.yaml"
    garbage.write_bytes(b"\xff\xfe{{{: : :\n\t- [\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks")}
    run = subprocess.run([sys.executable, "-m", "replybook.cli", "check", str(garbage)], cwd=ROOT,
                         capture_output=True, text=True, env=env, check=False)
    assert run.returncode == 1
    assert "Traceback" not in run.stdout + run.stderr
    assert "garbage.yaml:1:1: file is not valid UTF-8" in run.stdout


def test_committed_json_schema_is_up_to_date(project):
    committed = (project.root / SCHEMA_PATH).read_text(encoding="utf-8")
    assert committed == render_schema(project.languages), "run `replybook schema --write`"


def test_json_schema_requires_every_language(project):
    schema = json.loads(render_schema(project.languages))
    localized = schema["$defs"]["LocalizedText"]
    assert localized["required"] == list(project.languages)
    assert localized["additionalProperties"] is False
    assert Path(ROOT / SCHEMA_PATH).is_file()


def test_an_internal_bug_is_one_clear_line_and_exit_3(in_root, capsys, monkeypatch):
    import replybook.cli as cli

    def broken(project, args):
        raise KeyError("boom")

    monkeypatch.setattr(cli, "command_stats", broken)
    assert cli.main(["stats"]) == 3
    err = capsys.readouterr().err
    assert err.startswith("replybook: internal error (KeyError") and "Traceback" not in err
