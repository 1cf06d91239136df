"""The built site as files: pages, links, languages, hosts, search index, exports, refusals.

Every page in every language, its links and anchors, no outside hosts, the search index and the
exports per language, and what the hooks publish (or refuse to).
"""

from __future__ import annotations

import json
import posixpath
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from replybook.pages import entry_key, page_url
from replybook.rules_text import iter_localized
from tests.conftest import ROOT
from tests.site.conftest import MKDOCS_ENV, copy_project, mkdocs_build


def lang_dir(site: Path, language: str, default: str) -> Path:
    return site if language == default else site / language


def expected_pages(library) -> list[str]:
    keys = ["", "principles/", "playbooks/", "templates/", "cases/", "response-times/", "sources/", "channels/",
            "helpdesk/", "contribute/", "contribute/format/", "contribute/style/", "contribute/translation-status/"]
    keys += [page_url(entry_key(entry)) for entry in library.entries()]
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
        if page.name == "404.html":
            continue  # served at any address: its links are checked by test_not_found_page_per_language
        for tag, url, _ in parse(page).urls:
            parts = urlsplit(url)
            if parts.scheme or url.startswith(("//", "mailto:", "data:")):
                continue
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
                    broken.append(f"{page.relative_to(built_site)}: #{parts.fragment} not in {target}")
    assert broken == []


def test_links_are_relative_so_the_site_works_under_a_sub_path(built_site):
    absolute = []
    for page in html_files(built_site):
        if page.name == "404.html":
            continue
        for tag, url, _ in parse(page).urls:
            if url.startswith("/") and not url.startswith("//"):
                absolute.append(f"{page.relative_to(built_site)}: <{tag}> {url}")
    assert absolute == [], "an absolute link breaks when the site is served under /replybook/"


def test_previous_and_next_links_walk_every_page_of_a_language_in_order(built_site, library, languages):
    """The footer's "Next" links lead from the home page through every page of the same language.

    And each "Previous" link goes back to the page it came from.
    """
    footer = re.compile(r'href="([^"]*)" class="md-footer__link md-footer__link--(prev|next)"')
    for language in languages:
        root = lang_dir(built_site, language, languages[0])
        page, visited, previous = root / "index.html", [], None
        while page is not None and len(visited) < 500:
            visited.append(page)
            links = {kind: href for href, kind in footer.findall(page.read_text(encoding="utf-8"))}
            if previous is not None:
                assert "prev" in links and (page.parent / links["prev"]).resolve() / "index.html" == previous, page
            previous = page
            page = (page.parent / links["next"]).resolve() / "index.html" if "next" in links else None
        assert page is None, f"{language}: the Next links go round in a circle"
        keys = {p.parent.relative_to(root).as_posix() + "/" for p in visited}
        wanted = {key for key in expected_pages(library) if key}
        assert wanted <= {key.removeprefix("./") for key in keys}, sorted(wanted - keys)
        assert all(root in p.parents or p.parent == root for p in visited)
        if language != languages[0]:
            continue
        others = {built_site / code for code in languages[1:]}
        assert not any(other in p.parents for p in visited for other in others), "English walk left English"


def test_language_switcher_leads_to_the_same_page(built_site, library, languages):
    for language in languages:
        for key in expected_pages(library):
            page = lang_dir(built_site, language, languages[0]) / key / "index.html"
            html = page.read_text(encoding="utf-8")
            targets = {lang: href for href, lang in re.findall(r'<a href="([^"]*)" hreflang="([^"]+)"', html)}
            assert set(targets) == set(languages), f"{page}: switcher offers {sorted(targets)}"
            here = f"/{language}/{key}" if language != languages[0] else f"/{key}"
            for other, href in targets.items():
                resolved = posixpath.normpath(posixpath.join(here if here.endswith("/") else here + "/", href))
                prefix = "" if other == languages[0] else f"/{other}"
                assert resolved.rstrip("/") == f"{prefix}/{key}".rstrip("/"), f"{page}: {other} → {href}"


def test_no_english_content_on_other_languages(built_site, library, languages):
    english = languages[0]
    for language in languages[1:]:
        leaks = []
        own_texts = set()
        sources: list[str] = []
        for document in library.entries():
            for path, text in iter_localized(document):
                own_texts.add(text.root[language])
                if path[-1] != "search" and len(text.root[english]) >= 25 and text.root[english] != text.root[language]:
                    sources.append(text.root[english])
        for key in expected_pages(library):
            page = lang_dir(built_site, language, english) / key / "index.html"
            body = " ".join(parse(page).text)
            leaks += [f"{key}: {s[:40]}" for s in sources if s in body and s not in own_texts]
        assert leaks == [], f"English text on {language} pages"


