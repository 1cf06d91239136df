"""Small pieces of the content model that other behaviour rests on."""

from __future__ import annotations

import pytest

from replybook.model import DOCUMENT_KINDS, LanguageNotes, LocalizedText, SearchTerms, duration_minutes
from replybook.rules_text import is_untranslated, localized_fields


@pytest.mark.parametrize(("duration", "minutes"), [("15m", 15), ("1h", 60), ("2h", 120), ("1d", 1440), ("3d", 4320)])
def test_durations_in_minutes(duration, minutes):
    assert duration_minutes(duration) == minutes


def test_search_terms_are_split_trimmed_and_never_empty():
    terms = SearchTerms({"en": " rant,  outrage ,, caps lock ,", "uk": ""})
    assert terms.terms("en") == ["rant", "outrage", "caps lock"]
    assert terms.terms("uk") == [] and terms.terms("ro") == []


@pytest.mark.parametrize(("text", "untranslated"), [
    ("TODO: translate", True), ("  TODO", True), ("", True), ("   ", True),
    ("TODOS los días", False), ("Not TODO", False), ("Written", False),
])
def test_what_counts_as_untranslated(text, untranslated):
    assert is_untranslated(text) is untranslated


def test_language_notes_are_optional_per_language():
    notes = LanguageNotes({"uk": "кличний відмінок"})
    assert notes.get("uk") == "кличний відмінок" and notes.get("en") is None
    assert LocalizedText({"en": "x"}).get("en") == "x"


def test_localized_fields_are_keyed_by_id_not_position(base_library):
    playbook = base_library.playbooks["angry-post"]
    keys = {found.key for found in localized_fields(playbook)}
    assert {"title", "steps[answer].text", "templates[calm-reply].text", "templates[calm-reply].variants[0].text",
            "tree.nodes.valid.question", "do[0]"} <= keys
    assert not any(key.startswith("placeholders") for key in keys)


def test_every_kind_of_document():
    assert set(DOCUMENT_KINDS) == {"principle", "playbook", "tree", "case", "sources", "placeholders", "channels",
                                   "style", "coverage"}
