"""Languages: every page in each site language, and the reader always in theirs.

A selector that keeps the page, the browser's language on a first visit, the reader's choice
remembered, a 404 page per language, and the whole site working when served under a sub-path
(/replybook/).
"""

from __future__ import annotations

import html
import os
import re
import tempfile
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.harness import serve
from tests.browser.support import Card, SearchBox, is_relative, locale_of, page_types, text_of


def selector_links(page):
    return page.locator("[data-md-component=header] a[hreflang]")


# ---------- the language selector ----------


def test_the_selector_is_labelled_links_relatively_and_keeps_the_page(page, site, library, labels, lang):
    playbook = next(iter(library.playbooks.values()))
    path = f"playbooks/{playbook.id}/"
    page.goto(site.url(lang, path))
    button = page.get_by_role("button", name=labels("language_label", lang), exact=True)
    expect(button).to_have_text(labels("language_label", lang))
    expect(button).to_be_visible()

    links = selector_links(page)
    expect(links).to_have_count(len(site.languages))
    for link in links.all():
        other = link.get_attribute("hreflang")
        href = link.get_attribute("href")
        assert is_relative(href), f"{other}: {href} is not relative"
        assert urljoin(page.url, href) == site.url(other, path), href

    other = next(code for code in site.languages if code != lang)
    button.hover()
    page.locator(f"[data-md-component=header] a[hreflang={other}]").click()
    expect(page).to_have_url(site.url(other, path))
    expect(page.locator("html")).to_have_attribute("lang", other)
    expect(page.get_by_role("heading", level=1)).to_contain_text(text_of(playbook.title, other, site.default))


def test_home_page_selector_links_are_relative(page, site, lang):
    page.goto(site.url(lang))
    for link in selector_links(page).all():
        href = link.get_attribute("href")
        assert is_relative(href), href
        assert urljoin(page.url, href) == site.url(link.get_attribute("hreflang")), href


# ---------- the browser's language, and the reader's choice ----------


def test_a_first_visit_follows_the_browsers_language(new_page, site, lang):
    page = new_page(locale=locale_of(lang))
    page.goto(site.base)
    expect(page).to_have_url(site.url(lang))
    expect(page.locator("html")).to_have_attribute("lang", lang)
    # only the home page follows it: a link to a page in the default language stays there
    page.goto(site.url(site.default, "playbooks/"))
    expect(page).to_have_url(site.url(site.default, "playbooks/"))


def test_a_browser_language_the_site_lacks_keeps_the_default(new_page, site):
    page = new_page(locale="de-DE")
    page.goto(site.base)
    expect(page.locator("html")).to_have_attribute("lang", site.default)
    expect(page).to_have_url(site.base)


def test_the_readers_choice_wins_over_the_browsers_language(new_page, site, labels):
    browser_language = next(code for code in site.languages if code != site.default)
    page = new_page(locale=locale_of(browser_language))
    page.goto(site.base)
    expect(page).to_have_url(site.url(browser_language))
    page.get_by_role("button", name=labels("language_label", browser_language), exact=True).hover()
    page.locator(f"[data-md-component=header] a[hreflang={site.default}]").click()
    expect(page).to_have_url(site.base)
    expect(page.locator("html")).to_have_attribute("lang", site.default)

    page.goto(site.url(site.default, "sources/"))
    page.goto(site.base)
    expect(page.locator("html")).to_have_attribute("lang", site.default)
    expect(page).to_have_url(site.base)


def test_a_language_chosen_on_any_page_is_kept_on_the_home_page(new_page, site, library, labels):
    """A reader picks the default language on an inner page: the home page then stays in it.

    Their browser speaks another language, and they arrived through a shared link.
    """
    browser_language = next(code for code in site.languages if code != site.default)
    page = new_page(locale=locale_of(browser_language))
    path = f"playbooks/{next(iter(library.playbooks))}/"
    page.goto(site.url(browser_language, path))
    page.get_by_role("button", name=labels("language_label", browser_language), exact=True).hover()
    page.locator(f"[data-md-component=header] a[hreflang={site.default}]").click()
    expect(page).to_have_url(site.url(site.default, path))
    page.goto(site.base)
    expect(page.locator("html")).to_have_attribute("lang", site.default)
    expect(page).to_have_url(site.base)


# ---------- the 404 page ----------


def missing(site, lang: str) -> str:
    return site.url(lang, "no-such-page/")


def test_the_404_page_is_in_the_readers_language(page, site, labels, watch, lang):
    url = missing(site, lang)
    watch.expect_status(url, 404)
    response = page.goto(url)
    assert response is not None and response.status == 404
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.get_by_role("heading", level=1)).to_have_text(labels("notfound_title", lang))
    expect(page.get_by_text(labels("notfound_text", lang))).to_be_visible()


