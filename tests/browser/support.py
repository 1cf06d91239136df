"""What the browser tests know about Replybook, and how a reader reaches its parts.

Expected values come from the project's own sources of truth, never from the page scripts:
interface labels from hooks/replybook/ui.yaml, wording and ids from the playbooks (through the
library), the languages from mkdocs.yml. The small page objects below find things the way a
reader does (by label, role and visible text) wherever the markup allows it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any
from urllib.parse import urljoin, urlsplit

import regex
import yaml
from playwright.sync_api import Locator, Page, expect

from replybook.rules_text import is_untranslated
from tests.conftest import ROOT

UI_FILE = ROOT / "hooks" / "replybook" / "ui.yaml"
#: A browser locale per site language, for "first visit" tests (a language not listed uses its code).
LOCALES = {"en": "en-US", "ru": "ru-RU", "uk": "uk-UA", "ro": "ro-RO", "es": "es-ES"}
#: Written to the clipboard before a copy that must not happen.
SENTINEL = "clipboard before the test"


def locale_of(language: str) -> str:
    return LOCALES.get(language, language)


# ---------- labels (ui.yaml) and content ----------


class Labels:
    """Interface labels per language, as ui.yaml spells them."""

    def __init__(self) -> None:
        self.data: dict[str, Any] = yaml.safe_load(UI_FILE.read_text(encoding="utf-8"))

    def __call__(self, key: str, language: str, **values: object) -> str:
        text = self.data[key][language]
        assert isinstance(text, str), f"{key} has plural forms: use .count()"
        for name, value in values.items():
            text = text.replace("{" + name + "}", str(value))
        return text

    def pattern(self, key: str, language: str) -> re.Pattern[str]:
        """The label with any value in its {slots}."""
        return re.compile(re.sub(r"\\\{\w+\\\}", ".+", re.escape(self.data[key][language])))

    def count(self, key: str, language: str, n: int, **values: object) -> re.Pattern[str]:
        """Any plural form of ``key`` with ``{n}`` = n.

        Which form a language picks for n is CLDR's business; the tests check the words and the number.
        """
        forms = self.data[key][language]
        forms = forms.values() if isinstance(forms, dict) else [forms]
        texts = []
        for form in forms:
            for name, value in {"n": n, **values}.items():
                form = form.replace("{" + name + "}", str(value))
            texts.append(re.escape(form))
        return re.compile("(?:" + "|".join(sorted(set(texts))) + ")")


def text_of(value: Any, language: str, default: str = "en") -> str:
    """A LocalizedText as the site shows it: its own language, or the default one if untranslated."""
    own = value.root.get(language, "")
    return own if not is_untranslated(own) else value.root[default]


def squash(text: str) -> str:
    return " ".join(text.split())


def content_words(library: Any, language: str) -> set[str]:
    """Every word of the guide's content in ``language``, search terms included (lowercase)."""
    from replybook.rules_text import iter_localized

    found: set[str] = set()
    documents = [*library.principles.values(), *library.playbooks.values(), *library.trees.values(),
                 *library.cases.values(), *library.placeholders.values(), *library.channels.values()]
    for document in documents:
        for _, value in iter_localized(document):
            found.update(word.lower() for word in re.findall(r"[\w'’ʼ]+", value.root.get(language, "")))
    return found


# ---------- addresses ----------


@dataclass(frozen=True)
class Site:
    """Where each page of each language is: the default language at the root, others under /xx/."""

    base: str
    default: str
    languages: tuple[str, ...]

    def prefix(self, language: str) -> str:
        return "" if language == self.default else f"{language}/"

    def url(self, language: str, path: str = "") -> str:
        return self.base + self.prefix(language) + path

    def path_of(self, url: str) -> str:
        """The page path of a URL without language prefix and fragment: 'playbooks/x/'."""
        path = url.removeprefix(self.base).split("#")[0]
        first = path.split("/")[0]
        return path[len(first) + 1:] if first in self.languages and first != self.default else path

    def language_of(self, url: str) -> str:
        first = url.removeprefix(self.base).split("/")[0]
        return first if first in self.languages and first != self.default else self.default


