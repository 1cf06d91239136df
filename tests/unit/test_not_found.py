"""The 404 page rewritten to work at any address and under a sub-path (replybook.not_found)."""

from __future__ import annotations

import re

from replybook.not_found import portable_not_found_page

PAGE = """<!doctype html><html lang="uk"><head>
<link rel="icon" href="/assets/images/favicon.png">
<link rel="stylesheet" href="/assets/stylesheets/main.css">
</head><body>
<a href="/uk/">Додому</a> <a href="/">English</a> <a href="https://example.org/x">out</a>
<script src="/assets/replybook.js" defer></script>
</body></html>"""


def test_addresses_become_relative_to_the_pages_own_folder():
    out = portable_not_found_page(PAGE, "uk/", ["uk", "assets"])
    assert '<a href="../uk/">' in out and '<a href="../">' in out
    assert 'href="https://example.org/x"' in out
    assert not re.search(r"""<(?!base)[^>]*\s(href|src)=["']/(?!/)""", out)


def test_the_root_language_page_keeps_paths_from_its_own_folder():
    out = portable_not_found_page(PAGE, "", ["uk", "assets"])
    assert '<a href="uk/">' in out and '<a href="./">' in out


def test_a_base_is_set_first_by_script_and_without_javascript():
    out = portable_not_found_page(PAGE, "uk/", ["uk", "assets"])
    head = out[out.index("<head>") + len("<head>"):]
    assert head.startswith("<script>(function(){")
    assert "document.write('<base href=" in head.split("</script>")[0]
    assert '<noscript><base href="/uk/"></noscript>' in head
    assert '"uk/"' in head and '["assets", "uk"]' in head


def test_stylesheets_and_scripts_are_written_after_the_base_so_nothing_is_fetched_from_a_wrong_address():
    out = portable_not_found_page(PAGE, "uk/", ["uk", "assets"])
    assert '<link rel="stylesheet"' not in out.replace('<noscript><link rel="stylesheet"', "")
    assert 'document.write("\\u003clink rel=\\"stylesheet\\" href=\\"../assets/stylesheets/main.css\\"\\u003e")' in out
    assert '<noscript><link rel="stylesheet" href="../assets/stylesheets/main.css"></noscript>' in out
    assert "<script src=" not in out.replace("\\u003cscript src=", "")
    assert "../assets/replybook.js" in out


def test_names_cannot_close_the_script():
    out = portable_not_found_page(PAGE, "uk/", ["</script><b>", "uk"])
    assert "</script><b>" not in out


def test_a_page_without_a_head_is_left_alone():
    assert portable_not_found_page("<p>404</p>", "", []) == "<p>404</p>"


def test_the_charset_comes_first_and_materials_scope_is_the_site_root():
    page = PAGE.replace("<head>", '<head><meta charset="utf-8"><script>__md_scope=new URL("/",location)</script>')
    out = portable_not_found_page(page, "uk/", ["uk"])
    assert out.index('<meta charset="utf-8">') < out.index("<script>(function(){")
    assert '__md_scope=new URL("../",document.baseURI)' in out and 'new URL("/",location)' not in out


def test_the_base_is_absolute_and_kept_on_the_pages_own_origin():
    out = portable_not_found_page(PAGE, "uk/", ["uk"])
    script = out.split("<script>(function(){", 1)[1].split("</script>", 1)[0]
    assert ".replace(/\\/{2,}/g,'/')" in script  # '//other.host/' in the address collapses to a path
    assert "b.origin===location.origin" in script
