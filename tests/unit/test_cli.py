"""The `replybook` command: exit codes, output forms, finding the project, render, export, rules.

Exit codes are public: 0 valid, 1 content problems, 2 usage or project problems, 3 a bug in Replybook.
Every test runs against a small project in a temporary folder (the `small_project` fixture: the real
mkdocs.yml and tests/fixtures/base as playbooks/).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

import replybook.cli as cli_module
from replybook.export import FORMATS
from replybook.json_schema import SCHEMA_PATH, render_schema
from replybook.project import load_project
from replybook.rulebook import RULES
from tests.conftest import FIXTURES, ROOT

NEGATIVE = FIXTURES / "negative"


def _lock_up_to_date(cli) -> None:
    assert cli("translations", "update").code == 0


# -- exit codes and output forms -------------------------------------------------------------


def test_valid_project_exits_0(small_project, cli):
    _lock_up_to_date(cli)
    run = cli("check")
    assert run.code == 0
    files = len(list((small_project / "playbooks").glob("*.yaml")))
    assert run.out == f"✓ {files} file(s) valid\n" and run.err == ""
    assert cli("check", "--strict").code == 0


def test_content_error_exits_1_with_the_line(small_project, cli):
    shutil.copy(NEGATIVE / "raw-html.yaml", small_project / "playbooks")
    run = cli("check")
    assert run.code == 1
    assert "playbooks/raw-html.yaml:5:26: statement.ru: raw HTML is not allowed (found `<script`)" in run.out
    assert run.out.rstrip().endswith("[raw-html]")
    assert run.err.startswith("✗ 1 error(s), 0 warning(s)")


def test_warnings_fail_only_with_strict(small_project, cli):
    _lock_up_to_date(cli)
    shutil.copy(NEGATIVE / "untranslated.yaml", small_project / "playbooks")
    _lock_up_to_date(cli)
    run = cli("check")
    assert run.code == 0 and "2 warning(s)" in run.out
    strict = cli("check", "--strict")
    assert strict.code == 1 and strict.err.startswith("✗ 0 error(s), 2 warning(s)")


def test_a_stale_translations_lock_is_a_warning_and_fails_strict(small_project, cli):
    run = cli("check")  # no lock yet
    assert run.code == 0
    lock = "playbooks/translations.lock.json:1:1: warning: the translations lock does not match the playbooks"
    assert lock in run.out
    assert "[translations-lock]" in run.out
    assert cli("check", "--strict").code == 1


def test_missing_path_is_a_usage_error(small_project, cli):
    run = cli("check", "no/such/folder")
    assert run.code == 2 and run.err.startswith("replybook: no such file or folder: no/such/folder")


def test_no_project_is_a_clear_usage_error(tmp_path, monkeypatch, cli):
    monkeypatch.chdir(tmp_path)
    run = cli("check")
    assert run.code == 2 and "no mkdocs.yml found" in run.err and "Traceback" not in run.err


def test_mkdocs_yml_without_languages_is_a_usage_error(tmp_path, monkeypatch, cli):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins: [search]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run = cli("check")
    assert run.code == 2 and "the i18n plugin declares no `languages`" in run.err


def test_an_unknown_option_value_is_exit_2(small_project, cli):
    with pytest.raises(SystemExit) as exited:
        cli("check", "--format", "xml")
    assert exited.value.code == 2


@pytest.mark.parametrize("fmt", ["text", "github", "json"])
def test_every_output_format_carries_the_rule(small_project, cli, fmt):
    shutil.copy(NEGATIVE / "missing-translation.yaml", small_project / "playbooks")
    run = cli("check", "--format", fmt)
    assert run.code == 1
    if fmt == "json":
        problems = json.loads(run.out)
        assert [(p["file"], p["line"], p["column"], p["field"], p["rule"], p["level"]) for p in problems] == [
            ("playbooks/missing-translation.yaml", 5, 12, "statement.uk", "languages", "error")]
        assert problems[0]["message"] == "missing translation"
    elif fmt == "github":
        assert run.out == ("::error file=playbooks/missing-translation.yaml,line=5,col=12,title=languages::"
                           "statement.uk: missing translation (add `uk:` under `statement`)\n")
    else:
        assert run.out == ("playbooks/missing-translation.yaml:5:12: statement.uk: missing translation "
                           "(add `uk:` under `statement`) [languages]\n")


def test_json_output_of_a_valid_project_is_still_json(small_project, cli):
    _lock_up_to_date(cli)
    run = cli("check", "--format", "json")
    assert run.code == 0 and json.loads(run.out) == [] and run.err.startswith("✓")


def test_checking_one_file_reports_only_that_file(small_project, cli):
    _lock_up_to_date(cli)
    shutil.copy(NEGATIVE / "raw-html.yaml", small_project / "playbooks")
    shutil.copy(NEGATIVE / "untranslated.yaml", small_project / "playbooks")
    run = cli("check", "playbooks/untranslated.yaml")
    assert run.code == 0  # the other file's error is neither shown nor counted
    assert "raw-html" not in run.out and "raw HTML" not in run.out
    assert [line.split(":")[0] for line in run.out.splitlines()[:-1]] == ["playbooks/untranslated.yaml"] * 2
    assert run.out.endswith("✓ 1 file(s) valid, 2 warning(s)\n")
    assert cli("check", "playbooks/raw-html.yaml").code == 1


def test_a_single_file_is_checked_in_the_context_of_the_library(small_project, cli):
    """A playbook names principles and sources defined in other files: checked alone, they still resolve."""
    _lock_up_to_date(cli)
    run = cli("check", "playbooks/playbook.yaml")
    assert run.code == 0 and run.out == "✓ 1 file(s) valid\n"


# -- finding the project ---------------------------------------------------------------------


def test_check_path_finds_the_project_above_the_path(small_project, tmp_path, monkeypatch, cli):
    shutil.copy(NEGATIVE / "raw-html.yaml", small_project / "playbooks")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    folder = cli("check", "../project/playbooks")
    assert folder.code == 1 and "raw-html.yaml:5:26: statement.ru: raw HTML" in folder.out
    absolute = cli("check", small_project / "playbooks" / "raw-html.yaml")
    assert absolute.code == 1 and "raw HTML" in absolute.out
    relative = cli("check", "../project/playbooks/raw-html.yaml")  # a file, from a sibling folder
    assert relative.code == 1 and "raw HTML is not allowed" in relative.out


def test_the_default_language_comes_first(tmp_path, monkeypatch, cli):
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\nplugins:\n  - search\n  - i18n:\n      build_only_locale: !ENV [PREVIEW, null]\n"
        "      languages:\n        - locale: ru\n        - locale: uk\n        - locale: en\n          default: true\n",
        encoding="utf-8")
    assert load_project(tmp_path).languages == ("en", "ru", "uk")
    (tmp_path / "mkdocs.yml").write_text("- just a list\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run = cli("check")
    assert run.code == 2 and "expected a mapping at the top level" in run.err


def test_commands_work_from_a_subfolder_of_the_project(small_project, monkeypatch, cli):
    monkeypatch.chdir(small_project / "playbooks")
    _lock_up_to_date(cli)
    run = cli("check")
    assert run.code == 0


# -- internal errors -------------------------------------------------------------------------


def _break_stats(monkeypatch):
    def broken(project, args):
        raise KeyError("boom")

    monkeypatch.setattr(cli_module, "command_stats", broken)  # the parser is built on every call


def test_an_internal_error_is_one_line_exit_3_without_traceback(small_project, monkeypatch, cli):
    monkeypatch.delenv("REPLYBOOK_TRACEBACK", raising=False)
    _break_stats(monkeypatch)
    run = cli("stats")
    assert run.code == 3
    assert run.err.startswith("replybook: internal error (KeyError: 'boom'). This is a bug in Replybook")
    assert "--traceback" in run.err and "Traceback" not in run.err and len(run.err.splitlines()) == 1


@pytest.mark.parametrize("how", ["option", "environment"])
def test_traceback_on_request(small_project, monkeypatch, cli, how):
    _break_stats(monkeypatch)
    if how == "environment":
        monkeypatch.setenv("REPLYBOOK_TRACEBACK", "1")
        run = cli("stats")
    else:
        monkeypatch.delenv("REPLYBOOK_TRACEBACK", raising=False)
        run = cli("--traceback", "stats")
    assert run.code == 3
    assert "Traceback (most recent call last)" in run.err and 'KeyError: \'boom\'' in run.err
    assert run.err.rstrip().endswith("please report it with the command you ran.")


def test_replybook_traceback_0_means_off(small_project, monkeypatch, cli):
    _break_stats(monkeypatch)
    monkeypatch.setenv("REPLYBOOK_TRACEBACK", "0")
    assert "Traceback" not in cli("stats").err


def test_ctrl_c_is_exit_130_without_a_traceback(small_project, monkeypatch, cli):
    def interrupted(project, args):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_module, "command_stats", interrupted)
    run = cli("stats")
    assert run.code == 130 and "Traceback" not in run.err


def test_console_script_never_prints_a_traceback_for_bad_content(small_project):
    garbage = small_project / "playbooks" / "garbage.yaml"
    garbage.write_bytes(b"\xff\xfe{{{: : :\n\t- [\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks")}
    env.pop("REPLYBOOK_TRACEBACK", None)
    run = subprocess.run([sys.executable, "-m", "replybook.cli", "check", str(garbage)], cwd=small_project,
                         capture_output=True, text=True, env=env, check=False)
    assert run.returncode == 1
    assert "Traceback" not in run.stdout + run.stderr
    assert "playbooks/garbage.yaml:1:1: file is not valid UTF-8 (byte 0xFF)" in run.stdout


# -- the translations lock ---------------------------------------------------------------------


@pytest.mark.parametrize(("content", "why"), [
    ("{not json", "cannot be read: it is not valid JSON"),
    ("[1, 2]", "cannot be read: it is not a translations lock"),
    ('{"playbook.yaml": {"title": "abc"}}', "cannot be read: it is not a translations lock"),
])
def test_corrupt_lock_is_cannot_be_read_with_the_fix(small_project, cli, content, why):
    lock = small_project / "playbooks" / "translations.lock.json"
    lock.write_text(content, encoding="utf-8")
    run = cli("check")
    assert run.code == 1  # an error even without --strict: nothing about translations can be said
    assert run.out.startswith(f"playbooks/translations.lock.json:1:1: {why}")
    assert "run `replybook translations update`" in run.out and run.out.rstrip().endswith("[translations-lock]")
    assert "does not match" not in run.out

    confirm = cli("translations", "confirm", "--lang", "uk")
    assert confirm.code == 1 and "cannot be read" in confirm.err and "translations update` first" in confirm.err
    assert cli("translations", "update").code == 0  # the fix the message gives works
    assert cli("check", "--strict").code == 0


# -- listing the rules -------------------------------------------------------------------------


def test_rules_lists_every_rule_id(small_project, cli):
    run = cli("rules")
    assert run.code == 0
    listed = [line.split()[0] for line in run.out.splitlines()]
    assert listed == list(RULES)
    assert "warning" in run.out.splitlines()[list(RULES).index("untranslated")]


def test_rules_as_json(small_project, cli):
    rows = json.loads(cli("rules", "--json").out)
    assert [row["id"] for row in rows] == list(RULES)
    assert {row["id"]: row["stage"] for row in rows}["yaml-syntax"] == "read"
    assert all(row["summary"] and row["level"] in ("error", "warning") for row in rows)


# -- stats -------------------------------------------------------------------------------------


def test_stats_counts_every_kind_and_language(small_project, cli, languages):
    run = cli("stats", "--json")
    assert run.code == 0
    report = json.loads(run.out)
    # principle.yaml; playbook.yaml + quiet-praise.yaml; triage.yaml + angry-post's own tree; 2 replies; case.yaml
    assert report["counts"] == {"principles": 1, "playbooks": 2, "trees": 2, "templates": 2, "case_studies": 1}
    assert list(report["languages"]) == list(languages)
    assert all(row["share"] == 1.0 and row["translated"] == row["total"] > 0 for row in report["languages"].values())
    assert report["errors"] == 0 and report["warnings"] == 0


def test_stats_counts_untranslated_fields(small_project, cli, languages):
    shutil.copy(NEGATIVE / "untranslated.yaml", small_project / "playbooks")  # title.en and statement.uk are TODO
    report = json.loads(cli("stats", "--json").out)["languages"]
    assert report["uk"]["translated"] == report["uk"]["total"] - 1 == report["ru"]["translated"] - 1
    assert report[languages[0]]["translated"] == report["ru"]["translated"] - 1
    text = cli("stats").out
    assert "principles: 2" in text and "uk:" in text and "fields translated" in text


# -- the JSON Schema ---------------------------------------------------------------------------


def test_schema_is_checked_and_written(small_project, cli, languages):
    stale = cli("schema")
    assert stale.code == 1 and "run `replybook schema --write`" in stale.err
    assert cli("schema", "--write").code == 0
    assert (small_project / SCHEMA_PATH).read_text(encoding="utf-8") == render_schema(languages)
    assert cli("schema").code == 0


def test_json_schema_requires_every_language(languages):
    schema = json.loads(render_schema(languages))
    localized = schema["$defs"]["LocalizedText"]
    assert localized["required"] == list(languages)
    assert localized["additionalProperties"] is False
    assert set(schema["discriminator"]["mapping"]) == {"principle", "playbook", "tree", "case", "sources",
                                                       "placeholders", "channels", "style", "coverage"}


def test_committed_json_schema_is_up_to_date(project):
    committed = (project.root / SCHEMA_PATH).read_text(encoding="utf-8")
    assert committed == render_schema(project.languages), "run `replybook schema --write`"


# -- render --------------------------------------------------------------------------------------


def test_render_writes_one_markdown_file_per_page_and_language(small_project, tmp_path, cli, languages):
    out = tmp_path / "rendered"
    run = cli("render", "--out", out)
    assert run.code == 0
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.md"))
    keys = sorted({p.rsplit(".", 2)[0] for p in written})
    assert written == sorted(f"{key}.{lang}.md" for key in keys for lang in languages)
    assert {"index", "templates", "channels", "playbooks/angry-post", "playbooks/quiet-praise", "principles/be-kind",
            "trees/triage", "cases/some-case", "contribute/format", "contribute/translation-status"} <= set(keys)
    assert run.out == f"✓ wrote {len(written)} page(s) to {out}\n"
    assert "Злий допис" in (out / "playbooks" / "angry-post.uk.md").read_text(encoding="utf-8")
    assert "Angry post" in (out / "playbooks" / "angry-post.en.md").read_text(encoding="utf-8")


def test_render_one_language(small_project, tmp_path, cli):
    out = tmp_path / "rendered"
    assert cli("render", "--out", out, "--lang", "uk").code == 0
    assert {p.name.split(".")[-2] for p in out.rglob("*.md")} == {"uk"}


def test_render_refuses_content_with_errors(small_project, tmp_path, cli):
    shutil.copy(NEGATIVE / "raw-html.yaml", small_project / "playbooks")
    out = tmp_path / "rendered"
    run = cli("render", "--out", out)
    assert run.code == 1 and "raw HTML" in run.out and "nothing rendered" in run.err
    assert not out.exists() or not any(out.rglob("*.md"))


def test_render_unknown_language_lists_the_choices(small_project, tmp_path, cli, languages):
    run = cli("render", "--out", tmp_path / "r", "--lang", "de")
    assert run.code == 2 and run.err == f"replybook: unknown language de: choose from {', '.join(languages)}\n"


# -- export --------------------------------------------------------------------------------------


def test_export_writes_the_documented_paths(small_project, tmp_path, cli):
    out = tmp_path / "exports"
    run = cli("export", "--format", "json", "--format", "zendesk", "--lang", "uk", "--out", out)
    assert run.code == 0
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert written == ["replybook-replies.uk.json", "zendesk/macros.uk.json"]
    assert run.out == f"✓ wrote 2 file(s) to {out}\n"
    replies = json.loads((out / "replybook-replies.uk.json").read_text(encoding="utf-8"))
    text = json.dumps(replies, ensure_ascii=False)
    assert "Спокійна перша відповідь" in text and "Calm first reply" not in text
    # every version of every reply: calm-reply, its email variant, facts-reply
    assert {"calm-reply", "calm-reply--email", "facts-reply"} <= set(text.replace('"', " ").split())


def test_export_every_format_and_language_by_default(small_project, tmp_path, cli, languages):
    out = tmp_path / "exports"
    args = [a for fmt in FORMATS for a in ("--format", fmt)]
    assert cli("export", *args, "--out", out).code == 0
    names = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    for language in languages:
        assert f"replybook-replies.{language}.json" in names and f"replybook-replies.{language}.csv" in names
        assert f"gorgias/macros.{language}.json" in names and f"helpscout/saved-replies.{language}.json" in names


def test_export_unknown_language_is_exit_2_with_the_choices(small_project, tmp_path, cli, languages):
    run = cli("export", "--format", "json", "--lang", "de", "--out", tmp_path / "x")
    assert run.code == 2 and run.err == f"replybook: unknown language de: choose from {', '.join(languages)}\n"
    assert not (tmp_path / "x").exists()


def test_export_refuses_content_with_errors(small_project, tmp_path, cli):
    shutil.copy(NEGATIVE / "raw-html.yaml", small_project / "playbooks")
    run = cli("export", "--format", "json", "--out", tmp_path / "x")
    assert run.code == 1 and "nothing exported" in run.err and not (tmp_path / "x").exists()
