"""Make a 404 page work wherever a server shows it.

A server shows a language's ``404.html`` at the address that was missing, at any depth, and the
site may be served under a sub-path (``https://example.org/replybook/``). MkDocs builds the 404
page with root-absolute addresses (``/assets/…``), right only when the site sits at the root of
its host or when ``site_url`` says where it sits. Without ``site_url`` we turn those addresses
into addresses relative to the page's own folder, and the page's first element sets the base
they are resolved against:

- a short script finds the site's root in the address shown: the page's own folder when the
  page is opened as ``…/404.html``; else the root the guide's script remembered on a page read
  before, when the address is under it; else the path up to the first segment that is a
  top-level name of the site (``uk``, ``playbooks``, ``assets``…), or the host's root. It
  writes ``<base>``, absolute and only on the page's own origin (``//other.host/`` in the
  address can never become the base);
- the stylesheets and scripts are written by scripts after it, so that the browser's preload
  scanner (which does not see a written ``<base>``) cannot fetch them from a wrong address;
- without JavaScript, ``<noscript>`` holds a ``<base>`` that assumes the site is at the root of
  its host (what MkDocs assumes too) and the stylesheets. HTML parsers apply both in the head.
"""

from __future__ import annotations

import json
import re

_ROOT_ABSOLUTE = re.compile(r"""(\s(?:href|src)=)(["'])/(?!/)([^"']*)\2""")
_HEAD = re.compile(r"<head(\s[^>]*)?>", re.IGNORECASE)
_CHARSET = re.compile(r"<meta charset=[^>]*>", re.IGNORECASE)
#: Material's scope for the reader's saved choices (colour scheme): the site root, as on other pages.
_SCOPE = '__md_scope=new URL("/",location)'
_FETCHED = re.compile(r"""<link\b[^>]*>|<script\b[^>]*\ssrc=[^>]*>\s*</script>""", re.IGNORECASE)

_BASE = (
    "<script>(function(){{var f={folder},n={names},p=location.pathname.replace(/\\/{{2,}}/g,'/'),r,k=null;"
    "try{{k=localStorage.getItem('replybook.root');}}catch(e){{}}"
    "if(/\\/404\\.html$/.test(p)){{r=p.replace(/[^\\/]*$/,'');}}"
    "else if(k&&k.charAt(0)==='/'&&p.indexOf(k)===0){{r=k+f;}}"
    "else{{var s=p.split('/'),i=1;while(i<s.length-1&&n.indexOf(s[i])<0)i++;"
    "r=(i<s.length-1?s.slice(0,i).join('/')+'/':'/')+f;}}"
    "var b=new URL(r.replace(/\\/{{2,}}/g,'/'),location.href);"
    "if(b.origin===location.origin){{document.write('<base href=\"'+b.href.replace(/[\"<>]/g,'')+'\">');}}"
    "}})();</script>"
)


def portable_not_found_page(html: str, folder: str, top_level: list[str]) -> str:
    """``html`` (built for ``/<folder>404.html``, root-absolute) rewritten to work at any address.

    ``folder`` is ``""`` for the root language, ``"uk/"`` for another; ``top_level`` the names
    directly under the site folder, which find the site's root in a missing page's address.
    """
    match = _CHARSET.search(html) or _HEAD.search(html)  # the charset stays in the first 1024 bytes
    if match is None:
        return html
    up = "../" * folder.count("/")

    def relative(found: re.Match[str]) -> str:
        return f"{found.group(1)}{found.group(2)}{up + found.group(3) or './'}{found.group(2)}"

    def written(found: re.Match[str]) -> str:
        tag = found.group(0)
        if not _ROOT_ABSOLUTE.search(tag):
            return tag
        tag = _ROOT_ABSOLUTE.sub(relative, tag)
        script = f"<script>document.write({_js(tag)})</script>"
        stylesheet = tag.startswith("<link") and "stylesheet" in tag
        return script + (f"<noscript>{tag}</noscript>" if stylesheet else "")

    body = _ROOT_ABSOLUTE.sub(relative, _FETCHED.sub(written, html[match.end():]))
    body = body.replace(_SCOPE, f'__md_scope=new URL("{up or "./"}",document.baseURI)')
    base = _BASE.format(folder=_js(folder), names=_js(sorted(top_level)))
    fallback = f'<noscript><base href="/{folder}"></noscript>'
    return html[:match.end()] + base + fallback + body


def _js(value: object) -> str:
    """``value`` as a JavaScript literal that is safe inside an HTML ``<script>``."""
    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e")
