"""A contributor's path: scaffold, fill, check; change English, see translations flagged, confirm."""

from __future__ import annotations

import re
import shutil

import pytest
import yaml

from replybook.library import load_library
from replybook.project import load_project
from replybook.status import translation_status
from replybook.translations import TranslationLock
from tests.conftest import ROOT

SKELETON_RULES = {"untranslated", "sources-cited"}  # what a fresh skeleton may be reminded of: warnings only


@pytest.fixture
def new_project(tmp_path, monkeypatch):
    """A project as it starts: mkdocs.yml and the channels Replybook ships with, nothing else."""
    root = tmp_path / "fresh"
    (root / "playbooks").mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copy(ROOT / "playbooks" / "channels.yaml", root / "playbooks" / "channels.yaml")
    monkeypatch.chdir(root)
    return root


def _assert_skeleton_passes_check(cli, path: str, languages) -> None:
    assert cli("translations", "update").code == 0  # record the new file: no lock warning in the way
    run = cli("check", path)
    assert run.code == 0, run.out
    lines = run.out.splitlines()[:-1]
    assert lines and all(": warning: " in line for line in lines), run.out
    assert {re.search(r"\[([a-z-]+)\]$", line).group(1) for line in lines} <= SKELETON_RULES
    todo = [line for line in lines if line.endswith("[untranslated]")]
    for language in languages:
        assert any(f".{language}: not {'written' if language == languages[0] else 'translated'} yet" in line
                   for line in todo), language
    assert cli("check", "--strict", path).code == 1


@pytest.mark.parametrize(("kind", "ident", "path"), [
    ("playbook", "late-delivery", "playbooks/scenarios/late-delivery.yaml"),
    ("principle", "stay-kind", "playbooks/principles/stay-kind.yaml"),
    ("case", "some-brand", "playbooks/cases/some-brand.yaml"),
])
def test_new_skeleton_passes_check_with_every_todo_named(new_project, cli, languages, kind, ident, path):
    run = cli("new", kind, ident)
    assert run.code == 0
    assert run.out == f"wrote {path}: replace each TODO, then run `replybook check {path}`\n"
    text = (new_project / path).read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/playbook.schema.json\n")
    for language in languages:
        assert re.search(rf'^\s+{language}: "TODO', text, re.M)
    _assert_skeleton_passes_check(cli, path, languages)
    # every entry is found by its search terms: the skeleton asks for them in every language
    search = yaml.safe_load(text)["search"]
    assert sorted(search) == sorted(languages) and all(v.startswith("TODO") for v in search.values())


def test_new_tree_and_template_in_a_project_with_a_playbook(new_project, cli, languages):
    assert cli("new", "playbook", "late-delivery").code == 0
    tree = cli("new", "tree", "late-triage")
    assert tree.code == 0 and "playbooks/trees/late-triage.yaml" in tree.out
    _assert_skeleton_passes_check(cli, "playbooks/trees/late-triage.yaml", languages)
    assert "playbook: late-delivery" in (new_project / "playbooks/trees/late-triage.yaml").read_text(encoding="utf-8")

    template = cli("new", "template", "late-sorry", "--playbook", "late-delivery")
    assert template.code == 0 and "playbooks/scenarios/late-delivery.yaml" in template.out
    _assert_skeleton_passes_check(cli, "playbooks/scenarios/late-delivery.yaml", languages)
    library = load_library([new_project / "playbooks"], languages).library
    assert library is not None
    assert [t.id for t in library.playbooks["late-delivery"].templates] == ["late-delivery-reply", "late-sorry"]


def test_new_tree_without_any_playbook_is_a_clear_usage_error(new_project, cli):
    run = cli("new", "tree", "triage")
    assert run.code == 2
    assert run.err == ("replybook: a tree leads to playbooks, and there is none yet: "
                       "create one first with `replybook new playbook ID`\n")
    assert not list((new_project / "playbooks").rglob("triage.yaml"))


