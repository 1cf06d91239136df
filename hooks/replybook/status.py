"""Translation status per language: share translated, and what is missing or stale."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .library import Located, translation_counts
from .model import ChannelList, Entry, LocalizedText, StyleGuide
from .pages import entry_key
from .rules_text import is_untranslated
from .translations import TranslationLock, fields_of


@dataclass(frozen=True)
class EntryIssues:
    """One entry (page) with the fields a language lacks or must review."""

    page: str
    anchor: str
    title: LocalizedText | None
    label: str
    fields: tuple[str, ...]


@dataclass
class LanguageStatus:
    language: str
    translated: int
    total: int
    missing: list[EntryIssues] = field(default_factory=list)
    review: list[EntryIssues] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.translated / self.total if self.total else 1.0


def page_of(item: Located) -> tuple[str, str, LocalizedText | None, str]:
    """(page key, anchor, title, fallback label) where a document is shown."""
    doc = item.document
    if isinstance(doc, Entry):
        return entry_key(doc), "", doc.title, doc.id
    if isinstance(doc, ChannelList):
        return "channels", "", None, item.source.path.name
    if isinstance(doc, StyleGuide):
        return "contribute/style", "", None, item.source.path.name
    return "sources", "", None, item.source.path.name


def translation_status(items: list[Located], playbooks_dir: Path, languages: tuple[str, ...]) -> list[LanguageStatus]:
    """Per language (the source language excluded): counts, and entries missing or to review."""
    lock = TranslationLock.read(playbooks_dir)
    stale: dict[tuple[int, str], list[str]] = {}
    for found in lock.stale(items, playbooks_dir, languages):
        stale.setdefault((id(found.item), found.language), []).append(found.key)
    counts = translation_counts(items, languages)  # the same numbers as `replybook stats`
    statuses = {language: LanguageStatus(language, *counts[language]) for language in languages[1:]}
    for item in items:
        page, anchor, title, label = page_of(item)
        missing: dict[str, list[str]] = {language: [] for language in statuses}
        for _, key, text in fields_of(item):
            for language in statuses:
                if is_untranslated(text.root.get(language, "")):
                    missing[language].append(key)
        for language, status in statuses.items():
            if missing[language]:
                status.missing.append(EntryIssues(page, anchor, title, label, tuple(missing[language])))
            if (id(item), language) in stale:
                status.review.append(EntryIssues(page, anchor, title, label, tuple(stale[(id(item), language)])))
    return list(statuses.values())
