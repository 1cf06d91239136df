"""Neutral exports: one JSON file and one CSV file per language, for any tool.

JSON (``replybook-replies.<lang>.json``) follows ``schema/export/replies-v1.schema.json``
and carries ``format_version``: the major number names the schema file, a minor bump only
ever adds optional fields. Replies keep the guide's order; object keys are sorted.

CSV (``replybook-replies.<lang>.csv``) is UTF-8 **with** a byte-order mark, comma-separated,
RFC 4180 quoting, CRLF line ends, one row per reply and a fixed column order
(``CSV_COLUMNS``). The BOM is what makes Excel read the file as UTF-8 when it is opened
directly (without it, Excel on Windows uses the ANSI code page and Cyrillic or "ș ț"
turn into mojibake); Google Sheets and LibreOffice accept UTF-8 with or without it and
drop the mark. Multi-line e-mail texts stay in one quoted cell. Values that are lists
(channels, placeholders) are joined with ``"; "``, position by position
(``placeholder_forms`` is empty when no placeholder of the reply expects a form).

Both formats keep ``text`` exactly as written in the guide and add ``text_filled``: the
same text with the team defaults filled in (equal to ``text`` when none are set).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from replybook.export.common import FORMAT_VERSION, Context, json_bytes
from replybook.export.records import Reply
from replybook.export.text import fill_plain

JSON_FORMAT = "replybook-replies"

#: Column order of the CSV files; never reorder, only append.
CSV_COLUMNS: tuple[str, ...] = (
    "id",
    "language",
    "title",
    "playbook_id",
    "playbook_title",
    "template_id",
    "channel_ids",
    "channel_names",
    "channel_limits",
    "channel_units",
    "placeholders",
    "placeholder_labels",
    "placeholder_examples",
    "placeholder_forms",
    "text",
    "text_filled",
)


def json_path(language: str) -> str:
    """Where the JSON export of one language is written (stable)."""
    return f"replybook-replies.{language}.json"


def csv_path(language: str) -> str:
    """Where the CSV export of one language is written (stable)."""
    return f"replybook-replies.{language}.csv"


def reply_record(reply: Reply, context: Context) -> dict[str, Any]:
    """One reply as a neutral JSON object."""
    fills = context.fills(reply, tool=None)
    return {
        "id": reply.id,
        "template_id": reply.template_id,
        "title": reply.title,
        "playbook": {"id": reply.playbook_id, "title": reply.playbook_title},
        "channels": [
            {"id": c.id, "name": c.name, "limit": c.limit, "unit": c.unit, "confirmed": c.confirmed}
            for c in reply.channels
        ],
        "placeholders": [
            {
                "name": p.name,
                "label": p.label,
                "example": p.example,
                "form": p.form,
                "team_default": p.team_default,
                "team_value": fills[p.name].value if p.name in fills else None,
            }
            for p in reply.placeholders
        ],
        "text": reply.text,
        "text_filled": fill_plain(reply.text, fills),
    }


def export_json(language: str, replies: Sequence[Reply], context: Context) -> dict[str, bytes]:
    """The neutral JSON file of one language."""
    document = {
        "format": JSON_FORMAT,
        "format_version": FORMAT_VERSION,
        "language": language,
        "replies": [reply_record(reply, context) for reply in replies],
    }
    return {json_path(language): json_bytes(document)}


def export_csv(language: str, replies: Sequence[Reply], context: Context) -> dict[str, bytes]:
    """The CSV file of one language (UTF-8 with BOM, RFC 4180)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, dialect="excel", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(CSV_COLUMNS)
    for reply in replies:
        record = reply_record(reply, context)
        row = {
            "id": reply.id,
            "language": reply.language,
            "title": reply.title,
            "playbook_id": reply.playbook_id,
            "playbook_title": reply.playbook_title,
            "template_id": reply.template_id,
            "channel_ids": _join(c.id for c in reply.channels),
            "channel_names": _join(c.name for c in reply.channels),
            "channel_limits": _join("" if c.limit is None else str(c.limit) for c in reply.channels),
            "channel_units": _join(c.unit for c in reply.channels),
            "placeholders": _join(p.name for p in reply.placeholders),
            "placeholder_labels": _join(p.label for p in reply.placeholders),
            "placeholder_examples": _join(p.example for p in reply.placeholders),
            "placeholder_forms": (
                _join(p.form or "" for p in reply.placeholders) if any(p.form for p in reply.placeholders) else ""
            ),
            "text": reply.text,
            "text_filled": record["text_filled"],
        }
        writer.writerow([row[column] for column in CSV_COLUMNS])
    return {csv_path(language): b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")}


def _join(values: Any) -> str:
    """List values in one cell, ``"; "``-separated."""
    return "; ".join(values)
