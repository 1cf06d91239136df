"""Rendering: every page in every language, contributed text inert everywhere, the reader's path intact.

Pages are rendered from tests/fixtures/base and turned into HTML the way the site does (Python-Markdown
with attr_list and toc), so that what is checked is what a reader's browser gets.
"""

from __future__ import annotations

import html as html_module
import json
import posixpath
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import markdown
import pytest
from markupsafe import Markup

from replybook.library import Library, TemplateEntry, load_library
from replybook.model import LocalizedText
from replybook.pages import markdown_path, page_url, relative_url, source_anchor, template_anchor
from replybook.render import Renderer, View, iter_pages, markdown_inline, script_json
from replybook.settings import TeamSettings
from tests.conftest import FIXTURES

#: Pages written by hand in docs/ (not generated) that generated pages may link to.
HAND_WRITTEN = {"helpdesk/index", "contribute/index"}


class Page(HTMLParser):
    """The parts of a page the tests look at."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.markdown = text
        self.html = markdown.markdown(text, extensions=["attr_list", "toc"])
        self.unescaped = html_module.unescape(self.html)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.ids: set[str] = set()
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._script: dict[str, str | None] | None = None
        self.feed(self.html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag == "script":
            self._script = attributes
            self.scripts.append((attributes, ""))

    def handle_data(self, data):
        if self._script is not None:
            attributes, text = self.scripts[-1]
            self.scripts[-1] = (attributes, text + data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None

    def hrefs(self) -> list[str]:
        return [a["href"] for tag, a in self.tags if tag == "a" and a.get("href")]

    def data(self) -> dict:
        """The JSON the page script reads (`<script type="application/json" id="rb-data">`)."""
        [(attributes, text)] = [s for s in self.scripts if s[0].get("id") == "rb-data"]
        assert attributes.get("type") == "application/json"
        return json.loads(text)

    def text_of(self, css_class: str) -> list[str]:
        """The text inside every element with ``css_class`` (tags stripped, entities decoded)."""
        found = re.findall(rf'<(\w+)[^>]*class="[^"]*\b{re.escape(css_class)}\b[^"]*"[^>]*>(.*?)</\1>', self.html,
                           re.S)
        return [html_module.unescape(re.sub(r"<[^>]+>", "", inner)).strip() for _, inner in found]


def _renderer(library: Library, ui, settings: TeamSettings | None = None) -> Renderer:
    return Renderer(library, ui, settings or TeamSettings())


@pytest.fixture(scope="module")
def pages(base_library, ui, languages) -> dict[tuple[str, str], Page]:
    """Every generated page of the base library, by (page key, language)."""
    return {(key, language): Page(text) for key, language, text in iter_pages(_renderer(base_library, ui), languages)}


def _fresh_library(languages) -> Library:
    result = load_library([FIXTURES / "base"], languages)
    assert result.library is not None
    return result.library


# -- every page, every language --------------------------------------------------------------------


def test_every_page_renders_in_every_language(pages, base_library, languages):
    keys = {key for key, _ in pages}
    entries = {f"{folder}/{ident}" for folder, index in (("playbooks", base_library.playbooks),
               ("principles", base_library.principles), ("trees", base_library.trees), ("cases", base_library.cases))
               for ident in index}
    assert entries | {"index", "playbooks/index", "principles/index", "cases/index", "templates", "response-times",
                      "channels", "sources", "contribute/style", "contribute/format",
                      "contribute/translation-status"} == keys
    assert set(pages) == {(key, language) for key in keys for language in languages}
    for (key, language), page in pages.items():
        text = page.markdown
        assert text.lstrip().startswith(("# ", "---")), (key, language)
        assert "{{" not in text and "{%" not in text and "None" not in text, (key, language)
        assert "built-in method" not in text and "bound method" not in text and "Undefined" not in text


def test_pages_are_written_where_the_i18n_plugin_expects_them(languages):
    assert markdown_path("playbooks/x", languages[1]) == f"playbooks/x.{languages[1]}.md"
    assert markdown_path("index", languages[0]) == f"index.{languages[0]}.md"


def test_page_titles_are_in_the_pages_language(pages, base_library, languages):
    for language in languages:
        assert pages[("playbooks/angry-post", language)].markdown.startswith(
            f"# {markdown_inline(base_library.playbooks['angry-post'].title.get(language))}\n")


def test_every_internal_link_and_anchor_resolves(pages, languages):
    by_url = {"/" + page_url(key): key for key, _ in pages}
    for (key, language), page in pages.items():
        base = "/" + page_url(key)
        for href in page.hrefs():
            if urlsplit(href).scheme:
                continue
            target = urlsplit(urljoin(base, href))
            target_key = by_url.get(target.path)
            if target_key is None:
                hand_written = posixpath.normpath(target.path.strip("/")) + "/index"
                assert hand_written in HAND_WRITTEN, f"{key}.{language}: {href} leads nowhere"
                continue
            if target.fragment:
                assert target.fragment in pages[(target_key, language)].ids, f"{key}.{language}: {href}"


def test_links_are_relative(pages):
    for (key, language), page in pages.items():
        for href in page.hrefs():
            assert not href.startswith("/") and not urlsplit(href).scheme, f"{key}.{language}: {href}"


def test_relative_urls():
    assert page_url("index") == ""
    assert page_url("playbooks/index") == "playbooks/"
    assert page_url("playbooks/x") == "playbooks/x/"
    assert relative_url("playbooks/x", "playbooks/y") == "../y/"
    assert relative_url("playbooks/x", "index") == "../../"
    assert relative_url("index", "playbooks/x", "tpl-a") == "playbooks/x/#tpl-a"
    assert relative_url("principles/a", "principles/a", "why") == "#why"
    assert relative_url("playbooks/index", "playbooks/x") == "x/"
    assert relative_url("index", "index") == "./"
    assert template_anchor("calm-reply") == "tpl-calm-reply"
    assert source_anchor("000_74B1.txt") == "source-000-74b1-txt"


# -- contributed text stays inert ----------------------------------------------------------------

EVIL = ('</script><script>alert(1)</script><img src=x onerror=alert(1)> "q\' & *bold* [a](javascript:alert(1)) '
        "{#id} {{ 7*7 }} {% if %}")


def _evil_library(languages) -> Library:
    """The base library with hostile text in every kind of field (the validator would refuse it)."""
    lib = _fresh_library(languages)
    evil = LocalizedText({language: EVIL for language in languages})
    with_placeholder = LocalizedText({language: EVIL + " {customer_name}" for language in languages})
    lib.principles["be-kind"] = lib.principles["be-kind"].model_copy(update={"title": evil, "statement": evil})
    entry = lib.templates["calm-reply"]
    template = entry.template.model_copy(update={"title": evil, "text": with_placeholder,
                                                 "placeholders": ["customer_name"], "variants": []})
    tree = lib.trees["triage"]
    node = tree.nodes["first"]
    options = [node.options[0].model_copy(update={"label": evil}), node.options[1]]
    nodes = {**tree.nodes, "first": node.model_copy(update={"question": evil, "options": options})}
    lib.trees["triage"] = tree.model_copy(update={"nodes": nodes, "title": evil, "summary": evil})
    playbook = entry.playbook.model_copy(update={
        "summary": evil, "dont": [evil], "templates": [template, *entry.playbook.templates[1:]]})
    lib.playbooks["angry-post"] = playbook
    lib.templates["calm-reply"] = TemplateEntry(template, playbook, entry.path)
    lib.templates["facts-reply"] = TemplateEntry(lib.templates["facts-reply"].template, playbook,
                                                 lib.templates["facts-reply"].path)
    lib.channels["x"] = lib.channels["x"].model_copy(update={"name": evil, "mechanics": evil})
    lib.placeholders["customer_name"] = lib.placeholders["customer_name"].model_copy(update={"label": evil})
    lib.cases["some-case"] = lib.cases["some-case"].model_copy(update={"lessons": [evil]})
    return lib


def test_contributed_text_is_inert_everywhere(ui, languages):
    lib = _evil_library(languages)
    renderer = _renderer(lib, ui)
    checked = 0
    for key, language, text in iter_pages(renderer, languages[:2]):
        page = Page(text)
        for tag, attributes in page.tags:
            assert tag not in ("img", "iframe", "object"), f"{key}.{language}: <{tag}>"
            assert not any(name.startswith("on") for name in attributes), f"{key}.{language}: {attributes}"
            assert "javascript:" not in (attributes.get("href") or ""), f"{key}.{language}"
            if tag == "script":
                assert attributes.get("type") == "application/json", f"{key}.{language}: a script element runs"
        assert "<strong>bold</strong>" not in page.html and "<em>bold</em>" not in page.html
        assert "49" not in re.sub(r"\d{3,}", "", page.markdown)  # {{ 7*7 }} is not evaluated
        if EVIL in page.html or "alert(1)" in page.html:
            checked += 1
    assert checked >= 8  # the hostile text is on many pages, shown (escaped), not dropped


def test_script_data_cannot_break_out_and_keeps_the_text(ui, languages):
    lib = _evil_library(languages)
    text = next(spec.render(languages[0]) for spec in _renderer(lib, ui).pages() if spec.key == "playbooks/angry-post")
    block = re.search(r'<script type="application/json" id="rb-data">(.*?)</script>', text, re.S).group(1)
    assert "<" not in block and ">" not in block and "&" not in block
    data = json.loads(block)
    assert data["channels"]["x"]["name"] == EVIL and data["channels"]["x"]["mechanics"] == EVIL
    assert data["placeholders"]["customer_name"]["label"] == EVIL
    assert json.loads(str(script_json({"a": "</script>"}))) == {"a": "</script>"}


def test_hostile_text_is_shown_as_typed(ui, languages):
    lib = _evil_library(languages)
    specs = {spec.key: spec for spec in _renderer(lib, ui).pages()}
    principle = Page(specs["principles/be-kind"].render(languages[0]))
    assert principle.text_of("rb-statement") == [EVIL]
    card = Page(specs["templates"].render(languages[0]))
    assert card.text_of("rb-card__title")[0] == EVIL
    before_braces = EVIL.split("{")[0]  # braces are placeholder syntax in a reply, shown as [name]
    assert any(text.startswith(before_braces) and text.endswith(f"[{EVIL}]") for text in card.text_of("rb-card__text"))
    tree = Page(specs["trees/triage"].render(languages[0]))
    assert EVIL in tree.text_of("rb-node__question")


def test_markdown_heading_escapes_markup_and_markdown():
    assert markdown_inline("<b>*x*</b> {#id}") == Markup(r"&lt;b&gt;\*x\*&lt;/b&gt; \{\#id\}")
    assert markdown_inline("Don't & \"quote\"") == Markup("Don't &amp; \"quote\"")


def test_a_heading_that_looks_like_markdown_stays_text(ui, languages):
    lib = _fresh_library(languages)
    title = LocalizedText({language: "Refund *now* [x](y) #1 {#custom}" for language in languages})
    lib.playbooks["quiet-praise"] = lib.playbooks["quiet-praise"].model_copy(update={"title": title})
    text = next(s.render(languages[0]) for s in _renderer(lib, ui).pages() if s.key == "playbooks/quiet-praise")
    html = Page(text).html
    assert "<h1" in html and "Refund *now* [x](y) #1 {#custom}</h1>" in html
    assert 'id="custom"' not in html


# -- replies ---------------------------------------------------------------------------------------


def test_placeholders_are_shown_as_their_labels_in_brackets(pages, base_library, languages):
    for language in languages:
        page = pages[("playbooks/angry-post", language)]
        label = base_library.placeholders["customer_name"].label.get(language)
        spans = re.findall(r'<span class="rb-ph" data-ph="customer_name">(.*?)</span>', page.html)
        assert spans and all(span.replace("&#x27;", "'").replace("&#39;", "'") == f"[{label}]" for span in spans)
        assert "{customer_name}" not in page.markdown


def test_a_card_lists_its_versions_with_their_channels(pages, base_library, languages):
    for language in languages:
        page = pages[("playbooks/angry-post", language)]
        card = re.search(r'<article class="rb-card" id="tpl-calm-reply".*?</article>', page.html, re.S).group(0)
        versions = re.findall(r'data-rb-version="(\d+)" data-channels="([^"]*)"', card)
        assert versions == [("0", "x"), ("1", "email")]
        chips = re.findall(r'data-channel="([\w-]+)">([^<]*)<', card)
        assert chips == [("x", base_library.channels["x"].name.get(language)),
                         ("email", base_library.channels["email"].name.get(language))]
        facts = re.search(r'id="tpl-facts-reply".*?</article>', page.html, re.S).group(0)
        assert re.findall(r'data-channels="([^"]*)"', facts) == ["photo-comment sky"]


def test_every_reply_is_on_the_templates_page_once(pages, base_library, languages):
    for language in languages:
        page = pages[("templates", language)]
        cards = re.findall(r'<article class="rb-card" id="([^"]+)"', page.html)
        assert sorted(cards) == sorted(f"all-{t}" for t in base_library.templates)
        options = re.findall(r'<option value="([^"]*)">', page.html)
        assert options == ["", *base_library.channels]  # the channel filter: every platform, then each one
        groups = re.findall(r'<section class="rb-template-group" data-rb-group>\s*<h2 id="([^"]+)"', page.html)
        assert groups == ["angry-post"]  # a playbook without replies has no group
        assert page.data()["language"] == language


def test_the_page_data_carries_channels_placeholders_and_labels(pages, base_library, ui, languages):
    for language in languages:
        data = pages[("playbooks/angry-post", language)].data()
        assert data["channels"]["x"]["limits"] == [[280, "x-weighted"]]
        assert data["channels"]["sky"]["limits"] == [[300, "graphemes"], [400, "utf8-bytes"]]
        assert data["channels"]["photo-comment"]["links"] is False
        assert data["channels"]["photo-comment"]["confirmed"] is False
        assert data["channels"]["email"]["public"] is False and data["channels"]["email"]["limits"] == []
        assert data["placeholders"]["customer_name"]["example"] == \
            base_library.placeholders["customer_name"].example.get(language)
        assert data["placeholders"]["agent_name"]["scope"] == "agent"
        assert data["labels"] == ui[language].card_labels()


def test_the_ukrainian_vocative_form_is_the_hint(pages, languages):
    data = pages[("playbooks/angry-post", "uk")].data()
    assert data["placeholders"]["customer_name"]["form"] == "кличний відмінок: Ганно, Олеже"
    assert data["placeholders"]["customer_name"]["example"] == "Ганно"
    for language in set(languages) - {"uk"}:
        assert pages[("playbooks/angry-post", language)].data()["placeholders"]["customer_name"]["form"] == ""


def test_only_pages_with_cards_carry_page_data(pages):
    for (key, language), page in pages.items():
        has_cards = 'class="rb-card"' in page.html
        assert has_cards == any(s[0].get("id") == "rb-data" for s in page.scripts), f"{key}.{language}"
    assert 'class="rb-card"' not in pages[("principles/index", "en")].html


def test_team_defaults_reach_the_cards(base_library, ui, languages):
    settings = TeamSettings(team={"brand": {"*": "Northwind"}, "website": {"uk": "example.com/uk"}})
    renderer = _renderer(base_library, ui, settings)
    assert renderer.page_data("uk")["placeholders"]["brand"]["team"] == "Northwind"
    assert renderer.page_data("uk")["placeholders"]["website"]["team"] == "example.com/uk"
    assert renderer.page_data("en")["placeholders"]["website"]["team"] == ""


# -- decision trees ----------------------------------------------------------------------------------


def _outcomes(page: Page) -> dict[str, str]:
    return dict(re.findall(r'<h3 class="rb-node__question" id="([\w-]+-end-\d+)-q">(.*?)</h3>', page.html))


def test_outcome_headings_name_the_reply_or_the_situation(pages, base_library, ui, languages):
    for language in languages:
        t = ui[language]
        calm = base_library.templates["calm-reply"].template.title.get(language)
        facts = base_library.templates["facts-reply"].template.title.get(language)
        angry = base_library.playbooks["angry-post"].title.get(language)
        quiet = base_library.playbooks["quiet-praise"].title.get(language)
        triage = {k: html_module.unescape(v) for k, v in _outcomes(pages[("trees/triage", language)]).items()}
        assert triage == {"triage-first-end-1": t.t("outcome_playbook", title=quiet),
                          "triage-second-end-0": t.t("outcome_reply", title=calm),
                          "triage-second-end-1": t.t("outcome_playbook", title=angry)}
        decide = {k: html_module.unescape(v) for k, v in _outcomes(pages[("playbooks/angry-post", language)]).items()}
        assert decide == {"decide-valid-end-0": t.t("outcome_reply", title=calm),
                          "decide-proof-end-0": t.t("outcome_reply", title=facts),
                          "decide-proof-end-1": t.t("outcome_playbook", title=angry)}
        answers = {node.options[i].label.get(language) for node in base_library.trees["triage"].nodes.values()
                   for i in range(len(node.options))}
        assert not any(heading.endswith(tuple(answers)) for heading in [*triage.values(), *decide.values()])


def test_resume_links_open_the_playbook_at_the_question(pages, languages):
    for language in languages:
        triage = pages[("trees/triage", language)]
        assert "../../playbooks/angry-post/#decide-proof" in triage.hrefs()
        assert "decide-proof" in pages[("playbooks/angry-post", language)].ids
        home = pages[("index", language)]
        assert "playbooks/angry-post/#decide-proof" in home.hrefs()


def test_an_outcome_with_a_reply_shows_the_card_or_points_at_it(pages, languages):
    for language in languages:
        triage = pages[("trees/triage", language)]
        assert "triage-second-end-0-reply" in triage.ids  # the card itself, inside the outcome
        assert "../../playbooks/angry-post/#replies" in triage.hrefs()
        playbook = pages[("playbooks/angry-post", language)]
        cards = re.findall(r'<article class="rb-card" id="([^"]+)"', playbook.html)
        assert cards == ["tpl-calm-reply", "tpl-facts-reply"]  # not repeated inside the tree
        outcome = re.search(r'id="decide-valid-end-0".*?</section>', playbook.html, re.S).group(0)
        assert 'href="#tpl-calm-reply"' in outcome


def test_every_answer_leads_somewhere_on_the_page(pages):
    for (key, language), page in pages.items():
        for href in page.hrefs():
            if href.startswith("#"):
                assert href[1:] in page.ids, f"{key}.{language}: {href}"


def test_the_tree_walk_answer_by_answer(pages, languages):
    """Triage: Yes, then Not sure, leads to the angry-post playbook at its proof question."""
    for language in languages:
        page = pages[("trees/triage", language)]
        start = re.search(r'<section class="rb-node rb-node--start" id="triage-first".*?</section>', page.html, re.S)
        yes = re.findall(r'href="#([\w-]+)"', start.group(0))[0]
        assert yes == "triage-second"
        second = re.search(r'id="triage-second".*?</section>', page.html, re.S).group(0)
        not_sure = re.findall(r'href="#([\w-]+)"', second)[1]
        outcome = re.search(rf'id="{not_sure}".*?</section>', page.html, re.S).group(0)
        assert 'href="../../playbooks/angry-post/#decide-proof"' in outcome


def test_questions_read_top_down_from_the_start(pages, languages):
    for language in languages:
        walk = re.findall(r'<section class="rb-node[^"]*" id="decide-([a-z-]+)"',
                          pages[("playbooks/angry-post", language)].html)
        assert walk == ["valid", "proof"]
        outline = re.findall(r'<li id="triage-outline-([a-z-]+)">', pages[("trees/triage", language)].html)
        assert outline == ["first", "second"]


def test_tree_outline_lists_every_question_and_outcome(pages, base_library, languages):
    for language in languages:
        page = pages[("trees/triage", language)]
        outline = re.search(r'<ol class="rb-outline">.*</ol>', page.html, re.S).group(0)
        for node in base_library.trees["triage"].nodes.values():
            assert node.question.get(language) in html_module.unescape(outline)
        assert "../../playbooks/angry-post/#tpl-calm-reply" in outline


# -- the other pages ---------------------------------------------------------------------------------


def test_playbook_page_has_every_section_in_every_language(pages, base_library, ui, languages):
    playbook = base_library.playbooks["angry-post"]
    for language in languages:
        page = pages[("playbooks/angry-post", language)]
        t = ui[language]
        assert page.text_of("rb-lead") == [playbook.summary.get(language)]
        assert {"replies", "steps", "signals", "do-heading", "dont-heading", "principles", "sources",
                "step-answer"} <= page.ids
        dont = re.search(r'<section class="rb-dont".*?</section>', page.unescaped, re.S).group(0)
        assert t.t("dont") in dont and playbook.dont[0].get(language) in dont
        do = re.search(r'<section class="rb-do".*?</section>', page.unescaped, re.S).group(0)
        assert playbook.do[0].get(language) in do
        assert t.plural("jump_replies", 2) in page.unescaped
        assert t.t("severity_high") in page.unescaped and t.plural("duration_m", 30) in page.unescaped
        assert "../../principles/be-kind/" in page.hrefs() and "../../sources/#source-article-one-txt" in page.hrefs()
        assert "rant" not in page.html and "наїзд" not in page.html  # search terms are never shown


def test_principle_pages_exist_and_link_back(pages, base_library, ui, languages):
    principle = base_library.principles["be-kind"]
    for language in languages:
        page = pages[("principles/be-kind", language)]
        assert page.text_of("rb-statement") == [principle.statement.get(language)]
        assert "../../playbooks/angry-post/" in page.hrefs()  # the playbooks that rest on it
        assert ui[language].t("departures") in page.unescaped
        assert principle.departures[0].note.get(language) in page.unescaped
        index = pages[("principles/index", language)]
        assert "be-kind/" in index.hrefs()


def test_case_page_has_its_story(pages, base_library, ui, languages):
    case = base_library.cases["some-case"]
    for language in languages:
        page = pages[("cases/some-case", language)]
        for lines in (case.what_happened, case.went_right, case.went_wrong, case.lessons):
            assert lines[0].get(language) in page.unescaped
        assert '<span class="rb-chip">2013</span>' in page.html
        assert {"what-happened", "went-right", "went-wrong", "lessons", "principles"} <= page.ids


def test_response_times_are_sorted_by_urgency(pages, languages, ui):
    for language in languages:
        page = pages[("response-times", language)]
        rows = re.findall(r'<tr><th scope="row"><a href="([^"]+)">', page.html)
        assert rows == ["../playbooks/angry-post/", "../playbooks/quiet-praise/"]  # 30 minutes, then 1 day
        assert ui[language].plural("duration_m", 30) in page.unescaped
        assert ui[language].plural("duration_d", 1) in page.unescaped


def test_playbook_lists_follow_the_display_order(pages):
    home = pages[("index", "en")]
    listed = re.search(r'<ul class="rb-playbook-list">.*?</ul>', home.html, re.S).group(0)
    assert re.findall(r'href="([^"]+)"', listed) == ["playbooks/quiet-praise/#replies", "playbooks/angry-post/#replies"]
    tiles = re.findall(r'<a class="rb-tile" href="([^"]+)"', pages[("playbooks/index", "en")].html)
    assert tiles == ["quiet-praise/", "angry-post/"]


def test_channels_page_marks_unconfirmed_limits(pages, ui, languages):
    for language in languages:
        t = ui[language]
        page = pages[("channels", language)]
        rows = dict(re.findall(r'<tr id="channel-([\w-]+)">(.*?)</tr>', page.unescaped))
        assert set(rows) == {"x", "sky", "photo-comment", "email"}
        assert t.t("not_confirmed") in rows["photo-comment"] and t.t("channel_unconfirmed") in rows["photo-comment"]
        for confirmed in ("x", "sky", "email"):
            assert t.t("not_confirmed") not in rows[confirmed] and t.t("channel_unconfirmed") not in rows[confirmed]
        assert t.t("links_not_clickable") in rows["photo-comment"] and t.t("links_not_clickable") not in rows["x"]
        assert t.plural("limit_x_weighted", 280) in rows["x"]
        assert f'{t.plural("limit_graphemes", 300)} · {t.plural("limit_utf8_bytes", 400)}' in rows["sky"]
        assert t.plural("limit_characters", 150) in rows["photo-comment"] and t.t("no_limit") in rows["email"]
        assert t.t("private") in rows["email"] and t.t("public") in rows["x"]
        mechanics = re.search(r'<dl class="rb-mechanics">(.*?)</dl>', page.html, re.S).group(1)
        assert mechanics.count("<dt>") == 1  # only X has mechanics in the fixtures


def test_sources_page_says_what_uses_each_source(pages, languages):
    for language in languages:
        page = pages[("sources", language)]
        assert {"source-article-one-txt", "source-field-notes-txt"} <= page.ids
        one = re.search(r'<section class="rb-source" aria-labelledby="source-article-one-txt">.*?</section>',
                        page.html, re.S).group(0)
        assert {"../principles/be-kind/", "../playbooks/angry-post/", "../trees/triage/"} == set(
            re.findall(r'href="([^"]+)"', one))
        assert "<dd>2</dd>" in one and "A. Writer" in one and "<code>article-one.txt</code>" in one


def test_style_page_shows_each_register_and_its_words(pages, base_library, languages):
    for language in languages:
        page = pages[("contribute/style", language)]
        for register in base_library.registers.values():
            assert f"register-{register.language}" in page.ids
            for word in register.avoid:
                assert f'<code lang="{register.language}">{word}</code>' in page.html


def test_format_page_lists_every_rule_and_kind(pages, languages):
    from replybook.model import DOCUMENT_KINDS
    from replybook.rulebook import RULES

    for language in languages:
        page = pages[("contribute/format", language)]
        for rule in RULES:
            assert f"<code>{rule}</code>" in page.html
        for model in DOCUMENT_KINDS.values():
            assert model.__name__.lower() in page.ids
        assert "kind: playbook" in page.html and "late-delivery" in page.html


def test_home_page_has_the_search_box_the_triage_and_every_playbook(pages, base_library, languages):
    for language in languages:
        page = pages[("index", language)]
        assert page.markdown.startswith("---\nhide:\n  - toc\n---\n")
        assert re.search(r'data-rb-search hidden data-records="7"', page.html)  # 2+2+1+1+1 records
        assert {"triage", "playbooks", "principles", "triage-first"} <= page.ids
        assert "trees/triage/#outline" in page.hrefs()


def test_untranslated_text_falls_back_to_the_default_language_and_is_marked(base_library, ui, languages):
    view = View(_renderer(base_library, ui), ui[languages[2]], "principles/index")
    text = LocalizedText({**{language: "Translated" for language in languages}, languages[0]: "Hello & <bye>",
                          languages[2]: "TODO: translate"})
    html = str(view.text(text))
    expected_title = ui[languages[2]].t("untranslated").replace("'", "&#39;")
    assert html == (f'<span lang="{languages[0]}" class="rb-untranslated" title="{expected_title}">'
                    "Hello &amp; &lt;bye&gt;</span>")
    assert str(view.text(LocalizedText({lang: "Yes" for lang in languages}))) == "Yes"
    assert view.plain(text) == "Hello & <bye>"


def test_translation_status_page_says_when_nothing_is_missing(base_library, ui, languages):
    from replybook.status import LanguageStatus

    statuses = [LanguageStatus(language, 10, 10) for language in languages[1:]]
    renderer = Renderer(base_library, ui, TeamSettings(), lambda: statuses)
    spec = next(s for s in renderer.pages() if s.key == "contribute/translation-status")
    for language in languages:
        page = Page(spec.render(language))
        assert page.unescaped.count(ui[language].t("status_all_done")) == len(languages) - 1
        assert {f"lang-{lang}" for lang in languages[1:]} <= page.ids


def test_no_english_interface_text_on_other_languages(pages, ui, languages):
    default = languages[0]
    english = {ui[default].t(k) for k in ui[default].labels if len(ui[default].t(k).split()) >= 2}
    english -= {ui[lang].t(k) for lang in languages[1:] for k in ui[lang].labels}  # shared (e.g. brand names)
    for (key, language), page in pages.items():
        if language == default or key == "contribute/format":  # field descriptions are English by design
            continue
        leaked = {text for text in english if text in page.unescaped}
        assert not leaked, f"{key}.{language}: {leaked}"
