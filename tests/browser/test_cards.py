"""Reply cards: fill the blanks, pick the platform, see the length as it counts, copy exactly that.

The expected reply is rebuilt from the playbook's YAML (the text of the chosen platform's version,
each {blank} replaced by the value typed, or by its label in brackets while empty), never taken
from the page script.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE
from tests.browser.support import (
    SENTINEL,
    Card,
    cards_settled,
    clipboard,
    graphemes,
    no_horizontal_scroll,
    set_clipboard,
    text_of,
    x_weighted,
)

PLAYBOOK = "facts-not-verified-yet"
TEMPLATE = "holding-reply-public"
#: Another page with cards that ask for the same profile values (the reader's name).
OTHER_PLAYBOOK = "troll-attack"
#: Values a reader types, per language: (the customer's problem, when we will be back, the agent's name).
VALUES = {
    "en": ("my parcel is a week late", "by 6 pm today", "Olena"),
    "ru": ("посылка опаздывает на неделю", "сегодня до 18:00", "Олег"),
    "uk": ("посилка запізнюється на тиждень", "сьогодні до 18:00", "Олена"),
    "ro": ("coletul întârzie de o săptămână", "azi până la ora 18", "Ioana"),
    "es": ("mi paquete lleva una semana de retraso", "hoy antes de las 18:00", "Lucía"),
}


@pytest.fixture(scope="module")
def reply(library):
    """The reply card these tests use, checked to still have what they need."""
    entry = library.templates[TEMPLATE]
    tpl = entry.template
    scopes = {name: library.placeholders[name].scope.value for name in tpl.placeholders}
    assert entry.playbook.id == PLAYBOOK
    assert tpl.placeholders == ["issue", "deadline", "agent_name"], "content changed: update VALUES and the tests"
    assert scopes == {"issue": "case", "deadline": "team", "agent_name": "agent"}
    assert tpl.channels[:3] == ["x", "threads", "bluesky"]
    assert any("facebook-comment" in v.channels for v in tpl.variants)
    return tpl


def version_text(library, tpl, channel: str, lang: str, values: dict[str, str]) -> str:
    """The reply as the reader should see it for ``channel``: blanks filled or shown as [label]."""
    text = tpl.text if channel in tpl.channels else next(v.text for v in tpl.variants if channel in v.channels)
    out = text_of(text, lang, library.default_language)
    for name in tpl.placeholders:
        label = text_of(library.placeholders[name].label, lang, library.default_language)
        out = out.replace("{" + name + "}", values.get(name) or f"[{label}]")
    return out


def open_card(page, site, library, labels, lang: str, playbook: str = PLAYBOOK, template: str = TEMPLATE) -> Card:
    page.goto(site.url(lang, f"playbooks/{playbook}/"))
    return Card(page, page.locator(f"#tpl-{template}"), lang, labels, library).ready()


def channel_name(library, channel: str, lang: str) -> str:
    return text_of(library.channels[channel].name, lang, library.default_language)


# ---------- fill, then copy exactly what is shown ----------


def test_filling_blanks_updates_the_reply_live_and_copy_takes_exactly_it(page, site, library, labels, reply, lang):
    issue, deadline, agent = VALUES[lang]
    card = open_card(page, site, library, labels, lang)
    expect(card.text).to_have_text(version_text(library, reply, "x", lang, {}))

    card.fill("issue", issue)
    expect(card.text).to_have_text(version_text(library, reply, "x", lang, {"issue": issue}))
    card.field("deadline").press_sequentially(deadline[:3])
    expect(card.text).to_contain_text(deadline[:3])
    card.fill("deadline", deadline)
    card.fill("agent_name", agent)
    shown = version_text(library, reply, "x", lang, {"issue": issue, "deadline": deadline, "agent_name": agent})
    expect(card.text).to_have_text(shown)

    set_clipboard(page)
    card.copy_button.click()
    expect(card.status).to_have_text(labels("copied", lang))
    assert clipboard(page) == shown == card.visible_text()
    expect(card.copy_button).to_be_focused()
    expect(card.guard).to_be_hidden()


def test_copy_with_blanks_left_is_held_back_and_names_them(page, site, library, labels, reply):
    lang = "ro"
    card = open_card(page, site, library, labels, lang)
    card.fill("issue", VALUES[lang][0])
    set_clipboard(page)

    card.copy_button.click()
    expect(card.guard).to_be_visible()
    blanks = [card.label("deadline"), card.label("agent_name")]
    expect(card.guard).to_contain_text(labels.count("blanks_left", lang, 2, names=", ".join(blanks)))
    expect(card.fill_them).to_be_visible()
    expect(card.copy_anyway).to_be_visible()
    assert clipboard(page) == SENTINEL, "nothing is copied while blanks are left"
    expect(card.status).to_be_empty()

    card.fill_them.click()
    expect(card.field("deadline")).to_be_focused()

    card.copy_button.click()
    card.copy_anyway.click()
    expect(card.status).to_have_text(labels("copied_with_blanks", lang))
    assert clipboard(page) == card.visible_text() == version_text(library, reply, "x", lang,
                                                                   {"issue": VALUES[lang][0]})
    expect(card.copy_button).to_be_focused()
    expect(card.guard).to_be_hidden()


def test_copy_works_and_keeps_focus_without_the_clipboard_api(new_context, site, library, labels, reply):
    lang = "es"
    context = new_context()
    reader = context.new_page()
    reader.add_init_script("delete Navigator.prototype.clipboard;")
    card = open_card(reader, site, library, labels, lang)
    assert reader.evaluate("typeof navigator.clipboard") == "undefined"
    issue, deadline, agent = VALUES[lang]
    card.fill("issue", issue)
    card.fill("deadline", deadline)
    card.fill("agent_name", agent)

    card.copy_button.click()
    expect(card.status).to_have_text(labels("copied", lang))
    expect(card.copy_button).to_be_focused()
    checker = context.new_page()
    checker.goto(site.url(lang))
    assert clipboard(checker) == card.visible_text() == version_text(
        library, reply, "x", lang, {"issue": issue, "deadline": deadline, "agent_name": agent})


# ---------- platforms, lengths and limits ----------


def test_choosing_a_platform_changes_the_reply_and_its_length_limit(page, site, library, labels, reply):
    lang = "en"
    card = open_card(page, site, library, labels, lang)
    values = dict(zip(("issue", "deadline", "agent_name"), VALUES[lang], strict=True))
    for name, value in values.items():
        card.fill(name, value)

    expect(card.channel).to_have_value("x")
    x_text = version_text(library, reply, "x", lang, values)
    expect(card.count).to_have_text(labels.count("chars_left", lang, 280 - x_weighted(x_text)))

    card.channel.select_option(label=channel_name(library, "threads", lang))
    expect(card.text).to_have_text(x_text)
    expect(card.count).to_have_text(labels.count("chars_left", lang, 500 - len(x_text)))

    card.channel.select_option(label=channel_name(library, "facebook-comment", lang))
    facebook = version_text(library, reply, "facebook-comment", lang, values)
    assert facebook != x_text
    expect(card.text).to_have_text(facebook)
    expect(card.count).to_have_text(labels.count("chars_left", lang, 8000 - len(facebook)))
    assert card.copy() == facebook

    # the platform chosen is the one other replies open on, here and on other pages
    page.goto(site.url(lang, f"playbooks/{OTHER_PLAYBOOK}/"))
    offering = page.locator("[data-rb-card]").filter(has=page.locator("option[value='facebook-comment']")).filter(
        has_not=page.locator("option:first-child[value='facebook-comment']")).first
    expect(offering.get_by_label(labels("post_on", lang), exact=True)).to_have_value("facebook-comment")


def test_each_platform_counts_its_own_way(page, site, library, labels, reply):
    """X: a link is 23 whatever its length; Threads: characters; Bluesky: graphemes.

    (An emoji family is one grapheme.)
    """
    lang = "uk"
    card = open_card(page, site, library, labels, lang)
    card.fill("deadline", VALUES[lang][1])
    card.fill("agent_name", VALUES[lang][2])

    counts = []
    for link in ("https://example.com/a", "https://example.com/" + "very-long-path/" * 8):
        value = f"посилання {link} не відкривається"
        card.fill("issue", value)
        text = version_text(library, reply, "x", lang, {"issue": value, "deadline": VALUES[lang][1],
                                                       "agent_name": VALUES[lang][2]})
        expect(card.text).to_have_text(text)
        expect(card.count).to_contain_text(labels.count("chars_left", lang, 280 - x_weighted(text)))
        expect(card.count).to_contain_text(labels("link_counts", lang))
        counts.append(card.remaining())
    assert counts[0] == counts[1], "X counts any link as 23 characters"

    family = "👨‍👩‍👧"
    card.fill("issue", f"{family} {VALUES[lang][0]}")
    text = card.visible_text()
    card.channel.select_option("threads")
    expect(card.count).to_have_text(labels.count("chars_left", lang, 500 - len(text)))
    card.channel.select_option("bluesky")
    expect(card.count).to_have_text(labels.count("chars_left", lang, 300 - graphemes(text)))
    assert len(text) - graphemes(text) == len(family) - 1


def test_going_over_the_limit_shows_a_warning_and_copy_warns(page, site, library, labels, reply):
    lang = "ru"
    card = open_card(page, site, library, labels, lang)
    long_issue = "заказ " + "очень " * 50 + "задерживается"
    values = {"issue": long_issue, "deadline": VALUES[lang][1], "agent_name": VALUES[lang][2]}
    for name, value in values.items():
        card.fill(name, value)
    text = version_text(library, reply, "x", lang, values)
    over = x_weighted(text) - 280
    assert over > 0
    over_label = labels.count("chars_over", lang, over)
    expect(card.count).to_have_text(over_label)

    set_clipboard(page)
    card.copy_button.click()
    expect(card.guard).to_be_visible()
    expect(card.guard).to_contain_text(channel_name(library, "x", lang))
    expect(card.guard).to_contain_text(over_label)
    expect(card.fill_them).to_be_hidden()
    assert clipboard(page) == SENTINEL

    card.copy_anyway.click()
    expect(card.status).to_have_text(labels("copied_over_limit", lang))
    assert clipboard(page) == text
    expect(card.copy_button).to_be_focused()

    card.fill("issue", VALUES[lang][0])
    short = version_text(library, reply, "x", lang, {**values, "issue": VALUES[lang][0]})
    expect(card.count).to_have_text(labels.count("chars_left", lang, 280 - x_weighted(short)))


# ---------- remembered values ----------


def cards_with(page, site, library, labels, lang: str, name: str) -> list[Card]:
    """The cards of the page whose visible reply has the blank ``name``."""
    cards_settled(page)
    label = text_of(library.placeholders[name].label, lang, library.default_language)
    roots = page.locator("[data-rb-card]").filter(has=page.get_by_label(label, exact=True).filter(visible=True))
    return [Card(page, roots.nth(i), lang, labels, library) for i in range(roots.count())]


def expect_shared(card: Card, cards: list[Card], name: str, value: str) -> list[Card]:
    """At least two other cards of the page show ``value`` in their blank ``name`` and their text."""
    others = [c for c in cards if c.root != card.root]
    assert len(others) >= 2
    for other in others:
        expect(other.field(name)).to_have_value(value)
        expect(other.text).to_contain_text(value)
    return others


def test_profile_values_fill_every_card_and_page_until_cleared(page, site, library, labels, reply):
    lang = "uk"
    _, deadline, agent = VALUES[lang]
    card = open_card(page, site, library, labels, lang)
    card.fill("agent_name", agent)
    card.fill("deadline", deadline)
    expect_shared(card, cards_with(page, site, library, labels, lang, "agent_name"), "agent_name", agent)

    # another page: prefilled; the details panel shows them; a team value typed there fills the cards
    page.goto(site.url(lang, f"playbooks/{OTHER_PLAYBOOK}/"))
    here = cards_with(page, site, library, labels, lang, "agent_name")
    assert here
    for other in here:
        other.ready()
        expect(other.field("agent_name")).to_have_value(agent)
        expect(other.text).to_contain_text(agent)
    panel_button = page.get_by_role("button", name=labels("profile_title", lang))
    panel_button.click()
    panel = page.get_by_role("group", name=labels("profile_title", lang))
    expect(panel.get_by_label(card.label("agent_name"), exact=True)).to_have_value(agent)
    expect(panel.get_by_label(card.label("deadline"), exact=True)).to_have_value(deadline)
    brand_cards = cards_with(page, site, library, labels, lang, "brand")
    assert brand_cards
    panel.get_by_label(card.label("brand"), exact=True).fill("Нордвінд")
    expect(brand_cards[0].field("brand")).to_have_value("Нордвінд")
    expect(brand_cards[0].text).to_contain_text("Нордвінд")

    panel.get_by_label(card.label("brand"), exact=True).press("Escape")
    expect(panel).to_be_hidden()
    expect(panel_button).to_be_focused()
    panel_button.click()
    expect(panel.get_by_role("textbox").first).to_be_focused()
    panel.get_by_role("button", name=labels("profile_clear", lang), exact=True).click()
    expect(panel.get_by_role("status")).to_have_text(labels("profile_cleared", lang))
    expect(panel.get_by_label(card.label("agent_name"), exact=True)).to_have_value("")
    for other in here:
        expect(other.field("agent_name")).to_have_value("")
        expect(other.text).to_contain_text(other.blank_marker("agent_name"))
    panel.get_by_role("button", name=labels("profile_close", lang), exact=True).click()
    expect(panel).to_be_hidden()
    expect(panel_button).to_be_focused()
    expect(panel_button).to_have_attribute("aria-expanded", "false")
    panel_button.click()
    expect(panel_button).to_have_attribute("aria-expanded", "true")
    page.get_by_role("heading", level=1).click(position={"x": 4, "y": 4})  # elsewhere on the page
    expect(panel).to_be_hidden()
    page.reload()
    for other in cards_with(page, site, library, labels, lang, "agent_name"):
        other.ready()
        expect(other.field("agent_name")).to_have_value("")


def test_case_values_are_shared_on_the_page_and_survive_back(page, site, library, labels, reply):
    lang = "en"
    issue = VALUES[lang][0]
    card = open_card(page, site, library, labels, lang)
    card.fill("issue", issue)
    sharing = expect_shared(card, cards_with(page, site, library, labels, lang, "issue"), "issue", issue)

    # leave through a link on the page, come back with the browser's Back button
    principle = next(iter(library.playbooks[PLAYBOOK].principles))
    title = text_of(library.principles[principle].title, lang, library.default_language)
    page.get_by_role("link", name=title, exact=True).first.click()
    expect(page).to_have_url(site.url(lang, f"principles/{principle}/"))
    page.go_back()
    card.ready()
    expect(card.field("issue")).to_have_value(issue)
    expect(card.text).to_contain_text(issue)
    for other in sharing:
        expect(other.field("issue")).to_have_value(issue)

    # they belong to this conversation: another situation's replies start blank
    page.goto(site.url(lang, f"playbooks/{OTHER_PLAYBOOK}/"))
    for other in cards_with(page, site, library, labels, lang, "issue"):
        other.ready()
        expect(other.field("issue")).to_have_value("")


def test_the_replies_page_shows_only_the_replies_for_the_platform_chosen(page, site, library, labels):
    lang = "ru"
    channel = "telegram"
    expected = {tid for tid, entry in library.templates.items()
                if channel in entry.template.channels or any(channel in v.channels for v in entry.template.variants)}
    assert 0 < len(expected) < len(library.templates)
    page.goto(site.url(lang, "templates/"))
    cards_settled(page)
    cards = page.locator("[data-rb-card]")
    expect(cards.filter(visible=True)).to_have_count(len(library.templates))

    page.get_by_label(labels("filter_channel", lang), exact=True).select_option(
        label=channel_name(library, channel, lang))
    expect(cards.filter(visible=True)).to_have_count(len(expected))
    shown = {card.get_attribute("id").removeprefix("all-") for card in cards.filter(visible=True).all()}
    assert shown == expected
    count = labels.count("filter_count", lang, len(expected))
    expect(page.get_by_role("status").filter(has_text=count)).to_be_visible()
    first = Card(page, cards.filter(visible=True).first, lang, labels, library)
    if first.channel.count():  # a reply for several platforms now shows the one chosen
        expect(first.channel).to_have_value(channel)
    else:
        expect(first.root).to_contain_text(f"{labels('post_on', lang)}: {channel_name(library, channel, lang)}")

    page.get_by_label(labels("filter_channel", lang), exact=True).select_option(
        label=labels("filter_all_channels", lang))
    expect(cards.filter(visible=True)).to_have_count(len(library.templates))


# ---------- a phone ----------


def touch_targets(card: Card, walk_options: Any) -> list[tuple[str, dict]]:
    targets = [card.copy_button, card.channel, card.fill_them, card.copy_anyway,
               *card.root.get_by_role("textbox").all(), *walk_options.all()]
    return [(t.evaluate("el => el.outerHTML.slice(0, 80)"), t.bounding_box()) for t in targets]


def test_card_and_tree_targets_are_big_enough_to_tap(new_page, site, library, labels, reply):
    page = new_page(viewport=PHONE, has_touch=True, is_mobile=True)
    card = open_card(page, site, library, labels, "es")
    card.copy_button.click()
    expect(card.guard).to_be_visible()
    options = page.locator("[data-rb-walk] .rb-node:visible").get_by_role("link")
    small = [(html, box) for html, box in touch_targets(card, options)
             if box is None or box["width"] < 44 or box["height"] < 44]
    assert small == []


def test_long_values_wrap_without_sideways_scrolling_on_a_phone(new_page, site, library, labels):
    page = new_page(viewport=PHONE, has_touch=True, is_mobile=True)
    lang = "uk"
    page.goto(site.url(lang, f"playbooks/{OTHER_PLAYBOOK}/"))
    assert no_horizontal_scroll(page)
    card = cards_with(page, site, library, labels, lang, "agent_name")[0].ready()
    card.fill("agent_name", "Костянтин-Олександр-" * 6)
    link_card = cards_with(page, site, library, labels, lang, "fact")[0].ready()
    link_card.fill("fact", "https://www.example.com/" + "a-very-long-path-without-spaces/" * 6)
    expect(link_card.text).to_contain_text("a-very-long-path-without-spaces")
    assert no_horizontal_scroll(page)
    for text in (card.text, link_card.text):
        box = text.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box


def test_a_playbook_with_review_platforms_fits_a_phone(new_page, site, library, labels, reply):
    page = new_page(viewport=PHONE, has_touch=True, is_mobile=True)
    open_card(page, site, library, labels, "es")
    assert no_horizontal_scroll(page)


def test_header_buttons_are_big_enough_to_tap(new_page, site, labels):
    page = new_page(viewport=PHONE, has_touch=True, is_mobile=True)
    lang = "en"
    page.goto(site.url(lang, "playbooks/"))
    header = page.locator("[data-md-component=header]")
    buttons = [header.get_by_role("button", name=labels("search_label", lang), exact=True),
               header.get_by_role("button", name=labels("profile_title", lang), exact=True),
               header.get_by_role("button", name=labels("language_label", lang), exact=True)]
    for button in buttons:
        expect(button).to_be_visible()
    sizes = [button.bounding_box() for button in buttons]
    assert all(box and box["width"] >= 44 and box["height"] >= 44 for box in sizes), sizes
