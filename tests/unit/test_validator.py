"""The validator on fixture files: each negative case names the exact lines it must produce."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from replybook.diagnostics import Level
from replybook.library import load_library
from tests.conftest import FIXTURES

EXPECT = re.compile(r"^# expect: (.+)$", re.MULTILINE)
NEGATIVE = sorted((FIXTURES / "negative").glob("*.yaml"))
POSITIVE = sorted((FIXTURES / "positive").glob("*.yaml"))


def _load(extra: Path, languages: tuple[str, ...]):
    return load_library([FIXTURES / "base", extra], languages, base=FIXTURES)


def test_base_library_is_valid(languages):
    result = load_library([FIXTURES / "base"], languages, base=FIXTURES)
    assert result.diagnostics == []
    assert result.library is not None
    assert set(result.library.playbooks) == {"angry-post"}
    assert set(result.library.templates) == {"calm-reply"}


@pytest.mark.parametrize("path", POSITIVE, ids=lambda p: p.stem)
def test_positive_fixture_is_valid(path, languages):
    result = _load(path, languages)
    assert [d.text() for d in result.diagnostics] == []
    assert result.library is not None


@pytest.mark.parametrize("path", NEGATIVE, ids=lambda p: p.stem)
def test_negative_fixture_reports_exactly_its_problems(path, languages):
    expected = sorted(EXPECT.findall(path.read_text(encoding="utf-8")))
    assert expected, f"{path.name} states no `# expect:` line"
    result = _load(path, languages)
    display = f"negative/{path.name}:"
    produced = sorted(d.text().removeprefix(display) for d in result.diagnostics if d.file == f"negative/{path.name}")
    assert produced == expected
    others = [d.text() for d in result.diagnostics if d.file != f"negative/{path.name}"]
    assert others == [], "a negative fixture must not cause problems in other files"


def test_errors_block_the_library_but_warnings_do_not(languages):
    broken = _load(FIXTURES / "negative" / "raw-html.yaml", languages)
    assert broken.library is None
    warned = _load(FIXTURES / "negative" / "untranslated.yaml", languages)
    assert [d.level for d in warned.diagnostics] == [Level.warning]
    assert warned.library is not None


def test_file_that_is_not_utf8(tmp_path, languages):
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes("kind: principle\nid: caf\xe9\n".encode("latin-1"))
    result = load_library([bad], languages, base=tmp_path)
    assert [d.text() for d in result.diagnostics] == [
        "latin1.yaml:2:8: file is not valid UTF-8 (byte 0xE9) (save the file with UTF-8 encoding)"]


def test_empty_file_and_non_mapping(tmp_path, languages):
    (tmp_path / "empty.yaml").write_text("", encoding="utf-8")
    (tmp_path / "list.yaml").write_text("- a\n- b\n", encoding="utf-8")
    result = load_library([tmp_path], languages, base=tmp_path)
    messages = sorted(d.text() for d in result.diagnostics)
    assert messages == [
        "empty.yaml:1:1: the file is empty (start with `kind:` (see the playbook format reference))",
        "list.yaml:1:1: expected a mapping with `kind:` at the top, found a list "
        "(kind is one of: principle, playbook, tree, case, sources, placeholders, coverage)",
    ]


def test_aliases_are_rejected(tmp_path, languages):
    (tmp_path / "alias.yaml").write_text("kind: principle\nid: &a x\ntitle: *a\n", encoding="utf-8")
    result = load_library([tmp_path], languages, base=tmp_path)
    assert any("anchors and aliases" in d.message and d.line == 3 for d in result.diagnostics)


def test_every_error_in_every_file_is_collected(languages):
    result = load_library([FIXTURES / "base", FIXTURES / "negative"], languages, base=FIXTURES)
    files_with_errors = {d.file for d in result.diagnostics}
    assert files_with_errors == {f"negative/{p.name}" for p in NEGATIVE}


def test_raw_html_does_not_hide_other_problems_in_the_same_file(tmp_path, languages):
    source = (FIXTURES / "negative" / "raw-html.yaml").read_text(encoding="utf-8")
    (tmp_path / "both.yaml").write_text(source.replace("id: raw-html", "id: Raw_Html"), encoding="utf-8")
    result = load_library([FIXTURES / "base", tmp_path / "both.yaml"], languages, base=tmp_path)
    messages = [d.message for d in result.diagnostics if d.file == "both.yaml"]
    assert any("raw HTML" in m for m in messages) and any("not a valid value" in m for m in messages)
