"""Turn the Library into Markdown pages (one per page key and language).

Pages are Jinja templates with autoescaping: contributed text is always data, escaped on the
way out, so `<script>` in a YAML file is shown, never run. Headings stay Markdown (for MkDocs'
table of contents) and get Markdown's own special characters escaped as well. The JSON that the
page script reads sits in a `<script type="application/json">` block with `<` escaped.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined
from jinja2.bccache import Bucket
from markupsafe import Markup, escape

from .format_reference import describe, reference
from .library import Library, TemplateEntry
from .model import (
    PLACEHOLDER_IN_TEXT,
    Channel,
    Entry,
    LocalizedText,
    Outcome,
    Playbook,
    Template,
    Tree,
    duration_minutes,
)
from .pages import entry_key, relative_url, source_anchor, template_anchor
from .rulebook import RULES
from .rules_text import is_untranslated
from .scaffold import playbook_skeleton
from .search_index import records
from .settings import TeamSettings
from .status import LanguageStatus
from .ui_strings import UiStrings

# Python-Markdown's own escapable characters (a backslash before any other stays visible).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")
_TEMPLATES = Path(__file__).with_name("templates")


class CompiledTemplates(BytecodeCache):
    """Compiled Jinja templates kept in memory for the life of the process.

    Jinja recompiles every template for every new Environment; a build makes one per language
    and `mkdocs serve` one per rebuild. Entries are keyed by template name and checked against
    the source's checksum, so an edited template is compiled afresh.
    """

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


#: One cache for every Environment of the process: ours and, through the hooks, the theme's.
COMPILED = CompiledTemplates()


def markdown_inline(text: str) -> Markup:
    """Escape text for a Markdown heading: HTML first, then Markdown's own syntax.

    Quotes stay literal: in a heading they are text, and entities there would be escaped a
    second time where themes put the page title into attributes.
    """
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return Markup(_MARKDOWN_SPECIAL.sub(r"\\\1", escaped))


def markdown_with_code(text: str) -> Markup:
    """Like ``markdown_inline``, but `backticked` spans stay Markdown code spans."""
    parts = re.split(r"(`[^`]+`)", text)
    return Markup("".join(part if part.startswith("`") and part.endswith("`") and len(part) > 1
                          else str(markdown_inline(part)) for part in parts))


def html_with_code(text: str) -> Markup:
    """Text for an HTML element: escaped, with `backticked` spans as <code>."""
    parts = re.split(r"`([^`]+)`", text)
    return Markup("".join(Markup("<code>{}</code>").format(part) if index % 2 else str(escape(part))
                          for index, part in enumerate(parts)))


def script_json(value: Any) -> Markup:
    """JSON that is safe inside a `<script type="application/json">` element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


@dataclass(frozen=True)
class PageSpec:
    """A generated page: its key and how to render it in a language."""

    key: str
    render: Callable[[str], str]


@dataclass(frozen=True)
class Version:
    """One text of a reply and the channels it is for."""

    index: int
    channels: tuple[Channel, ...]
    text: LocalizedText


