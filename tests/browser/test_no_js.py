"""Without JavaScript: every reply is readable, and the decision trees work as plain links.

Each platform's version is shown, blanks by name; nothing half-working is offered.
"""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.support import Walk, text_of, tree_path


def reply_as_printed(library, text, lang: str, placeholders: list[str]) -> str:
    out = text_of(text, lang, library.default_language)
    for name in placeholders:
        label = text_of(library.placeholders[name].label, lang, library.default_language)
        out = out.replace("{" + name + "}", f"[{label}]")
    return out


def test_every_reply_and_its_platforms_are_readable(new_page, site, library, labels, lang):
    page = new_page(java_script_enabled=False)
    playbook = next(p for p in library.playbooks.values() if any(t.variants for t in p.templates))
    page.goto(site.url(lang, f"playbooks/{playbook.id}/"))
    for tpl in playbook.templates:
        card = page.locator(f"#tpl-{tpl.id}")
        versions = [(tpl.channels, tpl.text)] + [(v.channels, v.text) for v in tpl.variants]
        texts = card.locator("[data-rb-text]")
        expect(texts).to_have_count(len(versions))
        for index, (channels, text) in enumerate(versions):
            expect(texts.nth(index)).to_be_visible()
            expect(texts.nth(index)).to_have_text(reply_as_printed(library, text, lang, tpl.placeholders))
            where = card.locator("[data-rb-version]").nth(index)
            expect(where).to_contain_text(labels("post_on", lang))
            for channel in channels:
                expect(where).to_contain_text(text_of(library.channels[channel].name, lang, site.default))
        expect(card.get_by_role("button")).to_have_count(0)
        expect(card.get_by_role("textbox")).to_have_count(0)
    # nothing that needs the script is offered
    expect(page.get_by_role("searchbox")).to_have_count(0)
    expect(page.get_by_role("button", name=labels("profile_title", lang))).to_have_count(0)


def test_the_tree_works_as_plain_links(new_page, site, library, labels, lang):
    page = new_page(java_script_enabled=False)
    tree = library.trees[next(iter(library.trees))]
    t = lambda value: text_of(value, lang, library.default_language)  # noqa: E731
    page.goto(site.url(lang))
    walk = Walk(page, page.locator("[data-rb-walk]").first, labels, lang)
    expect(walk.current).to_have_count(1)
    expect(walk.question).to_have_text(t(tree.nodes[tree.start].question))

    path = tree_path(tree, steps=2)
    for node_id, index in path:
        option = tree.nodes[node_id].options[index]
        walk.choose(t(option.label))
        expect(walk.current).to_have_count(1)
        if option.next:
            expect(walk.question).to_have_text(t(tree.nodes[option.next].question))
    outcome = tree.nodes[path[-1][0]].options[path[-1][1]].outcome
    entry = library.templates[outcome.template]
    expect(walk.current.locator("[data-rb-text]").first).to_have_text(
        reply_as_printed(library, entry.template.text, lang, entry.template.placeholders))

    page.go_back()
    expect(walk.question).to_have_text(t(tree.nodes[path[-1][0]].question))
    walk.current.get_by_role("link", name=labels("tree_restart", lang), exact=True).click()
    expect(walk.question).to_have_text(t(tree.nodes[tree.start].question))
