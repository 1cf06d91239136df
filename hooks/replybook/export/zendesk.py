"""Zendesk: one macro set per language, and optional dynamic content across languages.

Files (schema ``schema/export/vendors/zendesk.schema.json``):

- ``zendesk/macros.<lang>.json``: one entry per reply; each ``payload`` is exactly the
  body of ``POST /api/v2/macros`` (``{"macro": {...}}``).
- ``zendesk/dynamic-content.json``: written only when the account's locale ids are given
  (``zendesk_locale_ids``); one item per reply id with one variant per language, each
  ``payload`` exactly the body of ``POST /api/v2/dynamic_content/items``.

Confirmed from Zendesk's documentation:

- Macros API (https://developer.zendesk.com/api-reference/ticketing/business-rules/macros/):
  a macro is ``title`` (mandatory), ``actions`` (mandatory), ``description``, ``active``,
  ``position``, ``restriction``; there is no external id field. Endpoints: list
  ``GET /api/v2/macros`` (admins see all macros; cursor pagination), create
  ``POST /api/v2/macros``, update ``PUT /api/v2/macros/{macro_id}``, delete, and
  ``PUT /api/v2/macros/update_many`` (for ``active``/``position``). There is **no**
  create-many endpoint for macros: "bulk" means one ``POST`` per entry of the file.
- Actions reference
  (https://developer.zendesk.com/documentation/ticketing/reference-guides/actions-reference/):
  each action is ``{"field": ..., "value": ...}``. We use the single action
  ``comment_value_html`` (the reply as HTML); that field name is used this way by the
  project's earlier confirmation (STACK-FACTS) and by public Zendesk integrations, but the
  macro-only section of that page was not readable to us, so it is the one field to
  re-check against the page.
- Dynamic content
  (https://developer.zendesk.com/api-reference/ticketing/ticket-management/dynamic_content/
  and .../dynamic_content_item_variants): an item has ``name``, ``default_locale_id`` and
  ``variants`` (``locale_id`` mandatory, ``content`` mandatory, ``default``, ``active``);
  ``locale_id`` values must be locales active in the account (``GET /api/v2/locales``),
  which is why we need them as input; Zendesk defines the item's ``{{dc.…}}`` placeholder
  (returned on creation). Dynamic content requires the Professional plan or above.
- Placeholders (https://support.zendesk.com/hc/en-us/articles/4408886858138):
  ``{{ticket.requester.first_name}}`` and ``{{current_user.first_name}}`` (user data);
  ``{{ticket.id}}`` and ``{{ticket.brand.name}}`` were read in a verbatim third-party copy
  of the same reference's ticket-data table, not on Zendesk's page itself.

Not confirmed: the ``::`` in titles (``Replybook [uk]::Playbook::Reply``) groups macros
into categories in the agent's macro menu according to third-party guides and Zendesk's
``GET /api/v2/macros/categories`` endpoint; where it does not, it is only part of the
title. Whether Liquid placeholders inside dynamic content variants are expanded when the
``{{dc.…}}`` placeholder is rendered was not confirmed either.

Re-import without duplicates (macros have no external id): every macro's ``description``
ends with the line ``Replybook id: replybook:<lang>:<reply id>``. A loader lists all macros
(``GET /api/v2/macros``), finds the one whose description carries that line and updates it
with ``PUT /api/v2/macros/{id}`` (same payload); it creates only those not found. Macros
carrying a Replybook id that is no longer in the file can be deactivated with
``update_many`` (``active: false``) or deleted. Titles may change between releases; the id
line does not. Dynamic content items are matched by their ``name`` (``replybook_<lang
independent id>``), which is stable: update variants with the Item Variants API
(``.../variants/update_many``) instead of creating a new item.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from replybook.export.common import FORMAT_VERSION, Context, channel_summary, json_bytes, marker, unique_names
from replybook.export.errors import ExportError
from replybook.export.records import Reply
from replybook.export.text import fill_html, fill_plain

TOOL = "zendesk"
MACROS_FORMAT = "replybook-zendesk-macros"
DYNAMIC_CONTENT_FORMAT = "replybook-zendesk-dynamic-content"
DYNAMIC_CONTENT_PATH = "zendesk/dynamic-content.json"


def macros_path(language: str) -> str:
    """Where the macro set of one language is written (stable)."""
    return f"zendesk/macros.{language}.json"


def macro_title(reply: Reply) -> str:
    """``Replybook [uk]::Playbook title::Reply title`` (``::`` separates categories)."""
    def clean(value: str) -> str:
        return value.replace("::", ":")

    return f"Replybook [{reply.language}]::{clean(reply.playbook_title)}::{clean(reply.title)}"


def macro_description(reply: Reply) -> str:
    """Playbook, channel limits and the stable Replybook id line used to match on re-import."""
    return "\n".join(
        [
            f"{reply.playbook_title} — {reply.title}",
            f"Channels: {channel_summary(reply.channels)}",
            f"Replybook id: {marker(reply)}",
        ]
    )


def macro_payload(reply: Reply, context: Context, *, title: str) -> dict[str, Any]:
    """The body of ``POST /api/v2/macros`` for one reply."""
    body = fill_html(reply.text, context.fills(reply, TOOL))
    return {
        "macro": {
            "title": title,
            "description": macro_description(reply),
            "active": True,
            "actions": [{"field": "comment_value_html", "value": body}],
        }
    }


def export_macros(language: str, replies: Sequence[Reply], context: Context) -> dict[str, bytes]:
    """The macro set of one language (titles unique within it)."""
    titles = unique_names(replies, macro_title)
    document = {
        "format": MACROS_FORMAT,
        "format_version": FORMAT_VERSION,
        "tool": TOOL,
        "language": language,
        "endpoint": "POST /api/v2/macros",
        "match_on": "description line 'Replybook id: <replybook_id>'",
        "macros": [
            {"replybook_id": marker(r), "payload": macro_payload(r, context, title=titles[r.id])} for r in replies
        ],
    }
    return {macros_path(language): json_bytes(document)}


def item_name(reply_id: str) -> str:
    """A stable, language-independent dynamic content item name for a reply id."""
    return "replybook_" + re.sub(r"[^a-z0-9]", "_", reply_id.lower())


def export_dynamic_content(
    by_language: Mapping[str, Sequence[Reply]], context: Context, *, default_language: str
) -> dict[str, bytes]:
    """One dynamic content item per reply id, one variant per language that has it.

    Variants hold plain text with the tool's placeholders filled; the default variant is
    ``default_language`` when the reply exists there, else the first language that has it.
    """
    languages = sorted(by_language, key=lambda lang: (lang != default_language, lang))
    order: list[str] = []
    variants: dict[str, dict[str, Reply]] = {}
    for language in languages:
        for reply in by_language[language]:
            if reply.id not in variants:
                variants[reply.id] = {}
                order.append(reply.id)
            variants[reply.id][language] = reply
    names: dict[str, str] = {}
    for reply_id in order:
        clash = names.setdefault(item_name(reply_id), reply_id)
        if clash != reply_id:
            raise ExportError(f"reply ids {clash!r} and {reply_id!r} give the same dynamic content item name")
    items = []
    for reply_id in order:
        per_language = variants[reply_id]
        default = next(lang for lang in languages if lang in per_language)
        items.append(
            {
                "reply_id": reply_id,
                "languages": [lang for lang in languages if lang in per_language],
                "payload": {
                    "item": {
                        "name": item_name(reply_id),
                        "default_locale_id": context.zendesk_locale_ids[default],
                        "variants": [
                            {
                                "locale_id": context.zendesk_locale_ids[lang],
                                "default": lang == default,
                                "active": True,
                                "content": fill_plain(per_language[lang].text, context.fills(per_language[lang], TOOL)),
                            }
                            for lang in languages
                            if lang in per_language
                        ],
                    }
                },
            }
        )
    document = {
        "format": DYNAMIC_CONTENT_FORMAT,
        "format_version": FORMAT_VERSION,
        "tool": TOOL,
        "endpoint": "POST /api/v2/dynamic_content/items",
        "match_on": "item name",
        "locale_ids": {lang: context.zendesk_locale_ids[lang] for lang in languages},
        "items": items,
    }
    return {DYNAMIC_CONTENT_PATH: json_bytes(document)}
