"""Search quality over realistic queries, through the site's real search box in Chromium.

Each query of tests/search/queries/<lang>.yaml is typed into the header search box of that
language's home page, exactly as a reader would; the result links are read once the status line
says the search is done. A query counts for top-1 / top-3 when the expected entry is the first /
among the first three results, and as zero-result when the search finds nothing at all.

Used by tests/search/test_search_quality.py (targets) and bench/search_eval.py (figures).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

HERE = Path(__file__).resolve().parent
TARGETS = {"top1": 0.85, "top3": 0.95, "zero": 0}


@dataclass(frozen=True)
class Query:
    language: str
    situation: str
    text: str
    expect: str


@dataclass
class Outcome:
    query: Query
    results: list[str]
    rank: int | None  # 1-based rank of the expected entry among the results read, or None


@dataclass
class Report:
    language: str
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.outcomes)

    def share(self, within: int) -> float:
        hits = sum(1 for o in self.outcomes if o.rank is not None and o.rank <= within)
        return hits / self.total if self.total else 1.0

    @property
    def zero(self) -> int:
        return sum(1 for o in self.outcomes if not o.results)

    def misses(self, within: int) -> list[Outcome]:
        return [o for o in self.outcomes if o.rank is None or o.rank > within]


def load_queries(folder: Path = HERE) -> dict[str, list[Query]]:
    """Every query set in ``folder/queries``, with each query's expected entry from the situations."""
    situations = {s["id"]: s["expect"] for s in yaml.safe_load((folder / "situations.yaml").read_text("utf-8"))
                  ["situations"]}
    found: dict[str, list[Query]] = {}
    for path in sorted((folder / "queries").glob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        language = data["language"]
        found[language] = [Query(language, q["situation"], q["query"], situations[q["situation"]])
                           for q in data["queries"]]
    return found


@dataclass(frozen=True)
class Catalog:
    """Where each entry lives: the URL folder of every entry id, the playbook of every reply."""

    folders: dict[str, str]
    templates: dict[str, str]

    @classmethod
    def of(cls, library: Any) -> Catalog:
        folders = {**{i: "playbooks" for i in library.playbooks}, **{i: "principles" for i in library.principles},
                   **{i: "cases" for i in library.cases}, **{i: "trees" for i in library.trees}}
        return cls(folders, {t: e.playbook.id for t, e in library.templates.items()})


def expected_paths(expect: str, language: str, default: str, catalog: Catalog) -> tuple[str, str]:
    """(path, anchor) a correct result leads to; an empty anchor accepts any place on that page."""
    prefix = "" if language == default else f"/{language}"
    if expect.startswith("template:"):
        template = expect.split(":", 1)[1]
        return f"{prefix}/playbooks/{catalog.templates[template]}/", f"tpl-{template}"
    return f"{prefix}/{catalog.folders[expect]}/{expect}/", ""


def rank_of(results: list[str], path: str, anchor: str) -> int | None:
    for index, url in enumerate(results, 1):
        parts = urlsplit(url)
        if parts.path.endswith(path) and (not anchor or parts.fragment == anchor):
            return index
    return None


def run_queries(page: Any, site_url: str, queries: Iterable[Query], default: str,
                catalog: Catalog, *, depth: int = 5) -> Report:
    """Type every query into the search box of its language's home page; read the results."""
    queries = list(queries)
    language = queries[0].language
    report = Report(language)
    prefix = "" if language == default else f"{language}/"
    page.goto(site_url + prefix)
    page.wait_for_selector("[data-rb-search]:not([hidden])")
    box = page.locator("#rb-search-input")
    for query in queries:
        box.fill("")
        page.wait_for_function("() => document.querySelector('.rb-search__status').textContent === ''")
        box.fill(query.text)
        page.wait_for_function(
            "() => { const s = document.querySelector('.rb-search__status').textContent;"
            " const none = !document.querySelector('.rb-search__none').hidden;"
            " return none || (s !== '' && document.querySelectorAll('.rb-search__results a').length > 0); }",
            timeout=15000)
        results = page.eval_on_selector_all(".rb-search__results a", "links => links.map(a => a.href)")[:depth]
        path, anchor = expected_paths(query.expect, language, default, catalog)
        report.outcomes.append(Outcome(query, results, rank_of(results, path, anchor)))
    return report


def table(reports: list[Report]) -> str:
    """A Markdown table of the figures per language."""
    rows = ["| language | queries | top-1 | top-3 | no result |", "| --- | ---: | ---: | ---: | ---: |"]
    for report in reports:
        rows.append(f"| {report.language} | {report.total} | {report.share(1):.0%} | {report.share(3):.0%} | "
                    f"{report.zero} |")
    return "\n".join(rows)
