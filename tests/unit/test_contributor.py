"""A contributor's path: scaffold, fill, check; change English, see translations flagged, confirm."""

from __future__ import annotations

import re
import shutil

import pytest

from replybook.cli import main
from replybook.library import load_library
from replybook.project import load_project
from replybook.status import translation_status
from tests.conftest import FIXTURES, ROOT


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(FIXTURES / "base", tmp_path / "playbooks")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys, *args):
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_scaffolded_playbook_is_valid_and_every_todo_is_named(workspace, capsys):
    code, out, _ = run(capsys, "new", "playbook", "late-delivery")
    assert code == 0 and "playbooks/scenarios/late-delivery.yaml" in out
    path = workspace / "playbooks" / "scenarios" / "late-delivery.yaml"
    text = path.read_text(encoding="utf-8")
    for language in ("en", "ru", "uk", "ro", "es"):
        assert re.search(rf"^\s+{language}: \"TODO", text, re.M)
    code, out, _ = run(capsys, "check", str(path))
    assert code == 0, out
    lines = out.splitlines()[:-1]
    assert lines and all(": warning: " in line for line in lines)
    fields = {line.split(": warning: ")[1].split(":")[0] for line in lines if "TODO" in line}
    assert {"title.en", "title.uk", "steps[0].text.es", "templates[0].text.ro"} <= fields
    assert run(capsys, "check", "--strict", str(path))[0] == 1


def test_fill_two_languages_and_read_what_is_left(workspace, capsys):
    run(capsys, "new", "principle", "stay-kind")
    path = workspace / "playbooks" / "principles" / "stay-kind.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r'en: "TODO: [^"]*"', 'en: "Written"', text)
    text = text.replace('ru: "TODO: translate"', 'ru: "Написано"')
    path.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "check", str(path))
    assert code == 0
    todo = [line for line in out.splitlines() if "not translated yet" in line or "not written yet" in line]
    assert todo and all(re.search(r"\.(uk|ro|es): not translated yet", line) for line in todo)


def test_new_template_is_appended_to_its_playbook(workspace, capsys):
    code, _, _ = run(capsys, "new", "template", "angry-sorry", "--playbook", "angry-post")
    assert code == 0
    result = load_library([workspace / "playbooks"], load_project().languages)
    assert result.errors == []
    assert "angry-sorry" in result.library.templates
    assert result.library.templates["angry-sorry"].playbook.id == "angry-post"


def test_scaffold_refuses_bad_ids_and_existing_files(workspace, capsys):
    assert run(capsys, "new", "playbook", "Late_Delivery")[0] == 2
    assert run(capsys, "new", "playbook", "late")[0] == 0
    code, _, err = run(capsys, "new", "playbook", "late")
    assert code == 2 and "already exists" in err
    code, _, err = run(capsys, "new", "template", "x-y")
    assert code == 2 and "--playbook" in err


def test_changed_english_flags_translations_until_confirmed(workspace, capsys):
    assert run(capsys, "translations", "update")[0] == 0
    assert run(capsys, "check", "--strict")[0] == 0
    playbook = workspace / "playbooks" / "playbook.yaml"
    playbook.write_text(playbook.read_text(encoding="utf-8").replace('en: "Answer"', 'en: "Answer within the hour"'),
                        encoding="utf-8")
    code, out, _ = run(capsys, "check")
    assert code == 0
    flagged = sorted(re.findall(r"steps\[0\]\.text\.(\w+): needs review", out))
    assert flagged == ["es", "ro", "ru", "uk"]
    assert run(capsys, "check", "--strict")[0] == 1

    project = load_project()
    items = load_library([project.playbooks_dir], project.languages).documents
    review = {s.language: s.review for s in translation_status(items, project.playbooks_dir, project.languages)}
    assert [e.fields for e in review["uk"]] == [("steps[answer].text",)]

    assert run(capsys, "translations", "confirm", "--lang", "uk", str(playbook))[0] == 0
    out = run(capsys, "check")[1]
    assert sorted(re.findall(r"steps\[0\]\.text\.(\w+): needs review", out)) == ["es", "ro", "ru"]


def test_reordering_steps_does_not_flag_anything(workspace, capsys):
    playbook = workspace / "playbooks" / "playbook.yaml"
    text = playbook.read_text(encoding="utf-8")
    second = ('  - id: check\n    text: {en: "Check", ru: "Проверьте", uk: "Перевірте", ro: "Verifică", '
              'es: "Comprueba"}\n')
    text = text.replace("do:\n", second + "do:\n", 1)
    playbook.write_text(text, encoding="utf-8")
    run(capsys, "translations", "update")
    block = re.search(r"steps:\n(.*?)do:\n", text, re.S).group(1)
    steps = re.findall(r"  - id: .*?\n    text: .*?\n", block)
    playbook.write_text(text.replace(block, "".join(reversed(steps))), encoding="utf-8")
    assert "needs review" not in run(capsys, "check")[1]


def test_lock_is_current_agrees_with_update(workspace, capsys):
    from replybook.translations import TranslationLock

    project = load_project()
    items = load_library([project.playbooks_dir], project.languages).documents
    lock = TranslationLock.read(project.playbooks_dir)
    assert not lock.is_current(items, project.playbooks_dir, project.languages)
    assert lock.update(items, project.playbooks_dir, project.languages) > 0
    assert lock.is_current(items, project.playbooks_dir, project.languages)
    assert lock.update(items, project.playbooks_dir, project.languages) == 0
    run(capsys, "new", "principle", "extra-one")
    items = load_library([project.playbooks_dir], project.languages).documents
    assert not lock.is_current(items, project.playbooks_dir, project.languages)
