"""A support agent's experience in a real Chromium: search, fill-and-copy, trees, languages, a11y."""

from __future__ import annotations

import json
import re

import pytest

from replybook.library import load_library
from replybook.rules_text import iter_localized
from tests.browser.conftest import lang_prefix

LANGUAGES = ("en", "ru", "uk", "ro", "es")
PLAYBOOK = "facts-not-verified-yet"
TEMPLATE = "holding-reply-public"
PAGE_TYPES = {
    "home": "",
    "playbook": f"playbooks/{PLAYBOOK}/",
    "playbooks": "playbooks/",
    "tree": "trees/triage/",
    "templates": "templates/",
    "principles": "principles/",
    "case": "cases/epicentr-leroy-merlin/",
    "cases": "cases/",
    "response-times": "response-times/",
    "sources": "sources/",
    "contribute": "contribute/",
    "format": "contribute/format/",
    "status": "contribute/translation-status/",
}


@pytest.fixture(scope="module")
def library(project):
    result = load_library([project.playbooks_dir], project.languages)
    assert result.library is not None
    return result.library


def search(page, query: str) -> list[str]:
    """Type a query in the header search box; return the result links (absolute URLs)."""
    box = page.locator("#rb-search-input")
    box.fill(query)
    page.wait_for_function(
        "() => document.querySelector('.rb-search__status').textContent.trim() !== ''", timeout=10000)
    return page.eval_on_selector_all(".rb-search__results a", "links => links.map(a => a.href)")


# Word forms that appear nowhere in that language's text (checked below), while other forms of
# the same word do: a hit proves that stemming (or, for Ukrainian, stem-prefix search) works.
SEARCHES = [
    ("en", "trolling", "playbooks/troll-attack/"),
    ("en", "apologize", None),
    ("ru", "троллям", "playbooks/troll-attack/"),
    ("ru", "извинениями", None),
    ("uk", "тролям", "playbooks/troll-attack/"),
    ("uk", "відповідями", None),
    ("ro", "trollii", "playbooks/troll-attack/"),
    ("ro", "scuzele", None),
    ("ro", "plangerilor", None),
    ("es", "trol", "playbooks/troll-attack/"),
    ("es", "disculparse", None),
]


def words_of(library, language: str) -> set[str]:
    found: set[str] = set()
    for document in [*library.principles.values(), *library.playbooks.values(), *library.trees.values(),
                     *library.cases.values()]:
        for _, text in iter_localized(document):
            found.update(w.lower() for w in re.findall(r"[\w'’ʼ]+", text.root[language]))
    return found


@pytest.mark.parametrize(("language", "query", "expected"), SEARCHES, ids=[f"{s[0]}-{s[1]}" for s in SEARCHES])
def test_search_finds_inflected_words_in_own_language_only(page, site_url, library, language, query, expected):
    assert query not in words_of(library, language), "pick a form that the text does not contain"
    page.goto(site_url + lang_prefix(language))
    links = search(page, query)
    paths = [link.removeprefix(site_url) for link in links]
    assert paths, f"{query!r} found nothing"
    titles = page.eval_on_selector_all(".rb-search__title", "spans => spans.map(s => s.textContent)")
    assert not any("¶" in title for title in titles), titles
    if expected:
        assert any(p.split("#")[0] == lang_prefix(language) + expected for p in paths), paths
    for path in paths:
        first = path.split("/")[0]
        if language == "en":
            assert first not in LANGUAGES, f"foreign result {path}"
        else:
            assert first == language, f"foreign result {path}"


def test_romanian_cedilla_forms_find_comma_below_text(page, site_url):
    page.goto(site_url + "ro/")
    comma = search(page, "soluție")
    cedilla = search(page, "soluţie")
    assert comma and cedilla
    assert set(cedilla) & set(comma)


