"""The site's page keys, their Markdown paths and URLs, and relative links between them.

A page key is the path of a page without language or suffix (``playbooks/x``); every entry has
one, derived here and nowhere else. Links in generated HTML are relative, so the same page works
under ``/`` and ``/ru/``, on a server root or under a sub-path of an intranet.
"""

from __future__ import annotations

import functools
import posixpath
import re

from .model import Entry

#: The collection (and URL folder) of each kind of entry, by the entry's ``kind``.
FOLDERS = {"principle": "principles", "playbook": "playbooks", "tree": "trees", "case": "cases"}


def entry_key(entry: Entry) -> str:
    """The page key of an entry: ``playbooks/troll-attack``, ``principles/respond-fast``, …"""
    return f"{FOLDERS[entry.kind]}/{entry.id}"  # type: ignore[attr-defined]


def template_anchor(template_id: str) -> str:
    """The anchor of a reply card on its playbook's page."""
    return f"tpl-{template_id}"


def source_anchor(source_id: str) -> str:
    """The anchor of a source on the sources page."""
    return "source-" + re.sub(r"[^a-z0-9]+", "-", source_id.lower()).strip("-")


def markdown_path(key: str, language: str) -> str:
    """The suffix-structure path mkdocs-static-i18n expects: ``playbooks/x.ru.md``."""
    return f"{key}.{language}.md"


def page_url(key: str) -> str:
    """The directory URL of a page key (``playbooks/x`` → ``playbooks/x/``, ``index`` → ``""``)."""
    if key == "index":
        return ""
    if key.endswith("/index"):
        return key[: -len("index")]
    return key + "/"


@functools.lru_cache(maxsize=65536)
def relative_url(from_key: str, to_key: str, anchor: str = "") -> str:
    """A link from one page to another (same language), with an optional anchor."""
    source, target = page_url(from_key) or ".", page_url(to_key) or "."
    if source == target:
        path = ""
    else:
        path = posixpath.relpath(target, source)
        path = "./" if path == "." else path + "/"
    return path + (f"#{anchor}" if anchor else "") or "./"
