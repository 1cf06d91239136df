"""The team's settings in mkdocs.yml (`extra: replybook:`): defaults for every reply, export mappings.

```yaml
extra:
  replybook:
    team:                 # prefilled in every reply card; each reader can change them
      brand: Northwind
      phone: "+1 555 010 0100"
      website: {en: example.com/help, uk: example.com/uk/help}
    export:
      mapping: {zendesk: {order_number: "{{ticket.external_id}}"}}
      zendesk_locale_ids: {en: 1, es: 2}
```
Only placeholders whose scope is `team` can have team defaults. Problems are reported like any
other content problem, against mkdocs.yml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from . import rulebook as R
from .diagnostics import Diagnostic, did_you_mean
from .library import Library
from .model import PlaceholderScope
from .project import Project


@dataclass(frozen=True)
class TeamSettings:
    """Validated settings: team defaults per placeholder and language, export options."""

    team: dict[str, dict[str, str]] = field(default_factory=dict)
    export: dict[str, Any] = field(default_factory=dict)

    def team_value(self, name: str, language: str) -> str:
        values = self.team.get(name, {})
        return values.get(language) or values.get("*", "")

    def profile_fields(self, library: Library | None, language: str) -> list[dict[str, str]]:
        """The fields of the reader's profile panel (agent and team placeholders), in ``language``."""
        if library is None:
            return []
        fields = []
        for placeholder in library.placeholders.values():
            if placeholder.scope is PlaceholderScope.case:
                continue
            fields.append({"name": placeholder.name, "scope": placeholder.scope.value,
                           "label": placeholder.label.get(language),
                           "form": (placeholder.form.get(language) if placeholder.form else None) or "",
                           "example": placeholder.example.get(language),
                           "team": self.team_value(placeholder.name, language)})
        return fields


def _position(project: Project, key: str) -> tuple[int, int]:
    """Line and column of ``key:`` in mkdocs.yml (block or flow style), below `replybook:`."""
    try:
        lines = (project.root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    except OSError:
        return 1, 1
    start = next((n for n, line in enumerate(lines) if line.strip().startswith("replybook:")), 0)
    pattern = re.compile(rf"(?<![\w-]){re.escape(key)}\s*:")
    for number in range(start, len(lines)):
        match = pattern.search(lines[number].split(" #", 1)[0])
        if match:
            return number + 1, match.start() + 1
    return start + 1, 1


def read_settings(project: Project, library: Library | None) -> tuple[TeamSettings, list[Diagnostic]]:
    """Validate `extra.replybook` against the library's placeholders and the site languages."""
    problems: list[Diagnostic] = []
    raw = project.settings

    def problem(key: str, field_path: str, message: str, hint: str) -> None:
        line, column = _position(project, key)
        problems.append(R.SCHEMA.in_file("mkdocs.yml", line, column, message, hint,
                                         field=f"extra.replybook.{field_path}"))

    unknown = sorted(set(raw) - {"team", "export"})
    for key in unknown:
        problem(key, key, f"unknown setting `{key}`", did_you_mean(key, ["team", "export"],
                                                                   otherwise="settings are `team` and `export`"))
    team: dict[str, dict[str, str]] = {}
    team_raw = raw.get("team") or {}
    if not isinstance(team_raw, dict):
        problem("team", "team", "expected a mapping of placeholder names to values", "e.g. `brand: Northwind`")
        team_raw = {}
    allowed = sorted(name for name, p in (library.placeholders.items() if library else [])
                     if p.scope is PlaceholderScope.team)
    for name, value in team_raw.items():
        if library is not None and name not in allowed:
            hint = did_you_mean(str(name), allowed, otherwise=f"team values: {', '.join(allowed)}")
            problem(str(name), f"team.{name}", f"`{name}` cannot have a team default", hint)
            continue
        if isinstance(value, str):
            team[str(name)] = {"*": value}
        elif isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
            stray = sorted(set(value) - set(project.languages))
            if stray:
                problem(str(name), f"team.{name}", f"unknown language {', '.join(stray)}",
                        f"site languages are: {', '.join(project.languages)}")
            team[str(name)] = {str(k): v for k, v in value.items()}
        elif value is not None:
            problem(str(name), f"team.{name}", "expected text, or text per language", f"e.g. `{name}: …`")
    export = raw.get("export") or {}
    if not isinstance(export, dict):
        problem("export", "export", "expected a mapping", "keys: mapping, zendesk_locale_ids")
        export = {}
    names = sorted(library.placeholders) if library else []
    export = _export_settings(export, names, project.languages, problem)
    return TeamSettings(team, export), problems


def _export_settings(export: dict[Any, Any], placeholders: list[str], languages: tuple[str, ...],
                     problem: Any) -> dict[str, Any]:
    """`export:` with every problem reported: tools, placeholders and languages must exist."""
    from .export.mapping import TOOLS

    keys = ["mapping", "zendesk_locale_ids"]
    for key in sorted(set(map(str, export)) - set(keys)):
        problem(key, f"export.{key}", f"unknown export setting `{key}`",
                did_you_mean(key, keys, otherwise="export settings are `mapping` and `zendesk_locale_ids`"))
    mapping = export.get("mapping") or {}
    if not isinstance(mapping, dict):
        problem("mapping", "export.mapping", "expected a mapping of tools to placeholder mappings",
                'e.g. `mapping: {zendesk: {order_number: "{{ticket.external_id}}"}}`')
        mapping = {}
    clean: dict[str, dict[str, str | None]] = {}
    for tool, pairs in mapping.items():
        if tool not in TOOLS:
            problem(str(tool), f"export.mapping.{tool}", f"unknown helpdesk `{tool}`",
                    did_you_mean(str(tool), TOOLS, otherwise=f"helpdesks: {', '.join(TOOLS)}"))
            continue
        if not isinstance(pairs, dict):
            problem(str(tool), f"export.mapping.{tool}", "expected placeholder names mapped to the tool's variables",
                    'e.g. `order_number: "{{ticket.external_id}}"`, or `null` to keep it visible')
            continue
        for name, value in pairs.items():
            if placeholders and name not in placeholders:
                problem(str(name), f"export.mapping.{tool}.{name}", f"unknown placeholder `{name}`",
                        did_you_mean(str(name), placeholders, otherwise=f"placeholders: {', '.join(placeholders)}"))
            elif value is not None and not isinstance(value, str):
                problem(str(name), f"export.mapping.{tool}.{name}", "expected the tool's variable as text, or null",
                        'e.g. `"{{ticket.external_id}}"`; null keeps the placeholder visible')
            else:
                clean.setdefault(str(tool), {})[str(name)] = value
    locales = export.get("zendesk_locale_ids") or {}
    if not isinstance(locales, dict):
        problem("zendesk_locale_ids", "export.zendesk_locale_ids",
                "expected a mapping of languages to Zendesk locale ids", "e.g. `zendesk_locale_ids: {en: 1, es: 2}`")
        locales = {}
    ids: dict[str, int] = {}
    for language, number in locales.items():
        if language not in languages:
            problem(str(language), f"export.zendesk_locale_ids.{language}", f"unknown language `{language}`",
                    f"site languages are: {', '.join(languages)}")
        elif not isinstance(number, int) or isinstance(number, bool):
            problem(str(language), f"export.zendesk_locale_ids.{language}", "expected a Zendesk locale id (a number)",
                    "Zendesk's `GET /api/v2/locales` lists the ids of your account's languages")
        else:
            ids[str(language)] = number
    found: dict[str, Any] = {}
    if clean:
        found["mapping"] = clean
    if ids:
        found["zendesk_locale_ids"] = ids
    return found
