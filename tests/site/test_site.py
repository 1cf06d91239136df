"""The built site as files: every page in every language, links, languages, no outside hosts."""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from replybook.rules_text import iter_localized
from tests.site.conftest import copy_project, mkdocs_build


def lang_dir(site: Path, language: str, default: str) -> Path:
    return site if language == default else site / language


def expected_pages(library) -> list[str]:
    keys = ["", "principles/", "playbooks/", "templates/", "cases/", "response-times/", "sources/"]
    keys += [f"playbooks/{p}/" for p in library.playbooks]
    keys += [f"trees/{t}/" for t in library.trees]
    keys += [f"cases/{c}/" for c in library.cases]
    return keys


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str, dict[str, str | None]]] = []
        self.ids: set[str] = set()
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"] or "")
        for name in ("href", "src"):
            if attributes.get(name):
                self.urls.append((tag, attributes[name] or "", attributes))
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def html_files(site: Path) -> list[Path]:
    return [p for p in site.rglob("*.html") if "pagefind" not in p.parts]


def test_every_page_exists_in_every_language_with_its_lang(built_site, library, languages):
    for language in languages:
        for key in expected_pages(library):
            page = lang_dir(built_site, language, languages[0]) / key / "index.html"
            assert page.is_file(), f"missing {language}: {key}"
            lang = re.search(r'<html lang="([^"]+)"', page.read_text(encoding="utf-8"))
            assert lang and lang.group(1) == language, f"{page}: <html lang> is not {language}"


def test_every_internal_link_and_anchor_resolves(built_site):
    broken = []
    anchors: dict[Path, set[str]] = {}
    for page in html_files(built_site):
        links = parse(page)
        for tag, url, _ in links.urls:
            parts = urlsplit(url)
            if parts.scheme or url.startswith(("//", "mailto:", "data:")):
                continue
            if parts.path.startswith("/"):  # 404.html links from the site root
                target = (built_site / parts.path.lstrip("/")).resolve()
            else:
                target = (page.parent / parts.path).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(built_site)}: {tag} {url}")
                continue
            if parts.fragment and target.suffix == ".html":
                if target not in anchors:
                    anchors[target] = parse(target).ids
                if parts.fragment not in anchors[target]:
                    broken.append(f"{page.relative_to(built_site)}: #{parts.fragment} not in {target.name}")
    assert broken == []


def test_language_switcher_leads_to_the_same_page(built_site, library, languages):
    for language in languages:
        for key in expected_pages(library):
            page = lang_dir(built_site, language, languages[0]) / key / "index.html"
            html = page.read_text(encoding="utf-8")
            switch = dict(re.findall(r'<a href="([^"]*)" hreflang="([^"]+)"', html))
            targets = {lang: href for href, lang in switch.items()}
            assert set(targets) == set(languages), f"{page}: switcher offers {sorted(targets)}"
            for other, href in targets.items():
                resolved = posixpath.normpath(posixpath.join(f"/{language}/{key}" if language != languages[0]
                                                             else f"/{key}", href))
                prefix = "" if other == languages[0] else f"/{other}"
                assert resolved.rstrip("/") == f"{prefix}/{key}".rstrip("/") or (
                    resolved == "/" and prefix == "" and key == ""), f"{page}: {other} → {href}"


def test_no_english_content_on_other_languages(built_site, library, languages):
    english = languages[0]
    for language in languages[1:]:
        leaks = []
        own_texts = set()
        sources: list[str] = []
        for document in [*library.principles.values(), *library.playbooks.values(), *library.trees.values(),
                         *library.cases.values()]:
            for _, text in iter_localized(document):
                own_texts.add(text.root[language])
                if len(text.root[english]) >= 25 and text.root[english] != text.root[language]:
                    sources.append(text.root[english])
        for key in expected_pages(library):
            page = lang_dir(built_site, language, english) / key / "index.html"
            body = " ".join(parse(page).text)
            leaks += [f"{key}: {s[:40]}" for s in sources if s in body and s not in own_texts]
        assert leaks == [], f"English text on {language} pages"


def test_no_request_to_another_host_in_any_page(built_site):
    outside = []
    for page in html_files(built_site):
        for tag, url, attributes in parse(page).urls:
            host = urlsplit(url).hostname
            if host and host not in ("127.0.0.1", "localhost"):
                if tag == "a" and "rb-external" in (attributes.get("class") or ""):
                    continue  # a source's own address, shown as a link the reader may choose to follow
                outside.append(f"{page.relative_to(built_site)}: <{tag}> {url}")
    assert outside == []
    for asset in [*built_site.rglob("*.css"), *built_site.rglob("*.html")]:
        text = asset.read_text(encoding="utf-8", errors="replace")
        assert not re.search(r"fonts\.googleapis|fonts\.gstatic|unpkg\.com|cdn\.jsdelivr", text), asset


def test_pagefind_index_has_one_index_per_language(built_site, languages):
    entry = (built_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8")
    for language in languages:
        assert f'"{language}"' in entry, f"no search index for {language}"


@pytest.fixture(scope="module")
def injected_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("injected"))
    tricky = ('&lt;script&gt;alert(1)&lt;/script&gt; **bold** [x](javascript:alert(1)) {{ 7*7 }} '
              '{#fake} "quoted" `code` 3 < 4')
    text = tricky.replace('"', '\\"')
    localized = "{" + ", ".join(f'{lang}: "{text} {lang}"' for lang in ("en", "ru", "uk", "ro", "es")) + "}"
    playbook = (project / "playbooks" / "scenarios" / "facts-not-verified-yet.yaml")
    content = playbook.read_text(encoding="utf-8")
    content = re.sub(r"^summary:\n(  \w\w: .*\n)+", f"summary: {localized}\n", content, count=1, flags=re.M)
    playbook.write_text(content, encoding="utf-8")
    site = project / "site"
    run = mkdocs_build(project, site)
    assert run.returncode == 0, run.stdout + run.stderr
    return site


def test_injected_markup_comes_out_as_text(injected_site, languages):
    for language in languages:
        page = lang_dir(injected_site, language, languages[0]) / "playbooks" / "facts-not-verified-yet" / "index.html"
        html = page.read_text(encoding="utf-8")
        assert "<script>alert(1)" not in html
        assert "&amp;lt;script&amp;gt;alert(1)" in html
        assert 'href="javascript:' not in html
        assert "<strong>bold</strong>" not in html and "**bold**" in html
        assert "{{ 7*7 }}" in html and ">49<" not in html
        assert "3 &lt; 4" in html


def test_broken_playbook_fails_the_build_with_locations_and_publishes_nothing(tmp_path):
    project = copy_project(tmp_path / "broken")
    target = project / "playbooks" / "scenarios" / "facts-not-verified-yet.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace("severity: medium", "severity: urgent"),
                      encoding="utf-8")
    site = tmp_path / "out"
    run = mkdocs_build(project, site)
    assert run.returncode != 0
    output = run.stdout + run.stderr
    line = next(n for n, text in enumerate(target.read_text(encoding="utf-8").splitlines(), 1)
                if text.startswith("severity:"))
    assert f"playbooks/scenarios/facts-not-verified-yet.yaml:{line}:11: severity: `urgent` is not allowed" in output
    assert "Traceback" not in output
    assert not site.exists() or not any(site.rglob("*.html"))