class View:
    """What templates see for one page in one language: text, labels and links."""

    def __init__(self, renderer: Renderer, ui: UiStrings, key: str) -> None:
        self.renderer = renderer
        self.lib: Library = renderer.library
        self.ui = ui
        self.key = key
        self.lang = ui.language
        self.has_cards = False

    # -- text ---------------------------------------------------------------------------

    def t(self, key: str, **values: object) -> str:
        return self.ui.t(key, **values)

    def n(self, key: str, count: int, **values: object) -> str:
        """A label with a number, in the language's plural form (CLDR rules)."""
        return self.ui.plural(key, count, **values)

    def text(self, value: LocalizedText | None) -> Markup:
        """The text in this page's language, or the source text marked as untranslated."""
        if value is None:
            return Markup("")
        own = value.root.get(self.lang, "")
        if not is_untranslated(own):
            return escape(own)
        source = value.root.get(self.lib.default_language, "")
        return Markup('<span lang="{}" class="rb-untranslated" title="{}">{}</span>').format(
            self.lib.default_language, self.t("untranslated"), source)

    def plain(self, value: LocalizedText | None) -> str:
        if value is None:
            return ""
        own = value.root.get(self.lang, "")
        return own if not is_untranslated(own) else value.root.get(self.lib.default_language, "")

    def duration(self, value: str) -> str:
        return self.n("duration_" + value[-1], int(value[:-1]))

    # -- links --------------------------------------------------------------------------

    def link(self, key: str, anchor: str = "") -> str:
        return relative_url(self.key, key, anchor)

    def entry_link(self, entry: Entry, anchor: str = "") -> str:
        return self.link(entry_key(entry), anchor)

    def playbook_link(self, playbook_id: str, anchor: str = "") -> str:
        return self.entry_link(self.lib.playbooks[playbook_id], anchor)

    def principle_link(self, principle_id: str) -> str:
        return self.entry_link(self.lib.principles[principle_id])

    def template_link(self, template_id: str) -> str:
        entry = self.lib.templates[template_id]
        return self.entry_link(entry.playbook, template_anchor(template_id))

    def source_link(self, source_id: str) -> str:
        return self.link("sources", source_anchor(source_id))

    @staticmethod
    def source_anchor(source_id: str) -> str:
        return source_anchor(source_id)

    # -- replies ------------------------------------------------------------------------

    def versions(self, template: Template) -> list[Version]:
        """The reply's main text and its variants, each with the channels it is for."""
        channels = self.lib.channels
        found = [Version(0, tuple(channels[c] for c in template.channels), template.text)]
        found += [Version(i + 1, tuple(channels[c] for c in v.channels), v.text)
                  for i, v in enumerate(template.variants)]
        return found

    def channel_names(self, version: Version) -> str:
        return ", ".join(self.plain(c.name) for c in version.channels)

    def limit_label(self, channel: Channel) -> str:
        """`280 characters as X counts them`, or `no limit`; `(not confirmed)` where unconfirmed."""
        if not channel.limits:
            return self.t("no_limit")
        parts = [self.n("limit_" + limit.unit.value.replace("-", "_"), limit.max) for limit in channel.limits]
        label = " · ".join(parts)
        return label if channel.confirmed else f"{label} ({self.t('not_confirmed')})"

    def template_html(self, text: LocalizedText) -> Markup:
        """Reply text with each {placeholder} shown as its label, in a visibly marked span."""
        value = self.plain(text)
        parts, last = [], 0
        for match in PLACEHOLDER_IN_TEXT.finditer(value):
            name = match.group(1)
            placeholder = self.lib.placeholders.get(name)
            label = self.plain(placeholder.label) if placeholder else name
            parts += [html.escape(value[last:match.start()]), '<span class="rb-ph" data-ph="', html.escape(name),
                      '">[', html.escape(label), "]</span>"]
            last = match.end()
        parts.append(html.escape(value[last:]))
        return Markup("".join(parts))

    def card(self, entry: TemplateEntry, anchor: str = "", show_playbook: bool = False, level: int = 3) -> Markup:
        """A reply card (cached per language; links only when it names its playbook)."""
        self.has_cards = True
        return self.renderer.card(self, entry, anchor or template_anchor(entry.template.id), show_playbook, level)

    def templates_of(self, playbook: Playbook) -> list[TemplateEntry]:
        return [self.lib.templates[t.id] for t in playbook.templates if t.id in self.lib.templates]

    def page_data(self) -> Markup:
        """The JSON the page script reads: channels, placeholders, labels (only on pages with cards)."""
        if not self.has_cards:
            return Markup("")
        return Markup('<script type="application/json" id="rb-data">{}</script>').format(
            script_json(self.renderer.page_data(self.lang)))

    # -- trees --------------------------------------------------------------------------

    @staticmethod
    def tree_order(tree: Tree) -> list[str]:
        """Node ids breadth-first from the start, so the outline reads top-down."""
        order, queue = [], [tree.start]
        while queue:
            node_id = queue.pop(0)
            if node_id in order or node_id not in tree.nodes:
                continue
            order.append(node_id)
            queue += [o.next for o in tree.nodes[node_id].options if o.next]
        return order

    def outcome_title(self, outcome: Outcome) -> str:
        """What an answer leads to, as a heading: the reply to send, or the playbook to open."""
        if outcome.template:
            return self.t("outcome_reply", title=self.plain(self.lib.templates[outcome.template].template.title))
        assert outcome.playbook is not None
        return self.t("outcome_playbook", title=self.plain(self.lib.playbooks[outcome.playbook].title))

    def outcome_playbook(self, outcome: Outcome) -> Playbook | None:
        if outcome.playbook:
            return self.lib.playbooks[outcome.playbook]
        if outcome.template:
            return self.lib.templates[outcome.template].playbook
        return None

    def on_page_of(self, playbook: Playbook) -> bool:
        """Whether this page is ``playbook``'s own page (its reply cards are right here)."""
        return self.key == entry_key(playbook)

    @staticmethod
    def template_anchor(template_id: str) -> str:
        return template_anchor(template_id)

    def outcome_link(self, outcome: Outcome) -> str:
        """The playbook, opened where the answers so far leave off (a question of its tree, or its replies)."""
        playbook = self.outcome_playbook(outcome)
        assert playbook is not None
        if playbook.id == self.key.removeprefix("playbooks/"):
            return "#replies"
        anchor = f"decide-{outcome.resume}" if outcome.resume else "replies"
        return self.entry_link(playbook, anchor)

    # -- lists --------------------------------------------------------------------------

    def playbooks_by_urgency(self) -> list[Playbook]:
        """Playbooks sorted by target first-response time, most urgent first."""
        return sorted(self.lib.playbooks.values(),
                      key=lambda p: (duration_minutes(p.first_response), duration_minutes(p.resolution), p.order))

    def playbooks_with_principle(self, principle_id: str) -> list[Playbook]:
        return [p for p in self.lib.playbooks.values() if principle_id in p.principles]

    def sources_using(self, source_id: str) -> list[tuple[str, str]]:
        """(link, title) of every entry citing a source."""
        return [(self.entry_link(entry), self.plain(entry.title))
                for entry in self.lib.entries() if source_id in entry.sources]

    def search_box(self) -> dict[str, str]:
        """Data attributes of a search box on a generated page (the home page's)."""
        count = sum(1 for _ in records(self.lib, self.lang))
        return {"labels": json.dumps(self.ui.search_labels(), ensure_ascii=False), "records": str(count)}

    def rules(self) -> list[Any]:
        return list(RULES.values())

    def format_reference(self) -> list[Any]:
        """The format reference in this page's language (descriptions and type words)."""
        def words(key: str, **values: str) -> str:
            return self.t(f"type_{key}", **values)
        return reference(self.lib.languages, self.lang, words)

    def described(self, english: str) -> Any:
        """A rule's summary (or any English description) in this page's language."""
        return describe(english, self.lang)


