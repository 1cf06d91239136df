"""One site build: the validated library, its pages in every language, the search index, exports.

Independent of MkDocs: the hooks drive it through `replybook_mkdocs.py`, and `replybook render`
drives it directly to write the same Markdown to a folder (the way off this stack if MkDocs or
its plugins stop being usable).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import rulebook as R
from .diagnostics import Diagnostic, HasDiagnostics
from .library import FileCache, Library, Located, load_library
from .model import LocalizedText
from .not_found import portable_not_found_page
from .pages import entry_key, markdown_path, page_url
from .project import Project
from .render import PageSpec, Renderer
from .search_index import records
from .settings import TeamSettings, read_settings
from .status import translation_status
from .ui_strings import UiStrings, load_ui_strings


def text_in(value: LocalizedText, language: str, default: str) -> str:
    """A text in ``language``, or in the default language while it is untranslated."""
    from .rules_text import is_untranslated

    own = value.root.get(language, "")
    return own if not is_untranslated(own) else value.root.get(default, "")


class BuildError(RuntimeError):
    """A step after rendering failed (search index, exports); the message says what to do."""


@dataclass
class SiteBuild(HasDiagnostics):
    """Everything one site build needs from Replybook, shared by its language builds."""

    project: Project
    diagnostics: list[Diagnostic]
    library: Library | None
    documents: list[Located]
    ui: dict[str, UiStrings]
    settings: TeamSettings
    pages: dict[str, tuple[PageSpec, str]] = field(default_factory=dict)
    rendered: dict[str, str] = field(default_factory=dict)
    file_cache: FileCache = field(default_factory=dict)
    search_cache: dict[str, Any] = field(default_factory=dict)
    not_found: dict[str, str] = field(default_factory=dict)
    root_language: str = ""  # the language built at the site root (the default one, or a preview's)

    @classmethod
    def load(cls, project: Project, previous: SiteBuild | None = None) -> SiteBuild:
        """Load, validate and prepare every page; files unchanged since ``previous`` are not re-read."""
        cache: FileCache = previous.file_cache if previous is not None and previous.project == project else {}
        result = load_library([project.playbooks_dir], project.languages, base=project.root, cache=cache)
        ui, ui_problems = load_ui_strings(project.languages)
        settings, setting_problems = read_settings(project, result.library)
        build = cls(project, result.diagnostics + ui_problems + setting_problems, result.library, result.documents,
                    ui, settings, file_cache=cache)
        if previous is not None:
            build.search_cache = previous.search_cache
        if build.library is not None and not build.errors:
            renderer = Renderer(build.library, ui, settings, lambda: translation_status(
                result.documents, project.playbooks_dir, project.languages))
            for spec in renderer.pages():
                for language in project.languages:
                    build.pages[markdown_path(spec.key, language)] = (spec, language)
        return build

    @property
    def unfinished(self) -> list[Diagnostic]:
        """Text still marked TODO: it must never be published by a strict build."""
        return [d for d in self.diagnostics if d.rule == R.UNTRANSLATED.id]

    def error_report(self) -> str:
        lines = [d.text() for d in self.errors]
        return (f"Replybook: {len(lines)} problem(s) in playbooks/ — nothing was built.\n"
                + "\n".join(lines) + "\nRun `replybook check` for the same list.")

    def unfinished_report(self) -> str:
        lines = [d.text() for d in self.unfinished]
        return (f"Replybook: {len(lines)} field(s) are still marked TODO, and a strict build publishes "
                "nothing half-written.\n" + "\n".join(lines)
                + "\nWrite them, or preview with `make serve` (not strict) while you work.")

    def navigation_groups(self) -> list[tuple[str | None, list[str]]]:
        """The site's reading order: (section label key or None, page keys)."""
        lib = self.library
        if lib is None:
            return []
        return [
            (None, ["index", *[f"trees/{t}" for t in lib.trees]]),
            ("playbooks_title", ["playbooks/index", *[f"playbooks/{p}" for p in lib.playbooks]]),
            (None, ["templates"]),
            ("principles_title", ["principles/index", *[f"principles/{p}" for p in lib.principles]]),
            ("cases_title", ["cases/index", *[f"cases/{c}" for c in lib.cases]]),
            (None, ["response-times", "channels", "helpdesk/index", "sources"]),
            ("contribute_title", ["contribute/index", "contribute/format", "contribute/style",
                                  "contribute/translation-status"]),
        ]

    def label(self, language: str) -> Callable[[str], str]:
        """A function giving interface labels in ``language`` (for nav sections and the theme)."""
        return self.ui[language].t

    def theme_context(self, language: str) -> dict[str, Any]:
        """What the theme's own templates (header, search box, profile panel, 404) need in ``language``."""
        lib = self.library
        root = self.root_language or self.project.default_language
        playbooks = []
        if lib is not None:
            playbooks = [{"title": text_in(p.title, language, lib.default_language),
                          "url": page_url(entry_key(p)) + "#replies"} for p in lib.playbooks.values()]
        return {"labels": self.ui[language].labels, "plurals": self.ui[language].plurals, "language": language,
                "default_language": self.project.default_language, "playbooks": playbooks,
                "prefix": "" if language == root else f"{language}/",
                "prefixes": {code: "" if code == root else f"{code}/" for code in self.project.languages},
                "search_labels": self.ui[language].search_labels(),
                "search_records": sum(1 for _ in records(lib, language)) if lib else 0,
                "profile": self.settings.profile_fields(lib, language) if lib else []}

    def keep_not_found_page(self, language: str, html: str) -> None:
        """Remember the 404 page of one language build (every build writes the same /404.html)."""
        self.not_found[language] = html

    def markdown_paths(self) -> list[str]:
        return list(self.pages)

    def content_for(self, src_uri: str) -> str | None:
        """Rendered Markdown for a generated page (rendered once per build, then reused)."""
        if src_uri not in self.pages:
            return None
        if src_uri not in self.rendered:
            spec, language = self.pages[src_uri]
            self.rendered[src_uri] = spec.render(language)
        return self.rendered[src_uri]

    def write_markdown(self, out_dir: Path, languages: tuple[str, ...] | None = None) -> list[Path]:
        """Write every generated page as Markdown under ``out_dir`` (suffix structure); returns the paths."""
        written = []
        for path, (_, language) in self.pages.items():
            if languages and language not in languages:
                continue
            target = out_dir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(self.content_for(path) or "", encoding="utf-8")
            written.append(target)
        return sorted(written)

    def finish(self, site_dir: str, languages: tuple[str, ...], *, preview: bool = False,
               site_url: str = "") -> None:
        """After the last language is built: the search index, the helpdesk exports, the 404 pages.

        Without ``site_url`` the 404 pages find the site's root themselves (see not_found.py).
        """
        from .exports_site import write_site_exports
        from .search_index import SearchIndexError, write_search_index

        assert self.library is not None
        site = Path(site_dir)
        try:
            write_search_index(self.library, site, languages, root_language=self.root_language or None,
                               cache=self.search_cache if preview else None)
        except SearchIndexError as exc:
            raise BuildError(str(exc)) from exc
        write_site_exports(self.library, self.ui, self.settings, site, languages)
        self.write_not_found_pages(site, languages, site_url)

    def write_not_found_pages(self, site: Path, languages: tuple[str, ...], site_url: str = "") -> None:
        """Each language's 404 page in its folder; made portable unless ``site_url`` places the site."""
        root = self.root_language or self.project.default_language
        top_level = [path.name for path in site.iterdir()] if site.is_dir() else []
        for language, html in self.not_found.items():
            if language not in languages:
                continue
            prefix = "" if language == root else f"{language}/"
            if not site_url:
                html = portable_not_found_page(html, prefix, top_level)
            folder = site / prefix
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "404.html").write_text(html, encoding="utf-8")
