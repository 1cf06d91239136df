"""Stale translations: flag a translation when its English source text changes.

`playbooks/translations.lock.json` records, for every localized field and every
other language, a short hash of the English text that translation was last
confirmed against. When the English text changes, the hashes no longer match
and the translations "need review" until a translator confirms them with
`replybook translations confirm --lang uk FILE...`.

Field keys use ids instead of list positions where items have ids, so that
reordering steps does not flag anything.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from . import rulebook as R
from .diagnostics import Diagnostic, Level
from .library import Located
from .model import LocalizedText
from .rules_text import is_untranslated, localized_fields
from .yaml_source import FieldPath

LOCK_NAME = "translations.lock.json"


def text_hash(text: str) -> str:
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class StaleField:
    """A translation whose English source changed after it was confirmed."""

    item: Located
    path: FieldPath
    key: str
    language: str

    @property
    def file(self) -> str:
        return self.item.source.display


def fields_of(item: Located) -> list[tuple[FieldPath, str, LocalizedText]]:
    """The stable fields of one document, computed once and kept on the Located item."""
    cached = item.__dict__.get("_stable_fields")
    if cached is None:
        cached = [(f.path, f.key, f.text) for f in localized_fields(item.document)]
        object.__setattr__(item, "_stable_fields", cached)
    return cached


class TranslationLock:
    """The committed hashes, keyed by file (relative to playbooks/) and field key."""

    def __init__(self, path: Path, entries: dict[str, dict[str, dict[str, str]]] | None = None,
                 problem: str = "") -> None:
        self.path = path
        self.entries = entries or {}
        self.problem = problem  # why the lock file could not be read ("" when it could)

    @classmethod
    def read(cls, playbooks_dir: Path) -> TranslationLock:
        """The lock as committed; a missing file is an empty lock, an unreadable one says why."""
        path = playbooks_dir / LOCK_NAME
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls(path)
        except (OSError, UnicodeDecodeError) as exc:
            return cls(path, problem=f"cannot be read ({exc})")
        except ValueError as exc:
            return cls(path, problem=f"cannot be read: it is not valid JSON ({exc})")
        if not isinstance(data, dict) or not all(
                isinstance(fields, dict) and all(isinstance(h, dict) for h in fields.values())
                for fields in data.values()):
            return cls(path, problem="cannot be read: it is not a translations lock "
                                     "(expected {file: {field: {language: hash}}})")
        return cls(path, data)

    def write(self) -> None:
        ordered = {name: dict(sorted(fields.items())) for name, fields in sorted(self.entries.items())}
        self.path.write_text(json.dumps(ordered, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")

    @staticmethod
    def file_key(item: Located, playbooks_dir: Path) -> str:
        path = item.source.path if item.source.path.is_absolute() else item.source.path.resolve()
        root = playbooks_dir if playbooks_dir.is_absolute() else playbooks_dir.resolve()
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            try:
                return path.resolve().relative_to(root.resolve()).as_posix()
            except ValueError:
                return path.name

    def stale(self, items: list[Located], playbooks_dir: Path, languages: tuple[str, ...]) -> list[StaleField]:
        """Every translation confirmed against an English text that has since changed."""
        found = []
        source_language = languages[0]
        for item in items:
            recorded = self.entries.get(self.file_key(item, playbooks_dir), {})
            for path, key, text in fields_of(item):
                hashes = recorded.get(key)
                if not hashes:
                    continue
                current = text_hash(text.root.get(source_language, ""))
                for language in languages[1:]:
                    if language in hashes and hashes[language] != current \
                            and not is_untranslated(text.root.get(language, "")):
                        found.append(StaleField(item, path, key, language))
        return found

    def is_current(self, items: list[Located], playbooks_dir: Path, languages: tuple[str, ...]) -> bool:
        """Whether `update` would change nothing (every field and translation recorded, nothing extra)."""
        names = set()
        for item in items:
            name = self.file_key(item, playbooks_dir)
            names.add(name)
            recorded = self.entries.get(name)
            if recorded is None:
                return False
            fields = fields_of(item)
            if len(fields) != len(recorded):
                return False
            for _, key, text in fields:
                hashes = recorded.get(key)
                if hashes is None:
                    return False
                translated = {lang for lang in languages[1:] if not is_untranslated(text.root.get(lang, ""))}
                if set(hashes) != translated:
                    return False
        return names == set(self.entries)

    def update(self, items: list[Located], playbooks_dir: Path, languages: tuple[str, ...],
               confirm: set[str] | None = None, only_files: set[str] | None = None) -> int:
        """Record new fields, drop removed ones; with ``confirm``, accept those languages' current text.

        Returns how many hashes changed.
        """
        changed = 0
        seen_files = set()
        source_language = languages[0]
        for item in items:
            name = self.file_key(item, playbooks_dir)
            seen_files.add(name)
            recorded = self.entries.setdefault(name, {})
            keys = set()
            for _, key, text in fields_of(item):
                keys.add(key)
                current = text_hash(text.root.get(source_language, ""))
                hashes = recorded.setdefault(key, {})
                for language in languages[1:]:
                    if is_untranslated(text.root.get(language, "")):
                        if hashes.pop(language, None) is not None:
                            changed += 1
                        continue
                    selected = only_files is None or name in only_files
                    wanted = language not in hashes or (confirm and language in confirm and selected)
                    if wanted and hashes.get(language) != current:
                        hashes[language] = current
                        changed += 1
            for key in set(recorded) - keys:
                del recorded[key]
                changed += 1
        for name in set(self.entries) - seen_files:
            del self.entries[name]
            changed += 1
        return changed


def stale_diagnostics(stale: list[StaleField], *, as_errors: bool) -> list[Diagnostic]:
    """`check` output for stale translations (warnings unless --strict)."""
    level = Level.error if as_errors else Level.warning
    return [
        R.TRANSLATIONS_STALE.at(
            field.item.source, (*field.path, field.language),
            "needs review: the English text changed after this translation was confirmed",
            f"update it if needed, then run `replybook translations confirm --lang {field.language} {field.file}`",
            level=level)
        for field in stale
    ]
