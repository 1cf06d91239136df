"""Front: message templates, one folder per language.

File (schema ``schema/export/vendors/front.schema.json``): ``front/message-templates.<lang>.json``,
one entry per reply whose ``payload`` is exactly the body of
``POST /message_template_folders/{message_template_folder_id}/message_templates``
(Front's "Create child template"), and a ``folder`` entry that is the body of
``POST /message_template_folders`` to create the language's folder once.

Confirmed from Front's documentation:

- Core API OpenAPI specification, published by Front in
  https://github.com/frontapp/front-api-specs (``core-api/core-api.json``, read at commit
  f8f5386f of 2026-08-11) and rendered at https://dev.frontapp.com/reference/create-child-template:
  ``CreateMessageTemplateAsChild`` has ``name`` and ``body`` (required), ``subject`` and
  ``inbox_ids`` (optional; omitted means all inboxes); ``body`` is HTML.
  ``CreateMessageTemplateFolder`` has ``name`` (required) and ``parent_folder_id``.
  Listing a folder's templates is ``GET /message_template_folders/{id}/message_templates``;
  updating is ``PATCH /message_templates/{message_template_id}`` (``UpdateMessageTemplate``:
  ``name``, ``subject``, ``body``, ``folder_id``, ``inbox_ids``). Team templates are created
  with ``POST /teams/{team_id}/message_templates``.
- Variables (https://help.front.com/en/articles/2306): ``{{recipient.first_name}}``,
  ``{{user.first_name}}``, ``{{conversation.ticket_id}}``.

Not available in Front: an external id or a language field on message templates (the
response object has neither), so the language is carried by the folder.

Re-import without duplicates: the folder ``Replybook · <lang>`` belongs to Replybook. A
loader finds it by name (``GET /message_template_folders``) or creates it, lists its
templates, updates (``PATCH``) the one whose ``name`` equals the entry's name, creates the
others, and deletes templates in that folder whose names are no longer in the file. Names
are unique within a language file (clashes get the reply id appended). A template whose
title changed between releases is therefore replaced, not duplicated, because the whole
folder is kept in step with the file.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from replybook.export.common import FORMAT_VERSION, Context, display_name, json_bytes, marker, unique_names
from replybook.export.records import Reply
from replybook.export.text import fill_html

TOOL = "front"
FORMAT = "replybook-front-message-templates"


def templates_path(language: str) -> str:
    """Where the message templates of one language are written (stable)."""
    return f"front/message-templates.{language}.json"


def folder_name(language: str) -> str:
    """The name of the folder that holds one language's templates."""
    return f"Replybook · {language}"


def export_templates(language: str, replies: Sequence[Reply], context: Context) -> dict[str, bytes]:
    """The message templates of one language."""
    names = unique_names(replies, display_name)
    entries: list[dict[str, Any]] = [
        {
            "replybook_id": marker(reply),
            "payload": {"name": names[reply.id], "body": fill_html(reply.text, context.fills(reply, TOOL))},
        }
        for reply in replies
    ]
    document = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "tool": TOOL,
        "language": language,
        "folder": {"name": folder_name(language)},
        "endpoint": "POST /message_template_folders/{message_template_folder_id}/message_templates",
        "match_on": "template name within the folder",
        "message_templates": entries,
    }
    return {templates_path(language): json_bytes(document)}
