"""Which value fills each placeholder, per tool: overrides, team defaults, shipped defaults.

The shipped defaults live in ``mappings.yaml`` next to this module. The project
configuration passes overrides as a plain dict (``{"zendesk": {"order_number":
"{{ticket.external_id}}"}}``; ``None`` keeps a placeholder visible) and team defaults as
another (``{"brand": "Northwind", "phone": "+1 555 0100"}``). Precedence, for one tool and
one placeholder:

1. the override for that tool;
2. the team default, if the placeholder allows one (``Placeholder.team_default``);
3. the shipped default, unless the placeholder expects a grammatical form
   (``Placeholder.form``), which no helpdesk variable can produce;
4. nothing: the placeholder stays visible as ``{name}``.

Neutral formats (JSON, CSV) have no tool, so only team defaults apply there.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from importlib import resources
from types import MappingProxyType

import yaml

from replybook.export.errors import ExportError, choices
from replybook.export.records import Placeholder
from replybook.export.text import Fill

#: Helpdesks whose own placeholder syntax can be mapped to.
TOOLS: tuple[str, ...] = ("front", "gorgias", "helpscout", "zendesk")

Overrides = Mapping[str, Mapping[str, "str | None"]]


@functools.lru_cache(maxsize=1)
def default_mappings() -> Mapping[str, Mapping[str, str]]:
    """The shipped defaults from ``mappings.yaml`` (read once, read-only)."""
    raw = resources.files("replybook.export").joinpath("mappings.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(raw) or {}
    if not isinstance(data, dict) or set(data) - set(TOOLS):
        raise ExportError(f"mappings.yaml: top-level keys must be tools; valid choices: {choices(TOOLS)}")
    table: dict[str, Mapping[str, str]] = {}
    for tool in TOOLS:
        entries = data.get(tool) or {}
        if not all(isinstance(k, str) and isinstance(v, str) and v for k, v in entries.items()):
            raise ExportError(f"mappings.yaml: {tool}: every entry must map a placeholder name to a non-empty string")
        table[tool] = MappingProxyType(dict(entries))
    return MappingProxyType(table)


def validate_overrides(
    overrides: Overrides | None, known_placeholders: Iterable[str]
) -> dict[str, dict[str, str | None]]:
    """Check an override mapping and return a plain copy of it.

    Raises ``ExportError`` for a tool that is not one of ``TOOLS``, a placeholder that no
    reply uses and no default maps, or a value that is neither a non-empty string nor None.
    """
    if not overrides:
        return {}
    if not isinstance(overrides, Mapping):
        raise ExportError("mapping overrides must be a mapping of tool -> {placeholder: value}")
    known = set(known_placeholders)
    for defaults in default_mappings().values():
        known.update(defaults)
    checked: dict[str, dict[str, str | None]] = {}
    for tool, entries in overrides.items():
        if tool not in TOOLS:
            raise ExportError(f"mapping override names an unknown tool {tool!r}; valid choices: {choices(TOOLS)}")
        if not isinstance(entries, Mapping):
            raise ExportError(f"mapping override for {tool!r} must be a mapping of placeholder -> value")
        checked[tool] = {}
        for name, value in entries.items():
            if name not in known:
                raise ExportError(
                    f"mapping override for {tool!r} names an unknown placeholder {name!r}; "
                    f"valid choices: {choices(known)}"
                )
            if value is not None and (not isinstance(value, str) or not value.strip()):
                raise ExportError(
                    f"mapping override {tool}.{name} must be a non-empty string, "
                    "or null to keep the placeholder visible"
                )
            checked[tool][name] = value
    return checked


def validate_team_defaults(
    team_defaults: Mapping[str, str] | None, placeholders: Iterable[Placeholder]
) -> dict[str, str]:
    """Check team defaults against the placeholders the replies use; return a plain copy.

    A name no reply uses is accepted and ignored (one configuration can serve a library
    that does not use every name yet). A name whose placeholder does not allow a team
    default (such as ``customer_name``), or a value that is not a string, is an error.
    """
    if not team_defaults:
        return {}
    if not isinstance(team_defaults, Mapping):
        raise ExportError("team defaults must be a mapping of placeholder -> value")
    allowed = {p.name for p in placeholders if p.team_default}
    used = {p.name for p in placeholders}
    checked: dict[str, str] = {}
    for name, value in team_defaults.items():
        if not isinstance(value, str):
            raise ExportError(f"team default {name!r} must be a string, not {type(value).__name__}")
        if name in used and name not in allowed:
            raise ExportError(
                f"team default {name!r} is not allowed: that placeholder must be filled per reply; "
                f"placeholders that take a team default: {choices(allowed)}"
            )
        checked[name] = value
    return checked


def resolve(
    placeholders: Iterable[Placeholder],
    *,
    tool: str | None,
    overrides: Mapping[str, Mapping[str, str | None]],
    team_defaults: Mapping[str, str],
) -> dict[str, Fill]:
    """How each placeholder of one reply is filled for one tool (``None``: neutral formats).

    Placeholders absent from the result stay visible as ``{name}``.
    """
    tool_overrides = overrides.get(tool, {}) if tool else {}
    tool_defaults = default_mappings().get(tool, {}) if tool else {}
    fills: dict[str, Fill] = {}
    for placeholder in placeholders:
        name = placeholder.name
        if name in tool_overrides:
            value = tool_overrides[name]
            if value is not None:
                fills[name] = Fill(value, is_expression=True)
        elif placeholder.team_default and team_defaults.get(name):
            fills[name] = Fill(team_defaults[name], is_expression=False)
        elif name in tool_defaults and placeholder.form is None:
            fills[name] = Fill(tool_defaults[name], is_expression=True)
    return fills
