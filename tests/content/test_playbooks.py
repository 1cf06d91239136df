"""The real guide in playbooks/: complete in every language, safe to send, traceable, well-formed."""

from __future__ import annotations

import json
import re

import pytest

from replybook.diagnostics import Level
from replybook.model import PLACEHOLDER_IN_TEXT, PlaceholderScope, SearchTerms
from replybook.rules_text import is_untranslated, iter_localized, template_texts
from replybook.translations import TranslationLock

#: The situations the guide must cover (issue #4 and #13's public reviews).
REQUIRED_PLAYBOOKS = ["public-complaint", "opinion-leader", "troll-attack", "misinformed-customer",
                      "facts-not-verified-yet", "impossible-demand", "competitor-in-thread", "complaint-wave",
                      "satisfied-customer", "viral-complaint", "follow-up-after-resolution", "public-review"]
#: Blanks that restate the customer's own problem (or what they liked, or the fact at stake).
CUSTOMER_SPECIFIC = {"issue", "what_they_liked", "fact", "rule", "fix", "offer", "product"}
#: Replies that are not an answer to one customer, and why they need no such blank.
NOT_TO_ONE_CUSTOMER = {
    "troll-hidden-comment-note": "a moderation notice to the whole thread after hiding a comment",
    "troll-check-private": "one private question to someone who posted only insults: is there a problem?",
    "facts-still-checking-x": "a follow-up in the same thread, under the holding reply that restated the problem",
}


def all_documents(library):
    return [*library.entries(), *library.sources.values(), *library.placeholders.values(),
            *library.channels.values()]


def versions(library):
    """(template id, channel ids, text) for every version of every reply."""
    for entry in library.templates.values():
        template = entry.template
        yield template.id, template.channels, template.text
        for variant in template.variants:
            yield template.id, variant.channels, variant.text


def test_no_errors_and_no_warnings(result):
    assert [d.text() for d in result.diagnostics if d.level in (Level.error, Level.warning)] == []


def test_minimum_content(library):
    assert len(library.principles) >= 12
    assert len(library.playbooks) >= 12
    assert len(library.templates) >= 45
    assert len(library.cases) >= 4
    assert "triage" in library.trees
    assert len(library.channels) >= 14


@pytest.mark.parametrize("playbook_id", REQUIRED_PLAYBOOKS)
def test_required_playbooks_exist_with_replies_for_several_channels(library, playbook_id):
    playbook = library.playbooks[playbook_id]
    assert len(playbook.steps) >= 3 and playbook.do and playbook.dont
    assert len(playbook.templates) >= 2
    channels = {c for t in playbook.templates for c in [*t.channels, *(c for v in t.variants for c in v.channels)]}
    assert len(channels) >= 3, "replies for more than one platform"


def test_public_review_playbook_covers_review_sites_and_both_kinds_of_review(library):
    playbook = library.playbooks["public-review"]
    channels = {c for t in playbook.templates for c in [*t.channels, *(c for v in t.variants for c in v.channels)]}
    assert {"google-review-reply", "google-play-review-reply", "app-store-review-reply",
            "trustpilot-review-reply", "marketplace-review-reply"} <= channels
    ids = {t.id for t in playbook.templates}
    assert {"review-fair-reply", "review-no-record-reply"} <= ids


def test_every_field_of_every_entry_has_every_language(library, languages):
    for document in [*all_documents(library), *library.registers.values()]:
        for path, text in iter_localized(document):
            missing = [lang for lang in languages if is_untranslated(text.root.get(lang, ""))]
            assert missing == [], f"{getattr(document, 'id', '')} {path}: {missing}"


def test_every_entry_and_reply_has_search_terms_in_every_language(library, languages):
    for entry in library.entries():
        assert isinstance(entry.search, SearchTerms), entry.id
        for language in languages:
            assert len(entry.search.terms(language)) >= 8, f"{entry.id} {language}"
    for item in library.templates.values():
        assert item.template.search is not None, item.template.id
        for language in languages:
            assert len(item.template.search.terms(language)) >= 4, f"{item.template.id} {language}"


def test_every_reply_restates_the_customers_own_problem(library):
    for template_id, _, text in versions(library):
        if template_id in NOT_TO_ONE_CUSTOMER:
            continue
        used = set(PLACEHOLDER_IN_TEXT.findall(text.root["en"]))
        assert used & CUSTOMER_SPECIFIC, f"{template_id}: no blank for the customer's own problem"


def test_x_replies_never_claim_a_private_message_was_sent(library):
    sent = re.compile(r"\b(we'?ve|we have) (sent|written to) you\b.*\b(DM|direct|private)", re.IGNORECASE)
    for template_id, channels, text in versions(library):
        if "x" in channels:
            assert not sent.search(text.root["en"]), f"{template_id}: the brand cannot open a DM on X"


