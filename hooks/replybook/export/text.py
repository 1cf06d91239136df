"""Placeholders in reply texts: find them, fill them, and turn the result into HTML.

A reply text is plain text with ``{snake_case}`` placeholders. Filling happens in one
pass over the original text, so a value that itself contains braces is never filled
again. Each placeholder resolves to one of three things:

- a *tool expression* (``{{ticket.requester.first_name}}``), inserted as it is;
- a *literal* (a team default such as ``Northwind``), which is text like the rest;
- nothing: the placeholder stays visible exactly as ``{name}`` for the agent to fill.

HTML output escapes literal text (and visible placeholders) but never a tool
expression, whose quotes or pipes belong to the tool's template language.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

#: ``{name}`` as written in reply texts (snake_case, starting with a letter).
PLACEHOLDER_RE = re.compile(r"\{([a-z][a-z0-9_]*)\}")


@dataclass(frozen=True)
class Fill:
    """How one placeholder is filled: a tool expression or a literal value."""

    value: str
    is_expression: bool


def placeholder_names(text: str) -> list[str]:
    """The placeholder names used in a text, in order of first use, without repeats."""
    seen: dict[str, None] = {}
    for match in PLACEHOLDER_RE.finditer(text):
        seen.setdefault(match.group(1), None)
    return list(seen)


def fill_plain(text: str, fills: Mapping[str, Fill]) -> str:
    """The text with every filled placeholder replaced; the others stay as ``{name}``."""
    return _fill(text, fills, escape=_identity)


def fill_html(text: str, fills: Mapping[str, Fill]) -> str:
    """The filled text as HTML: paragraphs on blank lines, ``<br>`` on single newlines."""
    escaped = _fill(text.replace("\r\n", "\n").replace("\r", "\n"), fills, escape=_escape)
    paragraphs = [part for part in re.split(r"\n[ \t]*\n+", escaped) if part.strip()]
    if not paragraphs:
        return ""
    return "".join("<p>" + part.strip("\n").replace("\n", "<br>") + "</p>" for part in paragraphs)


def _fill(text: str, fills: Mapping[str, Fill], *, escape: Callable[[str], str]) -> str:
    """Fill placeholders in one pass, escaping everything that is not a tool expression."""
    out: list[str] = []
    position = 0
    for match in PLACEHOLDER_RE.finditer(text):
        out.append(escape(text[position : match.start()]))
        fill = fills.get(match.group(1))
        if fill is None:
            out.append(escape(match.group(0)))
        elif fill.is_expression:
            out.append(fill.value)
        else:
            out.append(escape(fill.value))
        position = match.end()
    out.append(escape(text[position:]))
    return "".join(out)


def _identity(value: str) -> str:
    """Plain text needs no escaping."""
    return value


def _escape(value: str) -> str:
    """HTML-escape text content (``&``, ``<``, ``>``; quotes kept as typed)."""
    return html.escape(value, quote=False)
