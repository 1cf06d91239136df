"""Interface labels (headings, buttons, units) of the generated pages, per language.

A label is text, or — where a number goes with it — one text per CLDR plural category
(`one`, `few`, `many`, `other`; Babel's data says which a language uses), so that Romanian reads
"1 zi, 2 zile, 20 de zile" and Ukrainian "1 збіг, 2 збіги, 5 збігів".
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel import Locale

from . import rulebook as R
from .diagnostics import Diagnostic
from .yaml_source import read_source

UI_FILE = Path(__file__).with_name("ui.yaml")
#: Labels the page script needs (the cards, the profile, the search box), sent once per page.
CARD_LABELS = ("copy", "copied", "copy_failed", "fill_in", "chars_left", "chars_over", "chars_count", "post_on",
               "blanks_left", "fill_them", "copy_anyway", "over_limit_warning", "copied_with_blanks",
               "copied_over_limit", "from_profile", "saved_in_profile", "link_counts", "not_confirmed", "form_hint",
               "limit_x_weighted", "limit_characters", "limit_graphemes", "limit_utf8_bytes", "no_limit",
               "units_x_weighted", "units_characters", "units_graphemes", "units_utf8_bytes", "links_not_clickable",
               "filter_count")


@cache
def plural_category(language: str, count: int) -> str:
    """The CLDR plural category of ``count`` in ``language`` (``one``, ``few``, ``many``, ``other``)."""
    return Locale.parse(language).plural_form(count)


@dataclass(frozen=True)
class UiStrings:
    """Every label in one language; ``t("chars_left", n=3)`` fills ``{n}``."""

    language: str
    labels: dict[str, str]
    plurals: dict[str, dict[str, str]]

    def t(self, key: str, **values: object) -> str:
        text = self.labels[key] if key in self.labels else self.plurals[key]["other"]
        for name, value in values.items():
            text = text.replace("{" + name + "}", str(value))
        return text

    def plural(self, key: str, count: int, **values: object) -> str:
        """The label for ``count`` in its plural form, with ``{n}`` filled."""
        forms = self.plurals[key]
        text = forms.get(plural_category(self.language, count)) or forms["other"]
        for name, value in {"n": count, **values}.items():
            text = text.replace("{" + name + "}", str(value))
        return text

    def search_labels(self) -> dict[str, object]:
        """The labels the search script uses (the result count keeps its plural forms)."""
        labels: dict[str, object] = {"results": self.plurals["search_results"]}
        for key in ("search_none", "search_partial", "search_partial_badge", "search_corrected", "search_loading"):
            labels[key.removeprefix("search_")] = self.labels[key]
        for kind in ("playbook", "template", "principle", "case", "tree", "page"):
            labels[f"kind_{kind}"] = self.labels[f"kind_{kind}"]
        return labels

    def card_labels(self) -> dict[str, object]:
        """The labels the page script uses; plural labels keep their forms (the browser picks with Intl)."""
        return {key: self.plurals.get(key) or self.labels[key] for key in CARD_LABELS}


def _categories(language: str) -> set[str]:
    return set(Locale.parse(language).plural_form.tags) | {"other"}


def load_ui_strings(languages: tuple[str, ...]) -> tuple[dict[str, UiStrings], list[Diagnostic]]:
    """Read ui.yaml; every label must exist in every site language, with every plural form it needs."""
    source, problems = read_source(UI_FILE, "hooks/replybook/ui.yaml")
    data = source.data if isinstance(source.data, dict) else {}
    labels: dict[str, dict[str, str]] = {language: {} for language in languages}
    plurals: dict[str, dict[str, dict[str, str]]] = {language: {} for language in languages}
    for key, texts in data.items():
        for language in languages:
            value = texts.get(language) if isinstance(texts, dict) else None
            if isinstance(value, dict):
                needed = _categories(language)
                missing = sorted(needed - set(value))
                if missing:
                    problems.append(R.LANGUAGES.at(source, (key, language), "missing plural forms",
                                                   f"add {', '.join(missing)} (CLDR plural rules of `{language}`)"))
                plurals[language][key] = {str(k): str(v) for k, v in value.items()}
                continue
            if not isinstance(value, str) or not value.strip():
                problems.append(R.LANGUAGES.at(source, (key, language), "missing interface label",
                                               f"add `{language}:` to `{key}`"))
                value = key
            labels[language][key] = value
    return {language: UiStrings(language, labels[language], plurals[language]) for language in languages}, problems
