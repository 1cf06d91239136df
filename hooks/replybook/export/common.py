"""Helpers every exporter shares: stable JSON bytes, names, markers and the context."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from replybook.export.mapping import resolve
from replybook.export.records import Channel, Reply
from replybook.export.text import Fill

#: Version of every file format this package writes (major = schema file, minor = additions).
FORMAT_VERSION = "1.0"


@dataclass(frozen=True)
class Context:
    """Everything an exporter needs besides the replies, already validated."""

    overrides: Mapping[str, Mapping[str, str | None]] = field(default_factory=dict)
    team_defaults: Mapping[str, str] = field(default_factory=dict)
    zendesk_locale_ids: Mapping[str, int] = field(default_factory=dict)

    def fills(self, reply: Reply, tool: str | None) -> dict[str, Fill]:
        """How each placeholder of ``reply`` is filled for ``tool`` (None: neutral formats)."""
        return resolve(reply.placeholders, tool=tool, overrides=self.overrides, team_defaults=self.team_defaults)


#: An exporter: replies of one language -> {relative path: bytes}.
LanguageExporter = Callable[[str, Sequence[Reply], Context], dict[str, bytes]]


def json_bytes(data: Any) -> bytes:
    """Deterministic JSON: sorted keys, two-space indent, UTF-8 (not escaped), final newline."""
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def marker(reply: Reply) -> str:
    """The stable key a tool can match on when re-importing: ``replybook:<lang>:<id>``."""
    return f"replybook:{reply.language}:{reply.id}"


def display_name(reply: Reply) -> str:
    """The human name of a reply in a tool's list: ``Playbook title: Reply title``."""
    return f"{reply.playbook_title}: {reply.title}"


def unique_names(replies: Sequence[Reply], name: Callable[[Reply], str]) -> dict[str, str]:
    """Reply id -> name, made unique within one language by appending the id to clashes.

    Tools without an external id are matched by name on re-import, so two replies of one
    language must never share a name. The result depends only on the replies given.
    """
    counts: dict[str, int] = {}
    for reply in replies:
        counts[name(reply)] = counts.get(name(reply), 0) + 1
    return {reply.id: name(reply) if counts[name(reply)] == 1 else f"{name(reply)} ({reply.id})" for reply in replies}


def channel_summary(channels: Sequence[Channel]) -> str:
    """Channels and limits in one line, e.g. ``X: 280 (x-weighted); Email: no limit``."""
    parts = []
    for channel in channels:
        limit = "no limit" if channel.limit is None else f"{channel.limit} ({channel.unit})"
        parts.append(f"{channel.name}: {limit}")
    return "; ".join(parts)