def test_new_tree_in_the_fixture_project_leads_to_an_existing_playbook(small_project, cli, languages):
    assert cli("new", "tree", "second-triage").code == 0
    _assert_skeleton_passes_check(cli, "playbooks/trees/second-triage.yaml", languages)


@pytest.mark.parametrize("args", [("playbook", "late-delivery"), ("template", "new-reply", "--playbook", "angry-post")])
def test_skeletons_name_only_channels_the_project_has(small_project, cli, args):
    run = cli("new", *args)
    assert run.code == 0
    target = run.out.split(":")[0].removeprefix("wrote ")
    assert "unknown channel" not in cli("check", target).out


def test_scaffold_refuses_bad_ids_existing_files_and_unknown_playbooks(small_project, cli):
    bad = cli("new", "playbook", "Late_Delivery")
    assert bad.code == 2 and "`Late_Delivery` is not a valid id" in bad.err
    assert cli("new", "principle", "late").code == 0
    again = cli("new", "principle", "late")
    assert again.code == 2 and "already exists" in again.err
    orphan = cli("new", "template", "x-y")
    assert orphan.code == 2 and "--playbook" in orphan.err
    unknown = cli("new", "template", "x-y", "--playbook", "no-such")
    assert unknown.code == 2 and "no playbook with id `no-such`" in unknown.err
    assert "angry-post" in unknown.err and "quiet-praise" in unknown.err


