"""Search: an agent types what happened, in their own language, and gets to the reply fast.

Header search (every page) and the home page's box: results in the page's language only, each
saying what it is; partial matches marked; nothing found → the questions and every situation;
Enter opens the first result; a reply result opens its card with the cursor in its first blank;
usable by keyboard alone; inflected forms, typos and missing diacritics still find entries.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE
from tests.browser.support import Card, SearchBox, content_words, has_visible_focus, squash, text_of

#: Queries that, together, bring playbooks, replies, principles and case studies.
KIND_QUERIES = {"en": ["competitor", "troll", "apology"], "ru": ["конкурент", "тролль"], "uk": ["конкурент", "троль"],
                "ro": ["concurent", "trol"], "es": ["competidor", "disculpa ejemplo"]}
#: A word the guide uses, and words it never uses (that Pagefind alone would match to something).
OWN_WORD = {"en": "troll", "ru": "тролль", "uk": "троль", "ro": "trol", "es": "trol"}
GIBBERISH = {"en": "xqzv", "ro": "qzxvw", "es": "asdfgh", "ru": "ааааа", "uk": "шшшшш"}
#: The other Cyrillic language, whose pages share words with this one's.
NEIGHBOUR = {"uk": "ru", "ru": "uk"}


def data_for(table: dict, lang: str):
    if lang not in table:
        pytest.fail(f"add a query for the new site language {lang!r} to this test's table")
    return table[lang]


def kind_of(site, url: str) -> str | None:
    """What a result URL is, from the site's structure."""
    path = site.path_of(url)
    if path.startswith("playbooks/") and path.count("/") == 2:
        return "template" if "#tpl-" in url else "playbook"
    if path.startswith("principles/") and path.count("/") == 2:
        return "principle"
    if path.startswith("cases/") and path.count("/") == 2:
        return "case"
    return None


# ---------- the reader's language, and what each result is ----------


def test_results_are_in_the_readers_language_and_say_what_they_are(page, site, library, labels, lang):
    """Every result is a page of the reader's language, labelled in that language.

    Playbook, reply, principle or case study: all four kinds turn up.
    """
    page.goto(site.url(lang, "principles/"))
    box = SearchBox.header(page)
    seen: dict[str, str] = {}
    queries = data_for(KIND_QUERIES, lang)
    if lang in NEIGHBOUR:  # a word the other Cyrillic language's pages use too
        assert queries[0] in content_words(library, NEIGHBOUR[lang]), f"{queries[0]!r}: pick a shared word"
    for query in queries:
        box.search(query)
        box.show_all(labels("search_more", lang))
        urls = box.urls()
        assert len(urls) >= 3, (query, urls)
        assert {site.language_of(url) for url in urls} == {lang}, urls
        for url, kind_label in zip(urls, box.kinds(), strict=True):
            kind = kind_of(site, url)
            if kind:
                assert kind_label == labels(f"kind_{kind}", lang), url
                seen[kind] = kind_label
    assert set(seen) == {"playbook", "template", "principle", "case"}, seen


# ---------- partial matches, and nothing found ----------


def test_partial_matches_are_marked_and_nothing_found_offers_a_way_on(page, site, library, labels, lang, watch):
    word, nonsense = data_for(OWN_WORD, lang), data_for(GIBBERISH, lang)
    badge = labels("search_partial_badge", lang)
    page.goto(site.url(lang))
    box = SearchBox.home(page)

    box.search(word)
    expect(box.hits.first).not_to_contain_text(badge)
    expect(box.status).not_to_contain_text(labels("search_partial", lang))

    box.search(f"{word} {nonsense}")
    expect(box.status).to_contain_text(labels("search_partial", lang))
    for hit in box.hits.all():
        expect(hit).to_contain_text(badge)

    box.search(nonsense)
    expect(box.status).to_have_text(labels("search_none", lang))
    expect(box.hits).to_have_count(0)
    box.none.get_by_role("link", name=labels("all_playbooks", lang), exact=True).click()
    expect(page).to_have_url(site.url(lang) + "#playbooks")
    first = text_of(next(iter(library.playbooks.values())).title, lang, site.default)
    expect(page.get_by_role("link", name=first, exact=True).first).to_be_in_viewport()
    box.none.get_by_role("link", name=labels("search_start_questions", lang), exact=True).click()
    expect(page).to_have_url(site.url(lang) + "#triage")

    # the header search, on any other page: the questions on the home page and every situation
    playbook = next(iter(library.playbooks))
    page.goto(site.url(lang, f"playbooks/{playbook}/"))
    box = SearchBox.header(page)
    box.search(nonsense)
    expect(box.status).to_have_text(labels("search_none", lang))
    situations = box.none.get_by_role("listitem").get_by_role("link")
    titles = [text_of(p.title, lang, site.default) for p in library.playbooks.values()]
    assert sorted(squash(t) for t in situations.all_inner_texts()) == sorted(squash(t) for t in titles)
    assert all(url.startswith(site.url(lang, "playbooks/")) for url in situations.evaluate_all(
        "links => links.map(a => a.href)"))
    box.none.get_by_role("link", name=labels("search_start_questions", lang), exact=True).click()
    expect(page).to_have_url(site.url(lang) + "#triage")
    tree = library.trees[next(iter(library.trees))]
    start = text_of(tree.nodes[tree.start].question, lang, site.default)
    expect(page.locator("[data-rb-walk] .rb-node:visible .rb-node__question")).to_have_text(start)


