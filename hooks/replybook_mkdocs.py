"""The one adapter between MkDocs (+ mkdocs-static-i18n) and Replybook's content pipeline.

Everything that knows MkDocs' objects or the i18n plugin's configuration lives here or in the
hook file beside it; the `replybook` package below knows neither. If MkDocs 1.x, Material or
mkdocs-static-i18n can no longer serve, this module and the hook file are what gets replaced:
`replybook render --out DIR` already writes the same Markdown without them.

mkdocs-static-i18n rebuilds every File from its path in its own `on_files` (priority -100) and
builds the other languages from inside its `on_post_build`. Generated pages are therefore
announced as suffix-structure Files under `docs_dir` first, then marked as generated and given
their content once the plugin has rebuilt them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from replybook.pages import markdown_path
from replybook.project import Project, ProjectError, languages_from_config, read_config, settings_from_config

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

GENERATOR = "replybook"
NavItem = Page | Section


def project_of(config: MkDocsConfig) -> Project:
    """The project this MkDocs config builds: root, site languages (default first), settings."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        raise PluginError("Replybook needs the mkdocs-static-i18n plugin (`plugins: - i18n:` with its "
                          "`languages:` list in mkdocs.yml); it declares the site's languages.")
    entries = list(i18n.config.languages)
    if not entries:
        raise PluginError("mkdocs.yml: the i18n plugin declares no `languages`.")
    default = next((lang.locale for lang in entries if lang.default), entries[0].locale)
    languages = (default, *[lang.locale for lang in entries if lang.locale != default])
    if i18n.config.build_only_locale:
        # the plugin makes the previewed language the default; the content's source language is
        # still the one mkdocs.yml names (it decides what "not translated yet" means)
        try:
            languages = languages_from_config(read_config(Path(config.config_file_path)))
        except ProjectError as exc:
            raise PluginError(str(exc)) from exc
    root = Path(config.config_file_path).resolve().parent
    return Project(root=root, languages=languages, settings=settings_from_config({"extra": dict(config.extra)}))


def built_languages(config: MkDocsConfig) -> tuple[str, ...]:
    """The languages this run builds (all of them, or the one `build_only_locale` names)."""
    i18n = config.plugins.get("i18n")
    assert i18n is not None
    only = i18n.config.build_only_locale
    if only:
        return (only,)
    return tuple(lang.locale for lang in i18n.config.languages if lang.build)


def is_preview_build(config: MkDocsConfig) -> bool:
    """Whether the i18n plugin builds one language only (`build_only_locale`), at the site root."""
    i18n = config.plugins.get("i18n")
    return bool(i18n is not None and i18n.config.build_only_locale)


def current_language(config: MkDocsConfig, default: str) -> str:
    """The language of the build in progress (the i18n plugin sets the theme's language)."""
    return str(config.theme.get("language") or default)


@dataclass
class BuildCycle:
    """One `mkdocs build` (or one serve rebuild) across every language the i18n plugin builds.

    The plugin builds the first language, then the others nested inside that build's
    `on_post_build`: counting open builds tells the hooks when the last one has finished,
    without relying on the plugin's private state.
    """

    open: int = 0
    languages: list[str] = field(default_factory=list)

    def started(self, language: str) -> None:
        self.open += 1
        self.languages.append(language)

    def finished(self) -> bool:
        """Record that one language build ended; True when it was the outermost one."""
        self.open = max(0, self.open - 1)
        return self.open == 0

    def reset(self) -> None:
        self.open = 0
        self.languages.clear()


def announce_pages(files: Files, config: MkDocsConfig, paths: Sequence[str]) -> None:
    """Add a File for every generated Markdown path, before the i18n plugin sorts them by language."""
    known = {file.src_uri for file in files}
    for path in paths:
        if path not in known:
            files.append(File(path, config.docs_dir, config.site_dir, config.use_directory_urls))


