"""Decision trees: answer one question at a time and end at the reply to send.

Questions, answers and outcomes are read from the tree's YAML; the walk is the shortest one of
three answers that ends in a reply, so it follows the content as it changes.
"""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.support import Card, Walk, clipboard, has_visible_focus, squash, text_of, tree_path

TREE = "triage"


def triage(library):
    return library.trees[TREE]


def test_walk_the_questions_to_a_reply_and_back(page, site, library, labels, lang):
    tree = triage(library)
    path = tree_path(tree, steps=3)
    t = lambda value: text_of(value, lang, library.default_language)  # noqa: E731
    page.goto(site.url(lang))
    walk = Walk(page, page.locator("[data-rb-walk]").first, labels, lang)
    expect(walk.question).to_have_text(t(tree.nodes[tree.start].question))
    expect(walk.trail).to_be_hidden()
    # a reply in a step not reached yet gets its fields only when it is shown (a light home page)
    end = tree.nodes[path[-1][0]].options[path[-1][1]]
    hidden_card = page.locator(f"#{TREE}-{path[-1][0]}-end-{path[-1][1]} [data-rb-card]")
    expect(walk.current.locator("[data-rb-card][data-rb-ready]")).to_have_count(
        walk.current.locator("[data-rb-card]").count())
    if not end.next:
        assert hidden_card.get_attribute("data-rb-ready") is None

    answered: list[str] = []
    for step, (node_id, index) in enumerate(path):
        node = tree.nodes[node_id]
        option = node.options[index]
        walk.choose(t(option.label))
        answered.append(squash(f"{t(node.question)} {t(option.label)}"))
        if option.next:
            expect(page).to_have_url(site.url(lang) + f"#{TREE}-{option.next}")
            expect(walk.question).to_have_text(t(tree.nodes[option.next].question))
        else:
            expect(page).to_have_url(site.url(lang) + f"#{TREE}-{node_id}-end-{index}")
        expect(walk.current).to_be_focused()
        expect(walk.trail.get_by_role("listitem")).to_have_count(step + 1)
        assert [squash(item) for item in walk.trail.get_by_role("listitem").all_inner_texts()] == answered

    # the outcome: which reply, and the reply itself, ready to fill and copy
    outcome = tree.nodes[path[-1][0]].options[path[-1][1]].outcome
    entry = library.templates[outcome.template]
    expect(walk.question).to_have_text(
        labels("outcome_reply", lang, title=t(entry.template.title)))
    card = Card(page, walk.current.locator("[data-rb-card]"), lang, labels, library).ready()
    for name in entry.template.placeholders:
        if card.field(name).is_visible():
            card.fill(name, f"<{name}>")
    expect(card.text).not_to_contain_text("[")
    card.copy_button.click()
    expect(card.status).to_have_text(labels("copied", lang))
    copied = clipboard(page)
    assert copied == card.visible_text()
    assert "<agent_name>" in copied and "{" not in copied

    # the browser's Back button: one answer back at a time
    for node_id, _ in reversed(path[1:]):
        page.go_back()
        expect(page).to_have_url(site.url(lang) + f"#{TREE}-{node_id}")
        expect(walk.question).to_have_text(t(tree.nodes[node_id].question))
        expect(walk.current).to_be_focused()
        answered.pop()
        assert [squash(item) for item in walk.trail.get_by_role("listitem").all_inner_texts()] == answered


def test_an_outcome_links_to_its_playbook_where_the_answers_leave_off_and_can_start_over(page, site, library, labels):
    lang = "ro"
    t = lambda value: text_of(value, lang, library.default_language)  # noqa: E731
    tree = triage(library)
    start = tree.nodes[tree.start]
    option = next(o for o in start.options if o.outcome and o.outcome.resume)
    playbook = library.playbooks[option.outcome.playbook]
    page.goto(site.url(lang))
    walk = Walk(page, page.locator("[data-rb-walk]").first, labels, lang)
    walk.choose(t(option.label))
    expect(walk.question).to_contain_text(
        t(library.templates[option.outcome.template].template.title))

    walk.current.get_by_role("link", name=labels("tree_restart", lang), exact=True).click()
    expect(page).to_have_url(site.url(lang) + f"#{TREE}-{tree.start}")
    expect(walk.question).to_have_text(t(start.question))

    walk.choose(t(option.label))
    walk.current.get_by_role("link", name=f"{labels('open_playbook', lang)}: {t(playbook.title)}").click()
    expect(page).to_have_url(site.url(lang, f"playbooks/{playbook.id}/#decide-{option.outcome.resume}"))
    resumed = Walk(page, page.locator("#decide [data-rb-walk]"), labels, lang)
    expect(resumed.question).to_have_text(t(playbook.tree.nodes[option.outcome.resume].question))
    expect(resumed.current).to_be_in_viewport()


def test_a_playbook_tree_points_at_the_reply_card_below(page, site, library, labels):
    lang = "es"
    t = lambda value: text_of(value, lang, library.default_language)  # noqa: E731
    playbook = next(p for p in library.playbooks.values() if p.tree)
    node = playbook.tree.nodes[playbook.tree.start]
    index, option = next((i, o) for i, o in enumerate(node.options) if o.outcome and o.outcome.template)
    entry = library.templates[option.outcome.template]
    page.goto(site.url(lang, f"playbooks/{playbook.id}/"))
    walk = Walk(page, page.locator("#decide [data-rb-walk]"), labels, lang)
    walk.choose(t(option.label))
    expect(page).to_have_url(site.url(lang, f"playbooks/{playbook.id}/#decide-{playbook.tree.start}-end-{index}"))
    walk.current.get_by_role("link", name=labels("go_to_reply", lang)).click()
    expect(page).to_have_url(site.url(lang, f"playbooks/{playbook.id}/#tpl-{entry.template.id}"))
    card = Card(page, page.locator(f"#tpl-{entry.template.id}"), lang, labels, library).ready()
    expect(card.root).to_be_in_viewport()
    cursor = card.root.locator("input:focus")
    expect(cursor).to_have_count(1)
    expect(cursor).to_have_value("")


def test_the_tree_works_by_keyboard_with_visible_focus(page, site, library, labels):
    lang = "en"
    tree = triage(library)
    page.goto(site.url(lang, f"trees/{TREE}/"))
    walk = Walk(page, page.locator("[data-rb-walk]").first, labels, lang)
    first_option = walk.current.get_by_role("link").first
    for _ in range(80):
        page.keyboard.press("Tab")
        if first_option.evaluate("el => el === document.activeElement"):
            break
    else:
        raise AssertionError("no answer of the tree is reachable with Tab")
    assert has_visible_focus(page)
    option = tree.nodes[tree.start].options[0]
    page.keyboard.press("Enter")
    expect(walk.current).to_be_focused()
    target = option.next or f"{tree.start}-end-0"
    expect(page).to_have_url(site.url(lang, f"trees/{TREE}/#{TREE}-{target}"))
    page.keyboard.press("Tab")
    expect(walk.current.get_by_role("link").first).to_be_focused()
    assert has_visible_focus(page)
