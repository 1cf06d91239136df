"""One site build: the validated library, its pages, and the per-language search index.

Kept apart from the MkDocs hook module so that it can be tested, and reused by
another static-site tool, without MkDocs' event machinery.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, HasDiagnostics
from .library import Library, load_library, yaml_files
from .project import Project, languages_from_config
from .render import PageSpec, Renderer
from .search_index import build_search_index
from .status import translation_status
from .translations import LOCK_NAME
from .ui_strings import UiStrings, load_ui_strings
from .urls import markdown_path

_TEMPLATES = Path(__file__).with_name("templates")


def _fingerprint(paths: list[Path]) -> tuple[tuple[str, int, int], ...]:
    """Cheap change detection: path, size and mtime of every input file."""
    stats = []
    for path in paths:
        try:
            info = path.stat()
        except OSError:
            continue
        stats.append((str(path), info.st_size, info.st_mtime_ns))
    return tuple(stats)


@dataclass
class SiteBuild(HasDiagnostics):
    """Everything one `mkdocs build` needs from Replybook, shared by its language builds."""

    project: Project
    fingerprint: tuple[tuple[str, int, int], ...]
    diagnostics: list[Diagnostic]
    library: Library | None
    pages: dict[str, tuple[PageSpec, str]] = field(default_factory=dict)
    rendered: dict[str, str] = field(default_factory=dict)
    ui: dict[str, UiStrings] = field(default_factory=dict)

    @classmethod
    def for_config(cls, config: Any, previous: SiteBuild | None = None) -> SiteBuild:
        """Load the library named by an MkDocs config; reuse ``previous`` if nothing changed."""
        root = Path(config.config_file_path).resolve().parent
        i18n = config.plugins.get("i18n")
        languages = tuple(lang.locale for lang in i18n.config.languages) if i18n else ()
        if i18n:
            default = next((lang.locale for lang in i18n.config.languages if lang.default), languages[0])
            languages = (default, *[code for code in languages if code != default])
        else:
            languages = languages_from_config({})
        project = Project(root=root, languages=languages)
        inputs = [*yaml_files([project.playbooks_dir]), *sorted(_TEMPLATES.iterdir()),
                  Path(__file__).with_name("ui.yaml"), project.playbooks_dir / LOCK_NAME]
        fingerprint = _fingerprint(inputs)
        if previous is not None and previous.fingerprint == fingerprint and previous.project == project:
            return previous
        return cls.load(project, fingerprint)

    @classmethod
    def load(cls, project: Project, fingerprint: tuple[tuple[str, int, int], ...] = ()) -> SiteBuild:
        result = load_library([project.playbooks_dir], project.languages, base=project.root)
        ui, ui_problems = load_ui_strings(project.languages)
        build = cls(project, fingerprint, result.diagnostics + ui_problems, result.library, ui=ui)
        if build.library is not None and not ui_problems:
            renderer = Renderer(build.library, ui, lambda: translation_status(
                result.documents, project.playbooks_dir, project.languages))
            for spec in renderer.pages():
                for language in project.languages:
                    build.pages[markdown_path(spec.key, language)] = (spec, language)
        return build

    def error_report(self) -> str:
        lines = [d.text() for d in self.errors]
        return (f"Replybook: {len(lines)} problem(s) in playbooks/ — nothing was built.\n"
                + "\n".join(lines) + "\nRun `replybook check` for the same list.")

    def navigation_groups(self) -> list[tuple[str | None, list[str]]]:
        """The site's reading order: (section label key or None, page keys)."""
        lib = self.library
        if lib is None:
            return []
        return [
            (None, ["index", *[f"trees/{t}" for t in lib.trees]]),
            ("playbooks_title", ["playbooks/index", *[f"playbooks/{p}" for p in lib.playbooks]]),
            (None, ["templates", "principles"]),
            ("cases_title", ["cases/index", *[f"cases/{c}" for c in lib.cases]]),
            (None, ["response-times", "sources"]),
            ("contribute_title", ["contribute/index", "contribute/format", "contribute/translation-status"]),
        ]

    def label(self, language: str) -> Callable[[str], str]:
        """A function giving interface labels in ``language`` (for nav sections)."""
        return self.ui[language].t

    def markdown_paths(self) -> list[str]:
        return list(self.pages)

    def content_for(self, src_uri: str) -> str | None:
        """Rendered Markdown for a generated page (rendered once, then cached)."""
        if src_uri not in self.pages:
            return None
        if src_uri not in self.rendered:
            spec, language = self.pages[src_uri]
            self.rendered[src_uri] = spec.render(language)
        return self.rendered[src_uri]

    def finish(self, site_dir: str) -> None:
        """After the last language is built: the per-language search index."""
        site = Path(site_dir)
        build_search_index(site)
