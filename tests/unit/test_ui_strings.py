"""Interface labels: every label in every site language, numbers in each language's CLDR plural forms."""

from __future__ import annotations

import pytest
import yaml
from babel import Locale

import replybook.ui_strings as ui_strings
from replybook.ui_strings import CARD_LABELS, load_ui_strings, plural_category

RAW = yaml.safe_load(ui_strings.UI_FILE.read_text(encoding="utf-8"))
PLURAL_KEYS = sorted(key for key, value in RAW.items() if isinstance(value.get("en"), dict))


def _cldr(language: str) -> set[str]:
    return set(Locale.parse(language).plural_form.tags) | {"other"}


def test_every_label_exists_in_every_language(ui, languages):
    keys = set(RAW)
    for language in languages:
        strings = ui[language]
        assert set(strings.labels) | set(strings.plurals) == keys
        assert all(value.strip() for value in strings.labels.values())


@pytest.mark.parametrize("key", PLURAL_KEYS)
def test_every_plural_label_has_exactly_the_cldr_forms(key, ui, languages):
    for language in languages:
        forms = ui[language].plurals[key]
        assert set(forms) == _cldr(language), f"{key}.{language}"
        assert all("{n}" in text for text in forms.values()), f"{key}.{language}"


@pytest.mark.parametrize(("language", "key", "counts"), [
    ("ro", "duration_d", {1: "1 zi", 2: "2 zile", 19: "19 zile", 20: "20 de zile", 101: "101 zile",
                          120: "120 de zile"}),
    ("uk", "duration_d", {1: "1 день", 2: "2 дні", 4: "4 дні", 5: "5 днів", 11: "11 днів", 21: "21 день",
                          22: "22 дні"}),
    ("uk", "search_results", {1: "1 результат", 2: "2 результати", 5: "5 результатів"}),
    ("ru", "duration_m", {1: "1 минута", 3: "3 минуты", 15: "15 минут", 21: "21 минута"}),
    ("en", "duration_h", {1: "1 hour", 2: "2 hours", 0: "0 hours"}),
    ("es", "duration_d", {1: "1 día", 2: "2 días", 1000000: "1000000 días"}),
])
def test_plural_picks_the_form_a_native_reader_expects(ui, languages, language, key, counts):
    if language not in languages:
        pytest.skip(f"{language} is not a site language")
    for count, expected in counts.items():
        assert ui[language].plural(key, count) == expected


def test_plural_follows_ui_yaml_for_each_cldr_category(ui, languages):
    """For every language and plural label, a number of each category gets that category's text."""
    samples = range(0, 200)
    for language in languages:
        for key in PLURAL_KEYS:
            for n in samples:
                category = Locale.parse(language).plural_form(n)
                assert ui[language].plural(key, n) == RAW[key][language][category].replace("{n}", str(n))


def test_plural_category_is_babel_cldr():
    assert plural_category("ro", 20) == "other" and plural_category("ro", 2) == "few"
    assert plural_category("uk", 5) == "many" and plural_category("en", 1) == "one"


def test_t_fills_values_and_gives_the_other_form_of_a_plural(ui):
    assert ui["en"].t("outcome_reply", title="Calm") == "Send this reply: Calm"
    assert ui["uk"].t("duration_d") == RAW["duration_d"]["uk"]["other"]
    assert ui["en"].plural("blanks_left", 2, names="name, issue") == "2 blanks left: name, issue"


def test_interface_text_is_translated(ui, languages):
    """Issue 12: theme labels were left in English on every language."""
    default = languages[0]
    for key in ("to_dark_mode", "to_light_mode", "permalink", "copy", "untranslated", "templates", "dont"):
        for language in languages[1:]:
            assert ui[language].t(key) != ui[default].t(key), f"{key} is not translated into {language}"


def test_labels_for_the_page_scripts(ui, languages):
    for language in languages:
        card = ui[language].card_labels()
        assert set(card) == set(CARD_LABELS)
        assert card["chars_left"] == ui[language].plurals["chars_left"]  # the browser picks the form
        assert card["copy"] == ui[language].t("copy")
        search = ui[language].search_labels()
        assert search["results"] == ui[language].plurals["search_results"]
        assert search["none"] == ui[language].t("search_none")
        assert {f"kind_{k}" for k in ("playbook", "template", "principle", "case", "tree", "page")} <= set(search)
        assert search["kind_template"] == ui[language].t("kind_template")


def _with_ui_file(monkeypatch, tmp_path, text: str):
    path = tmp_path / "ui.yaml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setattr(ui_strings, "UI_FILE", path)


def test_a_missing_plural_form_is_reported(monkeypatch, tmp_path, languages):
    forms = {language: {category: f"{{n}} {category}" for category in _cldr(language)} for language in languages}
    del forms["ro"]["few"]
    del forms["uk"]["many"]
    _with_ui_file(monkeypatch, tmp_path, yaml.safe_dump({"things": forms}, allow_unicode=True))
    strings, problems = load_ui_strings(languages)
    assert sorted((d.field, d.message, d.hint, d.rule) for d in problems) == [
        ("things.ro", "missing plural forms", "add few (CLDR plural rules of `ro`)", "languages"),
        ("things.uk", "missing plural forms", "add many (CLDR plural rules of `uk`)", "languages"),
    ]
    assert problems[0].file == "hooks/replybook/ui.yaml"
    assert strings["ro"].plural("things", 2) == "2 other"  # falls back to `other`, never fails


def test_a_missing_label_is_reported_and_shows_its_key(monkeypatch, tmp_path, languages):
    labels = {language: f"Label {language}" for language in languages[:-1]}
    _with_ui_file(monkeypatch, tmp_path, yaml.safe_dump({"greeting": labels, "empty": {languages[0]: " "}},
                                                        allow_unicode=True))
    strings, problems = load_ui_strings(languages)
    missing = {(d.field, d.message) for d in problems}
    assert (f"greeting.{languages[-1]}", "missing interface label") in missing
    assert (f"empty.{languages[0]}", "missing interface label") in missing
    assert strings[languages[-1]].t("greeting") == "greeting"
    assert strings[languages[0]].t("greeting") == f"Label {languages[0]}"


def test_the_shipped_ui_file_has_no_problems(languages):
    _, problems = load_ui_strings(languages)
    assert [d.text() for d in problems] == []
