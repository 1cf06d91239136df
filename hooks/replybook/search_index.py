"""The per-language search index, built from the library with Pagefind's Python API.

The index is made from the content, not scraped from the built pages: every playbook, reply,
principle, case and tree becomes one record in its language, with its title, its search terms
(weighted like the title), its summary and its text (do/don't lines weigh less), so page
furniture (menus, ¶ permalinks, "[Untitled]") can never be found, and a reply is found as
itself, opening its own card. For Ukrainian and Russian each record also carries the dictionary
lemma of its words (see morphology.py), and the browser gets a lexicon to turn query words into
lemmas. Every language gets a vocabulary list for typo correction.

Pagefind splits the index by language, stems en, ru, ro and es, and folds diacritics.
"""

from __future__ import annotations

import asyncio
import html
import json
import shutil
import tempfile
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .library import Library
from .model import PLACEHOLDER_IN_TEXT, CaseStudy, DecisionTree, LocalizedText, Playbook, Principle, SearchTerms
from .morphology import MORPHOLOGY_LANGUAGES, STOP_WORDS, Morphology, bare, lexicon, loose, phrase_keys, words
from .pages import entry_key, page_url, template_anchor
from .rules_text import is_untranslated

SEARCH_DIR = "search"  # lexicons and vocabularies, beside Pagefind's own `pagefind/`
# Pagefind weights (a paragraph is 1, an h1 7): titles and search terms decide, do/don't lines
# and a reply's own text (words every reply shares) weigh least.
TITLE, TERMS, SUMMARY, BODY, MINOR = 7.0, 7.0, 2.0, 1.0, 0.5


class SearchIndexError(RuntimeError):
    """Pagefind failed; the message says what happened."""


@dataclass
class Record:
    """One search result: where it leads, what it is, and the weighted text it is found by."""

    url: str
    kind: str
    title: str
    summary: str
    parts: list[tuple[float, str]] = field(default_factory=list)
    context: str = ""  # for a reply: its playbook's title
    phrases: list[str] = field(default_factory=list)  # title and search terms: their word pairs are keys

    def add(self, weight: float, text: str) -> None:
        if text.strip():
            self.parts.append((weight, text))

    def phrase_keys(self, language: str, morphology: Morphology | None) -> list[str]:
        """The keys of the word pairs in the title and in each search term (see morphology.phrase_keys)."""
        found: list[str] = []
        for phrase in [self.title, *self.phrases]:
            lemmas = morphology.lemmas(phrase) if morphology is not None else words(phrase)
            found.extend(k for k in phrase_keys(lemmas, language) if k not in found)
        return found

    def html(self, language: str, morphology: Morphology | None) -> str:
        """The record as the HTML Pagefind indexes (never published)."""
        out = [f'<html lang="{language}"><head><title>{html.escape(self.title)}</title></head><body>',
               f'<h1 data-pagefind-meta="title">{html.escape(self.title)}</h1>',
               f'<span data-pagefind-meta="kind:{self.kind}"></span>',
               f'<span data-pagefind-filter="kind:{self.kind}"></span>',
               f'<span data-pagefind-meta="url:{html.escape(self.url, quote=True)}"></span>',
               f'<span data-pagefind-meta="summary:{html.escape(self.summary, quote=True)}"></span>']
        if self.context:
            out.append(f'<span data-pagefind-meta="context:{html.escape(self.context, quote=True)}"></span>')
        for weight, text in self.parts:
            out.append(f'<p data-pagefind-weight="{weight}">{html.escape(text)}</p>')
            if morphology is not None:
                lemmas = [lemma for word, lemma in zip(words(text), morphology.lemmas(text), strict=True)
                          if lemma != word]
                if lemmas:
                    out.append(f'<p data-pagefind-weight="{weight}">{html.escape(" ".join(lemmas))}</p>')
        if morphology is not None:
            title_lemmas = [lemma for word, lemma in zip(words(self.title), morphology.lemmas(self.title),
                                                         strict=True) if lemma != word]
            if title_lemmas:
                out.append(f'<p data-pagefind-weight="{TITLE}">{html.escape(" ".join(title_lemmas))}</p>')
        keys = self.phrase_keys(language, morphology)
        if keys:
            out.append(f'<p data-pagefind-weight="{TERMS}">{" ".join(keys)}</p>')
        out.append("</body></html>")
        return "".join(out)