def test_the_404_page_leads_home_in_the_readers_language(page, site, labels, watch, lang):
    url = missing(site, lang)
    watch.expect_status(url, 404)
    page.goto(url)
    home = page.get_by_role("article").get_by_role("link", name=labels("notfound_home", lang), exact=True)
    # where a click goes: the page may set a <base> (see hooks/replybook/not_found.py)
    targets = [home.evaluate("a => a.href")]
    targets += [a.evaluate("a => a.href") for a in selector_links(page).all()]
    assert targets[0] == site.url(lang)
    assert targets[1:] == [site.url(code) for code in site.languages]


def test_an_address_naming_another_host_never_becomes_the_404_pages_base(page, site, watch):
    """``https://guide//other.host/404.html`` must not load the page's scripts from other.host."""
    url = site.base + "/evil.example/uk/404.html"
    watch.expect_status(url, 404)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    found = watch.take()
    assert [problem for problem in found if "another host" in problem] == []
    assert page.evaluate("new URL(document.baseURI).origin") == page.evaluate("location.origin")


# ---------- served under a sub-path ----------


@pytest.fixture(scope="module")
def sub_path(site_dir):
    """The built site served at http://127.0.0.1:<port>/replybook/."""
    with tempfile.TemporaryDirectory(prefix="replybook-subpath-") as parent:
        os.symlink(site_dir, Path(parent) / "replybook")
        with serve(Path(parent), not_found_pages=True) as base:
            yield base + "replybook/"


LOCAL_LINK = re.compile(r"""(?:href|src)="([^"]+)\"""")


def test_every_page_links_only_within_the_sub_path(site_dir):
    """Every address a page links to or loads stays inside the site and exists in it.

    Read from the HTML, whatever folder the site is served from (404 pages excepted: see below).
    """
    root = "http://host/replybook/"
    problems = []
    pages = [p for p in site_dir.rglob("*.html") if p.name != "404.html"]
    assert len(pages) > 50
    for file in pages:
        url = root + file.relative_to(site_dir).as_posix()
        for raw in LOCAL_LINK.findall(file.read_text(encoding="utf-8")):
            href = html.unescape(raw)
            if href.startswith(("mailto:", "#", "data:", "javascript:")) or (
                    urlsplit(href).scheme in ("http", "https") and not href.startswith(root)):
                continue
            target = urljoin(url, href)
            parts = urlsplit(target)
            if parts.netloc != "host" or not parts.path.startswith("/replybook/"):
                problems.append(f"{url}: {href} leaves the site")
                continue
            local = site_dir / unquote(parts.path.removeprefix("/replybook/"))
            if not (local.is_file() or (local / "index.html").is_file()):
                problems.append(f"{url}: {href} does not exist")
    assert problems == []


def test_pages_search_cards_and_languages_work_under_a_sub_path(new_page, site, library, labels, sub_path, watch):
    page = new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    types = page_types(library)
    for index, (name, path) in enumerate(types.items()):
        lang = site.languages[index % len(site.languages)]
        prefix = site.prefix(lang)
        response = page.goto(sub_path + prefix + path)
        assert response is not None and response.ok, name
        expect(page.locator("html")).to_have_attribute("lang", lang)
        expect(page.locator("[data-md-component=header] [data-rb-search]")).to_be_visible()
        for link in selector_links(page).all():
            assert urljoin(page.url, link.get_attribute("href")).startswith(sub_path), name

    lang = "uk"
    page.goto(sub_path + f"{lang}/playbooks/{next(iter(library.playbooks))}/")
    urls = SearchBox.header(page).search("тролям")
    assert urls and all(url.startswith(sub_path + f"{lang}/") for url in urls), urls
    card_root = page.locator("[data-rb-card]").filter(visible=True).first
    card = Card(page, card_root, lang, labels, library).ready()
    expect(card.count).to_contain_text(re.compile(r"\d"))
    card.copy_button.click()
    card.copy_anyway.click()
    expect(card.status).to_have_text(labels("copied_with_blanks", lang))

    outside = [url for url in requested if not urlsplit(url).path.startswith("/replybook/")]
    assert outside == []


@pytest.mark.parametrize("address", ["uk/404.html", "uk/no-such-page/", "uk/cases/no/such/page", "no-such-page/"])
def test_the_404_page_works_under_a_sub_path(page, sub_path, site, labels, watch, address):
    """Styled, in its language, its links inside the sub-path: opened itself or shown for a missing page.

    An address with no folder of the guide in it (``no-such-page/``) does not say where the guide
    begins: the page uses what the guide remembered on a page read before.
    """
    lang = "uk" if address.startswith("uk/") else site.default
    url = sub_path + address
    if address == "no-such-page/":
        page.goto(sub_path)
    if not address.endswith("404.html"):
        watch.expect_status(url, 404)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    failed = watch.take()
    expect(page.get_by_role("heading", level=1)).to_have_text(labels("notfound_title", lang))
    assert failed == []
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    home = page.get_by_role("article").get_by_role("link", name=labels("notfound_home", lang), exact=True)
    assert home.evaluate("a => a.href") == sub_path + site.prefix(lang)
    for link in selector_links(page).all():
        assert link.evaluate("a => a.href").startswith(sub_path)