# ---------- opening a result ----------


@pytest.mark.parametrize("where", ["home", "header"])
def test_enter_opens_the_first_result_even_before_it_shows(new_page, site, where):
    query = "holding reply"
    page = new_page()
    page.goto(site.url(site.default, "" if where == "home" else "sources/"))
    box = SearchBox.home(page) if where == "home" else SearchBox.header(page)
    first = box.search(query)[0]

    page = new_page()
    page.goto(site.url(site.default, "" if where == "home" else "sources/"))
    box = SearchBox.home(page) if where == "home" else SearchBox.header(page)
    box.input.fill(query)
    box.input.press("Enter")
    expect(page).to_have_url(first)


def test_a_reply_result_opens_its_card_with_the_cursor_in_the_first_empty_blank(page, site, library, labels):
    lang = "uk"
    entry = library.templates["holding-reply-public"]
    title = text_of(entry.template.title, lang, site.default)
    first_blank, second_blank = "issue", "deadline"
    assert entry.template.placeholders[:2] == [first_blank, second_blank], "content changed: pick two blanks"
    assert library.placeholders[first_blank].scope.value == "case"

    anchor = f"tpl-{entry.template.id}"
    page.goto(site.url(lang, "principles/"))
    box = SearchBox.header(page)
    box.search(title)
    box.hits.filter(has_text=title).first.click()
    expect(page).to_have_url(site.url(lang, f"playbooks/{entry.playbook.id}/#{anchor}"))
    card = Card(page, page.locator(f"#{anchor}"), lang, labels, library).ready()
    expect(card.field(first_blank)).to_be_focused()
    expect(card.root).to_be_in_viewport()

    card.fill(first_blank, "замовлення не приїхало")
    page.goto(site.url(lang, "principles/"))
    box.search(title)
    box.hits.filter(has_text=title).first.click()
    expect(card.field(first_blank)).to_have_value("замовлення не приїхало")
    expect(card.field(second_blank)).to_be_focused()


def test_show_more_results_then_focus_the_first_new_one(page, site, labels):
    lang = "ro"
    page.goto(site.url(lang))
    box = SearchBox.home(page)
    box.search("client")
    shown = box.hits.count()
    more = box.root.get_by_role("button", name=labels("search_more", lang), exact=True)
    more.click()
    expect(box.hits).not_to_have_count(shown)
    expect(box.hits.nth(shown)).to_be_focused()
    assert all(url.startswith(site.url(lang)) for url in box.urls())


# ---------- keyboard only ----------


def test_search_by_keyboard_alone_with_visible_focus(page, site):
    page.goto(site.url(site.default, "playbooks/"))
    box = SearchBox.header(page)
    page.keyboard.press("/")
    expect(box.input).to_be_focused()
    page.keyboard.type("troll")
    expect(box.hits.nth(1)).to_be_visible()

    page.keyboard.press("ArrowDown")
    expect(box.hits.nth(0)).to_be_focused()
    assert has_visible_focus(page)
    page.keyboard.press("ArrowDown")
    expect(box.hits.nth(1)).to_be_focused()
    assert has_visible_focus(page)
    page.keyboard.press("ArrowUp")
    expect(box.hits.nth(0)).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(box.input).to_be_focused()

    page.keyboard.press("Tab")
    expect(box.hits.nth(0)).to_be_focused()
    assert has_visible_focus(page)
    target = box.urls()[0]
    page.keyboard.press("Enter")
    expect(page).to_have_url(target)


def test_on_a_phone_the_search_opens_from_its_button(new_page, site, labels):
    lang = "es"
    page = new_page(viewport=PHONE, has_touch=True, is_mobile=True)
    page.goto(site.url(lang, "playbooks/"))
    box = SearchBox.header(page)
    expect(box.input).to_be_hidden()
    box.root.get_by_role("button", name=labels("search_label", lang), exact=True).click()
    expect(box.input).to_be_visible()
    expect(box.input).to_be_focused()
    urls = box.search("trol")
    assert urls and all(url.startswith(site.url(lang)) for url in urls)
    expect(box.hits.first).to_be_in_viewport()


def test_escape_clears_the_search_and_keeps_the_cursor_in_it(page, site):
    page.goto(site.url(site.default, "playbooks/"))
    box = SearchBox.header(page)
    box.search("troll")
    box.hits.first.focus()
    page.keyboard.press("Escape")
    expect(box.input).to_have_value("")
    expect(box.input).to_be_focused()
    expect(box.hits).to_have_count(0)