class _Sentences(HTMLParser):
    """Text of a page that is not code and not marked with a language of its own (`lang=`)."""

    VOID = frozenset({"area", "br", "col", "hr", "img", "input", "link", "meta", "source", "wbr"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, str | None]] = []
        self.found: set[str] = set()

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append((tag, dict(attrs).get("lang")))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if any(tag in ("script", "style", "code", "pre", "title", "svg") for tag, _ in self.stack):
            return
        if any(lang for _, lang in self.stack[1:]):
            return  # a quotation or name marked with its own language
        text = " ".join(data.split())
        if len(re.findall(r"[A-Za-z]{3,}", text)) >= 4:
            self.found.add(text)


def sentences(path: Path) -> set[str]:
    parser = _Sentences()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.found


def test_no_english_sentence_left_on_other_language_pages(built_site, languages):
    """Any sentence the English page has must not appear unmarked on the same page in another language."""
    leaks = []
    for page in sorted(built_site.rglob("index.html")):
        relative = page.relative_to(built_site)
        if relative.parts[0] in languages[1:]:
            continue
        own = sentences(page)
        for language in languages[1:]:
            other = built_site / language / relative
            if other.exists():
                leaks += [f"{language}/{relative.parent}: {text[:70]}" for text in sorted(own & sentences(other))]
    assert leaks == [], f"{len(leaks)} English sentences on other languages' pages:\n" + "\n".join(leaks[:20])


def test_interface_text_is_in_the_page_language(built_site, languages):
    for language in languages[1:]:
        page = (lang_dir(built_site, language, languages[0]) / "index.html").read_text(encoding="utf-8")
        for english in ("Dark mode", "Light mode", "Permanent link", "[Untitled]", "What to do:"):
            assert english not in page, f"{language}: {english!r}"
    html = (built_site / "ro" / "response-times" / "index.html").read_text(encoding="utf-8")
    assert "1 zi" in html and "1 zile" not in html


def test_no_request_to_another_host_in_any_page(built_site):
    outside = []
    for page in html_files(built_site):
        for tag, url, _ in parse(page).urls:
            host = urlsplit(url).hostname
            if host and host not in ("127.0.0.1", "localhost") and tag != "a":
                outside.append(f"{page.relative_to(built_site)}: <{tag}> {url}")
    assert outside == []
    for asset in [*built_site.rglob("*.css"), *built_site.rglob("*.html")]:
        text = asset.read_text(encoding="utf-8", errors="replace")
        assert not re.search(r"fonts\.googleapis|fonts\.gstatic|unpkg\.com|cdn\.jsdelivr", text), asset


def test_search_index_and_lexicons_for_every_language(built_site, languages):
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(entry["languages"]) == set(languages)
    for language in languages:
        words = json.loads((built_site / "search" / language / "words.json").read_text(encoding="utf-8"))
        assert len(words) > 300
    for language in ("uk", "ru"):
        shards = list((built_site / "search" / language / "forms").glob("*.json"))
        assert shards and all(s.name.isascii() for s in shards)


def test_not_found_page_per_language(built_site, languages):
    for language in languages:
        page = lang_dir(built_site, language, languages[0]) / "404.html"
        html = page.read_text(encoding="utf-8")
        assert f'<html lang="{language}"' in html, page


def test_exports_are_published_for_every_language(built_site, languages):
    for language in languages:
        data = json.loads((built_site / "exports" / f"replybook-replies.{language}.json").read_text(encoding="utf-8"))
        assert data["replies"], language
        assert (built_site / "exports" / "zendesk" / f"macros.{language}.json").is_file()


@pytest.fixture(scope="module")
def injected_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("injected"))
    # Everything here passes `replybook check` (tags themselves are refused: see the test below),
    # so the pages must show it as typed.
    tricky = ('&lt;script&gt;alert(1)&lt;/script&gt; **bold** [x](javascript:alert(1)) {{ 7*7 }} '
              '{#fake} "quoted" `code` 3 < 4')
    text = tricky.replace('"', '\\"')
    localized = "{" + ", ".join(f'{lang}: "{text} {lang}"' for lang in ("en", "ru", "uk", "ro", "es")) + "}"
    playbook = project / "playbooks" / "scenarios" / "facts-not-verified-yet.yaml"
    content = playbook.read_text(encoding="utf-8")
    content = re.sub(r"^summary:\n(  \w\w: .*\n)+", f"summary: {localized}\n", content, count=1, flags=re.M)
    playbook.write_text(content, encoding="utf-8")
    placeholders = project / "playbooks" / "placeholders.yaml"
    names = placeholders.read_text(encoding="utf-8")
    placeholders.write_text(names.replace('ro: "Prenumele clientului"', 'ro: "Nume < 4 & > x"', 1), encoding="utf-8")
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
    data = (injected_site / "ro" / "playbooks" / "facts-not-verified-yet" / "index.html").read_text(encoding="utf-8")
    script = data.split('<script type="application/json" id="rb-data">', 1)[1].split("</script>", 1)[0]
    assert "Nume \\u003c 4 \\u0026 \\u003e x" in script, "contributed text cannot end the JSON block"
    assert "<" not in script and ">" not in script