class _Text:
    def __init__(self, library: Library, language: str) -> None:
        self.language, self.default = language, library.default_language
        self.placeholders = library.placeholders

    def __call__(self, value: LocalizedText | None) -> str:
        if value is None:
            return ""
        own = value.root.get(self.language, "")
        return own if not is_untranslated(own) else value.root.get(self.default, "")

    def terms(self, value: SearchTerms | None) -> str:
        return ", ".join(value.terms(self.language)) if value is not None else ""

    def reply(self, value: LocalizedText) -> str:
        """Reply text with placeholders shown as their labels, as on the page."""
        def label(match: Any) -> str:
            placeholder = self.placeholders.get(match.group(1))
            return f"[{self(placeholder.label)}]" if placeholder else match.group(0)
        return PLACEHOLDER_IN_TEXT.sub(label, self(value))


def _url(language: str, root_language: str, key: str, anchor: str = "") -> str:
    prefix = "" if language == root_language else f"{language}/"
    return "/" + prefix + page_url(key) + (f"#{anchor}" if anchor else "")


def records(library: Library, language: str, root_language: str | None = None) -> Iterator[Record]:
    """Every search record of one language (``root_language`` is the one built at the site root)."""
    text = _Text(library, language)
    default = root_language or library.default_language
    for playbook in library.playbooks.values():
        yield _playbook(playbook, text, language, default)
        for template in playbook.templates:
            record = Record(_url(language, default, entry_key(playbook), template_anchor(template.id)), "template",
                            text(template.title), _excerpt(text.reply(template.text)), context=text(playbook.title))
            record.add(TERMS, text.terms(template.search))
            record.phrases = _terms(template.search, language)
            record.add(MINOR, text(playbook.title))
            # a reply is found by what it is for (title, terms), not by the common words every
            # reply contains; its text weighs least
            record.add(MINOR, text.reply(template.text))
            yield record
    for principle in library.principles.values():
        record = _entry(principle, text, language, default, "principle", text(principle.statement))
        record.add(SUMMARY, text(principle.statement))
        record.add(BODY, text(principle.why))
        for line in principle.practice:
            record.add(BODY, text(line))
        yield record
    for case in library.cases.values():
        record = _entry(case, text, language, default, "case", text(case.summary))
        record.add(SUMMARY, text(case.summary))
        for line in [*case.what_happened, *case.lessons, *case.went_right, *case.went_wrong]:
            record.add(MINOR, text(line))
        yield record
    for tree in library.trees.values():
        record = _entry(tree, text, language, default, "tree", text(tree.summary))
        record.add(SUMMARY, text(tree.summary))
        yield record


def _entry(entry: Principle | Playbook | CaseStudy | DecisionTree, text: _Text, language: str, default: str,
           kind: str, summary: str) -> Record:
    record = Record(_url(language, default, entry_key(entry)), kind, text(entry.title), _excerpt(summary))
    record.add(TERMS, text.terms(entry.search))
    record.phrases = _terms(entry.search, language)
    return record


def _terms(value: SearchTerms | None, language: str) -> list[str]:
    return list(value.terms(language)) if value is not None else []


def _playbook(playbook: Playbook, text: _Text, language: str, default: str) -> Record:
    record = _entry(playbook, text, language, default, "playbook", text(playbook.summary))
    record.add(SUMMARY, text(playbook.summary))
    for line in playbook.signals:
        record.add(BODY, text(line))
    for step in playbook.steps:
        record.add(BODY, text(step.text))
    for line in [*playbook.do, *playbook.dont]:
        record.add(MINOR, text(line))
    return record


def _excerpt(value: str, limit: int = 180) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1].rsplit(" ", 1)[0] + "…"


def shard_name(key: str) -> str:
    """A file name for a lexicon shard that any web server serves: the key's code points in hex."""
    return "".join(f"{ord(c):04x}" for c in key) + ".json"


def _write_json(path: Path, value: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True), encoding="utf-8")


def write_lexicons(all_records: dict[str, list[Record]], site: Path,
                   morphologies: dict[str, Morphology]) -> None:
    """Per language: a vocabulary for typo correction and, for uk/ru, the form → lemma lexicon."""
    for language, found in all_records.items():
        counts: Counter[str] = Counter()
        for record in found:
            counts.update(words(record.title))
            for _, part in record.parts:
                counts.update(words(part))
        folder = site / SEARCH_DIR / language
        morphology = morphologies.get(language)
        written: dict[str, list[str]] = {"forms": [], "words": []}
        if morphology is not None:
            counts.update({morphology.lemma(w): n for w, n in counts.items()})
            for key, entries in lexicon(morphology, list(counts)).items():
                _write_json(folder / "forms" / shard_name(key), entries)
                written["forms"].append(key)
        vocabulary = [w for w, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if len(w) > 1]
        _write_json(folder / "words.json", vocabulary)
        for key, keys in vocabulary_shards(vocabulary).items():
            _write_json(folder / "words" / shard_name(key), keys)
            written["words"].append(key)
        _write_json(folder / "shards.json", {kind: sorted(keys) for kind, keys in written.items()})
        _write_json(folder / "stop.json", sorted(STOP_WORDS.get(language, ())))