def test_fill_two_languages_and_read_what_is_left(new_project, cli, languages):
    cli("new", "principle", "stay-kind")
    path = new_project / "playbooks" / "principles" / "stay-kind.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(rf'{languages[0]}: "TODO: [^"]*"', f'{languages[0]}: "Written"', text)
    text = text.replace(f'{languages[1]}: "TODO: translate"', f'{languages[1]}: "Написано"')
    path.write_text(text, encoding="utf-8")
    run = cli("check", path)
    assert run.code == 0
    todo = [line for line in run.out.splitlines() if line.endswith("[untranslated]")]
    left = set(languages[2:])
    assert todo and all(re.search(rf"\.({'|'.join(left)}): not translated yet", line) for line in todo)
    assert {re.search(r"\.(\w+): not", line).group(1) for line in todo} == left


# -- stale translations ------------------------------------------------------------------------


def test_changed_english_flags_translations_until_confirmed(small_project, cli, languages):
    assert cli("translations", "update").code == 0
    assert cli("check", "--strict").code == 0
    playbook = small_project / "playbooks" / "playbook.yaml"
    playbook.write_text(playbook.read_text(encoding="utf-8").replace('en: "Answer"', 'en: "Answer within the hour"'),
                        encoding="utf-8")
    run = cli("check")
    assert run.code == 0
    flagged = re.findall(r"steps\[0\]\.text\.(\w+): needs review.*\[translations-stale\]", run.out)
    assert sorted(flagged) == sorted(languages[1:])
    assert cli("check", "--strict").code == 1

    project = load_project()
    items = load_library([project.playbooks_dir], project.languages).documents
    review = {s.language: s.review for s in translation_status(items, project.playbooks_dir, project.languages)}
    assert [e.fields for e in review["uk"]] == [("steps[answer].text",)]
    assert [e.page for e in review["uk"]] == ["playbooks/angry-post"]

    assert cli("translations", "confirm", "--lang", "uk", playbook).code == 0
    out = cli("check").out
    assert sorted(re.findall(r"steps\[0\]\.text\.(\w+): needs review", out)) == sorted(set(languages[1:]) - {"uk"})


def test_confirm_accepts_only_the_files_named(small_project, cli, languages):
    assert cli("translations", "update").code == 0
    playbooks = small_project / "playbooks"
    for name, old, new in (("playbook.yaml", 'en: "Answer"', 'en: "Answer now"'),
                           ("principle.yaml", 'en: "Thank them"', 'en: "Thank them first"')):
        (playbooks / name).write_text((playbooks / name).read_text(encoding="utf-8").replace(old, new),
                                      encoding="utf-8")
    assert cli("translations", "confirm", "--lang", "uk", playbooks / "principle.yaml").code == 0
    out = cli("check").out
    flagged = set(re.findall(r"^playbooks/(\w+)\.yaml:\d+:\d+: warning: [\w.\[\]]+\.uk: needs review", out, re.M))
    assert flagged == {"playbook"}
    assert cli("translations", "confirm", "--lang", "uk", "--lang", "ru", playbooks).code == 0
    out = cli("check").out
    assert ".uk: needs review" not in out and ".ru: needs review" not in out and ".es: needs review" in out


def test_update_forgets_removed_files_and_fields(small_project, cli):
    assert cli("translations", "update").code == 0
    (small_project / "playbooks" / "case.yaml").unlink()
    lock = TranslationLock.read(small_project / "playbooks")
    assert "case.yaml" in lock.entries
    assert cli("translations", "update").code == 0
    assert "case.yaml" not in TranslationLock.read(small_project / "playbooks").entries
    assert cli("check", "--strict").code == 0


def test_confirm_needs_a_translated_language(small_project, cli, languages):
    cli("translations", "update")
    run = cli("translations", "confirm", "--lang", languages[0])
    assert run.code == 2 and run.err == f"replybook: --lang must be one of {', '.join(languages[1:])}\n"


def test_translations_update_refuses_content_with_errors(small_project, cli):
    (small_project / "playbooks" / "broken.yaml").write_text("kind: [\n", encoding="utf-8")
    run = cli("translations", "update")
    assert run.code == 1 and "broken.yaml" in run.out and "fix these errors first" in run.err
    assert not (small_project / "playbooks" / "translations.lock.json").exists()


def test_reordering_steps_does_not_flag_anything(small_project, cli):
    playbook = small_project / "playbooks" / "playbook.yaml"
    text = playbook.read_text(encoding="utf-8")
    second = ('  - id: check\n    text: {en: "Check", ru: "Проверьте", uk: "Перевірте", ro: "Verifică", '
              'es: "Comprueba"}\n')
    text = text.replace("do:\n", second + "do:\n", 1)
    playbook.write_text(text, encoding="utf-8")
    cli("translations", "update")
    block = re.search(r"steps:\n(.*?)do:\n", text, re.S).group(1)
    steps = re.findall(r"  - id: .*?\n    text: .*?\n", block)
    assert len(steps) == 2
    playbook.write_text(text.replace(block, "".join(reversed(steps))), encoding="utf-8")
    run = cli("check", "--strict")
    assert run.code == 0 and "needs review" not in run.out


def test_lock_is_current_agrees_with_update(small_project, cli):
    project = load_project()
    items = load_library([project.playbooks_dir], project.languages).documents
    lock = TranslationLock.read(project.playbooks_dir)
    assert lock.problem == "" and lock.entries == {}
    assert not lock.is_current(items, project.playbooks_dir, project.languages)
    assert lock.update(items, project.playbooks_dir, project.languages) > 0
    assert lock.is_current(items, project.playbooks_dir, project.languages)
    assert lock.update(items, project.playbooks_dir, project.languages) == 0
    cli("new", "principle", "extra-one")
    items = load_library([project.playbooks_dir], project.languages).documents
    assert not lock.is_current(items, project.playbooks_dir, project.languages)


def test_translation_status_lists_what_is_missing(small_project, cli, languages):
    shutil.copy(ROOT / "tests" / "fixtures" / "negative" / "untranslated.yaml", small_project / "playbooks")
    project = load_project()
    items = load_library([project.playbooks_dir], project.languages).documents
    statuses = {s.language: s for s in translation_status(items, project.playbooks_dir, project.languages)}
    assert list(statuses) == list(languages[1:])  # the source language is not listed
    assert [(e.page, e.fields) for e in statuses["uk"].missing] == [("principles/untranslated", ("statement",))]
    assert statuses["ru"].missing == [] and statuses["ru"].share == 1.0
    assert statuses["uk"].share < 1.0
