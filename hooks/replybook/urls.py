"""Page keys, their Markdown paths and URLs, and relative links between them.

A page key is the path of a page without language or suffix (``playbooks/x``).
Links in generated HTML are relative, so the same page works under ``/`` and
``/ru/``, on a server root or in a sub-folder of an intranet.
"""

from __future__ import annotations

import functools
import posixpath


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
