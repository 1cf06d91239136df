"""Replybook build benchmark: hooks against plain MkDocs, at 10, 100 and 1,000 playbooks.

Usage:  make bench                      (all sizes, 3 repetitions, prints the table)
        .venv/bin/python bench/run.py --sizes 10 100 --repeat 3 --write BENCHMARKS.md

For each size it generates a synthetic, schema-valid library (bench/corpus.py) and,
in one run, alternating and repeated, measures:
- `replybook check` time;
- `mkdocs build` with the hooks (validation, rendering, Pagefind index), time and peak memory;
- plain MkDocs on the very same pages written out as Markdown files (same theme, same
  i18n plugin, no hooks), with and without running Pagefind after it;
- the bytes a reader's first search downloads and the time from keystroke to results,
  per language, in Debian's Chromium;
- the time from saving an edited playbook to the rebuilt page under `mkdocs serve`.
Medians are reported; ratios use medians of the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "hooks")]

from bench.corpus import LANGUAGES, write_project  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO / "hooks")}
MEASURE = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
           "r = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
           "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode); "
           "sys.stderr.write(r.stderr[-3000:] if r.returncode else '')")


def timed(command: list[str], cwd: Path) -> tuple[float, int]:
    """Wall time (s) and peak RSS (KiB) of one command, measured in a fresh process."""
    run = subprocess.run([sys.executable, "-c", MEASURE, *command], cwd=cwd, env=ENV,
                         capture_output=True, text=True, check=False)
    seconds, rss, code = run.stdout.split()
    if code != "0":
        raise RuntimeError(f"{' '.join(command)} failed:\n{run.stderr}")
    return float(seconds), int(rss)


def plain_project(hooked: Path, target: Path, stock_search: bool = False) -> Path:
    """The same pages as plain Markdown files: the hooks' output, written to docs/.

    With ``stock_search`` the config also enables Material's own search plugin, as
    a plain Material site would have.
    """
    from replybook.project import Project
    from replybook.site import SiteBuild

    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(hooked / "docs", target / "docs")
    build = SiteBuild.load(Project(hooked, LANGUAGES))
    for path in build.markdown_paths():
        file = target / "docs" / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(build.content_for(path) or "", encoding="utf-8")
    config = (hooked / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"\nhooks:\n(  - .*\n)+", "\n", config)
    config = re.sub(r"\nwatch:\n(  - .*\n)+", "\n", config)
    if stock_search:
        config = config.replace("\nplugins:\n", "\nplugins:\n  - search\n", 1)
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    return target


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve_rebuild_time(project: Path) -> float:
    """Seconds from saving an edited playbook to `mkdocs serve` serving the new title."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                              cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/playbooks/bench-playbook-0000/"
    try:
        deadline = time.time() + 900
        while time.time() < deadline:
            try:
                urllib.request.urlopen(url, timeout=2).read()
                break
            except OSError:
                time.sleep(0.5)
        time.sleep(2)  # let the watcher settle after the first build
        path = project / "playbooks" / "scenarios" / "bench-playbook-0000.yaml"
        marker = f"Edited {time.time_ns()}"
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r'(title:\n  en: ")', rf"\g<1>{marker} ", text, count=1), encoding="utf-8")
        saved = time.perf_counter()
        while time.perf_counter() - saved < 900:
            try:
                if marker in urllib.request.urlopen(url, timeout=5).read().decode("utf-8"):
                    return time.perf_counter() - saved
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError("the edited page never appeared")
    finally:
        server.terminate()
        server.wait(timeout=30)


def first_search(site: Path) -> dict[str, tuple[int, float]]:
    """Per language: bytes fetched by the first search and ms from keystroke to results."""
    from tests.browser.harness import chromium, serve

    results: dict[str, tuple[int, float]] = {}
    queries = {"en": "complaint", "ru": "жалоба", "uk": "скарга", "ro": "plângere", "es": "queja"}
    with serve(site) as base, chromium() as context:
        for language in LANGUAGES:
            page = context.new_page()
            prefix = "" if language == "en" else f"{language}/"
            page.goto(base + prefix)
            sizes: list[int] = []
            page.on("response", lambda r, sizes=sizes: sizes.append(len(r.body())) if "/pagefind/" in r.url else None)
            page.focus("#rb-search-input")
            started = page.evaluate("""q => new Promise(resolve => {
                const status = document.querySelector('.rb-search__status');
                const input = document.querySelector('#rb-search-input');
                const t0 = performance.now();
                new MutationObserver((_, obs) => {
                  if (!document.querySelector('.rb-search__results a')) { return; }
                  obs.disconnect();
                  resolve(performance.now() - t0);
                }).observe(status, {childList: true, characterData: true, subtree: true});
                input.value = q; input.dispatchEvent(new Event('input', {bubbles: true}));
            })""", queries[language])
            page.wait_for_timeout(300)
            results[language] = (sum(sizes), float(started))
            page.close()
    return results


def median(values: list[float]) -> float:
    return statistics.median(values)