def test_ukrainian_query_never_returns_russian_pages(page, site_url):
    page.goto(site_url + "uk/")
    for query in ("скарга", "клієнт", "відповідь", "троль"):
        links = search(page, query)
        assert links, query
        assert all(link.removeprefix(site_url).startswith("uk/") for link in links), links


def test_templates_and_tree_nodes_are_findable(page, site_url, library):
    template = library.templates[TEMPLATE].template
    page.goto(site_url + "es/")
    links = search(page, template.title.root["es"])
    assert any(link.endswith(f"#tpl-{TEMPLATE}") for link in links), links
    tree = library.trees["triage"]
    question = tree.nodes[tree.start].question.root["es"]
    links = search(page, question)
    assert any("es/trees/triage/" in link or "es/#" in link or link.endswith("/es/") for link in links), links


def test_fill_placeholders_count_and_copy(page, site_url, library):
    entry = library.templates[TEMPLATE]
    page.goto(site_url + f"uk/playbooks/{PLAYBOOK}/")
    card = page.locator("article.rb-card", has=page.locator(f"#tpl-{TEMPLATE}"))
    card.get_by_label("Ім'я клієнта").fill("Олена")
    text = card.locator("[data-rb-text]")
    assert "Олена" in text.inner_text()
    assert "{customer_name}" not in text.inner_text()
    count = card.locator(".rb-count").inner_text()
    remaining = int(re.search(r"\d+", count).group())
    assert remaining == 280 - len(text.text_content())
    card.get_by_role("button", name="Копіювати").click()
    expect_status = card.locator(".rb-copied")
    expect_status.wait_for(state="visible")
    assert expect_status.inner_text() == "Скопійовано"
    copied = page.evaluate("navigator.clipboard.readText()")
    expected = entry.template.text.root["uk"].replace("{customer_name}", "Олена")
    assert copied == expected, "the clipboard holds exactly the visible plain text"
    assert "<" not in copied


def test_counter_warns_when_over_the_channel_limit(page, site_url):
    page.goto(site_url + f"playbooks/{PLAYBOOK}/")
    card = page.locator("article.rb-card", has=page.locator(f"#tpl-{TEMPLATE}"))
    card.get_by_label("Customer name").fill("x" * 300)
    counter = card.locator(".rb-count")
    assert "over the limit" in counter.inner_text()
    assert "rb-count--over" in (counter.get_attribute("class") or "")
    card.get_by_label("Customer name").fill("Ann")
    assert "left" in counter.inner_text()


def _visible_question(page) -> str:
    return page.locator(".rb-walk .rb-node:visible .rb-node__question").first.inner_text()


def test_tree_walk_with_links_and_the_back_button(page, site_url, library):
    tree = library.trees["triage"]
    start = tree.nodes[tree.start]
    page.goto(site_url + "trees/triage/")
    assert _visible_question(page) == start.question.root["en"]
    first_next = next(o for o in start.options if o.next)
    page.locator(".rb-walk .rb-node:visible a.rb-option", has_text=first_next.label.root["en"]).first.click()
    assert page.url.endswith(f"#triage-{first_next.next}")
    assert _visible_question(page) == tree.nodes[first_next.next].question.root["en"]
    page.go_back()
    assert _visible_question(page) == start.question.root["en"]
    page.go_forward()
    assert _visible_question(page) == tree.nodes[first_next.next].question.root["en"]


def test_tree_outcome_links_to_playbook_in_same_language(page, site_url, library):
    tree = library.trees["triage"]
    page.goto(site_url + "es/trees/triage/")
    node_id, index, outcome = next((n, i, o.outcome) for n, node in tree.nodes.items()
                                   for i, o in enumerate(node.options) if o.outcome and o.outcome.playbook)
    page.goto(site_url + f"es/trees/triage/#triage-{node_id}-end-{index}")
    link = page.locator(".rb-walk .rb-node:visible .rb-outcome__links a").first
    link.click()
    assert page.url.startswith(site_url + f"es/playbooks/{outcome.playbook}/")


