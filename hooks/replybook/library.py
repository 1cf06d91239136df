"""Load every playbook file into one validated Library, collecting all problems.

Each file is read and checked on its own first (YAML, schema, wording), then the whole set is
checked together (unique ids, references between files, channel limits, register, coverage).
Nothing stops at the first problem, and problems are reported root causes first: a file that
cannot be read or fails the schema is named once, and references into it are not reported as
unknown one by one.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import rulebook as R
from .diagnostics import Diagnostic, HasDiagnostics
from .model import (
    CaseStudy,
    Channel,
    ChannelList,
    CoverageMap,
    CoveragePoint,
    DecisionTree,
    Entry,
    Placeholder,
    PlaceholderList,
    Playbook,
    Principle,
    Register,
    Source,
    SourceList,
    StrictModel,
    StyleGuide,
    Template,
)
from .rules_text import check_languages, check_template_placeholders, is_untranslated, localized_fields
from .rules_tree import check_tree
from .schema_check import check_schema
from .yaml_source import FieldPath, SourceFile, read_source

YAML_SUFFIXES = (".yaml", ".yml")

#: Where each kind of entry is kept in a Library (and, by the same name, its pages).
COLLECTIONS: dict[type[Entry], str] = {
    Principle: "principles",
    Playbook: "playbooks",
    DecisionTree: "trees",
    CaseStudy: "cases",
}


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
    channels: dict[str, Channel] = field(default_factory=dict)
    registers: dict[str, Register] = field(default_factory=dict)
    coverage: list[CoveragePoint] = field(default_factory=list)
    files: dict[str, SourceFile] = field(default_factory=dict)

    @property
    def default_language(self) -> str:
        return self.languages[0]

    def entries(self) -> Iterator[Entry]:
        """Every principle, playbook, tree and case, in display order within each kind."""
        for collection in COLLECTIONS.values():
            yield from getattr(self, collection).values()

    def collection(self, entry: Entry) -> dict[str, Entry]:
        """The index an entry belongs to (``library.playbooks`` for a playbook, …)."""
        return getattr(self, COLLECTIONS[type(entry)])  # type: ignore[no-any-return]


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
    """All single-file rules after reading: schema, languages, placeholders, trees, citations."""
    document, problems = check_schema(source)  # raw HTML is reported while reading the YAML
    if document is None:
        return None, problems
    problems += check_languages(source, document, languages)
    if isinstance(document, Playbook):
        for index, template in enumerate(document.templates):
            problems += check_template_placeholders(source, ("templates", index), template, languages)
    if isinstance(document, Entry) and not document.sources:
        problems.append(R.SOURCES_CITED.at(source, ("sources",), "no source cited",
                                           "add the file name of the article it is based on (see sources.yaml)"))
    if isinstance(document, DecisionTree):
        problems += check_tree(source, (), document)
    elif isinstance(document, Playbook) and document.tree is not None:
        problems += check_tree(source, ("tree",), document.tree)
    return document, problems


@dataclass(frozen=True)
class Broken:
    """A file that could not be loaded, and the ids it would probably have defined."""

    display: str
    ids: frozenset[str]


def _probable_ids(source: SourceFile) -> frozenset[str]:
    """Ids a broken file would define: its `id:` if readable, and its file name (files are named by id)."""
    ids = {source.path.stem}
    data = source.data
    if isinstance(data, dict):
        if isinstance(data.get("id"), str):
            ids.add(data["id"])
        for template in data.get("templates") or []:
            if isinstance(template, dict) and isinstance(template.get("id"), str):
                ids.add(template["id"])
    return frozenset(ids)


@dataclass(frozen=True)
class CheckedFile:
    """What reading and checking one file on its own gave, kept while the file is unchanged."""

    stamp: tuple[int, int]
    source: SourceFile
    document: StrictModel | None
    problems: list[Diagnostic]


FileCache = dict[str, CheckedFile]


def _stamp(path: Path) -> tuple[int, int]:
    try:
        info = path.stat()
    except OSError:
        return (-1, -1)
    return (info.st_size, info.st_mtime_ns)


def _check_file(path: Path, display: str, languages: tuple[str, ...]) -> CheckedFile:
    stamp = _stamp(path)
    source, problems = read_source(path, display)
    document = None
    if source.data is not None:
        document, more = check_document(source, languages)
        problems = problems + more
    source.release()
    return CheckedFile(stamp, source, document, problems)


def load_library(paths: Iterable[Path], languages: tuple[str, ...], *, base: Path | None = None,
                 cache: FileCache | None = None) -> LoadResult:
    """Read, validate and cross-check every YAML file under ``paths``.

    With a ``cache`` (kept between `mkdocs serve` rebuilds), a file whose size and modification
    time are unchanged is not read or checked again; the cross-file rules always run.
    """
    from .rules_library import check_library  # the cross-file rules need the Library type

    diagnostics: list[Diagnostic] = []
    located: list[Located] = []
    broken: list[Broken] = []
    collecting = gc.isenabled()
    gc.disable()  # parsing creates millions of short-lived objects and no cycles worth collecting
    try:
        fresh: FileCache = {}
        for path in yaml_files(paths):
            display = _display(path, base)
            key = f"{path.resolve()}|{display}|{','.join(languages)}"
            checked = cache.get(key) if cache is not None else None
            if checked is None or checked.stamp != _stamp(path):
                checked = _check_file(path, display, languages)
            fresh[key] = checked
            diagnostics += checked.problems
            if checked.document is None:
                broken.append(Broken(checked.source.display, _probable_ids(checked.source)))
            else:
                located.append(Located(checked.document, checked.source))
        if cache is not None:
            cache.clear()
            cache.update(fresh)
    finally:
        if collecting:
            gc.enable()
    library, problems = check_library(located, languages, broken)
    diagnostics += problems
    diagnostics.sort(key=R.report_order)
    has_errors = any(d.level.value == "error" for d in diagnostics)
    return LoadResult(None if has_errors else library, diagnostics, located)


def index_documents(located: list[Located], languages: tuple[str, ...]) -> tuple[Library, list[Diagnostic]]:
    """Index every document by id; duplicate ids are reported where they are defined again."""
    library = Library(languages=languages)
    problems: list[Diagnostic] = []
    defined_at: dict[str, tuple[SourceFile, FieldPath]] = {}

    def define(source: SourceFile, path: FieldPath, ident: str, what: str = "id") -> bool:
        if ident in defined_at:
            other, other_path = defined_at[ident]
            line, _ = other.mark(other_path)
            problems.append(R.DUPLICATE_ID.at(source, path, f"duplicate {what} `{ident.removeprefix(what + ':')}`",
                                              f"already used in {other.display}:{line}; {what}s must be unique"))
            return False
        defined_at[ident] = (source, path)
        return True

    for item in located:
        doc, source = item.document, item.source
        if isinstance(doc, Entry):
            if define(source, ("id",), doc.id):
                library.collection(doc)[doc.id] = doc
                library.files[doc.id] = source
            if isinstance(doc, Playbook):
                for index, template in enumerate(doc.templates):
                    path = ("templates", index)
                    if define(source, (*path, "id"), template.id):
                        library.templates[template.id] = TemplateEntry(template, doc, path)
                        library.files[template.id] = source
        elif isinstance(doc, SourceList):
            for index, entry in enumerate(doc.sources):
                if define(source, ("sources", index, "id"), entry.id):
                    library.sources[entry.id] = entry
        elif isinstance(doc, PlaceholderList):
            for index, placeholder in enumerate(doc.placeholders):
                if define(source, ("placeholders", index, "name"), "{" + placeholder.name + "}", "placeholder"):
                    library.placeholders[placeholder.name] = placeholder
        elif isinstance(doc, ChannelList):
            for index, channel in enumerate(doc.channels):
                if define(source, ("channels", index, "id"), "channel:" + channel.id, "channel"):
                    library.channels[channel.id] = channel
        elif isinstance(doc, StyleGuide):
            for index, register in enumerate(doc.registers):
                where = ("registers", index, "language")
                if register.language not in languages:
                    problems.append(R.UNKNOWN_REFERENCE.at(source, where,
                                                           f"`{register.language}` is not a site language",
                                                           f"site languages are: {', '.join(languages)}"))
                elif define(source, where, "register:" + register.language, "register"):
                    library.registers[register.language] = register
        elif isinstance(doc, CoverageMap):
            library.coverage += doc.points
    for collection in COLLECTIONS.values():
        index = getattr(library, collection)
        setattr(library, collection, dict(sorted(index.items(), key=lambda kv: (kv[1].order, kv[0]))))
    return library, problems


def translation_counts(located: list[Located], languages: tuple[str, ...]) -> dict[str, tuple[int, int]]:
    """Per language: (translated fields, total localized fields)."""
    counts = {language: [0, 0] for language in languages}
    for item in located:
        for found in localized_fields(item.document):
            for language in languages:
                counts[language][1] += 1
                value = found.text.root.get(language)
                if value is not None and not is_untranslated(value):
                    counts[language][0] += 1
    return {language: (done, total) for language, (done, total) in counts.items()}
