"""Search quality figures: top-1, top-3 and zero-result counts per language, in Chromium.

Usage:  .venv/bin/python bench/search_eval.py [--site DIR] [--misses] [--lang uk]
Builds the site (unless --site names a built one), serves it on 127.0.0.1 and types every query
of tests/search/queries/<lang>.yaml into the real search box (tests/search/evaluate.py).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "hooks")]

from replybook.library import load_library  # noqa: E402
from replybook.project import load_project  # noqa: E402
from tests.browser.harness import chromium, serve  # noqa: E402
from tests.search.evaluate import TARGETS, Catalog, load_queries, run_queries, table  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    parser.add_argument("--lang", action="append", default=[], help="only this language")
    parser.add_argument("--misses", action="store_true", help="list every query not found first")
    parser.add_argument("--project", type=Path, default=REPO, help="the project whose site it is (default: this one)")
    parser.add_argument("--tune", default="", help="JSON for window.ReplybookSearchTuning (experiments)")
    args = parser.parse_args()
    project = load_project(args.project)
    library = load_library([project.playbooks_dir], project.languages).library
    assert library is not None, "the playbooks have errors: run `replybook check`"
    site = args.site
    if site is None:
        site = Path(tempfile.mkdtemp(prefix="replybook-eval-"))
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=REPO, check=True,
                       env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    queries = load_queries()
    reports = []
    with serve(site) as url, chromium(viewport={"width": 1280, "height": 900}) as context:
        if args.tune:
            context.add_init_script(f"window.ReplybookSearchTuning = {args.tune};")
        page = context.new_page()
        for language, items in queries.items():
            if args.lang and language not in args.lang:
                continue
            reports.append(run_queries(page, url, items, project.default_language, Catalog.of(library)))
    print(table(reports))
    print(f"targets: top-1 >= {TARGETS['top1']:.0%}, top-3 >= {TARGETS['top3']:.0%}, no result: {TARGETS['zero']}")
    if args.misses:
        for report in reports:
            for miss in report.misses(1):
                got = ", ".join(r.split("/", 3)[-1] for r in miss.results[:3]) or "nothing"
                print(f"{report.language} {miss.query.situation} {miss.query.text!r} → expected "
                      f"{miss.query.expect}, rank {miss.rank}; got {got}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