def page_types(library) -> dict[str, str]:
    """One page of each kind the site has (the first entry of each list)."""
    return {
        "home": "",
        "playbooks": "playbooks/",
        "playbook": f"playbooks/{next(iter(library.playbooks))}/",
        "principles": "principles/",
        "principle": f"principles/{next(iter(library.principles))}/",
        "cases": "cases/",
        "case": f"cases/{next(iter(library.cases))}/",
        "tree": f"trees/{next(iter(library.trees))}/",
        "templates": "templates/",
        "channels": "channels/",
        "response-times": "response-times/",
        "sources": "sources/",
        "helpdesk": "helpdesk/",
        "contribute": "contribute/",
    }


# ---------- counting as the platforms do ----------

URL = re.compile(r"https?://\S+|www\.\S+")


def x_weighted(text: str) -> int:
    """X's weighted length of Latin or Cyrillic text without emoji (twitter-text v3).

    Each URL counts 23, each character in X's light ranges 1, anything else 2.
    """
    count = 0
    for part in URL.split(text):
        for char in part:
            code = ord(char)
            light = code <= 4351 or 8192 <= code <= 8205 or 8208 <= code <= 8223 or 8242 <= code <= 8247
            count += 1 if light else 2
    return count + 23 * len(URL.findall(text))


def graphemes(text: str) -> int:
    return len(regex.findall(r"\X", text))


# ---------- the page, as a reader uses it ----------


def clipboard(page: Page) -> str:
    return page.evaluate("navigator.clipboard.readText()")


def set_clipboard(page: Page, text: str = SENTINEL) -> None:
    page.evaluate("text => navigator.clipboard.writeText(text)", text)


def focused(page: Page) -> Locator:
    return page.locator("*:focus")


def has_visible_focus(page: Page) -> bool:
    """The focused element shows a focus ring a sighted keyboard user can see."""
    return page.evaluate("""() => {
        const el = document.activeElement;
        if (!el || el === document.body || !el.matches(':focus-visible')) { return false; }
        const style = getComputedStyle(el);
        const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1;
        const shadow = style.boxShadow && style.boxShadow !== 'none';
        return ring || shadow;
    }""")


def cards_settled(page: Page) -> None:
    """Wait until every reply card on screen (not in a hidden tree step) has its fields and Copy."""
    page.wait_for_function("() => [...document.querySelectorAll('[data-rb-card]:not([data-rb-ready])')]"
                           ".every(card => !card.getClientRects().length)")


