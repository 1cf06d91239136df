"""The library's replies as export records, and the export files published with the site.

Every version of every reply becomes one record per language: the main text keeps the template
id, a variant gets ``<template id>--<its first channel>`` (stable while the variant keeps its
first channel). The site publishes every format for every built language under ``exports/``,
with the team defaults of mkdocs.yml filled in; `replybook export` writes the same files.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .export import FORMATS, Channel, Placeholder, Reply, export
from .library import Library
from .model import PLACEHOLDER_IN_TEXT, LocalizedText, PlaceholderScope
from .rules_text import is_untranslated
from .settings import TeamSettings
from .ui_strings import UiStrings

EXPORT_DIR = "exports"


def _text(value: LocalizedText | None, language: str, default: str) -> str:
    if value is None:
        return ""
    own = value.root.get(language, "")
    return own if not is_untranslated(own) else value.root.get(default, "")


def reply_records(library: Library, languages: Iterable[str]) -> list[Reply]:
    """One record per reply version and language, in the guide's order."""
    default = library.default_language
    records: list[Reply] = []
    for language in languages:
        for entry in library.templates.values():
            template, playbook = entry.template, entry.playbook
            versions = [(template.id, template.channels, template.text)]
            versions += [(f"{template.id}--{v.channels[0]}", v.channels, v.text) for v in template.variants]
            for ident, channel_ids, text in versions:
                body = _text(text, language, default)
                used = list(dict.fromkeys(PLACEHOLDER_IN_TEXT.findall(body)))
                channels = []
                for channel_id in channel_ids:
                    channel = library.channels[channel_id]
                    primary = channel.limits[0] if channel.limits else None
                    channels.append(Channel(channel.id, _text(channel.name, language, default),
                                            primary.max if primary else None,
                                            primary.unit.value if primary else "characters", channel.confirmed))
                placeholders = []
                for name in used:
                    p = library.placeholders[name]
                    placeholders.append(Placeholder(name, _text(p.label, language, default),
                                                    _text(p.example, language, default),
                                                    (p.form.get(language) if p.form else None) or None,
                                                    p.scope is PlaceholderScope.team))
                records.append(Reply(ident, template.id, language, _text(template.title, language, default),
                                     playbook.id, _text(playbook.title, language, default), tuple(channels),
                                     tuple(placeholders), body))
    return records


def team_defaults(settings: TeamSettings, language: str) -> dict[str, str]:
    return {name: value for name in settings.team if (value := settings.team_value(name, language))}


def export_files(library: Library, settings: TeamSettings, formats: Iterable[str],
                 languages: Iterable[str]) -> dict[str, bytes]:
    """Every requested format for every requested language: {relative path: content}."""
    options: dict[str, Any] = settings.export
    files: dict[str, bytes] = {}
    for language in languages:
        records = reply_records(library, [language])
        for fmt in formats:
            extra = {"zendesk_locale_ids": options.get("zendesk_locale_ids")} if fmt == "zendesk" else {}
            files.update(export(records, fmt, languages=[language], mapping_overrides=options.get("mapping"),
                                team_defaults=team_defaults(settings, language), **extra))
    return files


def write_site_exports(library: Library, ui: dict[str, UiStrings], settings: TeamSettings, site: Path,
                       languages: Iterable[str]) -> list[Path]:
    """Write every export under ``site/exports/`` (the paths the helpdesk page documents)."""
    written = []
    for path, content in export_files(library, settings, FORMATS, languages).items():
        target = site / EXPORT_DIR / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        written.append(target)
    return written