@dataclass
class DirtyPreview:
    """What the previous `mkdocs serve --dirty` rebuild wrote, so the next one skips what is unchanged.

    MkDocs rebuilds, under `--dirty`, only the pages whose File says it is modified, and a
    generated page always says so. Here a generated page is modified when its Markdown differs
    from the last rebuild's or its HTML is missing; and every page is, when the list of pages
    or any title changed (the navigation of every page shows them).
    """

    digests: dict[str, str] = field(default_factory=dict)  # HTML path → digest of its Markdown
    layouts: dict[str, str] = field(default_factory=dict)  # language → digest of its pages and titles

    def skip_unchanged(self, generated: list[File], language: str) -> int:
        """Tell MkDocs which generated pages need no rebuild; returns how many."""
        import hashlib
        import os

        def digest(text: str) -> str:
            return hashlib.sha1(text.encode("utf-8")).hexdigest()

        layout = digest("\n".join(f"{f.src_uri}\t{f.content_string.partition(chr(10))[0]}"
                                   for f in sorted(generated, key=lambda f: f.src_uri)))
        skipped = 0
        same_layout = layout == self.layouts.get(language)
        for file in generated:
            now = digest(file.content_string)
            if same_layout and self.digests.get(file.abs_dest_path) == now and os.path.isfile(file.abs_dest_path):
                file.is_modified = lambda: False  # type: ignore[method-assign]  # MkDocs asks the File
                skipped += 1
            self.digests[file.abs_dest_path] = now
        self.layouts[language] = layout
        return skipped


def fill_pages(files: Files, content_for: Callable[[str], str | None], language: str,
               dirty: DirtyPreview | None = None) -> int:
    """Mark the generated pages as generated and hand them their Markdown (after the i18n plugin).

    With ``dirty`` (a `serve --dirty` rebuild), pages unchanged since the last rebuild are left
    alone; returns how many.
    """
    generated = []
    for file in files.documentation_pages():
        content = content_for(file.src_uri)
        if content is not None:
            file.generated_by = GENERATOR
            file.abs_src_path = None
            file.content_string = content
            generated.append(file)
    return dirty.skip_unchanged(generated, language) if dirty is not None else 0


def _walk(items: Sequence[Any]) -> list[Page]:
    pages: list[Page] = []
    for item in items:
        if isinstance(item, Section):
            pages += _walk(item.children)
        elif isinstance(item, Page):
            pages.append(item)
    return pages


def arrange_navigation(nav: Navigation, language: str, groups: list[tuple[str | None, list[str]]],
                       title: Callable[[str], str]) -> Navigation:
    """Replace ``nav``'s items with ``groups`` (section label key or None → page keys).

    Pages of the current language are found by their Markdown path; pages named in no group
    (hand-written extras) keep their place at the end. Previous/next links follow the new order.
    """
    by_path = {page.file.src_uri: page for page in nav.pages}
    used: set[int] = set()
    items: list[NavItem] = []
    for label, keys in groups:
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


def localize_theme(config: MkDocsConfig, label: Callable[[str], str]) -> None:
    """Interface text that MkDocs and Material take from mkdocs.yml, in the build's language."""
    palette = config.theme.get("palette")
    if isinstance(palette, list):
        for entry in palette:
            toggle = entry.get("toggle") if isinstance(entry, dict) else None
            if isinstance(toggle, dict):
                scheme = entry.get("scheme", "default")
                toggle["name"] = label("to_light_mode" if scheme == "slate" else "to_dark_mode")
    toc: dict[str, Any] = config.mdx_configs.setdefault("toc", {})
    if toc.get("permalink"):
        toc["permalink_title"] = label("permalink")


#: How often `make serve` looks for saved files (MkDocs polls every 0.5 s: half of a sub-second preview).
POLL_SECONDS = 0.1


def poll_faster(server: Any, seconds: float = POLL_SECONDS) -> bool:
    """Make `mkdocs serve` notice a saved file within ``seconds`` instead of 0.5 s.

    MkDocs 1.6's LiveReloadServer has no setting for it: its paths are watched again, with the
    server's own `unwatch`/`watch`, on a polling observer of ``seconds``. Returns False (and
    changes nothing) on a server without those, e.g. another MkDocs version.
    """
    try:
        from watchdog.observers.polling import PollingObserver
    except ImportError:
        return False
    watched = getattr(server, "_watched_paths", None)
    if not isinstance(watched, dict) or not all(hasattr(server, name) for name in ("observer", "watch", "unwatch")):
        return False
    counts = dict(watched)
    for path, count in counts.items():
        for _ in range(count):
            server.unwatch(path)
    server.observer = PollingObserver(timeout=seconds)
    for path, count in counts.items():
        for _ in range(count):
            server.watch(path)
    return True

