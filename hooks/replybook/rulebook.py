"""Every rule `replybook check` applies, declared once with its id (as yamllint names its rules).

A diagnostic carries the id of the rule that produced it, so a contributor can look the rule
up (`replybook rules` lists them, and so does the format reference page). Rules run in
stages: a file that cannot be read is not schema-checked, a file that fails the schema is not
cross-checked, and problems are reported root causes first (by stage, then by place).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from .diagnostics import Diagnostic, Level, format_path

if TYPE_CHECKING:
    from .yaml_source import FieldPath, SourceFile


class Stage(IntEnum):
    """When a rule runs; also the order in which problems are reported."""

    read = 0
    schema = 1
    document = 2
    library = 3
    translations = 4


@dataclass(frozen=True)
class Rule:
    """One rule: its id, when it runs, what it checks and how severe a finding is."""

    id: str
    stage: Stage
    summary: str
    level: Level = Level.error

    def at(self, source: SourceFile, path: FieldPath, message: str, hint: str = "", *, key: bool = False,
           level: Level | None = None) -> Diagnostic:
        """A finding of this rule at ``path`` in ``source`` (line and column from the YAML marks)."""
        return source.diagnostic(path, message, hint, key=key, level=level or self.level, rule=self.id)

    def in_file(self, display: str, line: int, column: int, message: str, hint: str = "", *,
                field: FieldPath | str = "", level: Level | None = None) -> Diagnostic:
        """A finding of this rule at a known line and column (for files that could not be parsed)."""
        name = field if isinstance(field, str) else format_path(field)
        return Diagnostic(display, line, column, name, message, hint, level or self.level, self.id)


RULES: dict[str, Rule] = {}


def _rule(rule_id: str, stage: Stage, summary: str, level: Level = Level.error) -> Rule:
    rule = Rule(rule_id, stage, summary, level)
    RULES[rule_id] = rule
    return rule


YAML_ENCODING = _rule("yaml-encoding", Stage.read, "The file is UTF-8 text.")
YAML_SYNTAX = _rule("yaml-syntax", Stage.read, "The file is valid YAML, one document, not empty.")
YAML_TABS = _rule("yaml-tabs", Stage.read, "No tab characters: YAML indents with spaces.")
YAML_DUPLICATE_KEY = _rule("yaml-duplicate-key", Stage.read, "No key appears twice in one mapping.")
YAML_PLAIN = _rule("yaml-plain", Stage.read,
                   "Plain YAML only: no anchors, aliases, merge keys, custom tags or deep nesting.")
RAW_HTML = _rule("raw-html", Stage.read, "Text contains no HTML: it is shown exactly as typed.")
SCHEMA = _rule("schema", Stage.schema, "Fields, types and values match the format reference.")
LANGUAGES = _rule("languages", Stage.document,
                  "Every text field has every site language, none empty, and no other language.")
UNTRANSLATED = _rule("untranslated", Stage.document, "No TODO marker is left in any language.", Level.warning)
PLACEHOLDERS = _rule("placeholders", Stage.document,
                     "A reply uses exactly its declared {placeholders}, the same ones in every language.")
TREE = _rule("tree", Stage.document,
             "Decision trees start somewhere real, never loop, reach every question and always end.")
SOURCES_CITED = _rule("sources-cited", Stage.document, "Every entry cites the articles it is based on.",
                      Level.warning)
DUPLICATE_ID = _rule("duplicate-id", Stage.library, "Ids are unique across the whole library.")
UNKNOWN_REFERENCE = _rule("unknown-reference", Stage.library,
                          "Every id an entry names (principle, playbook, reply, source, channel, placeholder, "
                          "question) exists.")
NOT_CHECKED = _rule("not-checked", Stage.library,
                    "References into a file that could not be loaded are reported once, not one by one.",
                    Level.warning)
CHANNEL_FIT = _rule("channel-fit", Stage.library,
                    "Every reply fits every channel it lists, counted as the platform counts, "
                    "with typical and with long placeholder values.")
CHANNEL_LINKS = _rule("channel-links", Stage.library, "No link in a reply for a channel where links are not clickable.")
REGISTER = _rule("register", Stage.library,
                 "Replies keep the language's register from style.yaml (e.g. never «ты» in Russian).")
COVERAGE = _rule("coverage", Stage.library,
                 "coverage.yaml names only entries that cite the point's article, and every article an entry "
                 "cites is traced to it.")
TRANSLATIONS_LOCK = _rule("translations-lock", Stage.translations,
                          "The translations lock can be read and records every field.")
TRANSLATIONS_STALE = _rule("translations-stale", Stage.translations,
                           "A translation is confirmed again after its English source changed.", Level.warning)


def report_order(diagnostic: Diagnostic) -> tuple[Any, ...]:
    """Root causes first: by stage, then file, line, column."""
    rule = RULES.get(diagnostic.rule)
    stage = rule.stage if rule else Stage.library
    return (stage, diagnostic.file, diagnostic.line, diagnostic.column, diagnostic.message)
