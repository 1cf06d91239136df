"""Word forms for search in languages with rich inflection (Ukrainian, Russian), from a real dictionary.

Pagefind has no Ukrainian stemmer, and the Russian Snowball stemmer misses forms such as
«тролль/троллей» or «завирусилась/завирусился». So both sides meet on dictionary lemmas
(pymorphy3 with its OpenCorpora-based dictionaries): the index gets the lemma of every word next
to the word itself, and the reader's query words are turned into lemmas in the browser through a
lexicon of every form of every lemma the site uses (sharded by the form's first letters, so a
query fetches a few kilobytes).

Two foldings, used by both sides (the browser's copy is in docs/assets/replybook-search.js):
`normalize` (lowercase, one apostrophe, comma-below ș ț) is what the index and the queries use;
`loose` also folds the letters people mix up on the wrong keyboard layout (ё→е, й→и, ї→і, є→е,
ґ→г) and is used only to look words up in the lexicon and the vocabulary, never to search.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import cache
from typing import Any

#: Languages whose words are lemmatised at build time and in the browser.
MORPHOLOGY_LANGUAGES = ("uk", "ru")
WORD = re.compile(r"[^\W\d_]+(?:['’ʼ`][^\W\d_]+)*")
_NORMALIZE = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "ş": "ș", "ţ": "ț"})
_LOOSE = str.maketrans({"ё": "е", "й": "и", "ї": "і", "є": "е", "ґ": "г"})


def normalize(word: str) -> str:
    """Lowercase, one apostrophe, comma-below ș ț: the form both the index and queries use."""
    return word.lower().translate(_NORMALIZE)


def loose(word: str) -> str:
    """``normalize``, and the letters mixed up on the wrong keyboard folded: a lookup key only."""
    return normalize(word).translate(_LOOSE)


def fold(word: str) -> str:
    """Alias of ``loose`` (the lexicon's key)."""
    return loose(word)


def words(text: str) -> list[str]:
    """The words of a text, normalized."""
    return [normalize(w) for w in WORD.findall(text)]


@cache
def _analyzer(language: str) -> Any:
    import pymorphy3  # imported only when a site has a language that needs it

    return pymorphy3.MorphAnalyzer(lang=language)


class Morphology:
    """Lemmas and full paradigms of one language's words, cached for a build."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.analyzer = _analyzer(language)
        self._lemma: dict[str, str] = {}

    def lemma(self, word: str) -> str:
        """The dictionary form of ``word`` (normalized); the word itself if it is not Cyrillic."""
        key = normalize(word)
        if key not in self._lemma:
            if not re.search(r"[а-яіїєґё]", key):
                self._lemma[key] = key
            else:
                self._lemma[key] = normalize(self.analyzer.parse(key)[0].normal_form)
        return self._lemma[key]

    def lemmas(self, text: str) -> list[str]:
        """The lemma of every word of ``text``, in order."""
        return [self.lemma(w) for w in words(text)]

    def forms(self, lemma: str) -> set[str]:
        """Every form of the word whose dictionary form is ``lemma`` (normalized)."""
        found = {lemma}
        for parse in self.analyzer.parse(lemma):
            if normalize(parse.normal_form) == lemma:
                found.update(normalize(form.word) for form in parse.lexeme)
        return found


def lexicon(morphology: Morphology, vocabulary: Iterable[str]) -> dict[str, dict[str, str]]:
    """loose(form) → lemma for every form of every lemma of ``vocabulary``, sharded by key prefix.

    Where two lemmas share a form, the lemma found more often in the vocabulary wins. A form that is
    its own lemma is listed only when its loose key differs from it (a lookup by a mistyped key).
    """
    counts = Counter(morphology.lemma(w) for w in vocabulary)
    mapping: dict[str, str] = {}
    for lemma, _ in counts.most_common():
        for form in morphology.forms(lemma):
            mapping.setdefault(loose(form), lemma)
    shards: dict[str, dict[str, str]] = {}
    for key, lemma in sorted(mapping.items()):
        if key != lemma:
            shards.setdefault(shard_key(key), {})[key] = lemma
    return shards


def shard_key(key: str) -> str:
    """The shard a loose key's lexicon entry lives in: its first two letters."""
    return key[:2]
