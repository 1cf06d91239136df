"""Gorgias: macros with a ``language`` field and a stable ``external_id``.

File (schema ``schema/export/vendors/gorgias.schema.json``): ``gorgias/macros.<lang>.json``,
one entry per reply whose ``payload`` is a macro to send to ``POST /api/macros``.

Confirmed from Gorgias's documentation:

- The Macro object (https://developers.gorgias.com/reference/the-macro-object, also
  https://developers.gorgias.com/reference/macros): ``name`` ("choose a name that can be
  easily searched"), ``external_id`` ("External ID of the macro in a foreign system. This
  field is not used by Gorgias, feel free to set it to your own value"), ``intent``,
  ``language`` ("The language of the macro in ISO 639-1 format"), ``actions`` (each with
  ``name``, ``title``, ``type`` and ``arguments``); the example's reply action is
  ``setResponseText`` with ``arguments.body_text`` and ``arguments.body_html``, and the
  object's ``uri`` is ``/api/macros/{id}/``.
- Variables (Gorgias Help Center, "Macro Variables 101",
  https://gorgias-help-center.gorgias.help/en-US/macro-variables-81845):
  ``{{ticket.customer.firstname}}``, ``{{current_user.firstname}}``, ``{{ticket.id}}``;
  an unavailable value is replaced with a blank.

Not confirmed from Gorgias's own pages (seen only in third-party restatements of them):
the create/update endpoints ``POST /api/macros`` and ``PUT /api/macros/{id}``, the list
filter ``languages``, and the closed list of ``intent`` values (so we never set ``intent``).
Whether ``language`` accepts every ISO 639-1 code (``uk``, ``ro``) or only the languages
Gorgias supports was not confirmed.

Re-import without duplicates: every macro carries ``external_id`` =
``replybook:<lang>:<reply id>``. A loader lists macros (``GET /api/macros``, paginated),
matches on ``external_id``, updates the match with ``PUT /api/macros/{id}`` and creates only
the missing ones; macros with a Replybook ``external_id`` no longer in the file can be
archived or deleted.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from replybook.export.common import FORMAT_VERSION, Context, display_name, json_bytes, marker, unique_names
from replybook.export.records import Reply
from replybook.export.text import fill_html, fill_plain

TOOL = "gorgias"
FORMAT = "replybook-gorgias-macros"


def macros_path(language: str) -> str:
    """Where the macros of one language are written (stable)."""
    return f"gorgias/macros.{language}.json"


def macro_payload(reply: Reply, context: Context, *, name: str) -> dict[str, Any]:
    """One Gorgias macro: name, external id, language and a ``setResponseText`` action."""
    fills = context.fills(reply, TOOL)
    return {
        "name": name,
        "external_id": marker(reply),
        "language": reply.language,
        "actions": [
            {
                "name": "setResponseText",
                "title": "Set response text",
                "type": "user",
                "arguments": {
                    "body_text": fill_plain(reply.text, fills),
                    "body_html": fill_html(reply.text, fills),
                },
            }
        ],
    }


def export_macros(language: str, replies: Sequence[Reply], context: Context) -> dict[str, bytes]:
    """The macros of one language (names unique within it, for agents' search)."""
    names = unique_names(replies, display_name)
    document = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "tool": TOOL,
        "language": language,
        "endpoint": "POST /api/macros",
        "match_on": "external_id",
        "macros": [
            {"replybook_id": marker(r), "payload": macro_payload(r, context, name=names[r.id])} for r in replies
        ],
    }
    return {macros_path(language): json_bytes(document)}
