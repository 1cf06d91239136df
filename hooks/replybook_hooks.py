"""MkDocs hooks: validate the playbooks and generate the guide's pages in every language.

Only event functions live here; what they need from MkDocs and mkdocs-static-i18n is in
`replybook_mkdocs.py` beside this file, and the content pipeline (YAML → model → Markdown,
search index, exports) is the `replybook` package, which imports neither. Hook modules are not
reloaded by `mkdocs serve`, so the state below is reset or re-derived in `on_config`.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from replybook_mkdocs import (
    BuildCycle,
    DirtyPreview,
    announce_pages,
    arrange_navigation,
    built_languages,
    current_language,
    fill_pages,
    is_preview_build,
    localize_theme,
    poll_faster,
    project_of,
)

from replybook.build import BuildError, SiteBuild
from replybook.render import COMPILED

if TYPE_CHECKING:
    from collections.abc import Callable

    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation

log = logging.getLogger("mkdocs.hooks.replybook")
_build: SiteBuild | None = None
_cycle = BuildCycle()
_serving = False
_dirty: DirtyPreview | None = None  # `mkdocs serve --dirty` (make serve): what the last rebuild wrote


def on_startup(command: str, dirty: bool) -> None:
    """Remember whether this is a preview (`mkdocs serve`): it defers the search index."""
    global _serving, _dirty
    _serving = command == "serve"
    _dirty = DirtyPreview() if _serving and dirty else None


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Callable[[], None]) -> LiveReloadServer:
    """A save shows in the preview sooner: files are looked at every 0.1 s, not every 0.5 s."""
    if not poll_faster(server):
        log.debug("mkdocs serve keeps its own polling interval")
    return server


@event_priority(-200)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and validate the library (reusing what did not change), in the build's language."""
    global _build
    project = project_of(config)
    language = current_language(config, project.default_language)
    if _cycle.open == 0:
        _build = SiteBuild.load(project, previous=_build)
        _build.root_language = built_languages(config)[0] if is_preview_build(config) else project.default_language
    assert _build is not None
    _cycle.started(language)
    if _build.errors:
        _cycle.reset()
        raise PluginError(_build.error_report())
    if config.strict and _build.unfinished:
        _cycle.reset()
        raise PluginError(_build.unfinished_report())
    for warning in _build.warnings:
        log.info(warning.text())
    localize_theme(config, _build.label(language))
    return config


@event_priority(100)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Announce every generated page, in every language, before the i18n plugin sorts them."""
    assert _build is not None
    announce_pages(files, config, _build.markdown_paths())
    return files


@event_priority(-200)
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Hand the Markdown to the Files the i18n plugin kept, then order the navigation.

    This is the first event after the i18n plugin's `on_files` that still comes before MkDocs
    reads any page source.
    """
    assert _build is not None
    language = current_language(config, _build.project.default_language)
    skipped = fill_pages(files, _build.content_for, language, _dirty)
    if skipped:
        log.debug("%d unchanged generated page(s) not rebuilt", skipped)
    return arrange_navigation(nav, language, _build.navigation_groups(), _build.label(language))


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Give the theme's templates our labels and settings in the page's language."""
    assert _build is not None
    language = current_language(config, _build.project.default_language)
    env.globals["rb"] = _build.theme_context(language)
    env.bytecode_cache = COMPILED  # Material's templates compile once per process, not once per language
    return env


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """Keep each language's 404 page: every language build writes the same /404.html."""
    if template_name == "404.html" and _build is not None:
        _build.keep_not_found_page(current_language(config, _build.project.default_language), output_content)
    return output_content


@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    """After the last language: search index, exports and per-language extras."""
    assert _build is not None
    if not _cycle.finished():
        return  # a language built inside the i18n plugin's loop; the outermost build ends last
    languages = built_languages(config)
    _cycle.reset()
    try:
        _build.finish(config.site_dir, languages, preview=_serving, site_url=config.site_url or "")
    except BuildError as exc:
        raise PluginError(str(exc)) from exc


def on_build_error(error: Exception) -> None:
    """A failed build leaves no language half-counted for the next `mkdocs serve` rebuild."""
    _cycle.reset()
