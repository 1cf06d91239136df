"""Rules for the wording inside one file: languages, raw HTML, template placeholders."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from . import rulebook as R
from .diagnostics import Diagnostic
from .model import PLACEHOLDER_IN_TEXT, PLACEHOLDER_PATTERN, LanguageNotes, LocalizedText, Template
from .yaml_source import FieldPath, SourceFile

UNTRANSLATED = re.compile(r"^\s*TODO\b")
_PLACEHOLDER_NAME = re.compile(PLACEHOLDER_PATTERN)


def is_untranslated(text: str) -> bool:
    """True for the scaffold's marker values (``TODO: ...``) and blank text."""
    return not text.strip() or bool(UNTRANSLATED.match(text))


@dataclass(frozen=True)
class LocalizedField:
    """One translatable field: where it is, a key that survives reordering, and its text."""

    path: FieldPath
    key: str
    text: LocalizedText


def localized_fields(value: Any, path: FieldPath = (), key: str = "") -> Iterator[LocalizedField]:
    """Every LocalizedText inside a model, with its field path and a stable key.

    The key names list items by their id (or name) where they have one, so that reordering
    steps or templates changes no key (the translations lock relies on it).
    """
    if isinstance(value, LocalizedText):
        yield LocalizedField(path, key, value)
    elif isinstance(value, LanguageNotes):
        return
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from localized_fields(getattr(value, name), (*path, name), f"{key}.{name}" if key else name)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            label = getattr(item, "id", None) or getattr(item, "name", None) or str(index)
            yield from localized_fields(item, (*path, index), f"{key}[{label}]")
    elif isinstance(value, dict):
        for name, item in value.items():
            yield from localized_fields(item, (*path, name), f"{key}.{name}")


def iter_localized(value: Any) -> Iterator[tuple[FieldPath, LocalizedText]]:
    """Every LocalizedText inside a model, with its field path."""
    for found in localized_fields(value):
        yield found.path, found.text


def check_languages(source: SourceFile, document: BaseModel, languages: tuple[str, ...]) -> list[Diagnostic]:
    """Every localized field has every site language, and nothing else."""
    problems: list[Diagnostic] = []
    allowed = ", ".join(languages)
    for path, text in iter_localized(document):
        for language in languages:
            if language not in text.root:
                problems.append(R.LANGUAGES.at(source, (*path, language), "missing translation",
                                                  f"add `{language}:` under `{path[-1]}`"))
            elif not text.root[language].strip():
                problems.append(R.LANGUAGES.at(source, (*path, language), "empty translation", "write the text"))
            elif UNTRANSLATED.match(text.root[language]):
                what = "not written yet" if language == languages[0] else "not translated yet"
                problems.append(R.UNTRANSLATED.at(source, (*path, language), what,
                                                  "replace the TODO marker with the text"))
        for language in text.root:
            if language not in languages:
                problems.append(R.LANGUAGES.at(source, (*path, language), f"unknown language `{language}`",
                                                  f"site languages are: {allowed}", key=True))
    for path, notes in iter_language_notes(document):
        for language in notes.root:
            if language not in languages:
                problems.append(R.LANGUAGES.at(source, (*path, language), f"unknown language `{language}`",
                                                  f"site languages are: {allowed}", key=True))
    return problems


def iter_language_notes(value: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, LanguageNotes]]:
    """Every per-language note (a mapping of some languages only) inside a model."""
    if isinstance(value, LanguageNotes):
        yield path, value
    elif isinstance(value, BaseModel) and not isinstance(value, LocalizedText):
        for name in type(value).model_fields:
            yield from iter_language_notes(getattr(value, name), (*path, name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from iter_language_notes(item, (*path, index))


def placeholders_in(text: str) -> tuple[list[str], bool]:
    """Placeholder names used in ``text`` and whether any brace is left unmatched."""
    names = PLACEHOLDER_IN_TEXT.findall(text)
    leftover = PLACEHOLDER_IN_TEXT.sub("", text)
    return names, ("{" in leftover or "}" in leftover)


def template_texts(template: Template) -> list[tuple[FieldPath, LocalizedText]]:
    """The main text of a template and the text of each of its variants, with their field paths."""
    texts: list[tuple[FieldPath, LocalizedText]] = [(("text",), template.text)]
    texts += [(("variants", index, "text"), variant.text) for index, variant in enumerate(template.variants)]
    return texts


def check_template_placeholders(source: SourceFile, path: FieldPath, template: Template,
                                languages: tuple[str, ...]) -> list[Diagnostic]:
    """Each language uses exactly the declared placeholders, spelled correctly, in every version."""
    problems: list[Diagnostic] = []
    declared = set(template.placeholders)
    used_anywhere: set[str] = set()
    for text_path, localized in template_texts(template):
        used_by_language: dict[str, set[str]] = {}
        for language in languages:
            text = localized.root.get(language)
            if text is None or is_untranslated(text):
                continue
            where = (*path, *text_path, language)
            names, unmatched = placeholders_in(text)
            if unmatched:
                problems.append(R.PLACEHOLDERS.at(source, where, "unmatched `{` or `}`",
                                                  "placeholders are written as {name}; remove stray braces"))
            valid = set()
            for name in names:
                if not _PLACEHOLDER_NAME.match(name):
                    problems.append(R.PLACEHOLDERS.at(source, where, f"`{{{name}}}` is not a valid placeholder",
                                                      "names are snake_case, e.g. {customer_name}"))
                elif name not in declared:
                    problems.append(R.PLACEHOLDERS.at(source, where, f"placeholder `{{{name}}}` is not declared",
                                                      f"add `{name}` to the template's `placeholders:` list"))
                else:
                    valid.add(name)
            used_by_language[language] = valid
        reference = languages[0]
        if reference not in used_by_language:
            continue
        expected = used_by_language[reference]
        used_anywhere |= set().union(*used_by_language.values())
        for language, used in used_by_language.items():
            if used != expected:
                missing = sorted(expected - used)
                extra = sorted(used - expected)
                detail = "; ".join(part for part in (
                    f"missing {', '.join('{' + n + '}' for n in missing)}" if missing else "",
                    f"extra {', '.join('{' + n + '}' for n in extra)}" if extra else "") if part)
                problems.append(R.PLACEHOLDERS.at(source, (*path, *text_path, language),
                                                  f"placeholders differ from `{reference}`: {detail}",
                                                  "every language must use the same placeholders"))
    if languages[0] in template.text.root and not is_untranslated(template.text.root[languages[0]]):
        for name in sorted(declared - used_anywhere):
            problems.append(R.PLACEHOLDERS.at(source, (*path, "placeholders"),
                                              f"placeholder `{name}` is declared but never used",
                                              "remove it from `placeholders:` or use it in the text"))
    return problems
