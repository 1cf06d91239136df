"""Search built from the content: word forms (uk, ru), records per language, lexicons. No browser, no Pagefind."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from replybook.model import LocalizedText
from replybook.morphology import MORPHOLOGY_LANGUAGES, Morphology, lexicon, loose, normalize, shard_key, words
from replybook.search_index import (
    MINOR,
    SEARCH_DIR,
    TERMS,
    TITLE,
    Record,
    build_pages,
    lookup_key,
    records,
    shard_name,
    write_lexicons,
    write_search_index,
)

# -- word forms ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def uk() -> Morphology:
    return Morphology("uk")


@pytest.fixture(scope="module")
def ru() -> Morphology:
    return Morphology("ru")


@pytest.mark.parametrize(("word", "lemma"), [
    ("скаргу", "скарга"), ("скарг", "скарга"), ("тролю", "троль"), ("тролів", "троль"), ("відгуки", "відгук"),
    ("перевіряємо", "перевіряти"), ("Скаргу", "скарга"),
])
def test_ukrainian_lemmas(uk, word, lemma):
    assert uk.lemma(word) == lemma


@pytest.mark.parametrize(("word", "lemma"), [
    ("троллям", "тролль"), ("тролля", "тролль"), ("завирусилась", "завируситься"), ("жалобу", "жалоба"),
    ("отзывы", "отзыв"),
])
def test_russian_lemmas(ru, word, lemma):
    assert ru.lemma(word) == lemma


def test_words_without_cyrillic_are_their_own_lemma(uk):
    assert uk.lemma("Twitter") == "twitter" and uk.lemma("TikTok") == "tiktok"
    assert uk.lemmas("Скаргу в Twitter") == ["скарга", "в", "twitter"]


def test_forms_are_the_whole_paradigm(uk):
    forms = uk.forms("перевіряти")
    assert {"перевіряти", "перевіряємо", "перевіряв", "перевіряють"} <= forms
    assert {"скарга", "скаргу", "скарги", "скаргою", "скарг"} <= uk.forms("скарга")


def test_normalize_and_loose():
    assert normalize("М’ЯЧ") == "м'яч" and normalize("мʼяч") == "м'яч"
    assert normalize("Reclamaţii şi") == "reclamații și"  # cedilla to comma below, as Romanian is written
    assert loose("Перевіряємо") == "перевіряемо"
    assert loose("їжак") == "іжак" and loose("ґанок") == "ганок" and loose("ёлка") == "елка" and loose("йод") == "иод"
    assert lookup_key("Їжак") == loose("Їжак")
    assert words("Don’t argue, «тролю»!") == ["don't", "argue", "тролю"]


def test_lexicon_maps_every_form_to_its_lemma(uk):
    shards = lexicon(uk, ["перевіряємо", "скаргу"])
    flat = {key: lemma for shard in shards.values() for key, lemma in shard.items()}
    for lemma in ("перевіряти", "скарга"):
        for form in uk.forms(lemma):
            key = loose(form)
            if key != lemma:
                assert flat[key] == lemma, form
                assert key in shards[shard_key(key)]
    assert flat["перевіряемо"] == "перевіряти"  # typed with е instead of є: still found
    assert "скарга" not in flat  # a lemma is not listed as its own form


def test_lexicon_shards_by_the_first_two_letters(uk):
    shards = lexicon(uk, ["скаргу"])
    assert set(shards) == {"ск"} and shard_key("скаргою") == "ск"


def test_the_more_frequent_lemma_wins_a_shared_form(uk):
    # «мила» is a form of both «мило» (soap) and «милий» (dear); the vocabulary decides
    soap = lexicon(uk, ["мило", "мило", "милий"])
    dear = lexicon(uk, ["милий", "милий", "мило"])
    assert soap["ми"]["мила"] == "мило" and dear["ми"]["мила"] == "милий"


def test_morphology_is_only_for_ukrainian_and_russian(base_library, languages):
    assert set(MORPHOLOGY_LANGUAGES) == {"uk", "ru"}
    _, _, morphologies = build_pages(base_library, languages)
    assert set(morphologies) == set(MORPHOLOGY_LANGUAGES) & set(languages)
    assert all(m.language == language for language, m in morphologies.items())


# -- records ---------------------------------------------------------------------------------------


def _records(library, language, root=None):
    return list(records(library, language, root))


def test_one_record_per_playbook_reply_principle_case_and_tree(base_library, languages):
    for language in languages:
        found = _records(base_library, language)
        assert Counter(r.kind for r in found) == {"playbook": 2, "template": 2, "principle": 1, "case": 1, "tree": 1}
        assert len({r.url for r in found}) == len(found)


def test_urls_have_the_language_prefix_and_replies_their_card(base_library, languages):
    default = languages[0]
    for language in languages:
        prefix = "/" if language == default else f"/{language}/"
        urls = {r.title: r.url for r in _records(base_library, language)}
        playbook = base_library.playbooks["angry-post"]
        assert urls[playbook.title.get(language)] == f"{prefix}playbooks/angry-post/"
        reply = base_library.templates["calm-reply"].template
        assert urls[reply.title.get(language)] == f"{prefix}playbooks/angry-post/#tpl-calm-reply"
        assert urls[base_library.principles["be-kind"].title.get(language)] == f"{prefix}principles/be-kind/"
        assert urls[base_library.cases["some-case"].title.get(language)] == f"{prefix}cases/some-case/"
        assert urls[base_library.trees["triage"].title.get(language)] == f"{prefix}trees/triage/"


def test_the_root_language_has_no_prefix(base_library, languages):
    """A one-language preview builds that language at the site root."""
    other = languages[1]
    assert {r.url.split("/")[1] for r in _records(base_library, other, root=other)} == {
        "playbooks", "principles", "cases", "trees"}
    assert {r.url.split("/")[1] for r in _records(base_library, languages[0], root=other)} == {languages[0]}


def test_records_are_in_the_readers_language(base_library):
    found = {r.kind + ":" + r.url: r for r in _records(base_library, "uk")}
    reply = found["template:/uk/playbooks/angry-post/#tpl-calm-reply"]
    assert reply.title == "Спокійна перша відповідь" and reply.context == "Злий допис"
    assert reply.summary.startswith("[Ім'я], нам шкода, що [Проблема].")  # placeholders as their labels
    assert found["playbook:/uk/playbooks/angry-post/"].summary == "Відповідайте спокійно"


def _weight_of(record: Record, text: str) -> float:
    return max(weight for weight, part in record.parts if text in part)


def test_search_terms_and_title_outrank_do_and_dont(base_library):
    playbook = next(r for r in _records(base_library, "en") if r.url == "/playbooks/angry-post/")
    terms = _weight_of(playbook, "rant, outrage")
    assert terms == TERMS >= TITLE
    assert terms > _weight_of(playbook, "Answer calmly") > _weight_of(playbook, "Caps lock")  # summary > signals
    assert _weight_of(playbook, "Caps lock") > _weight_of(playbook, "Stay polite") == MINOR  # do
    assert _weight_of(playbook, "Never argue") == MINOR  # don't
    html = playbook.html("en", None)
    assert '<h1 data-pagefind-meta="title">Angry post</h1>' in html


def test_a_reply_is_found_by_what_it_is_for_more_than_by_its_words(base_library):
    reply = next(r for r in _records(base_library, "en") if r.kind == "template" and "calm-reply" in r.url)
    assert _weight_of(reply, "first answer") == TERMS
    assert _weight_of(reply, "direct message") == MINOR


def test_search_terms_are_indexed_but_never_shown(base_library, languages):
    for language in languages:
        for record in _records(base_library, language):
            for terms in ("rant", "наїзд", "cortesía"):
                assert terms not in record.summary and terms not in record.title


def test_nothing_from_page_furniture(base_library, languages, ui):
    furniture = {"¶", "[Untitled]", "Untitled"}
    for language in languages:
        labels = {ui[language].t(k) for k in ("copy", "steps", "signals", "based_on", "templates", "permalink")}
        for record in _records(base_library, language):
            html = record.html(language, None)
            assert record.title.strip() and not any(f in html for f in furniture)
            assert not any(part in labels for _, part in record.parts)


def test_untranslated_text_is_found_in_the_default_language(base_library, languages):
    principle = base_library.principles["be-kind"]
    patched = principle.model_copy(update={"title": LocalizedText({**principle.title.root, "uk": "TODO: translate"})})
    library = type(base_library)(**{**base_library.__dict__, "principles": {"be-kind": patched}})
    record = next(r for r in _records(library, "uk") if r.kind == "principle")
    assert record.title == principle.title.get(languages[0])


def test_record_html_is_escaped_and_carries_its_meta():
    record = Record("/uk/x/", "template", 'A <b>"bold"</b> title', "sum & more", context="Playbook <i>")
    record.add(TERMS, "<script>alert(1)</script>")
    record.add(MINOR, "   ")  # blank parts are dropped
    html = record.html("uk", None)
    assert html.startswith('<html lang="uk">')
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html
    assert '<span data-pagefind-meta="kind:template"></span>' in html
    assert '<span data-pagefind-filter="kind:template"></span>' in html
    assert '<span data-pagefind-meta="url:/uk/x/"></span>' in html
    assert 'data-pagefind-meta="summary:sum &amp; more"' in html
    assert 'data-pagefind-meta="context:Playbook &lt;i&gt;"' in html
    assert len(record.parts) == 1


def test_ukrainian_records_carry_the_lemmas_of_their_words(uk):
    record = Record("/uk/x/", "playbook", "Спокійна перша відповідь", "")
    record.add(TERMS, "скаргу тролю")
    html = record.html("uk", uk)
    assert f'<p data-pagefind-weight="{TERMS}">скарга троль</p>' in html
    assert f'<p data-pagefind-weight="{TITLE}">спокійний перший</p>' in html  # «відповідь» is its own lemma
    assert "скарга" not in record.html("en", None)


# -- files written for the browser ------------------------------------------------------------------


def test_write_lexicons_writes_words_and_form_shards(base_library, languages, tmp_path):
    pages, by_language, morphologies = build_pages(base_library, languages)
    assert {language for _, language, _ in pages} == set(languages)
    write_lexicons(by_language, tmp_path, morphologies)
    for language in languages:
        folder = tmp_path / SEARCH_DIR / language
        vocabulary = json.loads((folder / "words.json").read_text(encoding="utf-8"))
        assert vocabulary and all(len(word) > 1 for word in vocabulary) and len(set(vocabulary)) == len(vocabulary)
        assert (folder / "forms").is_dir() == (language in morphologies)
    uk_words = json.loads((tmp_path / SEARCH_DIR / "uk" / "words.json").read_text(encoding="utf-8"))
    assert "допис" in uk_words and "відповідати" in uk_words  # the lemma of «Відповідайте» too
    forms = tmp_path / SEARCH_DIR / "uk" / "forms"
    shards = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in forms.iterdir()}
    assert all(re.fullmatch(r"[0-9a-f]+\.json", name) for name in shards)
    merged = {k: v for shard in shards.values() for k, v in shard.items()}
    assert merged["відповідаемо"] == "відповідати"  # a form not in the text, typed with е for є
    assert shards[shard_name("ві")]["відповідаемо"] == "відповідати"


def test_vocabulary_is_most_frequent_first(tmp_path):
    found = [Record("/a/", "playbook", "gamma beta", ""), Record("/b/", "playbook", "alpha beta", "")]
    found[1].add(MINOR, "beta x")  # one-letter words are left out
    write_lexicons({"en": found}, tmp_path, {})
    assert json.loads((tmp_path / SEARCH_DIR / "en" / "words.json").read_text(encoding="utf-8")) == [
        "beta", "alpha", "gamma"]


@pytest.mark.parametrize(("key", "name"), [("пе", "043f0435.json"), ("ab", "00610062.json"), ("ș", "0219.json")])
def test_shard_names_are_ascii(key, name):
    assert shard_name(key) == name and name.isascii()


def test_a_preview_reuses_the_index_built_once(base_library, languages, tmp_path):
    cache = {"files": {"pagefind/pagefind.js": b"index", f"{SEARCH_DIR}/en/words.json": b"[]"}}
    write_search_index(base_library, tmp_path, languages, cache=cache)
    assert (tmp_path / "pagefind" / "pagefind.js").read_bytes() == b"index"
    assert (tmp_path / SEARCH_DIR / "en" / "words.json").read_bytes() == b"[]"


# -- phrase keys: two neighbouring words of a title or search term -----------------------------------


def test_phrase_keys_join_neighbouring_words_in_either_order():
    from replybook.morphology import phrase_keys

    assert phrase_keys(["response", "time"], "en") == phrase_keys(["time", "response"], "en") == ["zqresptime"]
    assert phrase_keys(["response", "times"], "en") == ["zqresptime"]  # the first letters only: forms meet


def test_phrase_keys_skip_function_words_and_fold_letters():
    from replybook.morphology import phrase_keys

    assert phrase_keys(["how", "fast", "to", "reply"], "en") == ["zqfastrepl"]
    assert phrase_keys(["răspuns", "întârziat"], "ro") == ["zqintarasp"]
    assert phrase_keys(["reply"], "en") == [] and phrase_keys(["fast", "fast"], "en") == []


def test_records_carry_phrase_keys_of_title_and_terms_only(uk):
    record = Record("/uk/x/", "playbook", "Публічна скарга", "")
    record.add(TERMS, "скарги клієнтів")
    record.phrases = ["скарги клієнтів", "відповідь у твіттері"]
    record.add(MINOR, "довгий текст без ключів")
    keys = record.phrase_keys("uk", uk)
    assert "zqпублскар" in keys  # from the title's lemmas, «публічний скарга»
    assert "zqкліескар" in keys and "zqвідптвіт" in keys  # folded like lookups: є → е
    assert not any("довг" in key for key in keys)
    assert f'<p data-pagefind-weight="{TERMS}">{" ".join(keys)}</p>' in record.html("uk", uk)


def test_function_words_are_published_for_the_browser(base_library, languages, tmp_path):
    from replybook.morphology import STOP_WORDS

    _, by_language, morphologies = build_pages(base_library, languages)
    write_lexicons(by_language, tmp_path, morphologies)
    for language in languages:
        stop = json.loads((tmp_path / SEARCH_DIR / language / "stop.json").read_text(encoding="utf-8"))
        assert stop == sorted(STOP_WORDS[language]) and stop


def test_vocabulary_is_also_written_in_small_shards_by_first_two_letters(base_library, languages, tmp_path):
    from replybook.search_index import vocabulary_shards

    assert vocabulary_shards(["Plângere", "plan", "client", "x"]) == {"cl": ["client"], "pl": ["plan", "plangere"]}
    _, by_language, morphologies = build_pages(base_library, languages)
    write_lexicons(by_language, tmp_path, morphologies)
    for language in languages:
        folder = tmp_path / SEARCH_DIR / language
        words = json.loads((folder / "words.json").read_text(encoding="utf-8"))
        sharded = [key for p in (folder / "words").iterdir() for key in json.loads(p.read_text(encoding="utf-8"))]
        assert sorted(sharded) == sorted(key for keys in vocabulary_shards(words).values() for key in keys)


def test_the_list_of_shards_names_exactly_the_shard_files(base_library, languages, tmp_path):
    """The browser asks only for shards the list names: a brand name or typo requests nothing missing."""
    from replybook.search_index import shard_name

    _, by_language, morphologies = build_pages(base_library, languages)
    write_lexicons(by_language, tmp_path, morphologies)
    for language in languages:
        folder = tmp_path / SEARCH_DIR / language
        listed = json.loads((folder / "shards.json").read_text(encoding="utf-8"))
        for kind in ("forms", "words"):
            files = sorted(p.name for p in (folder / kind).iterdir()) if (folder / kind).exists() else []
            assert sorted(shard_name(key) for key in listed[kind]) == files
        assert listed["words"], language
        assert bool(listed["forms"]) == (language in morphologies), language


def test_a_half_written_pagefind_index_is_never_published(tmp_path):
    from replybook.search_index import _incomplete

    (tmp_path / "index").mkdir()
    (tmp_path / "pagefind-entry.json").write_text('{"version": "1", "languages": {"en": {}}}', encoding="utf-8")
    (tmp_path / "index" / "en_1.pf_index").write_bytes(b"x")
    assert _incomplete(tmp_path) is None
    (tmp_path / "index" / "en_2.pf_index").write_bytes(b"")
    assert "empty files: index/en_2.pf_index" in (_incomplete(tmp_path) or "")
    (tmp_path / "pagefind-entry.json").write_text("", encoding="utf-8")
    assert "unreadable" in (_incomplete(tmp_path) or "")
