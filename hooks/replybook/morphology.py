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

import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import cache
from typing import Any

#: Languages whose words are lemmatised at build time and in the browser.
MORPHOLOGY_LANGUAGES = ("uk", "ru")
WORD = re.compile(r"[^\W\d_]+(?:['’ʼ`][^\W\d_]+)*")
_NORMALIZE = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "ş": "ș", "ţ": "ț"})
_LOOSE = str.maketrans({"ё": "е", "й": "и", "ї": "і", "є": "е", "ґ": "г"})


@cache
def normalize(word: str) -> str:
    """Lowercase, one apostrophe, comma-below ș ț: the form both the index and queries use."""
    return word.lower().translate(_NORMALIZE)


def loose(word: str) -> str:
    """``normalize``, and the letters mixed up on the wrong keyboard folded: a lookup key only."""
    return normalize(word).translate(_LOOSE)


def bare(word: str) -> str:
    """``loose`` without accents (ă→a, é→e, й→и): how the vocabulary and phrase keys compare words."""
    decomposed = unicodedata.normalize("NFD", loose(word))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


#: Function words per language: they say nothing about a situation and, as prefixes, match
#: everything, so queries drop them (the browser gets this list as `search/<lang>/stop.json`).
STOP_WORDS: dict[str, frozenset[str]] = {language: frozenset(text.split()) for language, text in {
    "en": "a an the to of in on at for and or is are was were be been it its this that these those how what why "
          "when where who do does did can could should would will with about from by as so if not no but just",
    "ru": "и в во на с со к ко по о об от до за из у не ни что как это для а но ли же если когда где чтобы или то "
          "ну бы был была было были есть так уже еще там тут вот",
    "uk": "і й та в у на з із зі до за від по про не ні що як це для а але чи ж якщо коли де щоб або то ну б би "
          "був була було були є так вже ще там тут ось шо",
    "ro": "si in la cu de din pe pentru un o a al ale ai cum ce ca nu e este sunt ma daca cand sau care se sa ne "
          "am ia da le mai dar doar tot are avem fi fost lui lor ii i s m iar",
    "es": "y e en de del la el los las un una unos unas a al con por para que como no es se si cuando o lo le les "
          "me te su sus ya hay muy mas pero este esta esto eso ese esa",
}.items()}

#: A phrase key joins the first letters of two neighbouring words of a search term or title, so that
#: "response time" finds the entry that lists it before one that has "response" and "time" apart.
PHRASE_MARK, PHRASE_LETTERS = "zq", 4


def phrase_keys(lemmas: Iterable[str], language: str) -> list[str]:
    """Keys for each pair of neighbouring content words (lemmas for uk/ru), in either order."""
    stop = STOP_WORDS.get(language, frozenset())
    keys = [bare(w)[:PHRASE_LETTERS] for w in lemmas if bare(w) not in stop and len(w) > 1]
    found = []
    for first, second in itertools.pairwise(keys):
        if first != second:
            key = PHRASE_MARK + min(first, second) + max(first, second)
            if key not in found:
                found.append(key)
    return found


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


def _paradigm(parse: Any) -> tuple[Any, ...]:
    """Which paradigm a reading belongs to.

    Two readings of one word in the same paradigm (genitive and accusative of «клієнта») have the
    same forms, so the paradigm is generated once.
    """
    return tuple((type(step[0]).__name__, step[2] if len(step) > 3 else step[-1]) for step in parse.methods_stack)


class Morphology:
    """Lemmas and full paradigms of one language's words, cached for a build."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.analyzer = _analyzer(language)
        self._lemma: dict[str, str] = {}
        self._parses: dict[str, dict[tuple[str, str], Any]] = {}  # lemma → its parses seen in the text

    def lemma(self, word: str) -> str:
        """The dictionary form of ``word`` (normalized); the word itself if it is not Cyrillic."""
        key = normalize(word)
        if key not in self._lemma:
            if not re.search(r"[а-яіїєґё]", key):
                self._lemma[key] = key
            else:
                parses = self.analyzer.parse(key)
                lemma = normalize(parses[0].normal_form)
                self._lemma[key] = lemma
                self._lemma.setdefault(lemma, lemma)  # a dictionary form is its own lemma: no second parse
                seen = self._parses.setdefault(lemma, {})
                for parse in parses:
                    if normalize(parse.normal_form) == lemma:
                        seen.setdefault(_paradigm(parse), parse)
        return self._lemma[key]

    def lemmas(self, text: str) -> list[str]:
        """The lemma of every word of ``text``, in order."""
        return [self.lemma(w) for w in words(text)]

    def forms(self, lemma: str) -> set[str]:
        """Every form of the word whose dictionary form is ``lemma`` (normalized).

        The paradigms come from the readings of the words seen in the text (``lemma`` keeps them),
        so the dictionary is not searched a second time; a lemma never seen is parsed afresh.
        """
        found = {lemma}
        parses = self._parses.get(lemma)
        if parses is None:
            parses = {_paradigm(p): p for p in self.analyzer.parse(lemma) if normalize(p.normal_form) == lemma}
        for parse in parses.values():
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