def test_tags_in_contributed_text_are_refused_before_anything_is_built(tmp_path):
    project = copy_project(tmp_path / "tags")
    placeholders = project / "playbooks" / "placeholders.yaml"
    text = placeholders.read_text(encoding="utf-8")
    placeholders.write_text(text.replace('ro: "Prenumele clientului"', 'ro: "</script><b>x</b>"', 1), encoding="utf-8")
    site = tmp_path / "out"
    run = mkdocs_build(project, site)
    assert run.returncode != 0
    assert "playbooks/placeholders.yaml:" in run.stderr + run.stdout
    assert "raw HTML is not allowed (found `</script`)" in run.stderr + run.stdout
    assert not (site / "ro" / "index.html").exists()


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
    assert "[schema]" in output
    assert "Traceback" not in output
    assert not site.exists() or not any(site.rglob("*.html"))


def test_strict_build_publishes_nothing_still_marked_todo(tmp_path):
    project = copy_project(tmp_path / "todo")
    run = subprocess.run([sys.executable, "-m", "replybook.cli", "new", "principle", "brand-new-idea"], cwd=project,
                         capture_output=True, text=True, env=MKDOCS_ENV, check=False)
    assert run.returncode == 0, run.stderr
    site = tmp_path / "out"
    strict = mkdocs_build(project, site)
    assert strict.returncode != 0
    assert "still marked TODO" in strict.stdout + strict.stderr
    assert not site.exists() or not any(site.rglob("*.html"))


def test_render_writes_what_the_hooks_serve(tmp_path):
    """`replybook render` (no MkDocs) writes exactly the Markdown the hooks hand to MkDocs."""
    project = copy_project(tmp_path / "render")
    capture = project / "hooks" / "capture_hook.py"
    capture.write_text(
        "import json, pathlib\n"
        "OUT = pathlib.Path(__file__).resolve().parent.parent / 'served'\n"
        "def on_page_markdown(markdown, page, config, files):\n"
        "    if page.file.generated_by == 'replybook':\n"
        "        target = OUT / page.file.src_uri\n"
        "        target.parent.mkdir(parents=True, exist_ok=True)\n"
        "        target.write_text(json.dumps([page.meta, markdown]), encoding='utf-8')\n"
        "    return markdown\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "hooks:\n  - hooks/replybook_hooks.py", "hooks:\n  - hooks/replybook_hooks.py\n  - hooks/capture_hook.py"),
        encoding="utf-8")
    run = mkdocs_build(project, tmp_path / "site")
    assert run.returncode == 0, run.stdout + run.stderr
    rendered = subprocess.run([sys.executable, "-m", "replybook.cli", "render", "--out", str(project / "rendered")],
                              cwd=project, capture_output=True, text=True, env=MKDOCS_ENV, check=False)
    assert rendered.returncode == 0, rendered.stderr
    from mkdocs.utils.meta import get_data

    served = {p.relative_to(project / "served"): tuple(json.loads(p.read_text(encoding="utf-8")))
              for p in (project / "served").rglob("*.md")}
    written = {p.relative_to(project / "rendered"): get_data(p.read_text(encoding="utf-8"))[::-1]
               for p in (project / "rendered").rglob("*.md")}
    assert served and served.keys() == written.keys()
    # Front matter becomes page.meta and MkDocs may drop final newlines; nothing else may differ.
    assert [k for k in served
            if served[k][0] != written[k][0] or served[k][1].rstrip("\n") != written[k][1].rstrip("\n")] == []
    assert any(meta.get("hide") for meta, _ in written.values()), "the front matter was compared"


def test_package_never_imports_mkdocs():
    found = subprocess.run(["grep", "-rlE", r"^\s*(import mkdocs|from mkdocs)", str(ROOT / "hooks" / "replybook")],
                           capture_output=True, text=True, check=False)
    assert found.stdout == "", "MkDocs belongs in hooks/replybook_hooks.py and hooks/replybook_mkdocs.py only"


