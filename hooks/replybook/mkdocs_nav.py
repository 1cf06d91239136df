"""Arrange MkDocs' navigation for the generated guide, in the page's language.

Playbook and case pages are known only at build time, so a static `nav:` in
mkdocs.yml cannot list them. MkDocs has already made a Page for every file;
this module only orders those pages into sections whose titles come from the
interface labels, so no translation of the nav is kept in mkdocs.yml.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from .urls import markdown_path

NavItem = Page | Section


def _walk(items: Sequence[NavItem]) -> list[Page]:
    pages: list[Page] = []
    for item in items:
        if isinstance(item, Section):
            pages += _walk(item.children)
        else:
            pages.append(item)
    return pages


def arrange_navigation(nav: Navigation, language: str, keys_by_group: list[tuple[str | None, list[str]]],
                       title: Callable[[str], str]) -> Navigation:
    """Replace ``nav``'s items with ``keys_by_group`` (group label key → page keys).

    Pages of the current language are found by their Markdown path; pages not
    named in any group (hand-written extras) keep their place at the end.
    """
    by_path: dict[str, Page] = {}
    for page in nav.pages:
        by_path[page.file.src_uri] = page
    used: set[int] = set()
    items: list[NavItem] = []
    for label, keys in keys_by_group:
        pages = [by_path[p] for p in (markdown_path(k, language) for k in keys) if p in by_path]
        if not pages:
            continue
        used.update(id(p) for p in pages)
        if label is None:
            items += pages
            continue
        section = Section(title(label), list(pages))
        for page in pages:
            page.parent = section
        items.append(section)
    items += [p for p in nav.pages if id(p) not in used]
    for item in items:
        if isinstance(item, Page) and item.parent is not None and id(item) not in used:
            item.parent = None
    pages = _walk(items)
    for index, page in enumerate(pages):
        page.previous_page = pages[index - 1] if index else None
        page.next_page = pages[index + 1] if index + 1 < len(pages) else None
    arranged = Navigation(items, pages)
    arranged.homepage = nav.homepage
    return arranged