def test_first_public_replies_need_at_most_two_blanks_of_the_case(library):
    """A tired agent fills a first reply in seconds: profile values don't count."""
    public_first = [tid for tid in library.templates if tid.endswith(("-first-reply-x", "-reply-public"))]
    assert public_first
    for template_id in public_first:
        template = library.templates[template_id].template
        case = [p for p in template.placeholders if library.placeholders[p].scope is PlaceholderScope.case]
        assert len(case) <= 2, f"{template_id}: {case}"


def test_no_reply_admits_fault_before_the_facts(library):
    """First replies apologise for the situation, never for a fault not yet established."""
    fault = re.compile(r"\b(our fault|that's on us|our mistake|we got it wrong)\b", re.IGNORECASE)
    for item in library.templates.values():
        template = item.template
        if "mistake" in template.id or "our-mistake" in template.id:
            continue  # sent once the check has shown the mistake was ours
        for _, text in template_texts(template):
            assert not fault.search(text.root["en"]), template.id


def test_the_brand_voice_is_we_not_i(library):
    first_person = re.compile(r"(?<![\w'])I(?![\w'])")
    for template_id, _, text in versions(library):
        assert not first_person.search(text.root["en"]), template_id


def test_ukrainian_names_are_asked_for_in_the_vocative(library):
    form = library.placeholders["customer_name"].form
    assert form is not None and "кличн" in form.get("uk")
    assert library.placeholders["customer_name"].example.get("uk").endswith("о")  # Ганно


def test_safety_rules_are_stated(library):
    take_private = " ".join(p.root["en"] for p in library.principles["take-details-private"].practice)
    assert re.search(r"for this case, and call only that one", take_private), "call only numbers given for the case"
    never_delete = library.principles["never-delete-or-fire-back"]
    text = " ".join([never_delete.statement.root["en"], never_delete.why.root["en"],
                     *(p.root["en"] for p in never_delete.practice)])
    for exception in ("personal data", "hate speech"):
        assert exception in text, f"the hiding exception names {exception}"


@pytest.mark.parametrize(("entry_id", "article"), [
    ("troll-attack", "003_97d688295046f835.txt"),               # 003: ignore trolls
    ("apologise-for-the-situation", "001_d1e9d5be5e203739.txt"),  # 001: apologise even against legal
    ("public-complaint", "004_8303e754a29effbb.txt"),            # 004: its four parts differ
    ("follow-up-after-resolution", "003_97d688295046f835.txt"),  # 003: encourage satisfied customers
])
def test_deliberate_departures_are_said(library, entry_id, article):
    entry = next(e for e in library.entries() if e.id == entry_id)
    assert article in {d.source for d in entry.departures}, f"{entry_id} says nothing of its departure from {article}"


def test_coverage_traces_every_article_and_every_principle(library):
    points = library.coverage
    assert 40 <= len(points) <= 90
    assert set(library.sources) <= {p.source for p in points}, "an article has no coverage point"
    covered = {ref.split("/")[0] for p in points for ref in p.covered_by}
    assert set(library.principles) <= covered, "a principle traces to no advice in the sources"


def _texts(library, language):
    for document in all_documents(library):
        for path, text in iter_localized(document):
            if path and path[-1] == "search":
                continue  # search terms may hold brand names in another script (Епіцентр)
            yield text.root[language]


def test_romanian_uses_comma_below(library):
    assert [t for t in _texts(library, "ro") if re.search("[şţŞŢ]", t)] == []


def test_ukrainian_and_russian_alphabets_are_not_mixed(library):
    assert [t for t in _texts(library, "uk") if re.search("[ыэъё]", t, re.IGNORECASE)] == []
    assert [t for t in _texts(library, "ru") if re.search("[іїєґ]", t, re.IGNORECASE)] == []


def test_no_language_is_a_copy_of_english(library, languages):
    for language in languages[1:]:
        same = [t.root["en"] for document in all_documents(library) for path, t in iter_localized(document)
                if len(t.root["en"]) > 30 and t.root[language] == t.root["en"]
                and not re.fullmatch(r"[\w.@:/?=&%-]+", t.root["en"])]  # addresses are the same everywhere
        assert same == [], f"{language}: English text left untranslated"


def test_translation_lock_is_up_to_date(result, project):
    lock = TranslationLock.read(project.playbooks_dir)
    assert lock.problem == ""
    before = json.dumps(lock.entries, sort_keys=True)
    changes = lock.update(result.documents, project.playbooks_dir, project.languages)
    assert changes == 0 and json.dumps(lock.entries, sort_keys=True) == before, \
        "run `replybook translations update` and commit playbooks/translations.lock.json"
    assert lock.stale(result.documents, project.playbooks_dir, project.languages) == []


def test_unconfirmed_limits_say_where_they_come_from(library):
    for channel in library.channels.values():
        english = channel.source.root["en"]
        assert all(text.strip() for text in channel.source.root.values()), channel.id
        if not channel.confirmed and channel.limits:
            assert "not published" in english.lower() or "report" in english.lower(), channel.id
