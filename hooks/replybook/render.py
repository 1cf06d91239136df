"""Turn the Library into Markdown pages (one per page key and language).

Pages are Jinja templates with autoescaping: contributed text is always data,
escaped on the way out, so `<script>` in a YAML file is shown, never run.
Headings stay Markdown (for MkDocs' table of contents) and get Markdown's own
special characters escaped as well.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from .format_reference import reference
from .library import Library, TemplateEntry
from .model import CHANNEL_LIMITS, PLACEHOLDER_IN_TEXT, LocalizedText, Playbook, Template, Tree, duration_minutes
from .rules_text import is_untranslated
from .scaffold import playbook_skeleton
from .status import LanguageStatus
from .ui_strings import UiStrings
from .urls import relative_url

# Python-Markdown's own escapable characters (a backslash before any other stays visible).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


def markdown_inline(text: str) -> Markup:
    """Escape text for a Markdown heading: HTML first, then Markdown's own syntax.

    Quotes stay literal: in a heading they are text, and entities there would be
    escaped a second time where themes put the page title into attributes.
    """
    html = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return Markup(_MARKDOWN_SPECIAL.sub(r"\\\1", html))


@dataclass(frozen=True)
class PageSpec:
    """A generated page: its key and how to render it in a language."""

    key: str
    render: Callable[[str], str]


class View:
    """What templates see for one page in one language: text, labels and links."""

    def __init__(self, library: Library, ui: UiStrings, key: str,
                 cards: Callable[[View, TemplateEntry, bool], Markup] | None = None) -> None:
        self.lib = library
        self.ui = ui
        self.key = key
        self.lang = ui.language
        self.cards = cards or (lambda view, entry, show: Markup(""))

    def t(self, key: str, **values: object) -> str:
        return self.ui.t(key, **values)

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

    def plain(self, value: LocalizedText) -> str:
        own = value.root.get(self.lang, "")
        return own if not is_untranslated(own) else value.root.get(self.lib.default_language, "")

    def link(self, key: str, anchor: str = "") -> str:
        return relative_url(self.key, key, anchor)

    def playbook_link(self, playbook_id: str) -> str:
        return self.link(f"playbooks/{playbook_id}")

    def template_link(self, template_id: str) -> str:
        entry = self.lib.templates[template_id]
        return self.link(f"playbooks/{entry.playbook.id}", f"tpl-{template_id}")

    def principle_link(self, principle_id: str) -> str:
        return self.link("principles", principle_id)

    @staticmethod
    def source_anchor(source_id: str) -> str:
        return "source-" + re.sub(r"[^a-z0-9]+", "-", source_id.lower()).strip("-")

    def duration(self, value: str) -> str:
        return f"{value[:-1]} {self.t('unit_' + value[-1])}"

    def channel(self, template: Template) -> str:
        return self.t("channel_" + template.channel.value.replace("-", "_"))

    def limit(self, template: Template) -> int | None:
        limits = [x for x in (template.max_length, CHANNEL_LIMITS[template.channel]) if x]
        return min(limits) if limits else None

    def template_text(self, template: Template) -> Markup:
        """Template text with each {placeholder} wrapped in a visibly marked span."""
        text = self.plain(template.text)
        parts, last = [], 0
        for match in PLACEHOLDER_IN_TEXT.finditer(text):
            name = match.group(1)
            label = self.plain(self.lib.placeholders[name].label) if name in self.lib.placeholders else name
            parts += [html.escape(text[last : match.start()]), '<span class="rb-ph" data-ph="', html.escape(name),
                      '" title="', html.escape(label), '">{', html.escape(name), "}</span>"]
            last = match.end()
        parts.append(html.escape(text[last:]))
        return Markup("".join(parts))

    def card(self, entry: TemplateEntry, show_playbook: bool = False) -> Markup:
        """A template card; rendered once per language and reused by every page showing it."""
        return self.cards(self, entry, show_playbook)

    def placeholders_json(self, template: Template) -> str:
        """Labels and examples for the fill-in fields, as JSON for the page script."""
        fields = []
        for name in template.placeholders:
            placeholder = self.lib.placeholders[name]
            fields.append({"name": name, "label": self.plain(placeholder.label),
                           "example": self.plain(placeholder.example)})
        return json.dumps(fields, ensure_ascii=False)

    def templates_of(self, playbook: Playbook) -> list[TemplateEntry]:
        return [self.lib.templates[t.id] for t in playbook.templates if t.id in self.lib.templates]

    def tree_order(self, tree: Tree) -> list[str]:
        """Node ids breadth-first from the start, so the outline reads top-down."""
        order, queue = [], [tree.start]
        while queue:
            node_id = queue.pop(0)
            if node_id in order or node_id not in tree.nodes:
                continue
            order.append(node_id)
            queue += [o.next for o in tree.nodes[node_id].options if o.next]
        return order

    def playbooks_by_urgency(self) -> list[Playbook]:
        """Playbooks sorted by target first-response time, most urgent first."""
        return sorted(self.lib.playbooks.values(),
                      key=lambda p: (duration_minutes(p.first_response), duration_minutes(p.resolution), p.order))

    def featured_templates(self, limit: int = 6) -> list[TemplateEntry]:
        """What a reader needs first, in the order of the triage questions.

        Templates the trees lead to, then the first template of each playbook they lead to.
        """
        seen: list[str] = []
        for tree in self.lib.trees.values():
            for node_id in self.tree_order(tree):
                for option in tree.nodes[node_id].options:
                    outcome = option.outcome
                    if outcome is None:
                        continue
                    candidates = [outcome.template] if outcome.template else []
                    playbook = self.lib.playbooks.get(outcome.playbook or "")
                    if playbook is not None and playbook.templates:
                        candidates.append(playbook.templates[0].id)
                    seen += [t for t in candidates if t and t not in seen and t in self.lib.templates]
        return [self.lib.templates[t] for t in seen[:limit]]

    def sources_using(self, source_id: str) -> list[tuple[str, str]]:
        """(link, title) of every principle, playbook, tree and case citing a source."""
        found = []
        for principle in self.lib.principles.values():
            if source_id in principle.sources:
                found.append((self.principle_link(principle.id), self.plain(principle.title)))
        for playbook in self.lib.playbooks.values():
            if source_id in playbook.sources:
                found.append((self.playbook_link(playbook.id), self.plain(playbook.title)))
        for tree in self.lib.trees.values():
            if source_id in tree.sources:
                found.append((self.link(f"trees/{tree.id}"), self.plain(tree.title)))
        for case in self.lib.cases.values():
            if source_id in case.sources:
                found.append((self.link(f"cases/{case.id}"), self.plain(case.title)))
        return found


class Renderer:
    """Renders every page of a Library; one instance per build."""

    def __init__(self, library: Library, ui: dict[str, UiStrings],
                 status_source: Callable[[], list[LanguageStatus]] | None = None) -> None:
        self.library = library
        self.ui = ui
        self.status_source = status_source  # computed only when the status page is rendered
        self._statuses: list[LanguageStatus] | None = None
        self.card_cache: dict[tuple[str, str, str], Markup] = {}
        self.env = Environment(
            loader=FileSystemLoader(Path(__file__).with_name("templates")),
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
        self.env.filters["json"] = lambda value: json.dumps(value, ensure_ascii=False)

    def card(self, view: View, entry: TemplateEntry, show_playbook: bool) -> Markup:
        """Cards have no page-relative links unless they name their playbook: cache the rest."""
        cache_key = (entry.template.id, view.lang, view.key if show_playbook else "")
        if cache_key not in self.card_cache:
            macros = self.env.get_template("_macros.html").module
            self.card_cache[cache_key] = Markup(macros.template_card(view, entry, show_playbook))  # type: ignore[attr-defined]
        return self.card_cache[cache_key]

    def statuses(self) -> list[LanguageStatus]:
        if self._statuses is None:
            self._statuses = self.status_source() if self.status_source else []
        return self._statuses

    def page(self, template: str, key: str, language: str, **context: object) -> str:
        view = View(self.library, self.ui[language], key, self.card)
        return self.env.get_template(template).render(v=view, t=self.ui[language].labels, lib=self.library, **context)

    def pages(self) -> list[PageSpec]:
        """Every generated page key with its renderer."""
        lib = self.library

        def spec(key: str, template: str, **context: object) -> PageSpec:
            return PageSpec(key, lambda language: self.page(template, key, language, **context))

        specs = [
            spec("index", "home.md"),
            spec("principles", "principles.md"),
            spec("playbooks/index", "playbooks.md"),
            spec("templates", "templates.md"),
            spec("cases/index", "cases.md"),
            spec("response-times", "response_times.md"),
            spec("sources", "sources.md"),
        ]
        specs += [spec(f"playbooks/{p.id}", "playbook.md", playbook=p) for p in lib.playbooks.values()]
        specs += [spec(f"trees/{t.id}", "tree.md", tree=t) for t in lib.trees.values()]
        specs += [spec(f"cases/{c.id}", "case.md", case=c) for c in lib.cases.values()]
        specs.append(spec("contribute/format", "format.md", reference=reference(lib.languages),
                          example=playbook_skeleton("late-delivery", lib.languages)))
        specs.append(PageSpec("contribute/translation-status", lambda language: self.page(
            "status.md", "contribute/translation-status", language, statuses=self.statuses())))
        return specs