@pytest.mark.parametrize("path", ["", "templates/"])
def test_nothing_moves_when_the_scripts_add_the_search_box_and_the_filter(page, site, path):
    """The home search box and the replies filter keep their place from the first paint.

    What lies below them (the questions, the groups of replies) is never moved by their appearing
    (a card growing its fields may still move the cards after it).
    """
    page.goto(site.url("uk", path))
    expect(page.locator(".md-content [data-rb-search], [data-rb-filter]").first).to_be_visible()
    page.wait_for_timeout(300)
    moved = page.evaluate("""() => new Promise(resolve => {
      const moved = [];
      new PerformanceObserver(list => list.getEntries().forEach(entry => entry.sources.forEach(source => {
        if (source.node && source.node.matches && source.node.matches("[data-rb-walk], [data-rb-group]")) {
          moved.push(source.node);
        }
      }))).observe({type: "layout-shift", buffered: true});
      setTimeout(() => resolve(moved.length), 100);
    })""")
    assert moved == 0


def test_without_its_script_the_search_box_leaves_no_gap(page, site):
    """If the search script cannot load, the boxes go, and the space kept for them with them."""
    page.route("**/replybook-search.js", lambda route: route.abort())
    page.goto(site.url("uk"))
    expect(page.locator("[data-rb-search]")).to_have_count(0)
    expect(page.locator("[data-rb-walk]").first).to_be_visible()


def test_the_home_search_box_is_reached_with_tab(page, site):
    """Tab, Enter on "skip to content", Tab: the cursor is in the home page's search box."""
    page.goto(site.url(site.default))
    box = SearchBox.home(page)
    page.keyboard.press("Tab")
    assert has_visible_focus(page)
    page.keyboard.press("Enter")
    for _ in range(4):
        page.keyboard.press("Tab")
        if box.input.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("the home search box is not within a few Tabs of the content's start")
    assert has_visible_focus(page)
    page.keyboard.type("troll")
    expect(box.hits.first).to_be_visible()
    page.keyboard.press("Tab")
    expect(box.hits.first).to_be_focused()
    assert has_visible_focus(page)


# ---------- what people actually type ----------

# Per language: (query, a page it must find in the first five, the word it was corrected to if a
# typo). No query form appears in that language's content (checked), so a hit proves stemming,
# dictionary lemmas, typo correction or letter folding.
FORMS = {
    "uk": [("тролям", "playbooks/troll-attack/", None), ("конкурентами", "playbooks/competitor-in-thread/", None),
           ("тролл", "playbooks/troll-attack/", "троль")],
    "ru": [("троллям", "playbooks/troll-attack/", None), ("конкурентами", "playbooks/competitor-in-thread/", None)],
    "en": [("refunding", "playbooks/impossible-demand/", None), ("outages", "playbooks/complaint-wave/", None),
           ("refnud", "playbooks/impossible-demand/", "refund")],
    "ro": [("trollii", "playbooks/troll-attack/", None), ("plangerile", "playbooks/complaint-wave/", None),
           ("concruent", "playbooks/competitor-in-thread/", "concurent")],
    "es": [("trols", "playbooks/troll-attack/", None), ("competidores", "playbooks/competitor-in-thread/", None),
           ("resenas", "playbooks/public-review/", None), ("reembolzo", "playbooks/impossible-demand/", "reembolso")],
}


def test_inflected_misspelt_or_unaccented_words_still_find_the_entry(page, site, library, labels, lang):
    words = content_words(library, lang)
    page.goto(site.url(lang))
    box = SearchBox.home(page)
    for query, expected, corrected in data_for(FORMS, lang):
        assert query not in words, f"{query!r}: pick a form that the content does not contain"
        urls = box.search(query)
        assert site.url(lang, expected) in [url.split("#")[0] for url in urls[:5]], (query, urls)
        assert all(url.startswith(site.url(lang)) for url in urls), (query, urls)
        if corrected:
            expect(box.status).to_contain_text(labels("search_corrected", lang, query=corrected))
        else:
            expect(box.status).not_to_contain_text(labels.pattern("search_corrected", lang))


def test_romanian_cedilla_letters_find_comma_below_text(page, site):
    page.goto(site.url("ro"))
    box = SearchBox.home(page)
    comma = box.search("soluție")
    cedilla = box.search("soluţie")
    assert comma and set(comma[:3]) == set(cedilla[:3])


# ---------- words the guide does not use ----------


def test_a_latin_word_in_a_cyrillic_query_makes_no_failed_request(page, site, watch):
    page.goto(site.url("uk"))
    urls = SearchBox.home(page).search("Rozetka")
    failed = watch.take()
    assert site.url("uk", "playbooks/public-review/") in [url.split("#")[0] for url in urls]
    assert failed == []
