"""Exports of Replybook's replies for helpdesks and spreadsheets.

One entry point, ``export(replies, fmt, ...)``, turns ``Reply`` records into files
(``{relative path: bytes}``): neutral JSON and CSV per language, and payloads for Zendesk
macros, Front message templates, Gorgias macros and Help Scout saved replies. The package
depends only on the records in ``records.py`` and on PyYAML (for ``mappings.yaml``).

Paths produced (stable between builds; ``<lang>`` is each exported language):

- ``json``: ``replybook-replies.<lang>.json``
- ``csv``: ``replybook-replies.<lang>.csv``
- ``zendesk``: ``zendesk/macros.<lang>.json`` (+ ``zendesk/dynamic-content.json`` when
  Zendesk locale ids are given)
- ``front``: ``front/message-templates.<lang>.json``
- ``gorgias``: ``gorgias/macros.<lang>.json``
- ``helpscout``: ``helpscout/saved-replies.<lang>.json``
"""

from __future__ import annotations

from replybook.export.engine import FORMAT_DESCRIPTIONS, FORMATS, export
from replybook.export.errors import ExportError
from replybook.export.mapping import TOOLS, default_mappings
from replybook.export.records import Channel, Placeholder, Reply

__all__ = [
    "FORMATS",
    "FORMAT_DESCRIPTIONS",
    "TOOLS",
    "Channel",
    "ExportError",
    "Placeholder",
    "Reply",
    "default_mappings",
    "export",
]