def no_horizontal_scroll(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


class SearchBox:
    """The header search (every page) or the home page's own search box."""

    def __init__(self, page: Page, root: Locator) -> None:
        self.page = page
        self.root = root
        self.input = root.get_by_role("searchbox")
        self.status = root.get_by_role("status")
        self.hits = root.locator(".rb-search__results a")
        self.none = root.locator(".rb-search__none")

    @classmethod
    def header(cls, page: Page) -> SearchBox:
        return cls(page, page.locator("[data-md-component=header] [data-rb-search]"))

    @classmethod
    def home(cls, page: Page) -> SearchBox:
        return cls(page, page.locator(".md-content [data-rb-search]"))

    def search(self, query: str) -> list[str]:
        """Clear the box and type a query; the result URLs, once shown.

        Waits for the results of this query, or for the 'nothing found' help.
        """
        if self.input.input_value():
            self.input.fill("")
            expect(self.hits).to_have_count(0)
        self.input.fill(query)
        expect(self.root.locator(".rb-search__results a:visible, .rb-search__none:visible").first).to_be_visible()
        return self.urls()

    def urls(self) -> list[str]:
        return self.hits.evaluate_all("links => links.map(a => a.href)")

    def kinds(self) -> list[str]:
        return [squash(t) for t in self.hits.locator(".rb-search__kind").all_text_contents()]

    def show_all(self, more_label: str) -> None:
        more = self.root.get_by_role("button", name=more_label)
        while more.is_visible():
            shown = self.hits.count()
            more.click()
            expect(self.hits).not_to_have_count(shown)


class Card:
    """A reply card: its visible text, its blanks, its platform choice and its Copy button."""

    def __init__(self, page: Page, root: Locator, language: str, labels: Labels, library: Any) -> None:
        self.page = page
        self.root = root
        self.language = language
        self.labels = labels
        self.library = library
        self.text = root.locator("[data-rb-text]:visible")
        self.count = root.locator(".rb-count")
        self.status = root.get_by_role("status")
        self.guard = root.get_by_role("alert")
        self.copy_button = root.get_by_role("button", name=labels("copy", language), exact=True)
        self.fill_them = root.get_by_role("button", name=labels("fill_them", language), exact=True)
        self.copy_anyway = root.get_by_role("button", name=labels("copy_anyway", language), exact=True)
        self.channel = root.get_by_label(labels("post_on", language), exact=True)

    def label(self, name: str) -> str:
        return text_of(self.library.placeholders[name].label, self.language, self.library.default_language)

    def field(self, name: str) -> Locator:
        return self.root.get_by_label(self.label(name), exact=True)

    def fill(self, name: str, value: str) -> None:
        self.field(name).fill(value)

    def ready(self) -> Card:
        expect(self.copy_button).to_be_visible()
        return self

    def visible_text(self) -> str:
        return self.text.inner_text()

    def blank_marker(self, name: str) -> str:
        """How an unfilled blank reads in the reply: its label in brackets."""
        return f"[{self.label(name)}]"

    def copy(self) -> str:
        """Click Copy and wait for the confirmation; the clipboard's text."""
        self.copy_button.click()
        expect(self.status).not_to_be_empty()
        return clipboard(self.page)

    def remaining(self) -> int:
        """The number the counter shows."""
        match = re.search(r"\d+", self.count.text_content() or "")
        assert match, f"no number in the counter: {self.count.text_content()!r}"
        return int(match.group())


class Walk:
    """A decision tree as the reader walks it: one question (or outcome) at a time."""

    def __init__(self, page: Page, root: Locator, labels: Labels, language: str) -> None:
        self.page = page
        self.root = root
        self.current = root.locator(".rb-node:visible")
        self.question = self.current.locator(".rb-node__question")
        self.trail = root.get_by_role("list", name=labels("tree_your_answers", language), exact=True)

    def option(self, label: str) -> Locator:
        return self.current.get_by_role("link", name=label, exact=True)

    def choose(self, label: str) -> None:
        self.option(label).click()


def tree_path(tree: Any, *, steps: int, template: bool = True) -> list[tuple[str, int]]:
    """The shortest walk through ``tree`` of at least ``steps`` answers that ends in an outcome.

    (node id, option index) pairs from the start; the outcome has a reply when ``template``.
    """
    queue: list[list[tuple[str, int]]] = [[]]
    while queue:
        path = queue.pop(0)
        node_id = tree.start if not path else tree.nodes[path[-1][0]].options[path[-1][1]].next
        for index, option in enumerate(tree.nodes[node_id].options):
            walk = [*path, (node_id, index)]
            if option.outcome and len(walk) >= steps and (option.outcome.template or not template):
                return walk
            if option.next and option.next not in [n for n, _ in walk] and len(walk) < 8:
                queue.append(walk)
    raise AssertionError(f"no walk of {steps} answers in tree {tree.id}")


def resolve(page_url: str, href: str) -> str:
    return urljoin(page_url, href)


def is_relative(href: str) -> bool:
    parts = urlsplit(href)
    return not parts.scheme and not parts.netloc and not href.startswith("/")


@dataclass
class ContentPick:
    """Reply cards the card and journey tests use, checked against the content once."""

    library: Any

    @cached_property
    def profile_names(self) -> set[str]:
        return {name for name, p in self.library.placeholders.items() if p.scope.value in ("agent", "team")}

    def scope(self, name: str) -> str:
        return self.library.placeholders[name].scope.value