def test_language_switch_keeps_the_page(page, site_url, library):
    page.goto(site_url + f"playbooks/{PLAYBOOK}/")
    page.locator(".md-header [data-md-component=language] .md-select, .md-header .md-select").first.hover()
    page.locator("a[hreflang=uk]").first.click()
    page.wait_for_load_state()
    assert page.url == site_url + f"uk/playbooks/{PLAYBOOK}/"
    assert page.locator("h1").inner_text().rstrip("¶") == library.playbooks[PLAYBOOK].title.root["uk"]


def test_keyboard_reaches_tree_options_with_visible_focus(page, site_url):
    page.goto(site_url + "trees/triage/")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('rb-option')"):
            break
    else:
        pytest.fail("no tree option reachable with Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    before = page.url
    page.keyboard.press("Enter")
    assert page.url != before and "#triage-" in page.url


def test_search_is_usable_by_keyboard(page, site_url):
    page.goto(site_url)
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "rb-search-input"
    search(page, "troll")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('rb-search__hit')")
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.id") == "rb-search-input"


def axe_violations(page, axe_source) -> list[str]:
    page.add_script_tag(content=axe_source)
    result = page.evaluate("async () => JSON.stringify(await axe.run(document, {resultTypes: ['violations']}))")
    violations = [v for v in json.loads(result)["violations"] if v["impact"] in ("serious", "critical")]
    return [f"{v['id']}: {v['nodes'][0]['target']} {v['nodes'][0]['failureSummary'][:160]}" for v in violations]


@pytest.mark.parametrize("scheme", ["dark"])
@pytest.mark.parametrize("page_type", ["home", "playbook", "tree", "templates"])
def test_axe_dark_scheme(page, site_url, axe_source, page_type, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + "uk/" + PAGE_TYPES[page_type])
    page.evaluate("localStorage.clear()")  # Material remembers the scheme of earlier visits
    page.reload()
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert axe_violations(page, axe_source) == []


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page_type", list(PAGE_TYPES))
def test_axe_finds_no_serious_violations(page, site_url, axe_source, page_type, language):
    page.goto(site_url + lang_prefix(language) + PAGE_TYPES[page_type])
    assert axe_violations(page, axe_source) == []


def test_page_works_without_javascript(browser_context, site_url, library):
    page = browser_context.new_page()
    cdp = browser_context.new_cdp_session(page)
    cdp.send("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        page.goto(site_url + f"ru/playbooks/{PLAYBOOK}/")
        text = page.locator(f"article.rb-card:has(#tpl-{TEMPLATE}) [data-rb-text]")
        assert text.is_visible()
        assert "{customer_name}" in text.inner_text()
        assert text.evaluate("el => getComputedStyle(el).userSelect") != "none"
        assert page.locator(f"article.rb-card:has(#tpl-{TEMPLATE}) button").count() == 0
        assert page.locator("[data-rb-search]").is_hidden()
        page.goto(site_url + "ru/trees/triage/")
        tree = library.trees["triage"]
        start = tree.nodes[tree.start]
        option = next(o for o in start.options if o.next)
        page.locator(".rb-walk .rb-node:visible a.rb-option", has_text=option.label.root["ru"]).first.click()
        assert _visible_question(page) == tree.nodes[option.next].question.root["ru"]
    finally:
        page.close()


def test_first_answer_is_short_and_more_results_load_on_demand(page, site_url):
    page.goto(site_url + "ro/")
    links = search(page, "client")
    assert len(links) == 5
    more = page.locator(".rb-search__more")
    assert more.is_visible() and more.inner_text() == "Arată mai multe rezultate"
    more.click()
    page.wait_for_function("document.querySelectorAll('.rb-search__results a').length > 5")
    assert page.evaluate("document.activeElement.classList.contains('rb-search__hit')")
    assert all(link.startswith(site_url + "ro/") for link in page.eval_on_selector_all(
        ".rb-search__results a", "links => links.map(a => a.href)"))