def run_size(size: int, repeat: int, workdir: Path, serve_timing: bool) -> dict[str, object]:
    hooked = write_project(workdir / f"hooked-{size}", REPO, size)
    replybook = str(Path(sys.executable).parent / "replybook")
    subprocess.run([replybook, "translations", "update"], cwd=hooked, env=ENV, check=True, capture_output=True)
    plain = plain_project(hooked, workdir / f"plain-{size}")
    stock = plain_project(hooked, workdir / f"stock-{size}", stock_search=True)
    check = [timed([replybook, "check", "--strict"], hooked)[0] for _ in range(repeat)]
    hook_times, hook_rss, plain_times, plain_rss, pagefind_times, stock_times = [], [], [], [], [], []
    for _ in range(repeat):  # alternate, so that drift affects both alike
        seconds, rss = timed([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", "site"], hooked)
        hook_times.append(seconds)
        hook_rss.append(rss)
        seconds, rss = timed([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", "site"], plain)
        plain_times.append(seconds)
        plain_rss.append(rss)
        pagefind_times.append(timed([sys.executable, "-m", "pagefind", "--site", "site", "--silent"], plain)[0])
        stock_times.append(timed([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", "site"], stock)[0])
    search = first_search(hooked / "site")
    row: dict[str, object] = {
        "playbooks": size,
        "pages": len(list((hooked / "site").rglob("index.html"))),
        "check_s": median(check),
        "hooks_s": median(hook_times),
        "hooks_rss_mb": max(hook_rss) / 1024,
        "plain_s": median(plain_times),
        "plain_rss_mb": max(plain_rss) / 1024,
        "plain_pagefind_s": median(plain_times) + median(pagefind_times),
        "stock_s": median(stock_times),
        "search": search,
    }
    row["ratio_same_search"] = row["hooks_s"] / row["plain_pagefind_s"]  # type: ignore[operator]
    row["ratio_plain"] = row["hooks_s"] / row["plain_s"]  # type: ignore[operator]
    row["ratio_stock"] = row["hooks_s"] / row["stock_s"]  # type: ignore[operator]
    row["serve_s"] = serve_rebuild_time(hooked) if serve_timing else None
    return row


def table(rows: list[dict[str, object]]) -> str:
    lines = ["| playbooks | pages | check | build with hooks | plain MkDocs | plain + Pagefind "
             "| plain + Material search | hooks / (plain + Pagefind) | hooks / (plain + Material search) "
             "| hooks / plain | peak RSS hooks / plain | save → page (serve) |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        serve = f"{r['serve_s']:.1f} s" if r["serve_s"] is not None else "not measured"
        lines.append(f"| {r['playbooks']:,} | {r['pages']:,} | {r['check_s']:.2f} s | {r['hooks_s']:.1f} s "
                     f"| {r['plain_s']:.1f} s | {r['plain_pagefind_s']:.1f} s | {r['stock_s']:.1f} s "
                     f"| {r['ratio_same_search']:.2f} | {r['ratio_stock']:.2f} | {r['ratio_plain']:.2f} "
                     f"| {r['hooks_rss_mb']:.0f} / {r['plain_rss_mb']:.0f} MB | {serve} |")
    lines += ["", "First search, per language (bytes downloaded by the first query; keystroke → results, cold):", "",
              "| playbooks | " + " | ".join(LANGUAGES) + " |", "| ---: |" + " ---: |" * len(LANGUAGES)]
    for r in rows:
        search = r["search"]
        assert isinstance(search, dict)
        cells = [f"{search[lang][0] / 1024:.0f} KB, {search[lang][1]:.0f} ms" for lang in LANGUAGES]
        lines.append(f"| {r['playbooks']:,} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def machine() -> str:
    memory = ""
    try:
        kib = int(next(line for line in Path("/proc/meminfo").read_text().splitlines()
                       if line.startswith("MemTotal")).split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB RAM"
    except (OSError, StopIteration, ValueError):
        pass
    python = platform.python_version()
    return f"{platform.machine()}, {os.cpu_count()} cores{memory}, Python {python}, {platform.system()}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--serve-max", type=int, default=1000, help="measure serve rebuilds up to this size")
    parser.add_argument("--write", type=Path, help="also write the results into this Markdown file")
    parser.add_argument("--json", type=Path, help="also write the raw results as JSON")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="replybook-bench-") as tmp:
        for size in args.sizes:
            print(f"… {size} playbooks", file=sys.stderr, flush=True)
            rows.append(run_size(size, args.repeat, Path(tmp), size <= args.serve_max))
    result = table(rows)
    print(result)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    if args.write:
        text = args.write.read_text(encoding="utf-8") if args.write.exists() else ""
        block = (f"<!-- bench:start -->\nMachine: {machine()}. Repetitions: {args.repeat} (medians).\n\n"
                 f"{result}\n<!-- bench:end -->")
        if "<!-- bench:start -->" in text:
            text = re.sub(r"<!-- bench:start -->.*<!-- bench:end -->", lambda _: block, text, flags=re.S)
        else:
            text += "\n" + block + "\n"
        args.write.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
