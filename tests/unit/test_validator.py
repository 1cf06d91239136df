"""The validator on fixture files: each negative case states the exact lines it must produce.

A negative case is a file in tests/fixtures/negative/, or a folder of files there (for problems that
span files). It is loaded together with tests/fixtures/base/ (a valid library), and every `# expect:`
line of each of its files must be produced for that file, in the form `line:col: field: message
(hint) [rule-id]`, and nothing else: not in that file and not in any other.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from replybook import rulebook
from replybook.counting import length
from replybook.diagnostics import REPORTERS, Diagnostic, Level, did_you_mean
from replybook.library import load_library
from replybook.yaml_source import MAX_DEPTH, SourceFile, parse_source, read_source
from tests.conftest import FIXTURES, ROOT

EXPECT = re.compile(r"^# expect: (.+)$", re.MULTILINE)
RULE_ID = re.compile(r" \[([a-z0-9-]+)\]$")
NEGATIVE = FIXTURES / "negative"
CASES = sorted(p for p in NEGATIVE.iterdir() if p.is_dir() or p.suffix == ".yaml")
POSITIVE = sorted((FIXTURES / "positive").glob("*.yaml"))

#: Rules that no playbook file can trigger on its own, and the tests that exercise them instead.
NOT_FROM_CONTENT = {
    "translations-lock": "tests/unit/test_cli.py::test_corrupt_lock_is_cannot_be_read_with_the_fix",
    "translations-stale": "tests/unit/test_contributor.py::test_changed_english_flags_translations_until_confirmed",
}

#: Negative cases that describe the right behaviour but fail today: bugs reported, not yet fixed.
KNOWN_BUGS: dict[str, str] = {}


def _files(case: Path) -> list[Path]:
    return sorted(case.rglob("*.yaml")) if case.is_dir() else [case]


def _display(path: Path) -> str:
    return path.relative_to(FIXTURES).as_posix()


def _expected(path: Path) -> list[str]:
    # read as bytes: the yaml-encoding case is deliberately not UTF-8
    return sorted(EXPECT.findall(path.read_bytes().decode("utf-8", errors="replace")))


def _load(*extra: Path, languages: tuple[str, ...]):
    return load_library([FIXTURES / "base", *extra], languages, base=FIXTURES)


def _case_param(case: Path):
    marks = [pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[case.stem])] if case.stem in KNOWN_BUGS else []
    return pytest.param(case, id=case.stem, marks=marks)


# -- the fixture libraries -------------------------------------------------------------------


def test_base_library_is_valid_and_complete(languages):
    result = _load(languages=languages)
    assert [d.text() for d in result.diagnostics] == []
    lib = result.library
    assert lib is not None
    assert list(lib.playbooks) == ["quiet-praise", "angry-post"]  # by `order`, not by file name
    assert set(lib.templates) == {"calm-reply", "facts-reply"}
    assert lib.templates["calm-reply"].playbook.id == "angry-post"
    assert set(lib.principles) == {"be-kind"} and set(lib.trees) == {"triage"} and set(lib.cases) == {"some-case"}
    assert set(lib.channels) == {"x", "sky", "photo-comment", "email"}
    assert set(lib.registers) == set(languages)
    assert set(lib.placeholders) == {"customer_name", "issue", "agent_name", "brand", "website"}
    assert len(lib.coverage) == 2
    assert lib.default_language == languages[0]


@pytest.mark.parametrize("path", POSITIVE, ids=lambda p: p.stem)
def test_positive_fixture_is_valid(path, languages):
    result = _load(path, languages=languages)
    assert [d.text() for d in result.diagnostics] == []
    assert result.library is not None


def test_positive_fixtures_are_at_the_edge_they_claim(languages):
    """The positive fixtures fit only when counted as each platform counts (else they prove nothing)."""
    lib = _load(*POSITIVE, languages=languages).library
    assert lib is not None
    link = lib.templates["status-link"].template.text.get("en")
    assert length(link, "characters") > 280 >= length(link, "x-weighted")
    assert max(len(url) for url in re.findall(r"https://\S+", link)) == 93
    x_full = lib.templates["x-full"].template.text.get("en")
    assert length(x_full, "x-weighted") == 280 and length(x_full, "characters") < 280
    sky = lib.templates["sky-full"].template.text
    assert length(sky.get("ru"), "utf8-bytes") == 400 and length(sky.get("ru"), "characters") == 200
    assert length(sky.get("ro"), "graphemes") == 300 < length(sky.get("ro"), "characters")


# -- negative fixtures -----------------------------------------------------------------------


@pytest.mark.parametrize("case", [_case_param(c) for c in CASES])
def test_negative_fixture_reports_exactly_its_problems(case, languages):
    files = _files(case)
    assert any(_expected(f) for f in files), f"{case.name} states no `# expect:` line"
    result = _load(case, languages=languages)
    for path in files:
        display = _display(path)
        produced = sorted(d.text().removeprefix(display + ":") for d in result.diagnostics if d.file == display)
        assert produced == _expected(path), display
    mine = {_display(f) for f in files}
    others = [d.text() for d in result.diagnostics if d.file not in mine]
    assert others == [], "a negative fixture must not cause problems in other files"


def test_every_rule_is_exercised_by_a_negative_fixture():
    """A new rule without a negative fixture fails here (or must say which test exercises it)."""
    exercised = {RULE_ID.search(line).group(1) for case in CASES if case.stem not in KNOWN_BUGS
                 for path in _files(case) for line in _expected(path) if RULE_ID.search(line)}
    assert exercised <= set(rulebook.RULES), "a fixture names a rule that does not exist"
    assert set(NOT_FROM_CONTENT) <= set(rulebook.RULES)
    missing = set(rulebook.RULES) - exercised - set(NOT_FROM_CONTENT)
    assert not missing, f"rules with no negative fixture: {sorted(missing)}"


def test_every_expected_line_names_its_rule():
    for case in CASES:
        for path in _files(case):
            for line in _expected(path):
                assert RULE_ID.search(line), f"{_display(path)}: `# expect: {line}` does not end with [rule-id]"


def test_errors_block_the_library_but_warnings_do_not(languages):
    broken = _load(NEGATIVE / "raw-html.yaml", languages=languages)
    assert broken.library is None and [d.rule for d in broken.errors] == ["raw-html"]
    warned = _load(NEGATIVE / "untranslated.yaml", languages=languages)
    assert warned.errors == [] and {d.level for d in warned.diagnostics} == {Level.warning}
    assert warned.library is not None and "untranslated" in warned.library.principles


def test_every_error_in_every_file_is_collected(languages):
    """Nothing stops at the first problem: loading every negative case at once reports each of them."""
    result = _load(*CASES, languages=languages)
    reported = {d.file for d in result.diagnostics}
    expected = {_display(f) for case in CASES for f in _files(case) if _expected(f)}
    assert expected <= reported


# -- root causes first -----------------------------------------------------------------------


def test_root_cause_is_reported_first(languages):
    result = _load(NEGATIVE / "not-checked", languages=languages)
    assert [d.rule for d in result.diagnostics] == ["yaml-syntax", "not-checked", "not-checked"]
    assert result.diagnostics[0].file == "negative/not-checked/stay-calm.yaml"
    assert result.library is None  # the warnings do not hide the error


def test_report_order_is_by_stage_then_place():
    late = Diagnostic("a.yaml", 1, 1, "", "late", rule="unknown-reference")
    early = Diagnostic("z.yaml", 9, 1, "", "early", rule="yaml-syntax")
    schema = Diagnostic("m.yaml", 5, 1, "", "schema", rule="schema")
    same_stage = Diagnostic("m.yaml", 2, 1, "", "schema first", rule="schema")
    assert sorted([late, schema, early, same_stage], key=rulebook.report_order) == [early, same_stage, schema, late]


def test_a_broken_principle_in_the_real_library_is_one_error(tmp_path, project):
    """Issue 15: one YAML error in a principle gave 14 errors, 13 of them "unknown principle" elsewhere.

    Now: the one error, and one note per file that refers to it.
    """
    library = tmp_path / "playbooks"
    shutil.copytree(project.playbooks_dir, library)
    broken = library / "principles" / "respond-fast.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("title:", "title: [unclosed", 1), encoding="utf-8")

    def principles_of(path):
        return (yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader) or {}).get("principles", [])

    referrers = {path.relative_to(tmp_path).as_posix() for path in library.rglob("*.yaml")
                 if path != broken and "respond-fast" in principles_of(path)}
    assert len(referrers) >= 5

    result = load_library([library], project.languages, base=tmp_path)
    assert [(d.file, d.rule) for d in result.errors] == [("playbooks/principles/respond-fast.yaml", "yaml-syntax")]
    assert result.diagnostics[0] == result.errors[0]
    assert not [d for d in result.diagnostics if d.rule == "unknown-reference"]
    notes = [d for d in result.diagnostics if d.rule == "not-checked"]
    assert {d.file for d in notes} >= referrers
    assert len(notes) == len({d.file for d in notes})  # one per file
    assert all("`respond-fast`" in d.message and "playbooks/principles/respond-fast.yaml" in d.hint for d in notes)


# -- reading files ---------------------------------------------------------------------------


def test_raw_html_does_not_hide_other_problems_in_the_same_file(tmp_path, languages):
    source = (NEGATIVE / "raw-html.yaml").read_text(encoding="utf-8")
    (tmp_path / "both.yaml").write_text(source.replace("id: raw-html", "id: Raw_Html"), encoding="utf-8")
    result = load_library([FIXTURES / "base", tmp_path / "both.yaml"], languages, base=tmp_path)
    rules = sorted(d.rule for d in result.diagnostics if d.file == "both.yaml")
    assert rules == ["raw-html", "schema"]


@pytest.mark.parametrize("text", ["a <b>bold</b> word", "<!-- hidden -->", "</p>", "<?php"])
def test_every_kind_of_markup_is_raw_html(text):
    raw = f'kind: principle\nid: x\nwhy: "{text}"\n'.encode()
    _, problems = parse_source(raw, SourceFile(Path("x.yaml"), "x.yaml"))
    assert [p.rule for p in problems] == ["raw-html"]


@pytest.mark.parametrize("text", ["1 < 2", "a <3 b", "x<-y"])
def test_a_less_than_sign_in_prose_is_not_markup(text):
    _, problems = parse_source(f'kind: principle\nwhy: "{text}"\n'.encode(), SourceFile(Path("x.yaml"), "x.yaml"))
    assert problems == []


def test_nesting_too_deep_is_reported():
    deep = "practice: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n"
    _, problems = parse_source(deep.encode(), SourceFile(Path("x.yaml"), "x.yaml"))
    assert [(p.rule, p.message) for p in problems] == [("yaml-plain", f"nested more than {MAX_DEPTH} levels deep")]


def test_a_file_that_cannot_be_read_is_reported(tmp_path):
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    source, problems = read_source(folder, "folder.yaml")
    assert source.data is None
    assert [(p.file, p.rule) for p in problems] == [("folder.yaml", "yaml-syntax")]
    assert problems[0].message.startswith("cannot read file: ")


def test_a_byte_order_mark_is_accepted(tmp_path, languages):
    path = tmp_path / "bom.yaml"
    shutil.copy(FIXTURES / "base" / "principle.yaml", path)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    result = load_library([path, *(p for p in (FIXTURES / "base").glob("*.yaml") if p.name != "principle.yaml")],
                          languages, base=tmp_path)
    assert result.diagnostics == [] and "be-kind" in result.library.principles


def test_folders_are_searched_recursively_and_yml_counts(tmp_path, languages):
    nested = tmp_path / "lib" / "deep" / "er"
    nested.mkdir(parents=True)
    shutil.copy(NEGATIVE / "raw-html.yaml", nested / "raw-html.yml")
    (nested / "notes.txt").write_text("<b>not yaml</b>", encoding="utf-8")
    result = load_library([tmp_path / "lib"], languages, base=tmp_path)
    assert {d.file for d in result.errors} == {"lib/deep/er/raw-html.yml"}


def test_an_edited_file_is_checked_again_with_a_cache(tmp_path, languages):
    """Between `mkdocs serve` rebuilds, unchanged files come from the cache, edited ones are re-read."""
    library = tmp_path / "lib"
    shutil.copytree(FIXTURES / "base", library)
    cache: dict = {}
    assert load_library([library], languages, base=tmp_path, cache=cache).diagnostics == []
    assert len(cache) == len(list(library.glob("*.yaml")))
    principle = library / "principle.yaml"
    principle.write_text(principle.read_text(encoding="utf-8").replace('uk: "Будьте добрі"', 'uk: "TODO: x"'),
                         encoding="utf-8")
    again = load_library([library], languages, base=tmp_path, cache=cache)
    assert [(d.file, d.field, d.rule) for d in again.diagnostics] == [
        ("lib/principle.yaml", "title.uk", "untranslated")]
    (library / "case.yaml").unlink()
    third = load_library([library], languages, base=tmp_path, cache=cache)
    assert "some-case" not in third.library.cases and len(cache) == len(list(library.glob("*.yaml")))


# -- how problems are shown ------------------------------------------------------------------


def test_text_form_names_place_field_message_hint_and_rule():
    d = Diagnostic("p.yaml", 3, 7, "title.uk", "missing translation", "add `uk:`", Level.error, "languages")
    assert d.text() == "p.yaml:3:7: title.uk: missing translation (add `uk:`) [languages]"
    w = Diagnostic("p.yaml", 1, 1, "", "no source", "", Level.warning, "sources-cited")
    assert w.text() == "p.yaml:1:1: warning: no source [sources-cited]"


def test_github_form_is_an_annotation_with_the_rule_as_title():
    d = Diagnostic("p.yaml", 3, 7, "title", "50% off\nnext line", "hint", Level.warning, "register")
    assert d.github() == "::warning file=p.yaml,line=3,col=7,title=register::title: 50%25 off%0Anext line (hint)"


def test_json_form_is_a_list_of_mappings():
    import json

    d = Diagnostic("p.yaml", 3, 7, "title", "msg", "hint", Level.error, "schema")
    data = json.loads(REPORTERS["json"]([d]))
    assert data == [{"file": "p.yaml", "line": 3, "column": 7, "field": "title", "message": "msg", "hint": "hint",
                     "level": "error", "rule": "schema"}]


def test_did_you_mean_suggests_only_close_matches():
    assert did_you_mean("summry", ["summary", "signals"]) == "did you mean `summary`?"
    assert did_you_mean("zzz", ["summary"], otherwise="allowed: summary") == "allowed: summary"


def test_every_rule_has_an_id_a_stage_and_a_summary():
    ids = [rule.id for rule in rulebook.RULES.values()]
    assert ids == list(rulebook.RULES) and len(set(ids)) == len(ids)
    for rule in rulebook.RULES.values():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.id) and rule.summary.endswith(".")
    assert rulebook.UNTRANSLATED.level is Level.warning and rulebook.SOURCES_CITED.level is Level.warning
    assert rulebook.NOT_CHECKED.level is Level.warning and rulebook.SCHEMA.level is Level.error


def test_the_real_library_is_valid(project):
    result = load_library([project.playbooks_dir], project.languages, base=ROOT)
    assert result.errors == [], [d.text() for d in result.errors]
