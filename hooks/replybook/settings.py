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
      zendesk_locale_ids: {en: 1, uk: 1101}
```
Only placeholders whose scope is `team` can have team defaults. Problems are reported like any
other content problem, against mkdocs.yml.
"""

from __future__ import annotations

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


def _line_of(project: Project, key: str) -> int:
    try:
        lines = (project.root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    except OSError:
        return 1
    return next((n for n, line in enumerate(lines, 1) if line.strip().startswith(f"{key}:")), 1)


def read_settings(project: Project, library: Library | None) -> tuple[TeamSettings, list[Diagnostic]]:
    """Validate `extra.replybook` against the library's placeholders and the site languages."""
    problems: list[Diagnostic] = []
    raw = project.settings

    def problem(key: str, field_path: str, message: str, hint: str) -> None:
        problems.append(R.SCHEMA.in_file("mkdocs.yml", _line_of(project, key), 1, message, hint,
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
    return TeamSettings(team, export), problems
