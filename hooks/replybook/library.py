"""Load every playbook file into one validated Library, collecting all problems.

Each file is parsed and checked on its own first (syntax, schema, wording), then
the whole set is checked together (unique ids, links between files, channel
limits). Nothing stops at the first problem: contributors see them all at once.
"""

from __future__ import annotations

import difflib
import gc
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic, HasDiagnostics, Level
from .model import (
    CHANNEL_LIMITS,
    PLACEHOLDER_IN_TEXT,
    CaseStudy,
    CoverageMap,
    CoveragePoint,
    DecisionTree,
    Placeholder,
    PlaceholderList,
    Playbook,
    Principle,
    Source,
    SourceList,
    StrictModel,
    Template,
    Tree,
)
from .rules_text import check_languages, check_template_placeholders, is_untranslated, iter_localized
from .rules_tree import check_tree
from .schema_check import check_schema
from .yaml_source import FieldPath, SourceFile, read_source

YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Located:
    """A document together with the file it came from (for marks and edit links)."""

    document: StrictModel
    source: SourceFile


@dataclass(frozen=True)
class TemplateEntry:
    """A template and the playbook that defines it."""

    template: Template
    playbook: Playbook
    path: FieldPath


@dataclass
class Library:
    """Every validated document, indexed by id, in display order."""

    languages: tuple[str, ...]
    principles: dict[str, Principle] = field(default_factory=dict)
    playbooks: dict[str, Playbook] = field(default_factory=dict)
    trees: dict[str, DecisionTree] = field(default_factory=dict)
    cases: dict[str, CaseStudy] = field(default_factory=dict)
    templates: dict[str, TemplateEntry] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    placeholders: dict[str, Placeholder] = field(default_factory=dict)
    coverage: list[CoveragePoint] = field(default_factory=list)
    files: dict[str, SourceFile] = field(default_factory=dict)

    @property
    def default_language(self) -> str:
        return self.languages[0]


@dataclass
class LoadResult(HasDiagnostics):
    """The library (None when there are errors) and every problem found."""

    library: Library | None
    diagnostics: list[Diagnostic]
    documents: list[Located] = field(default_factory=list)


