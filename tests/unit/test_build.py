"""One site build without MkDocs: the pages it serves, the navigation, what the theme gets, what blocks it."""

from __future__ import annotations

import shutil

import pytest

from replybook.build import SiteBuild, text_in
from replybook.model import LocalizedText
from replybook.pages import markdown_path
from replybook.project import load_project
from tests.conftest import FIXTURES


@pytest.fixture
def build(small_project) -> SiteBuild:
    result = SiteBuild.load(load_project(small_project))
    assert result.errors == [], [d.text() for d in result.errors]
    return result


def test_every_page_in_every_language(build, languages):
    keys = {path.rsplit(".", 2)[0] for path in build.markdown_paths()}
    assert sorted(build.markdown_paths()) == sorted(markdown_path(k, lang) for k in keys for lang in languages)
    assert {"index", "playbooks/angry-post", "trees/triage", "channels"} <= keys


def test_content_is_rendered_once_and_unknown_pages_are_not_ours(build):
    first = build.content_for("playbooks/angry-post.uk.md")
    assert first.startswith("# Злий допис\n")
    assert build.content_for("playbooks/angry-post.uk.md") is first
    assert build.content_for("helpdesk/index.en.md") is None  # written by hand in docs/


def test_render_writes_exactly_what_the_build_serves(build, tmp_path, languages):
    written = build.write_markdown(tmp_path)
    assert len(written) == len(build.markdown_paths())
    for path in build.markdown_paths():
        assert (tmp_path / path).read_text(encoding="utf-8") == build.content_for(path)
    only = build.write_markdown(tmp_path / "uk", ("uk",))
    assert {p.name.split(".")[-2] for p in only} == {"uk"} and len(only) * len(languages) == len(written)


def test_navigation_reaches_every_generated_page_once(build):
    groups = build.navigation_groups()
    keys = [key for _, group in groups for key in group]
    assert len(keys) == len(set(keys))
    generated = {path.rsplit(".", 2)[0] for path in build.markdown_paths()}
    assert generated <= set(keys)
    assert set(keys) - generated == {"helpdesk/index", "contribute/index"}
    sections = dict(groups[1:2] + groups[3:5] + groups[6:])
    assert sections["playbooks_title"] == ["playbooks/index", "playbooks/quiet-praise", "playbooks/angry-post"]
    assert keys[:2] == ["index", "trees/triage"]
    assert all(label is None or label in build.ui["en"].labels for label, _ in groups)


def test_theme_context_per_language(build, languages):
    default = languages[0]
    for language in languages:
        context = build.theme_context(language)
        assert context["prefix"] == ("" if language == default else f"{language}/")
        assert context["language"] == language and context["default_language"] == default
        assert [p["url"] for p in context["playbooks"]] == ["playbooks/quiet-praise/#replies",
                                                            "playbooks/angry-post/#replies"]
        assert context["playbooks"][1]["title"] == build.library.playbooks["angry-post"].title.get(language)
        assert context["search_records"] == 7
        assert context["labels"]["copy"] == build.ui[language].t("copy")
        assert context["search_labels"] == build.ui[language].search_labels()
        assert {f["name"] for f in context["profile"]} == {"agent_name", "brand", "website"}


def test_a_preview_language_is_built_at_the_root(build, languages):
    build.root_language = languages[2]
    assert build.theme_context(languages[2])["prefix"] == ""
    assert build.theme_context(languages[0])["prefix"] == f"{languages[0]}/"


def test_errors_stop_the_build_and_say_so(small_project):
    shutil.copy(FIXTURES / "negative" / "raw-html.yaml", small_project / "playbooks")
    failed = SiteBuild.load(load_project(small_project))
    assert [d.rule for d in failed.errors] == ["raw-html"]
    assert failed.library is None and failed.pages == {}
    report = failed.error_report()
    assert report.startswith("Replybook: 1 problem(s) in playbooks/ — nothing was built.")
    assert "playbooks/raw-html.yaml:5:26" in report and "replybook check" in report


def test_text_still_marked_todo_is_listed_for_a_strict_build(small_project):
    shutil.copy(FIXTURES / "negative" / "untranslated.yaml", small_project / "playbooks")
    build = SiteBuild.load(load_project(small_project))
    assert build.errors == [] and build.pages  # a preview still renders it
    assert [(d.file, d.field) for d in build.unfinished] == [("playbooks/untranslated.yaml", "title.en"),
                                                              ("playbooks/untranslated.yaml", "statement.uk")]
    report = build.unfinished_report()
    assert "2 field(s) are still marked TODO" in report and "statement.uk" in report


def test_a_rebuild_reuses_unchanged_files(small_project):
    project = load_project(small_project)
    first = SiteBuild.load(project)
    first.search_cache["files"] = {"x": b""}
    second = SiteBuild.load(project, previous=first)
    assert second.file_cache is first.file_cache and second.search_cache is first.search_cache
    assert set(second.file_cache) and second.content_for("index.en.md") == first.content_for("index.en.md")


def test_text_in_falls_back_while_untranslated(languages):
    text = LocalizedText({**{language: "x" for language in languages}, languages[1]: "TODO: translate",
                          languages[0]: "Source"})
    assert text_in(text, languages[1], languages[0]) == "Source"
    assert text_in(text, languages[2], languages[0]) == "x"


def test_each_languages_404_page_is_written_in_its_folder_and_made_portable_without_site_url(build, tmp_path):
    page = '<html><head><link rel="stylesheet" href="/assets/main.css"></head><body><a href="/uk/">x</a></body></html>'
    for language in ("en", "uk"):
        build.keep_not_found_page(language, page.replace("x", language))
    (tmp_path / "playbooks").mkdir()
    build.write_not_found_pages(tmp_path, ("en", "uk"))
    uk = (tmp_path / "uk" / "404.html").read_text(encoding="utf-8")
    assert '<a href="../uk/">uk</a>' in uk and "<base href=" in uk and '"playbooks"' in uk
    assert '<a href="uk/">en</a>' in (tmp_path / "404.html").read_text(encoding="utf-8")
    placed = tmp_path / "placed"
    build.write_not_found_pages(placed, ("uk",), site_url="https://example.org/replybook/")
    assert (placed / "uk" / "404.html").read_text(encoding="utf-8") == page.replace("x", "uk")
    assert not (placed / "404.html").exists()