class Renderer:
    """Renders every page of a Library; one instance per build."""

    def __init__(self, library: Library, ui: dict[str, UiStrings], settings: TeamSettings | None = None,
                 status_source: Callable[[], list[LanguageStatus]] | None = None) -> None:
        self.library = library
        self.ui = ui
        self.settings = settings or TeamSettings()
        self.status_source = status_source  # computed only when the status page is rendered
        self._statuses: list[LanguageStatus] | None = None
        self.card_cache: dict[tuple[str, str, str, str, int], Markup] = {}
        self.data_cache: dict[str, dict[str, Any]] = {}
        self.env = Environment(
            loader=FileSystemLoader(_TEMPLATES),
            bytecode_cache=COMPILED,  # a rebuild (serve, or the next language) does not compile again
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            # `{#id}` is Markdown's heading-anchor syntax, so Jinja comments use `{## ##}`
            comment_start_string="{##",
            comment_end_string="##}",
        )
        self.env.filters["md"] = markdown_inline
        self.env.filters["md_code"] = markdown_with_code
        self.env.filters["code"] = html_with_code
        self.macros = self.env.get_template("_macros.html").module

    def card(self, view: View, entry: TemplateEntry, anchor: str, show_playbook: bool, level: int) -> Markup:
        cache_key = (entry.template.id, view.lang, anchor, view.key if show_playbook else "", level)
        if cache_key not in self.card_cache:
            self.card_cache[cache_key] = Markup(
                self.macros.template_card(view, entry, anchor, show_playbook, level))  # type: ignore[attr-defined]
        return self.card_cache[cache_key]

    def page_data(self, language: str) -> dict[str, Any]:
        """Channels, placeholders, team defaults and the card labels, for the page script."""
        if language not in self.data_cache:
            lib, ui = self.library, self.ui[language]

            def text(value: LocalizedText | None) -> str:
                if value is None:
                    return ""
                own = value.root.get(language, "")
                return own if not is_untranslated(own) else value.root.get(lib.default_language, "")

            self.data_cache[language] = {
                "language": language,
                "channels": {c.id: {"name": text(c.name), "limits": [[x.max, x.unit.value] for x in c.limits],
                                    "confirmed": c.confirmed, "links": c.links, "public": c.public,
                                    "mechanics": text(c.mechanics)} for c in lib.channels.values()},
                "placeholders": {p.name: {"label": text(p.label), "example": text(p.example), "scope": p.scope.value,
                                          "form": (p.form.get(language) if p.form else None) or "",
                                          "team": self.settings.team_value(p.name, language)}
                                 for p in lib.placeholders.values()},
                "labels": ui.card_labels(),
            }
        return self.data_cache[language]

    def statuses(self) -> list[LanguageStatus]:
        if self._statuses is None:
            self._statuses = self.status_source() if self.status_source else []
        return self._statuses

    def page(self, template: str, key: str, language: str, **context: object) -> str:
        view = View(self, self.ui[language], key)
        body = self.env.get_template(template).render(v=view, t=self.ui[language].labels, lib=self.library, **context)
        return body + ("\n" + str(view.page_data()) + "\n" if view.has_cards else "")

    def pages(self) -> list[PageSpec]:
        """Every generated page key with its renderer."""
        lib = self.library

        def spec(key: str, template: str, **context: object) -> PageSpec:
            return PageSpec(key, lambda language: self.page(template, key, language, **context))

        specs = [
            spec("index", "home.md"),
            spec("principles/index", "principles.md"),
            spec("playbooks/index", "playbooks.md"),
            spec("templates", "templates.md"),
            spec("cases/index", "cases.md"),
            spec("response-times", "response_times.md"),
            spec("channels", "channels.md"),
            spec("sources", "sources.md"),
            spec("contribute/style", "style.md"),
        ]
        specs += [spec(entry_key(p), "playbook.md", playbook=p) for p in lib.playbooks.values()]
        specs += [spec(entry_key(p), "principle.md", principle=p) for p in lib.principles.values()]
        specs += [spec(entry_key(t), "tree.md", tree=t) for t in lib.trees.values()]
        specs += [spec(entry_key(c), "case.md", case=c) for c in lib.cases.values()]
        specs.append(spec("contribute/format", "format.md", example=playbook_skeleton("late-delivery", lib.languages)))
        specs.append(PageSpec("contribute/translation-status", lambda language: self.page(
            "status.md", "contribute/translation-status", language, statuses=self.statuses())))
        return specs


def iter_pages(renderer: Renderer, languages: tuple[str, ...]) -> Iterator[tuple[str, str, str]]:
    """(page key, language, Markdown) for every page: what `replybook render` writes."""
    for spec in renderer.pages():
        for language in languages:
            yield spec.key, language, spec.render(language)
