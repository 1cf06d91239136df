"""Rules that need the whole library: references, channel limits, register, coverage.

They run after every file has been read and checked on its own. A reference to an id that a
broken file would probably have defined is not reported as unknown (the broken file is the
root cause, reported already); instead each referring file gets one `not-checked` note.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from . import rulebook as R
from .counting import length as measure
from .diagnostics import Diagnostic, did_you_mean
from .library import Broken, Library, Located, index_documents
from .model import (
    PLACEHOLDER_IN_TEXT,
    Channel,
    CoverageMap,
    DecisionTree,
    Entry,
    Playbook,
    Template,
    Tree,
)
from .rules_text import is_untranslated, template_texts
from .yaml_source import FieldPath, SourceFile

#: Placeholders whose value is a link (not clickable on some channels).
LINK_PLACEHOLDERS = frozenset({"link", "website"})
#: A web address as a platform would link it: with a scheme, www., or a bare domain (example.com/help).
LINK_IN_TEXT = re.compile(r"(?i)\b(?:https?://|www\.)\S|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\."
                          r"(?:com|org|net|info|io|co|app|shop|store|eu|ua|ru|ro|md|es|uk|de)\b")
_WORDS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
UNIT_NAMES = {"characters": "characters", "graphemes": "graphemes", "utf8-bytes": "bytes",
              "x-weighted": "characters as X counts them"}


def check_library(located: list[Located], languages: tuple[str, ...],
                  broken: Iterable[Broken] = ()) -> tuple[Library, list[Diagnostic]]:
    """Index the documents and run every cross-file rule."""
    library, problems = index_documents(located, languages)
    checker = _Checker(library, list(broken))
    for item in located:
        checker.check(item)
    checker.check_coverage_citations(located)
    return library, problems + checker.problems + checker.not_checked()


class _Checker:
    def __init__(self, library: Library, broken: list[Broken]) -> None:
        self.lib = library
        self.problems: list[Diagnostic] = []
        self.broken = broken
        self.maybe_defined = frozenset().union(*(b.ids for b in broken)) if broken else frozenset()
        self.unchecked: dict[str, tuple[SourceFile, list[str]]] = {}
        self.steps = {f"{p.id}/{s.id}": p for p in library.playbooks.values() for s in p.steps}

    # -- references ---------------------------------------------------------------------

    def expect(self, source: SourceFile, path: FieldPath, ident: str | None, index: dict[str, Any], what: str) -> None:
        if ident is None or ident in index:
            return
        if ident in self.maybe_defined:
            self.unchecked.setdefault(source.display, (source, []))[1].append(ident)
            return
        hint = did_you_mean(ident, index, otherwise=f"define the {what} or fix the id")
        self.problems.append(R.UNKNOWN_REFERENCE.at(source, path, f"unknown {what} `{ident}`", hint))

    def not_checked(self) -> list[Diagnostic]:
        notes = []
        names = ", ".join(b.display for b in self.broken)
        for source, idents in self.unchecked.values():
            listed = ", ".join(f"`{i}`" for i in dict.fromkeys(idents))
            notes.append(R.NOT_CHECKED.at(source, (), f"references to {listed} not checked",
                                          f"fix {names} first; it could not be loaded"))
        return notes

    def check(self, item: Located) -> None:
        doc, source, lib = item.document, item.source, self.lib
        if isinstance(doc, Entry):
            for index, ident in enumerate(doc.sources):
                self.expect(source, ("sources", index), ident, lib.sources, "source")
            for index, departure in enumerate(doc.departures):
                self.expect(source, ("departures", index, "source"), departure.source, lib.sources, "source")
                if departure.source in lib.sources and departure.source not in doc.sources:
                    self.problems.append(R.UNKNOWN_REFERENCE.at(
                        source, ("departures", index, "source"), f"`{departure.source}` is not cited by this entry",
                        "add it to `sources:` too: a departure is from an article the entry draws on"))
        for index, ident in enumerate(getattr(doc, "principles", None) or []):
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
                    self.check_covered_by(source, ("points", index, "covered_by", ref_index), ref, point.source)

    def check_outcomes(self, source: SourceFile, path: FieldPath, tree: Tree) -> None:
        for node_id, node in tree.nodes.items():
            for index, option in enumerate(node.options):
                outcome = option.outcome
                if outcome is None:
                    continue
                where = (*path, "nodes", node_id, "options", index, "outcome")
                self.expect(source, (*where, "playbook"), outcome.playbook, self.lib.playbooks, "playbook")
                self.expect(source, (*where, "template"), outcome.template, self.lib.templates, "reply")
                if outcome.resume is None:
                    continue
                target = self.lib.playbooks.get(outcome.playbook or "")
                if outcome.playbook is None:
                    self.problems.append(R.UNKNOWN_REFERENCE.at(
                        source, (*where, "resume"), "`resume:` needs a `playbook:`",
                        "name the playbook whose question to continue from"))
                elif target is not None and (target.tree is None or outcome.resume not in target.tree.nodes):
                    nodes = list(target.tree.nodes) if target.tree else []
                    hint = did_you_mean(outcome.resume, nodes, otherwise=(
                        f"questions of `{target.id}`: {', '.join(nodes)}" if nodes
                        else f"`{target.id}` has no tree: remove `resume:`"))
                    self.problems.append(R.UNKNOWN_REFERENCE.at(
                        source, (*where, "resume"), f"`{target.id}` has no question `{outcome.resume}`", hint))

    # -- replies and channels -----------------------------------------------------------

    def check_template(self, source: SourceFile, path: FieldPath, template: Template) -> None:
        lib = self.lib
        for index, name in enumerate(template.placeholders):
            self.expect(source, (*path, "placeholders", index), name, lib.placeholders, "placeholder")
        versions: list[tuple[FieldPath, list[str], FieldPath, dict[str, str]]] = [
            (("channels",), template.channels, ("text",), template.text.root)]
        versions += [(("variants", i, "channels"), v.channels, ("variants", i, "text"), v.text.root)
                     for i, v in enumerate(template.variants)]
        seen: set[str] = set()
        for channels_path, channels, text_path, texts in versions:
            for index, channel_id in enumerate(channels):
                where = (*path, *channels_path, index)
                if channel_id in seen:
                    self.problems.append(R.CHANNEL_FIT.at(source, where, f"channel `{channel_id}` is listed twice",
                                                          "each channel belongs to one version of the reply"))
                seen.add(channel_id)
                self.expect(source, where, channel_id, lib.channels, "channel")
                channel = lib.channels.get(channel_id)
                if channel is not None:
                    self.check_fit(source, (*path, *text_path), template, channel, texts)
        for language, register in lib.registers.items():
            avoid = {word.lower() for word in register.avoid}
            for text_path, text in template_texts(template):
                for word in sorted(set(_WORDS.findall(text.root.get(language, "").lower())) & avoid):
                    self.problems.append(R.REGISTER.at(
                        source, (*path, *text_path, language), f"`{word}` breaks the {language} register",
                        f"{language} replies use {register.summary.get(lib.default_language)}: "
                        "see playbooks/style.yaml"))

    def check_fit(self, source: SourceFile, path: FieldPath, template: Template, channel: Channel,
                  texts: dict[str, str]) -> None:
        """Every language fits every limit of ``channel``, with typical and with long values."""
        limits = [(limit.max, limit.unit.value) for limit in channel.limits]
        if template.max_length:
            limits.append((template.max_length, "characters"))
        for language, text in texts.items():
            if is_untranslated(text):
                continue
            names = [n for n in dict.fromkeys(PLACEHOLDER_IN_TEXT.findall(text)) if n in self.lib.placeholders]
            if not channel.links and (LINK_IN_TEXT.search(text) or any(n in LINK_PLACEHOLDERS for n in names)):
                self.problems.append(R.CHANNEL_LINKS.at(
                    source, (*path, language), f"links are not clickable on {channel.id}",
                    "drop the link here, or give this channel a variant without it"))
            for maximum, unit in limits:
                problem = self.overflow(text, names, language, maximum, unit)
                if problem:
                    self.problems.append(R.CHANNEL_FIT.at(source, (*path, language), f"{channel.id}: {problem[0]}",
                                                          problem[1]))
                    break

    def overflow(self, text: str, names: list[str], language: str, maximum: int, unit: str) -> tuple[str, str] | None:
        """Why ``text`` does not fit, naming the values that make it overflow; None when it fits."""
        placeholders = self.lib.placeholders

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
            return (f"{typical} {UNIT_NAMES[unit]} with typical values, over the limit of {maximum}",
                    f"shorten it by {typical - maximum}")
        longest = count(set(names))
        if longest <= maximum:
            return None
        by_growth = sorted(names, key=lambda n: count({n}) - typical, reverse=True)
        chosen: list[str] = []
        for name in by_growth:
            chosen.append(name)
            if count(set(chosen)) > maximum:
                break
        which = ", ".join(f"{{{n}}}" for n in chosen)
        return (f"{longest} {UNIT_NAMES[unit]} with long values, over the limit of {maximum}",
                f"it overflows once {which} {'is as long as its' if len(chosen) == 1 else 'are as long as their'} "
                f"long_example in placeholders.yaml; shorten it by {longest - maximum}")

    # -- coverage -----------------------------------------------------------------------

    def entry_of(self, ref: str) -> Entry | None:
        """The entry a coverage reference stands for (a template or step stands for its playbook)."""
        for collection in (self.lib.principles, self.lib.playbooks, self.lib.trees, self.lib.cases):
            if ref in collection:
                return collection[ref]  # type: ignore[no-any-return]
        if ref in self.lib.templates:
            return self.lib.templates[ref].playbook
        return self.steps.get(ref)

    def check_covered_by(self, source: SourceFile, path: FieldPath, ref: str, article: str) -> None:
        entry = self.entry_of(ref)
        if entry is None:
            if ref in self.maybe_defined or ref.split("/")[0] in self.maybe_defined:
                self.unchecked.setdefault(source.display, (source, []))[1].append(ref)
            else:
                choices = [*self.lib.principles, *self.lib.playbooks, *self.lib.trees, *self.lib.cases,
                           *self.lib.templates, *self.steps]
                hint = did_you_mean(ref, choices, otherwise="use a principle, playbook, reply or case id, "
                                                            "or playbook-id/step-id")
                self.problems.append(R.UNKNOWN_REFERENCE.at(source, path, f"`{ref}` does not exist", hint))
            return
        if article in self.lib.sources and article not in entry.sources:
            self.problems.append(R.COVERAGE.at(
                source, path, f"`{entry.id}` does not cite {article}",
                f"add it to the `sources:` of `{entry.id}` if the entry draws on it, or remove `{ref}` here"))

    def check_coverage_citations(self, located: list[Located]) -> None:
        """Every article an entry cites is traced to that entry by at least one coverage point."""
        traced: dict[str, set[str]] = {}
        for point in self.lib.coverage:
            for ref in point.covered_by:
                entry = self.entry_of(ref)
                if entry is not None:
                    traced.setdefault(point.source, set()).add(entry.id)
        if not traced:
            return
        for item in located:
            doc = item.document
            if not isinstance(doc, Entry):
                continue
            for index, article in enumerate(doc.sources):
                if article in traced and doc.id not in traced[article]:
                    self.problems.append(R.COVERAGE.at(
                        item.source, ("sources", index), f"no point of coverage.yaml traces {article} to `{doc.id}`",
                        "name this entry in the covered_by of the point(s) it takes from that article, "
                        "or remove the citation"))
