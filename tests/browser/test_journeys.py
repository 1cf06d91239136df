"""The headline figure: interactions from opening the home page to a filled reply in the clipboard.

An interaction is what the reader does: a click, a key press (Enter), a query typed (once), a
field filled (once per field). Five situations, one per language, some through the home page's
questions, some through search. Each twice: on a first visit (nothing saved), and with the
reader's details (name, brand, team values) saved earlier in "Your details". Limits: 6 and 4.

    pytest tests/browser/test_journeys.py -s     prints the table
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from playwright.sync_api import expect

from tests.browser.support import Card, SearchBox, Walk, clipboard, text_of

FIRST_VISIT_LIMIT = 6
WITH_PROFILE_LIMIT = 4

#: What the reader saved once in "Your details", per language (agent and team values).
PROFILE = {
    "en": {"agent_name": "Olena", "brand": "Northwind", "deadline": "by 6 pm today", "email": "help@northwind.example",
           "phone": "+1 555 010 0100", "website": "northwind.example/help"},
    "ru": {"agent_name": "Олег", "brand": "Нордвинд", "deadline": "сегодня до 18:00", "email": "help@nordwind.example",
           "phone": "8 800 555-01-00", "website": "nordwind.example/help"},
    "uk": {"agent_name": "Олена", "brand": "Нордвінд", "deadline": "сьогодні до 18:00",
           "email": "help@nordwind.example", "phone": "0 800 500 100", "website": "nordwind.example/help"},
    "ro": {"agent_name": "Ioana", "brand": "Northwind", "deadline": "azi până la ora 18",
           "email": "ajutor@northwind.example", "phone": "0800 500 100", "website": "northwind.example/ajutor"},
    "es": {"agent_name": "Lucía", "brand": "Northwind", "deadline": "hoy antes de las 18:00",
           "email": "ayuda@northwind.example", "phone": "900 500 100", "website": "northwind.example/ayuda"},
}


@dataclass(frozen=True)
class Situation:
    name: str
    lang: str
    template: str
    #: the answers to the home page's questions, as option labels in ``lang``... or a search query
    answers: tuple[str, ...] = ()
    query: str = ""
    #: what the reader types for this case
    case: dict[str, str] = field(default_factory=dict)


SITUATIONS = [
    Situation("a customer complains in public about a late parcel", "uk", "complaint-first-reply-x",
              answers=("complaint-first-reply-x",),
              case={"issue": "посилка запізнюється вже на тиждень"}),
    Situation("a troll calls us thieves in the comments", "ru", "troll-calm-facts-public",
              answers=("insults", "troll-calm-facts-public"),
              case={"fact": "все цены на сайте совпадают с ценами в магазинах"}),
    Situation("a claim we cannot check before tomorrow", "en", "holding-reply-public",
              query="reply while we check the facts",
              case={"issue": "the courier never came"}),
    Situation("a five-star review to thank", "ro", "satisfied-thanks-x",
              query="răspuns la o recenzie de cinci stele",
              case={"what_they_liked": "curierul a sunat înainte să vină"}),
    Situation("a refund we cannot give", "es", "impossible-no-with-options-x",
              answers=("impossible-no-with-options-x",),
              case={"rule": "los productos rebajados no se pueden devolver"}),
]
TABLE: list[tuple[str, str, str, str, int, int]] = []


class Reader:
    """Does what a reader does, and counts it."""

    def __init__(self, page) -> None:
        self.page = page
        self.count = 0
        self.log: list[str] = []

    def _did(self, what: str) -> None:
        self.count += 1
        self.log.append(what)

    def click(self, locator, what: str) -> None:
        locator.click()
        self._did(f"click {what}")

    def type_query(self, box: SearchBox, query: str) -> None:
        box.input.fill(query)
        self._did(f"type {query!r}")

    def press(self, locator, key: str) -> None:
        locator.press(key)
        self._did(f"press {key}")

    def fill(self, locator, value: str, what: str) -> None:
        locator.fill(value)
        self._did(f"fill {what}")


def option_label(tree, node_id: str, answer: str, lang: str, default: str) -> tuple[str, str | None]:
    """The label of the option of ``node_id`` leading to node ``answer`` or to reply ``answer``."""
    for option in tree.nodes[node_id].options:
        if option.next == answer or (option.outcome and option.outcome.template == answer):
            return text_of(option.label, lang, default), option.next
    raise AssertionError(f"no answer of {node_id!r} leads to {answer!r}: update SITUATIONS")


def save_profile(page, site, labels, library, lang: str) -> None:
    """What the reader did on an earlier day: their details, typed once in the header panel."""
    page.goto(site.url(lang, "playbooks/"))
    page.get_by_role("button", name=labels("profile_title", lang)).click()
    panel = page.get_by_role("group", name=labels("profile_title", lang))
    for name, value in PROFILE[lang].items():
        panel.get_by_label(text_of(library.placeholders[name].label, lang, site.default), exact=True).fill(value)
    panel.get_by_role("button", name=labels("profile_close", lang), exact=True).click()


@pytest.fixture(scope="module", autouse=True)
def print_table():
    yield
    if not TABLE:
        return
    rows = [("situation", "lang", "path", "profile", "interactions", "limit"),
            *[(s, lang, path, profile, str(n), str(limit)) for s, lang, path, profile, n, limit in TABLE]]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    print("\n\nInteractions from the home page to a filled reply in the clipboard:")
    for index, row in enumerate(rows):
        print("  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
        if index == 0:
            print("  " + "  ".join("-" * width for width in widths))


@pytest.mark.parametrize("saved", [False, True], ids=["first-visit", "with-profile"])
@pytest.mark.parametrize("situation", SITUATIONS, ids=[s.lang for s in SITUATIONS])
def test_from_the_home_page_to_a_filled_reply_in_the_clipboard(page, site, library, labels, situation, saved):
    lang = situation.lang
    entry = library.templates[situation.template]
    if saved:
        save_profile(page, site, labels, library, lang)
        page.evaluate("navigator.clipboard.writeText('')")

    page.goto(site.url(lang))  # opening the home page is where the count starts
    reader = Reader(page)
    if situation.query:
        box = SearchBox.home(page)
        reader.type_query(box, situation.query)
        reader.press(box.input, "Enter")
        expect(page).to_have_url(site.url(lang, f"playbooks/{entry.playbook.id}/#tpl-{entry.template.id}"))
        card = Card(page, page.locator(f"#tpl-{entry.template.id}"), lang, labels, library).ready()
    else:
        tree = library.trees[next(iter(library.trees))]
        walk = Walk(page, page.locator("[data-rb-walk]").first, labels, lang)
        node = tree.start
        for answer in situation.answers:
            label, node = option_label(tree, node, answer, lang, site.default)
            reader.click(walk.option(label), label)
        card = Card(page, walk.current.locator("[data-rb-card]"), lang, labels, library).ready()
        expect(walk.question).to_contain_text(text_of(entry.template.title, lang, site.default))

    values = {**PROFILE[lang], **situation.case}
    typed = {}
    for name in entry.template.placeholders:
        field_ = card.field(name)
        if field_.is_visible() and not field_.input_value():
            reader.fill(field_, values[name], name)
            typed[name] = values[name]
    reader.click(card.copy_button, "Copy")
    expect(card.status).to_have_text(labels("copied", lang))
    expect(card.guard).to_be_hidden()

    copied = clipboard(page)
    assert copied == card.visible_text()
    used = [name for name in entry.template.placeholders if card.field(name).is_visible()]
    for name in used:
        assert values[name] in copied, f"{name} is not in the copied reply"
        assert card.blank_marker(name) not in copied
    assert "{" not in copied and "}" not in copied
    if saved:
        assert not set(typed) & set(PROFILE[lang]), f"saved details typed again: {reader.log}"

    limit = WITH_PROFILE_LIMIT if saved else FIRST_VISIT_LIMIT
    TABLE.append((situation.name, lang, "search" if situation.query else "questions",
                  "saved" if saved else "first visit", reader.count, limit))
    assert reader.count <= limit, reader.log