def yaml_files(paths: Iterable[Path]) -> list[Path]:
    """Every YAML file in ``paths`` (files as given, folders searched recursively)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix in YAML_SUFFIXES and p.is_file())
        else:
            found.append(path)
    return found


def _display(path: Path, base: Path | None) -> str:
    if base is not None:
        try:
            return path.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def check_document(source: SourceFile, languages: tuple[str, ...]) -> tuple[StrictModel | None, list[Diagnostic]]:
    """All single-file rules after reading: schema, languages, placeholders, trees."""
    document, problems = check_schema(source)  # raw HTML is reported while reading the YAML
    if document is None:
        return None, problems
    problems += check_languages(source, document, languages)
    if isinstance(document, Playbook):
        for index, template in enumerate(document.templates):
            problems += check_template_placeholders(source, ("templates", index), template, languages)
    if getattr(document, "sources", None) == []:
        problems.append(source.diagnostic(("sources",), "no source cited",
                                          "add the file name of the article it is based on (see sources.yaml)",
                                          level=Level.warning))
    if isinstance(document, DecisionTree):
        problems += check_tree(source, (), document)
    elif isinstance(document, Playbook) and document.tree is not None:
        problems += check_tree(source, ("tree",), document.tree)
    return document, problems


def load_library(paths: Iterable[Path], languages: tuple[str, ...], *, base: Path | None = None) -> LoadResult:
    """Read, validate and cross-check every YAML file under ``paths``."""
    diagnostics: list[Diagnostic] = []
    located: list[Located] = []
    collecting = gc.isenabled()
    gc.disable()  # parsing creates millions of short-lived objects and no cycles worth collecting
    try:
        for path in yaml_files(paths):
            source, problems = read_source(path, _display(path, base))
            diagnostics += problems
            if source.data is None:
                continue
            document, problems = check_document(source, languages)
            source.release()
            diagnostics += problems
            if document is not None:
                located.append(Located(document, source))
    finally:
        if collecting:
            gc.enable()
    library, problems = _assemble(located, languages)
    diagnostics += problems
    diagnostics.sort(key=lambda d: (d.file, d.line, d.column, d.message))
    has_errors = any(d.level is Level.error for d in diagnostics)
    return LoadResult(None if has_errors else library, diagnostics, located)


def _suggest(word: str, choices: Iterable[str]) -> str:
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean `{match[0]}`?" if match else ""


class _Assembler:
    """Indexes documents by id and checks the links between them."""

    def __init__(self, languages: tuple[str, ...]) -> None:
        self.library = Library(languages=languages)
        self.problems: list[Diagnostic] = []
        self.defined_at: dict[str, tuple[SourceFile, FieldPath]] = {}
        self.steps: set[str] = set()

    def define(self, source: SourceFile, path: FieldPath, ident: str) -> bool:
        if ident in self.defined_at:
            other, other_path = self.defined_at[ident]
            line, _ = other.mark(other_path)
            self.problems.append(source.diagnostic(path, f"duplicate id `{ident}`",
                                                   f"already used in {other.display}:{line}; ids must be unique"))
            return False
        self.defined_at[ident] = (source, path)
        self.library.files[ident] = source
        return True

    def add(self, item: Located) -> None:
        doc, source, lib = item.document, item.source, self.library
        if isinstance(doc, Principle) and self.define(source, ("id",), doc.id):
            lib.principles[doc.id] = doc
        elif isinstance(doc, Playbook) and self.define(source, ("id",), doc.id):
            lib.playbooks[doc.id] = doc
            self.steps.update(f"{doc.id}/{step.id}" for step in doc.steps)
            for index, template in enumerate(doc.templates):
                path = ("templates", index)
                if self.define(source, (*path, "id"), template.id):
                    lib.templates[template.id] = TemplateEntry(template, doc, path)
        elif isinstance(doc, DecisionTree) and self.define(source, ("id",), doc.id):
            lib.trees[doc.id] = doc
        elif isinstance(doc, CaseStudy) and self.define(source, ("id",), doc.id):
            lib.cases[doc.id] = doc
        elif isinstance(doc, SourceList):
            for index, entry in enumerate(doc.sources):
                if self.define(source, ("sources", index, "id"), entry.id):
                    lib.sources[entry.id] = entry
        elif isinstance(doc, PlaceholderList):
            for index, placeholder in enumerate(doc.placeholders):
                if placeholder.name in lib.placeholders:
                    self.problems.append(source.diagnostic(("placeholders", index, "name"),
                                                           f"placeholder `{placeholder.name}` is defined twice"))
                lib.placeholders[placeholder.name] = placeholder
        elif isinstance(doc, CoverageMap):
            lib.coverage += doc.points

    def expect(self, source: SourceFile, path: FieldPath, ident: str | None, index: dict, what: str) -> None:
        if ident is not None and ident not in index:
            hint = _suggest(ident, index) or f"define the {what} or fix the id"
            self.problems.append(source.diagnostic(path, f"unknown {what} `{ident}`", hint))

    def check_links(self, item: Located) -> None:
        doc, source, lib = item.document, item.source, self.library
        for index, ident in enumerate(getattr(doc, "sources", []) if not isinstance(doc, SourceList) else []):
            self.expect(source, ("sources", index), ident, lib.sources, "source")
        for index, ident in enumerate(getattr(doc, "principles", [])):
            self.expect(source, ("principles", index), ident, lib.principles, "principle")
        if isinstance(doc, DecisionTree):
            self.check_outcomes(source, (), doc)
        if isinstance(doc, Playbook):
            if doc.tree is not None:
                self.check_outcomes(source, ("tree",), doc.tree)
            for index, template in enumerate(doc.templates):
                self.check_template(source, ("templates", index), template)
        if isinstance(doc, CoverageMap):
            for index, point in enumerate(doc.points):
                self.expect(source, ("points", index, "source"), point.source, lib.sources, "source")
                for ref_index, ref in enumerate(point.covered_by):
                    if ref not in self.defined_at and ref not in self.steps:
                        hint = _suggest(ref, [*self.defined_at, *self.steps]) or \
                            "use a principle, playbook, template or case id, or playbook-id/step-id"
                        self.problems.append(source.diagnostic(("points", index, "covered_by", ref_index),
                                                               f"`{ref}` does not exist", hint))

    def check_outcomes(self, source: SourceFile, path: FieldPath, tree: Tree) -> None:
        for node_id, node in tree.nodes.items():
            for index, option in enumerate(node.options):
                if option.outcome is None:
                    continue
                where = (*path, "nodes", node_id, "options", index, "outcome")
                self.expect(source, (*where, "playbook"), option.outcome.playbook, self.library.playbooks, "playbook")
                self.expect(source, (*where, "template"), option.outcome.template, self.library.templates, "template")

    def typical_length(self, name: str) -> int:
        placeholder = self.library.placeholders.get(name)
        return placeholder.typical_length if placeholder else 0

    def check_template(self, source: SourceFile, path: FieldPath, template: Template) -> None:
        lib = self.library
        for index, name in enumerate(template.placeholders):
            self.expect(source, (*path, "placeholders", index), name, lib.placeholders, "placeholder")
        channel_limit = CHANNEL_LIMITS[template.channel]
        if template.max_length and channel_limit and template.max_length > channel_limit:
            self.problems.append(source.diagnostic((*path, "max_length"),
                                                   f"{template.max_length} is above the {template.channel.value} limit",
                                                   f"the channel allows at most {channel_limit} characters"))
        limits = [x for x in (template.max_length, channel_limit) if x]
        if not limits:
            return
        limit = min(limits)
        for language, text in template.text.root.items():
            if is_untranslated(text):
                continue
            length = len(PLACEHOLDER_IN_TEXT.sub(lambda m: "x" * self.typical_length(m.group(1)), text))
            if length > limit:
                self.problems.append(source.diagnostic(
                    (*path, "text", language),
                    f"{length} characters with placeholders filled, "
                    f"over the limit of {limit} ({template.channel.value})",
                    f"shorten it by {length - limit} characters"))


def _assemble(located: list[Located], languages: tuple[str, ...]) -> tuple[Library, list[Diagnostic]]:
    assembler = _Assembler(languages)
    for item in located:
        assembler.add(item)
    for item in located:
        assembler.check_links(item)
    lib = assembler.library
    for name in ("principles", "playbooks", "trees", "cases"):
        index = getattr(lib, name)
        setattr(lib, name, dict(sorted(index.items(), key=lambda kv: (kv[1].order, kv[0]))))
    return lib, assembler.problems


def translation_counts(located: list[Located], languages: tuple[str, ...]) -> dict[str, tuple[int, int]]:
    """Per language: (translated fields, total localized fields)."""
    counts = {language: [0, 0] for language in languages}
    for item in located:
        for _, text in iter_localized(item.document):
            for language in languages:
                counts[language][1] += 1
                value = text.root.get(language)
                if value is not None and not is_untranslated(value):
                    counts[language][0] += 1
    return {language: (done, total) for language, (done, total) in counts.items()}