def vocabulary_shards(vocabulary: Iterable[str]) -> dict[str, list[str]]:
    """The vocabulary as bare keys (see morphology.bare), sorted, by their first two letters.

    The browser decides whether a typed word is the guide's from one small file.
    """
    found: dict[str, set[str]] = {}
    for word in vocabulary:
        key = bare(word)
        if len(key) > 1:
            found.setdefault(key[:2], set()).add(key)
    return {name: sorted(keys) for name, keys in sorted(found.items())}


def _record_path(url: str) -> str:
    """Where a record's HTML is staged: its URL as a folder (an anchor becomes a sub-folder)."""
    return url.strip("/").replace("#", "/") + "/index.html" if url.strip("/") else "index.html"


async def _index(pages: Iterable[tuple[str, str, str]], output: Path) -> None:
    """Index the records with Pagefind's Python API.

    The records are staged as files and added with one `add_directory` request: the API's
    service reads each answer after a 0.1 s pause, so one request per record would cost 40 s
    for 400 records. Each record's real URL (a reply's has an anchor) is in its `url` meta.
    """
    from pagefind.index import PagefindIndex

    with tempfile.TemporaryDirectory(prefix="replybook-search-") as staging:
        root = Path(staging)
        for url, _, content in pages:
            target = root / _record_path(url)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
        async with PagefindIndex(config={"output_path": str(output)}) as index:
            await index.add_directory(str(root))


def _incomplete(output: Path) -> str | None:
    """Why Pagefind's output cannot be published (an empty or unreadable file), or None."""
    try:
        entry = json.loads((output / "pagefind-entry.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return f"pagefind-entry.json is unreadable ({exc})"
    if not entry.get("languages"):
        return "pagefind-entry.json lists no language"
    empty = sorted(p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file() and not p.stat().st_size)
    return f"empty files: {', '.join(empty[:5])}" if empty else None


def build_pages(library: Library, languages: Iterable[str], root_language: str | None = None
                ) -> tuple[list[tuple[str, str, str]], dict[str, list[Record]], dict[str, Morphology]]:
    """(url, language, html) of every record, the records per language, the morphologies used."""
    pages, by_language, morphologies = [], {}, {}
    for language in languages:
        morphology = Morphology(language) if language in MORPHOLOGY_LANGUAGES else None
        if morphology is not None:
            morphologies[language] = morphology
        found = list(records(library, language, root_language))
        by_language[language] = found
        pages += [(record.url, language, record.html(language, morphology)) for record in found]
    return pages, by_language, morphologies


def write_search_index(library: Library, site: Path, languages: Iterable[str], *, root_language: str | None = None,
                       cache: dict[str, Any] | None = None) -> None:
    """Write `pagefind/` and `search/` into ``site`` for ``languages``.

    With a ``cache`` (a preview under `mkdocs serve`), the index is built once and copied into
    each rebuilt site afterwards: a preview does not wait for search on every save.
    """
    if cache is not None and "files" in cache:
        for relative, content in cache["files"].items():
            target = site / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        return
    pages, by_language, morphologies = build_pages(library, languages, root_language)
    output = site / "pagefind"
    if output.exists():
        shutil.rmtree(output)
    # Pagefind indexes in its own process while this one writes the lexicons: two cores, both busy.
    failure: list[BaseException] = []

    def index() -> None:
        try:
            for attempt in range(2):
                asyncio.run(_index(pages, output))
                problem = _incomplete(output)
                if problem is None:
                    return
                if attempt:
                    raise RuntimeError(problem)
                shutil.rmtree(output, ignore_errors=True)  # once seen under heavy load: write it again
        except Exception as exc:  # Pagefind's service reports its own errors as exceptions of several kinds
            failure.append(exc)

    worker = threading.Thread(target=index, name="pagefind")
    worker.start()
    try:
        write_lexicons(by_language, site, morphologies)
    finally:
        worker.join()
    if failure:
        raise SearchIndexError(f"the search index could not be built: {failure[0]}") from failure[0]
    if cache is not None:
        cache["files"] = {p.relative_to(site).as_posix(): p.read_bytes()
                          for folder in (output, site / SEARCH_DIR) for p in folder.rglob("*") if p.is_file()}


def lookup_key(word: str) -> str:
    """The key the browser looks a typed word up by (tests compare it with the script's)."""
    return loose(word)
