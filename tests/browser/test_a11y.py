"""Accessibility: axe-core finds no serious or critical violation, wherever the reader goes.

On any kind of page, in every language, in the light scheme; in the dark scheme (where only
colours change, so only the colour rules run) for two languages; in the interactive states
(search results, the copy guard, the details panel, a tree outcome); and at phone width.

The tests at the end guard what the broad tests found once (names, colours in the dark scheme,
under the mouse, in code examples).
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from replybook.project import load_project
from tests.browser.conftest import PHONE
from tests.browser.support import Card, SearchBox, Walk, cards_settled, page_types, text_of
from tests.conftest import ROOT

LANGUAGES = load_project(ROOT).languages
DARK = ("en", "uk")
SCHEMES = [(lang, "light") for lang in LANGUAGES] + [(lang, "dark") for lang in DARK if lang in LANGUAGES]
#: The rules whose outcome depends on colours: all a dark scheme can change.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
#: The site navigation: the same on every page of a language, checked on the home page only.
SITE_NAV = (".md-sidebar--primary",)


def axe(page, axe_source: str, rules: list[str] | None = None,
        hover: bool = False, exclude: tuple[str, ...] = ()) -> list[str]:
    """Serious and critical violations on the page as it is now.

    Not in ``exclude``; the mouse moved out of the way unless ``hover``.
    """
    if not hover:
        page.mouse.move(1, page.viewport_size["height"] - 1)
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")  # colours settled
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source)
        # cards off screen are not rendered (content-visibility: auto) until they come near; axe
        # scrolls to each element and reads colours before the browser has painted it
        page.add_style_tag(content=".rb-card { content-visibility: visible !important; }")
    options: dict = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": rules}
    found = json.loads(page.evaluate(
        "async ([exclude, options]) => JSON.stringify(await axe.run(exclude.length ? {exclude} : document, options))",
        [list(exclude), options]))
    out = []
    for violation in found["violations"]:
        if violation["impact"] not in ("serious", "critical"):
            continue
        nodes = violation["nodes"]
        if nodes:
            out.append(f"{violation['id']} ({violation['impact']}): {[n['target'] for n in nodes[:3]]} "
                       f"{nodes[0]['failureSummary'][:240]}")
    return out


def settle(page) -> None:
    """Wait until the page's script has built what it builds (search boxes, reply cards)."""
    cards_settled(page)
    expect(page.locator("[data-rb-search][hidden]")).to_have_count(0)


@pytest.mark.parametrize(("lang", "scheme"), SCHEMES, ids=[f"{lang}-{scheme}" for lang, scheme in SCHEMES])
def test_every_kind_of_page_has_no_serious_violations(new_page, site, library, axe_source, lang, scheme):
    page = new_page(color_scheme=scheme)
    rules = COLOUR_RULES if scheme == "dark" else None
    found = {}
    for name, path in [*page_types(library).items(), ("404", "404.html")]:
        page.goto(site.url(lang, path))
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme",
                                                       "slate" if scheme == "dark" else "default")
        if name != "404":
            settle(page)
        violations = axe(page, axe_source, rules, exclude=() if name == "home" else SITE_NAV)
        if violations:
            found[name] = violations
    assert found == {}


def open_states(page, site, library, labels, lang: str):
    """Walk through the interactive states; yield (what, page) at each."""
    page.goto(site.url(lang))
    settle(page)
    SearchBox.home(page).search("тролям" if lang == "uk" else "troll")
    yield "home search results"
    tree = library.trees[next(iter(library.trees))]
    walk = Walk(page, page.locator("[data-rb-walk]").first, labels, lang)
    option = next(o for o in tree.nodes[tree.start].options if o.outcome and o.outcome.template)
    walk.choose(text_of(option.label, lang, site.default))
    card = Card(page, walk.current.locator("[data-rb-card]"), lang, labels, library).ready()
    card.copy_button.click()
    expect(card.guard).to_be_visible()
    yield "tree outcome with the copy guard"
    page.goto(site.url(lang, f"playbooks/{next(iter(library.playbooks))}/"))
    settle(page)
    SearchBox.header(page).search("шшшшш" if lang in ("uk", "ru") else "qzxvw")
    yield "nothing found"
    page.keyboard.press("Escape")
    page.get_by_role("button", name=labels("profile_title", lang)).click()
    expect(page.get_by_role("group", name=labels("profile_title", lang))).to_be_visible()
    yield "details panel"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_interactive_states_have_no_serious_violations(new_page, site, library, labels, axe_source, watch, scheme):
    page = new_page(color_scheme=scheme)
    rules = COLOUR_RULES if scheme == "dark" else None
    found = {}
    for state in open_states(page, site, library, labels, "uk"):
        violations = axe(page, axe_source, rules)
        if violations:
            found[state] = violations
    assert found == {}


def test_pages_on_a_phone_have_no_serious_violations(new_page, site, library, axe_source):
    lang = "uk"
    page = new_page(viewport=PHONE, has_touch=True, is_mobile=True)
    found = {}
    for name in ("home", "playbook", "templates"):
        page.goto(site.url(lang, page_types(library)[name]))
        settle(page)
        violations = axe(page, axe_source)
        if violations:
            found[name] = violations
    assert found == {}


# ---------- found once by the broad tests ----------


def test_the_details_button_has_a_name_on_a_phone(new_page, site, labels):
    page = new_page(viewport=PHONE, has_touch=True, is_mobile=True)
    page.goto(site.url("en", "playbooks/"))
    expect(page.get_by_role("button", name=labels("profile_title", "en"))).to_be_visible(timeout=2000)


def test_links_on_grey_boxes_are_readable_in_the_dark(new_page, site, library, labels, axe_source):
    playbook = next(p for p in library.playbooks.values() if p.departures)
    page = new_page(color_scheme="dark")
    page.goto(site.url("en", f"playbooks/{playbook.id}/"))
    settle(page)
    departures = axe(page, axe_source, COLOUR_RULES)
    tree = library.trees[next(iter(library.trees))]
    option = next(o for o in tree.nodes[tree.start].options if o.outcome)
    page.goto(site.url("en"))
    Walk(page, page.locator("[data-rb-walk]").first, labels, "en").choose(text_of(option.label, "en", site.default))
    outcome = axe(page, axe_source, COLOUR_RULES)
    assert (departures, outcome) == ([], [])


def test_copy_and_guard_buttons_are_readable_in_the_dark_when_focused(new_page, site, library, labels, axe_source):
    page = new_page(color_scheme="dark")
    lang = "en"
    entry = next(iter(library.templates.values()))
    page.goto(site.url(lang, f"playbooks/{entry.playbook.id}/"))
    card = Card(page, page.locator(f"#tpl-{entry.template.id}"), lang, labels, library).ready()
    card.copy_button.click()
    expect(card.fill_them).to_be_focused()
    violations = axe(page, axe_source, COLOUR_RULES, hover=True)
    assert [v for v in violations if ".rb-copy" in v or ".rb-guard__" in v] == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_code_examples_are_readable(new_page, site, axe_source, scheme):
    page = new_page(color_scheme=scheme)
    page.goto(site.url("en", "contribute/"))
    assert axe(page, axe_source, COLOUR_RULES, exclude=SITE_NAV) == []


def test_header_labels_stay_readable_under_the_mouse(page, site, labels, axe_source):
    page.goto(site.url("en", "playbooks/"))
    page.get_by_role("button", name=labels("language_label", "en"), exact=True).hover()
    assert axe(page, axe_source, COLOUR_RULES, hover=True) == []
