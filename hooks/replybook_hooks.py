"""MkDocs hooks: validate the playbooks and generate the guide's pages.

Thin on purpose: the work happens in the `replybook` package, which knows
nothing about MkDocs. mkdocs-static-i18n builds once per language and rebuilds
every File from its path in its own `on_files` (priority -100), so pages are
added as suffix-structure Files under docs_dir first and get their content
after that plugin has run. Hook modules are not reloaded by `mkdocs serve`, so
state is reset in `on_config`.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from replybook.mkdocs_nav import arrange_navigation
from replybook.search_index import SearchIndexError
from replybook.site import SiteBuild

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation

log = logging.getLogger("mkdocs.hooks.replybook")
_build: SiteBuild | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and validate the library (cached while playbooks/ is unchanged)."""
    global _build
    _build = SiteBuild.for_config(config, previous=_build)
    if _build.errors:
        raise PluginError(_build.error_report())
    for warning in _build.warnings:
        log.info(warning.text())
    return config


@event_priority(100)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Announce every generated page, in every language, before i18n sorts them."""
    assert _build is not None
    for path in _build.markdown_paths():
        files.append(File(path, config.docs_dir, config.site_dir, config.use_directory_urls))
    return files


@event_priority(-200)
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Hand the rendered Markdown to the Files the i18n plugin kept for this language.

    This is the first event after the i18n plugin's `on_files` that still comes
    before MkDocs reads any page source.
    """
    assert _build is not None
    for file in files.documentation_pages():
        content = _build.content_for(file.src_uri)
        if content is not None:
            file.content_string = content
    language = config.theme.get("language") or _build.project.default_language
    return arrange_navigation(nav, language, _build.navigation_groups(), _build.label(language))


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Give the theme's own templates (the search box) our labels in the page's language."""
    assert _build is not None
    language = config.theme.get("language") or _build.project.default_language
    env.globals["rb_labels"] = _build.ui[language].labels
    return env


@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    """After the last language is built: per-language sitemaps and the search index."""
    assert _build is not None
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return  # a language build inside the i18n plugin's loop; the outer build ends last
    try:
        _build.finish(config.site_dir)
    except SearchIndexError as exc:
        raise PluginError(str(exc)) from exc
