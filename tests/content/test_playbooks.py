"""The real guide in playbooks/: complete in every language, traceable, and well-formed."""

from __future__ import annotations

import json
import re

import pytest

from replybook.diagnostics import Level
from replybook.library import load_library
from replybook.model import Playbook, Tree
from replybook.rules_text import is_untranslated, iter_localized
from replybook.translations import TranslationLock


@pytest.fixture(scope="module")
def result(project):
    return load_library([project.playbooks_dir], project.languages, base=project.root)


@pytest.fixture(scope="module")
def library(result):
    assert result.library is not None, "\n".join(d.text() for d in result.errors)
    return result.library


def all_documents(library):
    return [*library.principles.values(), *library.playbooks.values(), *library.trees.values(),
            *library.cases.values(), *library.sources.values(), *library.placeholders.values()]


def test_no_errors_and_no_warnings(result):
    assert [d.text() for d in result.diagnostics if d.level in (Level.error, Level.warning)] == []


def test_minimum_content(library):
    templates = len(library.templates)
    assert len(library.principles) >= 12
    assert len(library.playbooks) >= 10
    assert templates >= 30
    assert len(library.cases) >= 4
    assert "triage" in library.trees


@pytest.mark.parametrize("playbook_id", [
    "public-complaint", "opinion-leader", "troll-attack", "misinformed-customer", "facts-not-verified-yet",
    "impossible-demand", "competitor-in-thread", "complaint-wave", "satisfied-customer", "viral-complaint",
    "follow-up-after-resolution"])
def test_required_playbooks_exist_with_templates(library, playbook_id):
    playbook = library.playbooks[playbook_id]
    assert len(playbook.steps) >= 3 and playbook.do and playbook.dont
    assert len(playbook.templates) >= 2
    assert len({t.channel for t in playbook.templates}) >= 2, "templates for more than one channel"


def test_every_playbook_step_has_every_translation(library, languages):
    for playbook in library.playbooks.values():
        for step in playbook.steps:
            for language in languages:
                text = step.text.root.get(language, "")
                assert not is_untranslated(text), f"{playbook.id}/{step.id}: {language}"


def test_every_field_of_every_entry_has_every_language(library, languages):
    for document in all_documents(library):
        for path, text in iter_localized(document):
            missing = [lang for lang in languages if is_untranslated(text.root.get(lang, ""))]
            assert missing == [], f"{getattr(document, 'id', '')} {path}: {missing}"


def _walk(tree: Tree):
    """Every (node, option) pair, GOV.UK Smart Answers style."""
    for node_id, node in tree.nodes.items():
        for option in node.options:
            yield node_id, option


def all_trees(library):
    trees = [(f"tree {t.id}", t) for t in library.trees.values()]
    trees += [(f"playbook {p.id}", p.tree) for p in library.playbooks.values() if p.tree]
    return trees


def test_every_tree_answer_leads_somewhere_real(library, languages):
    for name, tree in all_trees(library):
        for node_id, option in _walk(tree):
            if option.next:
                target = tree.nodes[option.next]
                assert all(target.question.root[lang].strip() for lang in languages), f"{name}: {node_id}"
            else:
                outcome = option.outcome
                assert outcome is not None
                if outcome.playbook:
                    assert library.playbooks[outcome.playbook].title.root["en"], f"{name}: {node_id}"
                if outcome.template:
                    assert library.templates[outcome.template].template.text.root["en"], f"{name}: {node_id}"


def test_triage_reaches_every_required_situation(library):
    tree = library.trees["triage"]
    reached = {option.outcome.playbook for _, option in _walk(tree) if option.outcome}
    assert {"troll-attack", "misinformed-customer", "public-complaint", "satisfied-customer",
            "facts-not-verified-yet", "opinion-leader", "viral-complaint"} <= reached


def test_coverage_map_traces_every_source(library):
    points = library.coverage
    assert 40 <= len(points) <= 80
    cited_by_points = {p.source for p in points}
    assert set(library.sources) <= cited_by_points, "an article has no coverage point"
    cited_by_entries = {s for d in all_documents(library) for s in getattr(d, "sources", []) if isinstance(s, str)}
    assert set(library.sources) <= cited_by_entries, "an article is never cited by any entry"
    covered = {ref.split("/")[0] for p in points for ref in p.covered_by}
    assert set(library.principles) <= covered, "a principle traces to no advice in the sources"


def test_every_entry_cites_a_source(library):
    for document in [*library.principles.values(), *library.playbooks.values(), *library.trees.values(),
                     *library.cases.values()]:
        assert document.sources, document.id


def _texts(library, language):
    for document in all_documents(library):
        for _, text in iter_localized(document):
            yield text.root[language]


def test_romanian_uses_comma_below(library):
    bad = [t for t in _texts(library, "ro") if re.search("[şţŞŢ]", t)]
    assert bad == []


def test_ukrainian_and_russian_alphabets_are_not_mixed(library):
    assert [t for t in _texts(library, "uk") if re.search("[ыэъё]", t, re.IGNORECASE)] == []
    assert [t for t in _texts(library, "ru") if re.search("[іїєґ]", t, re.IGNORECASE)] == []


def test_no_language_is_a_copy_of_english(library, languages):
    for language in languages[1:]:
        same = [t for t in (text for d in all_documents(library) for _, text in iter_localized(d))
                if len(t.root["en"]) > 30 and t.root[language] == t.root["en"]]
        assert same == [], f"{language}: English text left untranslated"


def test_brand_voice_in_templates_is_we_not_i(library):
    first_person = re.compile(r"(?<![\w'])I(?![\w'])")
    for entry in library.templates.values():
        assert not first_person.search(entry.template.text.root["en"]), entry.template.id


def test_translation_lock_is_up_to_date(result, project):
    lock = TranslationLock.read(project.playbooks_dir)
    before = json.dumps(lock.entries, sort_keys=True)
    changes = lock.update(result.documents, project.playbooks_dir, project.languages)
    assert changes == 0 and json.dumps(lock.entries, sort_keys=True) == before, \
        "run `replybook translations update` and commit playbooks/translations.lock.json"
    assert lock.stale(result.documents, project.playbooks_dir, project.languages) == []


def test_playbook_models_are_typed(library):
    assert all(isinstance(p, Playbook) for p in library.playbooks.values())