def test_format_reference_is_translated_for_every_language(project):
    """Every description on the format reference (models' fields, rules) has each site language."""
    from replybook.format_reference import catalog, reference
    from replybook.rulebook import RULES

    english = {obj.description.text for obj in reference(project.languages)}
    english |= {row.description.text for obj in reference(project.languages) for row in obj.fields}
    english |= {rule.summary for rule in RULES.values()}
    english.discard("")
    missing = [(language, text) for text in sorted(english) for language in project.languages[1:]
               if not catalog().get(text, {}).get(language, "").strip()]
    assert missing == [], f"{len(missing)} missing in hooks/replybook/format_i18n.yaml, e.g. {missing[:3]}"


def test_one_language_preview_shows_unfinished_work_with_english_still_the_source(tmp_path):
    """`make serve SITE_LANG=uk` previews unfinished work; English is still the source language.

    A new entry full of TODO is shown (not refused), marked as untranslated in Ukrainian, and the
    log says English is the language it must be written in first.
    """
    project = copy_project(tmp_path / "preview")
    run = subprocess.run([sys.executable, "-m", "replybook.cli", "new", "principle", "brand-new-idea"], cwd=project,
                         capture_output=True, text=True, env=MKDOCS_ENV, check=False)
    assert run.returncode == 0, run.stderr
    site = tmp_path / "out"
    preview = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--no-strict", "-d", str(site)], cwd=project,
                             capture_output=True, text=True, env={**MKDOCS_ENV, "REPLYBOOK_PREVIEW_LANG": "uk"},
                             check=False)
    assert preview.returncode == 0, preview.stderr
    assert "title.en: not written yet" in preview.stderr
    assert "title.uk: not translated yet" in preview.stderr
    page = (site / "principles" / "brand-new-idea" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="uk"' in page and "rb-untranslated" in page
    assert not (site / "ru").exists(), "a preview builds one language"


def test_commands_inside_lists_are_shown_as_code_blocks(built_site, languages):
    for language in languages:
        html = (lang_dir(built_site, language, languages[0]) / "helpdesk" / "index.html").read_text(encoding="utf-8")
        blocks = re.findall(r"<pre[^>]*>(.*?)</pre>", html, re.S)
        assert any("replybook export --format zendesk" in block for block in blocks), language
        assert "<code>`" not in html and "```" not in html, language


def test_a_dirty_preview_rebuilds_only_the_generated_pages_that_changed(tmp_path):
    """`make serve` runs `mkdocs serve --dirty`: unchanged generated pages are not built again."""
    from mkdocs.structure.files import File
    from replybook_mkdocs import DirtyPreview

    site = tmp_path / "site"

    def pages(**texts: str) -> list[File]:
        found = []
        for name, text in texts.items():
            file = File(f"{name}.md", str(tmp_path), str(site), True)
            file.content_string = text
            Path(file.abs_dest_path).parent.mkdir(parents=True, exist_ok=True)
            Path(file.abs_dest_path).write_text("built", encoding="utf-8")
            found.append(file)
        return found

    preview = DirtyPreview()
    assert preview.skip_unchanged(pages(a="# A\none", b="# B\ntwo"), "en") == 0  # the first build builds all
    again = pages(a="# A\none", b="# B\ntwo, edited")
    assert preview.skip_unchanged(again, "en") == 1
    assert [f.is_modified() for f in again] == [False, True]
    retitled = pages(a="# A, retitled\none", b="# B\ntwo, edited")
    assert preview.skip_unchanged(retitled, "en") == 0, "a new title is in every page's navigation"
    assert preview.skip_unchanged(pages(a="# A, retitled\none", b="# B\ntwo, edited"), "uk") == 0


def test_the_preview_looks_for_saved_files_every_tenth_of_a_second(tmp_path):
    """MkDocs polls every 0.5 s; `make serve` notices a save within 0.1 s, still watching every path."""
    from mkdocs.livereload import LiveReloadServer
    from replybook_mkdocs import POLL_SECONDS, poll_faster

    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    (tmp_path / "docs").mkdir()
    server.watch(str(tmp_path / "docs"))
    server.watch(str(tmp_path / "docs"))  # watched twice (theme and docs can be one folder): kept twice
    assert server.observer.timeout == 0.5
    assert poll_faster(server) is True
    assert server.observer.timeout == POLL_SECONDS == 0.1
    assert [Path(w.path) for w in server.observer._handlers] == [tmp_path / "docs"]
    assert server._watched_paths == {str(tmp_path / "docs"): 2}
    assert poll_faster(object()) is False  # another server: left alone
    server.server_close()
