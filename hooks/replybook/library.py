"""Load every playbook file into one validated Library, collecting all problems.

Each file is parsed and checked on its own first (syntax, schema, wording), then
the whole set is checked together (unique ids, links between files, channel
limits). Nothing stops at the first problem: contributors see them all at once.
"""

from __future__ import annotations

import difflib
import gc
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic, HasDiagnostics, Level
from .model import (
    PLACEHOLDER_IN_TEXT,
    CaseStudy,
    Channel,
    ChannelList,
    CoverageMap,
    CoveragePoint,
    DecisionTree,
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
    Tree,
)
from .rules_text import (
    check_languages,
    check_template_placeholders,
    is_untranslated,
    iter_localized,
    template_texts,
)
from .rules_tree import check_tree
from .schema_check import check_schema
from .yaml_source import FieldPath, SourceFile, read_source

YAML_SUFFIXES = (".yaml", ".yml")

try:  # TEMPORARY until counting.py lands
    from .counting import length as measure
except ImportError:  # pragma: no cover
    def measure(text: str, unit: str) -> int:
        if unit == "utf8-bytes":
            return len(text.encode("utf-8"))
        if unit == "x-weighted":
            return len(re.sub(r"https?://\S+", "x" * 23, text))
        return len(text)


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
        elif isinstance(doc, ChannelList):
            for index, channel in enumerate(doc.channels):
                if channel.id in lib.channels:
                    self.problems.append(source.diagnostic(("channels", index, "id"),
                                                           f"channel `{channel.id}` is defined twice"))
                lib.channels[channel.id] = channel
        elif isinstance(doc, StyleGuide):
            for index, register in enumerate(doc.registers):
                if register.language not in lib.languages:
                    self.problems.append(source.diagnostic(
                        ("registers", index, "language"), f"`{register.language}` is not a site language",
                        f"site languages are: {', '.join(lib.languages)}"))
                elif register.language in lib.registers:
                    self.problems.append(source.diagnostic(("registers", index, "language"),
                                                           f"the register of `{register.language}` is declared twice"))
                lib.registers[register.language] = register
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
                outcome = option.outcome
                self.expect(source, (*where, "playbook"), outcome.playbook, self.library.playbooks, "playbook")
                self.expect(source, (*where, "template"), outcome.template, self.library.templates, "template")
                if outcome.resume is None:
                    continue
                target = self.library.playbooks.get(outcome.playbook or "")
                if outcome.playbook is None:
                    self.problems.append(source.diagnostic((*where, "resume"), "`resume:` needs a `playbook:`",
                                                           "name the playbook whose question to continue from"))
                elif target is not None and (target.tree is None or outcome.resume not in target.tree.nodes):
                    nodes = list(target.tree.nodes) if target.tree else []
                    hint = _suggest(outcome.resume, nodes) or (
                        f"questions of `{target.id}`: {', '.join(nodes)}" if nodes else
                        f"`{target.id}` has no tree: remove `resume:`")
                    self.problems.append(source.diagnostic((*where, "resume"),
                                                           f"`{target.id}` has no question `{outcome.resume}`", hint))

    def check_template(self, source: SourceFile, path: FieldPath, template: Template) -> None:
        lib = self.library
        for index, name in enumerate(template.placeholders):
            self.expect(source, (*path, "placeholders", index), name, lib.placeholders, "placeholder")
        versions = [(("channels",), template.channels, ("text",), template.text)]
        versions += [(("variants", i, "channels"), v.channels, ("variants", i, "text"), v.text)
                     for i, v in enumerate(template.variants)]
        seen: dict[str, FieldPath] = {}
        for channels_path, channels, text_path, text in versions:
            for index, channel_id in enumerate(channels):
                where = (*path, *channels_path, index)
                if channel_id in seen:
                    self.problems.append(source.diagnostic(where, f"channel `{channel_id}` is listed twice",
                                                           "each channel belongs to one version of the reply"))
                seen[channel_id] = where
                self.expect(source, where, channel_id, lib.channels, "channel")
                channel = lib.channels.get(channel_id)
                if channel is not None:
                    self.check_fit(source, (*path, *text_path), template, channel, text.root)
        for language, register in lib.registers.items():
            avoid = {word.lower() for word in register.avoid}
            for text_path, text in template_texts(template):
                words = set(_WORDS.findall(text.root.get(language, "").lower()))
                for word in sorted(words & avoid):
                    self.problems.append(source.diagnostic(
                        (*path, *text_path, language), f"`{word}` breaks the {language} register",
                        f"{language} replies use {register.address.value} address "
                        f"({register.summary.get(lib.default_language)}): see playbooks/style.yaml"))

    def check_fit(self, source: SourceFile, path: FieldPath, template: Template, channel: Channel,
                  texts: dict[str, str]) -> None:
        """Every language fits every limit of ``channel``, with typical and with long values."""
        limits = [(limit.max, limit.unit.value) for limit in channel.limits]
        if template.max_length:
            limits.append((template.max_length, "characters"))
        for language, text in texts.items():
            if is_untranslated(text):
                continue
            names = [n for n in dict.fromkeys(PLACEHOLDER_IN_TEXT.findall(text)) if n in self.library.placeholders]
            if not channel.links and ("http" in text or any(n in LINK_PLACEHOLDERS for n in names)):
                self.problems.append(source.diagnostic(
                    (*path, language), f"links are not clickable on {channel.id}",
                    "drop the link here, or give this channel a variant without it"))
            for maximum, unit in limits:
                problem = self.overflow(text, names, language, maximum, unit)
                if problem:
                    self.problems.append(source.diagnostic((*path, language), f"{channel.id}: {problem[0]}", problem[1]))
                    break

    def overflow(self, text: str, names: list[str], language: str, maximum: int, unit: str) -> tuple[str, str] | None:
        """Why ``text`` does not fit, with which values; None when it fits with long values too."""
        placeholders = self.library.placeholders

        def count(long: set[str]) -> int:
            def value(match: re.Match[str]) -> str:
                name = match.group(1)
                if name not in placeholders:
                    return match.group(0)
                chosen = placeholders[name].long_example if name in long else placeholders[name].example
                return chosen.root.get(language, "")
            return measure(PLACEHOLDER_IN_TEXT.sub(value, text), unit)

        typical = count(set())
        if typical > maximum:
            return (f"{typical} {unit_name(unit)} with typical values, over the limit of {maximum}",
                    f"shorten it by {typical - maximum}")
        longest = count(set(names))
        if longest <= maximum:
            return None
        extra = sorted(names, key=lambda n: count({n}) - typical, reverse=True)
        chosen: list[str] = []
        for name in extra:
            chosen.append(name)
            if count(set(chosen)) > maximum:
                break
        which = ", ".join(f"{{{n}}}" for n in chosen)
        return (f"{longest} {unit_name(unit)} with long values, over the limit of {maximum}",
                f"it overflows once {which} {'is' if len(chosen) == 1 else 'are'} long "
                f"(see long_example in placeholders.yaml); shorten it by {longest - maximum}")


#: Placeholders whose value is a link (not clickable on some channels).
LINK_PLACEHOLDERS = frozenset({"link", "dm_link", "website"})
_WORDS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def unit_name(unit: str) -> str:
    """The unit as a word for messages."""
    return {"characters": "characters", "graphemes": "graphemes", "utf8-bytes": "bytes",
            "x-weighted": "characters as X counts them"}[unit]


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
