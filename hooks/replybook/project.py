"""Where the project is, which languages the site has and the team's settings (read from mkdocs.yml).

This reads mkdocs.yml as plain YAML, so the command line works without MkDocs; the hooks get the
same values from MkDocs' own configuration (see hooks/replybook_mkdocs.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml


class ProjectError(Exception):
    """The project itself (mkdocs.yml) cannot be read: reported as one clear line."""


class _ConfigLoader(yaml.SafeLoader):
    """A safe loader that tolerates MkDocs' custom tags (``!ENV``, ``!!python/name``)."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        if suffix == "ENV":  # `!ENV [NAME, default]` or `!ENV NAME`: the default is what the CLI sees
            return None
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        values = loader.construct_sequence(node)
        return values[-1] if suffix == "ENV" and values else values
    return loader.construct_mapping(node)  # type: ignore[arg-type]


_ConfigLoader.add_multi_constructor("!", _ignore_tag)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


@dataclass(frozen=True)
class Project:
    """The project root, the site languages (default first) and `extra.replybook` settings."""

    root: Path
    languages: tuple[str, ...]
    settings: dict[str, Any] = field(default_factory=dict, compare=True, hash=False)

    @property
    def default_language(self) -> str:
        return self.languages[0]

    @property
    def playbooks_dir(self) -> Path:
        return self.root / "playbooks"


def find_root(start: Path) -> Path:
    """Walk up from ``start`` (a folder, or a file's folder) to the folder holding mkdocs.yml."""
    start = start.resolve()
    if not start.is_dir():
        start = start.parent
    for folder in [start, *start.parents]:
        if (folder / "mkdocs.yml").is_file():
            return folder
    raise ProjectError(f"no mkdocs.yml found in {start} or any folder above it "
                       "(run replybook inside a Replybook project, or name a path inside one)")


def languages_from_config(config: dict[str, Any]) -> tuple[str, ...]:
    """The i18n plugin's languages, default language first."""
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            entries = (plugin["i18n"] or {}).get("languages") or []
            locales = [e["locale"] for e in entries if isinstance(e, dict) and "locale" in e]
            default = [e["locale"] for e in entries if isinstance(e, dict) and e.get("default")]
            if locales:
                first = default[0] if default else locales[0]
                return (first, *[code for code in locales if code != first])
    raise ProjectError("mkdocs.yml: the i18n plugin declares no `languages` "
                       "(add the `i18n` plugin with its `languages:` list, as in Replybook's mkdocs.yml)")


def settings_from_config(config: dict[str, Any]) -> dict[str, Any]:
    """The `extra: replybook:` mapping of mkdocs.yml (team defaults, export mappings), or {}."""
    extra = config.get("extra") or {}
    settings = extra.get("replybook") if isinstance(extra, dict) else None
    return settings if isinstance(settings, dict) else {}


def read_config(path: Path) -> dict[str, Any]:
    """The mkdocs.yml at ``path`` as written (`!ENV` tags read as their default)."""
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ProjectError(f"{path}: cannot be read: {exc}") from exc
    if not isinstance(config, dict):
        raise ProjectError(f"{path}: expected a mapping at the top level")
    return config


def load_project(start: Path | None = None) -> Project:
    """Read mkdocs.yml above ``start`` (default: the working directory)."""
    root = find_root(start or Path.cwd())
    config = read_config(root / "mkdocs.yml")
    return Project(root=root, languages=languages_from_config(config), settings=settings_from_config(config))
