"""Help Scout: saved replies, per mailbox.

File (schema ``schema/export/vendors/helpscout.schema.json``):
``helpscout/saved-replies.<lang>.json``, one entry per reply whose ``payload`` is exactly the
body of ``POST /v2/mailboxes/{mailboxId}/saved-replies``.

Confirmed from Help Scout's documentation (Inbox API 2.0):

- Create Saved Reply
  (https://developer.helpscout.com/mailbox-api/endpoints/mailboxes/saved_Replies/saved-replies-create):
  request fields ``name`` (required), ``text`` and ``chatText`` (optional); the example's
  ``text`` is HTML (``<br />``) and ``chatText`` plain text with line breaks.
- List Saved Replies (``GET /v2/mailboxes/{mailboxId}/saved-replies``: ``id``, ``name``,
  ``preview``), Update Saved Reply (``PUT /v2/mailboxes/{mailboxId}/saved-replies/{id}``,
  same fields) and Delete Saved Reply, on the same site.

Not confirmed from Help Scout's documentation: its variable syntax. The defaults in
``mappings.yaml`` (``{%customer.firstName%}``, ``{%user.firstName%}``,
``{%conversation.number%}``) come from public code that uses Help Scout; override them in
the project configuration if your account shows a different syntax. Saved replies have
no external id and no language field, and name limits were not documented.

Re-import without duplicates: saved replies belong to one mailbox and are matched by
``name``. Names start with the language (``[uk] Playbook: Reply``), so several languages
can share a mailbox, and are unique within a file (clashes get the reply id appended). A
loader lists the mailbox's saved replies, updates (``PUT``) those whose name matches,
creates the others, and deletes the ones that start with ``[<lang>] `` and are no longer
in the file (only if the team keeps that prefix for Replybook's replies).
"""

from __future__ import annotations

from collections.abc import Sequence

from replybook.export.common import FORMAT_VERSION, Context, display_name, json_bytes, marker, unique_names
from replybook.export.records import Reply
from replybook.export.text import fill_html, fill_plain

TOOL = "helpscout"
FORMAT = "replybook-helpscout-saved-replies"


def saved_replies_path(language: str) -> str:
    """Where the saved replies of one language are written (stable)."""
    return f"helpscout/saved-replies.{language}.json"


def reply_name(reply: Reply) -> str:
    """``[uk] Playbook title: Reply title``."""
    return f"[{reply.language}] {display_name(reply)}"


def export_saved_replies(language: str, replies: Sequence[Reply], context: Context) -> dict[str, bytes]:
    """The saved replies of one language."""
    names = unique_names(replies, reply_name)
    entries = []
    for reply in replies:
        fills = context.fills(reply, TOOL)
        entries.append(
            {
                "replybook_id": marker(reply),
                "payload": {
                    "name": names[reply.id],
                    "text": fill_html(reply.text, fills),
                    "chatText": fill_plain(reply.text, fills),
                },
            }
        )
    document = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "tool": TOOL,
        "language": language,
        "endpoint": "POST /v2/mailboxes/{mailboxId}/saved-replies",
        "match_on": "saved reply name within the mailbox",
        "saved_replies": entries,
    }
    return {saved_replies_path(language): json_bytes(document)}
