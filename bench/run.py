"""Replybook benchmarks: check, build, preview (save → page), first search and Lighthouse.

Usage:  make bench                      (every size, 3 repetitions; 1 at 1,000 playbooks)
        .venv/bin/python bench/run.py --sizes 10 100 1000 --repeat 3 --write BENCHMARKS.md
        .venv/bin/python bench/run.py --sizes 10 --repeat 1 --no-lighthouse      (a quick look)

The run works on a snapshot of the project taken when it starts (mkdocs.yml, docs/, hooks/,
playbooks/), so edits made meanwhile do not leak into it. For the repo's own library and for
each size N it makes a library of the real playbooks plus N synthetic ones (bench/corpus.py,
passing `replybook check --strict`) and measures, alternating and repeating:
- `replybook check --strict`, cold process;
- `mkdocs build --strict` with the hooks, its wall time, CPU time and peak memory;
- plain MkDocs on the very same pages (written by `replybook render`, no hooks), alone, plus
  Pagefind over its output, and with Material's own search plugin;
- save → page under `mkdocs serve` as `make serve` runs it (REPLYBOOK_PREVIEW_LANG=en, =uk)
  and with every language: the time from saving one edited sentence of a playbook to the
  served page containing it;
- the first search per language in Debian's Chromium: bytes it downloads (gzip, as static
  hosts serve) and the time from the keystroke to rendered results, cold;
then Lighthouse (mobile, default throttling) per page type of the real site in en and uk,
served with gzip (bench/static.py). Medians of the repetitions; ratios are of medians.
"""

from __future__ import annotations

import argparse
import contextlib
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
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path[:0] = [str(REPO)]

from bench import corpus, static  # noqa: E402
from tests.browser.harness import browser  # noqa: E402

MEASURE = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
           "r = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
           "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
           "print(time.perf_counter() - t, u.ru_maxrss, u.ru_utime + u.ru_stime, r.returncode); "
           "sys.stderr.write((r.stdout + r.stderr)[-4000:] if r.returncode else '')")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
#: A word of the real content per language: what a reader would type first.
QUERIES = {"en": "complaint", "ru": "жалоба", "uk": "скарга", "ro": "plângere", "es": "queja"}
#: The playbook whose sentence the preview benchmark edits (real, so it exists at every size).
EDITED = "public-complaint"
#: Page types for Lighthouse: (label, path under the language's root, collection to pick from).
PAGE_TYPES = [("home", "", None), ("playbook list", "playbooks/", None),
              ("a playbook", "playbooks/{}/", ("playbooks", "public-complaint")),
              ("a principle", "principles/{}/", ("principles", "respond-fast")),
              ("a case", "cases/{}/", ("cases", "amys-baking-company")),
              ("the tree", "trees/{}/", ("trees", "triage")),
              ("channels", "channels/", None), ("templates", "templates/", None), ("404", "404.html", None)]
METRIC_NAMES = {"first-contentful-paint": "FCP", "largest-contentful-paint": "LCP", "total-blocking-time": "TBT",
                "cumulative-layout-shift": "CLS", "speed-index": "Speed Index"}
TARGETS = {"serve_share": 0.25, "serve_real_s": 1.0, "serve_100_s": 2.0, "search_kb": 250, "search_ms": 200,
           "lighthouse": 0.98, "hooks_overhead": 1.10, "check_1000_s": 2.0}


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> dict[str, float]:
    """Wall time (s), CPU time (s) and peak RSS (MB) of one command, in a fresh process."""
    run = subprocess.run([sys.executable, "-c", MEASURE, *command], cwd=cwd, env=env,
                         capture_output=True, text=True, check=False)
    try:
        seconds, rss, cpu, code = run.stdout.split()
    except ValueError as exc:
        raise RuntimeError(f"{' '.join(command)}: could not measure:\n{run.stdout}{run.stderr}") from exc
    if code != "0":
        raise RuntimeError(f"{' '.join(command)} failed in {cwd}:\n{run.stderr}")
    return {"s": float(seconds), "cpu_s": float(cpu), "rss_mb": int(rss) / 1024}


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


# -- projects ---------------------------------------------------------------------------------

def plain_project(hooked: Path, target: Path, stock_search: bool = False) -> Path:
    """The same pages as plain Markdown files (`replybook render`), built by MkDocs without hooks.

    Same docs/, theme, overrides and i18n plugin; with ``stock_search`` Material's own search
    plugin too, as a plain Material site would have.
    """
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(hooked / "docs", target / "docs")
    subprocess.run([*corpus.replybook_command(hooked), "render", "--out", str(target / "docs")], cwd=hooked,
                   env=corpus.project_env(hooked), check=True, capture_output=True, text=True)
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
        return int(probe.getsockname()[1])


def fetch(url: str, timeout: float = 10) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:
            return str(answer.read().decode("utf-8", "replace"))
    except (OSError, urllib.error.URLError):
        return None


# -- save → page under `mkdocs serve` ---------------------------------------------------------

#: `make serve`'s flags (tests/unit/test_repository.py keeps the two in step).
SERVE_FLAGS = ("--dirty", "--no-strict")


class Server:
    """`mkdocs serve` as `make serve` runs it, with its log read line by line."""

    def __init__(self, project: Path, preview: str | None) -> None:
        self.port = free_port()
        env = corpus.project_env(project)
        env.pop("REPLYBOOK_PREVIEW_LANG", None)
        if preview:
            env["REPLYBOOK_PREVIEW_LANG"] = preview
        self.lines: list[tuple[float, str]] = []
        command = [sys.executable, "-m", "mkdocs", "serve", *SERVE_FLAGS, "-a", f"127.0.0.1:{self.port}"]
        self.process = subprocess.Popen(command,
                                        cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                        text=True, bufsize=1)
        self.reader = threading.Thread(target=self.read, daemon=True)
        self.reader.start()

    def read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append((time.perf_counter(), line.rstrip()))

    def count(self, text: str) -> int:
        return sum(text in line for _, line in self.lines)

    def wait_for(self, text: str, at_least: int, timeout: float) -> float:
        """When the log has shown ``text`` ``at_least`` times (perf_counter); raises on timeout or exit."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            found = [t for t, line in self.lines if text in line]
            if len(found) >= at_least:
                return found[at_least - 1]
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        tail = "\n".join(line for _, line in self.lines[-30:])
        raise RuntimeError(f"mkdocs serve: no `{text}` (×{at_least}) within {timeout:.0f} s:\n{tail}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def edit_sentence(path: Path, language: str, marker: str) -> None:
    """Put ``marker`` at the start of the playbook's summary in ``language`` (one sentence edited)."""
    text = path.read_text(encoding="utf-8")
    edited, count = re.subn(rf"(\nsummary:\n(?:  [a-z]{{2}}: .*\n)*?  {language}: )([\"']?)", rf"\g<1>\g<2>{marker} ",
                            text, count=1)
    if not count:
        raise RuntimeError(f"{path}: no `summary: {language}:` to edit")
    path.write_text(edited, encoding="utf-8")


def serve_session(project: Path, preview: str | None, languages: list[str], edits: int,
                  timeout: float) -> dict[str, Any]:
    """Start `mkdocs serve`, then save ``edits`` edits of one sentence; time each until it is served.

    The edits take ``languages`` in turn: edit 1 the first one's text (and look at that
    language's page), edit 2 the next one's, and so on.
    """
    source = project / "playbooks" / "scenarios" / f"{EDITED}.yaml"
    original = source.read_text(encoding="utf-8")
    root_language = preview or corpus.languages_of(project)[0]
    server = Server(project, preview)

    def url(language: str) -> str:
        prefix = "" if language == root_language else f"{language}/"
        return f"http://127.0.0.1:{server.port}/{prefix}playbooks/{EDITED}/"

    started = time.perf_counter()
    result: dict[str, Any] = {"mode": preview or "all", "languages": [], "page_s": [], "detect_s": [],
                              "rebuilt_s": []}
    try:
        result["start_s"] = server.wait_for("Serving on", 1, timeout) - started
        while fetch(url(languages[0])) is None:
            if time.perf_counter() - started > timeout:
                raise RuntimeError(f"{url(languages[0])} never answered")
            time.sleep(0.1)
        time.sleep(1.5)  # the watcher's first look at the files
        for number in range(edits):
            language = languages[number % len(languages)]
            marker = f"Rbedit{time.time_ns()}x{number}"
            rebuilt = server.count("Reloading browsers")
            detected = server.count("Detected file changes")
            edit_sentence(source, language, marker)
            saved = time.perf_counter()
            while marker not in (fetch(url(language)) or ""):
                if time.perf_counter() - saved > timeout:
                    raise RuntimeError(f"the edited page {url(language)} never showed the new text")
                time.sleep(0.05)
            result["languages"].append(language)
            result["page_s"].append(time.perf_counter() - saved)
            result["detect_s"].append(server.wait_for("Detected file changes", detected + 1, timeout) - saved)
            result["rebuilt_s"].append(server.wait_for("Reloading browsers", rebuilt + 1, timeout) - saved)
            time.sleep(1.0)
    finally:
        server.stop()
        source.write_text(original, encoding="utf-8")
    return result


# -- first search in Chromium -----------------------------------------------------------------

FIRST_RESULTS = """q => new Promise((resolve, reject) => {
  const input = document.querySelector('#rb-search-input');
  const list = document.querySelector('.rb-search__results');
  const t0 = performance.now();
  const done = () => {
    if (!list.querySelector('a')) { return false; }
    resolve(performance.now() - t0); return true;
  };
  new MutationObserver((_, observer) => { if (done()) { observer.disconnect(); } })
    .observe(list, {childList: true, subtree: true});
  setTimeout(() => reject(new Error('no results within 30 s: ' +
    document.querySelector('.rb-search__status').textContent)), 30000);
  input.value = q; input.dispatchEvent(new Event('input', {bubbles: true}));
})"""


def first_search(site: Path, languages: tuple[str, ...], repeat: int) -> dict[str, dict[str, Any]]:
    """Per language: what the first query downloads and how long until results show, cold.

    Each try is a fresh browser context (an empty cache); languages take turns, ``repeat`` rounds.
    """
    results: dict[str, dict[str, Any]] = {language: {"ms_runs": []} for language in languages}
    with static.serve(site) as base, browser() as chromium:
        for _ in range(repeat):
            for language in languages:
                context = chromium.new_context()
                page = context.new_page()
                page.goto(base + ("" if language == languages[0] else f"{language}/"), wait_until="networkidle")
                page.wait_for_selector("[data-rb-search][data-rb-ready]", state="attached")
                requests: list[Any] = []
                last = [time.perf_counter()]

                def seen(request: Any, requests: list[Any] = requests, last: list[float] = last) -> None:
                    requests.append(request)
                    last[0] = time.perf_counter()

                page.on("requestfinished", seen)
                page.focus("#rb-search-input")
                elapsed = float(page.evaluate(FIRST_RESULTS, QUERIES.get(language, QUERIES["en"])))
                while time.perf_counter() - last[0] < 1.0:  # until the network is quiet (result texts)
                    page.wait_for_timeout(100)
                wire = decoded = 0
                for request in requests:
                    sizes = request.sizes()
                    response = request.response()
                    wire += sizes["responseBodySize"] + sizes["responseHeadersSize"]
                    decoded += len(response.body()) if response is not None else 0
                found = results[language]
                found["ms_runs"].append(elapsed)
                found.update({"ms": median(found["ms_runs"]), "wire_kb": wire / 1024, "decoded_kb": decoded / 1024,
                              "requests": len(requests), "files": [r.url.replace(base, "/") for r in requests]})
                context.close()
    return results


# -- Lighthouse -------------------------------------------------------------------------------

def lighthouse_pages(site: Path, languages: tuple[str, ...], chosen: list[str]) -> list[tuple[str, str, str]]:
    """(page type, language, path) of every page Lighthouse scores."""
    pages = []
    for language in chosen:
        prefix = "" if language == languages[0] else f"{language}/"
        for label, pattern, pick in PAGE_TYPES:
            path = pattern
            if pick is not None:
                folder, preferred = pick
                found = sorted(p.name for p in (site / folder).iterdir() if (p / "index.html").exists())
                path = pattern.format(preferred if preferred in found else found[0])
            pages.append((label, language, prefix + path))
    return pages


def lighthouse_once(url: str, out: Path) -> dict[str, Any]:
    command = ["node", str(BENCH / "node_modules" / "lighthouse" / "cli" / "index.js"), url,
               "--only-categories=performance", "--output=json", f"--output-path={out}", "--quiet",
               "--chrome-flags=" + " ".join(CHROMIUM_FLAGS)]
    subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROMIUM}, check=True, capture_output=True,
                   timeout=300)
    report = json.loads(out.read_text(encoding="utf-8"))
    return digest(report)


def _items(audit: dict[str, Any], key: str, limit: int = 4) -> list[str]:
    out = []
    for item in (audit.get("details") or {}).get("items", [])[:limit]:
        url = item.get("url") or (item.get("node") or {}).get("snippet") or ""
        url = re.sub(r"^https?://127\.0\.0\.1:\d+", "", str(url))
        value = item.get(key)
        if key.endswith("Bytes") and value is not None:
            out.append(f"{url} ({value / 1024:.0f} KB)")
        elif value is not None:
            out.append(f"{url} ({value:.0f} ms)")
        else:
            out.append(url)
    return out


def digest(report: dict[str, Any]) -> dict[str, Any]:
    """Score, metrics and the audits that cost points, from one Lighthouse report."""
    audits = report["audits"]
    metric = {name: audits[name].get("numericValue") for name in
              ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
               "cumulative-layout-shift", "speed-index")}
    metric_scores = {name: audits[name].get("score") for name in metric}
    causes: dict[str, Any] = {}
    blocking = audits.get("render-blocking-resources", {})
    if blocking.get("numericValue"):
        causes["render-blocking"] = {"ms": blocking["numericValue"], "items": _items(blocking, "wastedMs")}
    lcp = audits.get("largest-contentful-paint-element", {})
    for block in (lcp.get("details") or {}).get("items", []):
        for item in block.get("items", []):
            node = item.get("node")
            if node:
                causes["lcp-element"] = node.get("snippet", "")[:160]
            elif "phase" in item:
                causes.setdefault("lcp-phases", {})[item["phase"]] = round(item.get("timing", 0))
    for name, key in (("unused-css-rules", "wastedBytes"), ("unused-javascript", "wastedBytes")):
        audit = audits.get(name, {})
        if audit.get("details", {}).get("overallSavingsBytes"):
            causes[name] = {"kb": audit["details"]["overallSavingsBytes"] / 1024, "items": _items(audit, key)}
    weight = audits.get("total-byte-weight", {})
    causes["bytes-kb"] = (weight.get("numericValue") or 0) / 1024
    dom = audits.get("dom-size", {})
    causes["dom-elements"] = dom.get("numericValue")
    main = audits.get("mainthread-work-breakdown", {})
    causes["main-thread-ms"] = main.get("numericValue")
    causes["main-thread"] = [f"{i['groupLabel']} {i['duration']:.0f} ms"
                             for i in (main.get("details") or {}).get("items", [])[:4]]
    boot = audits.get("bootup-time", {})
    causes["script-ms"] = boot.get("numericValue")
    causes["script-items"] = _items(boot, "total", 3)
    tasks = (audits.get("long-tasks", {}).get("details") or {}).get("items", [])
    causes["long-tasks"] = len(tasks)
    causes["long-task-items"] = _items(audits.get("long-tasks", {}), "duration", 3)
    shifts = (audits.get("layout-shifts", {}).get("details") or {}).get("items", [])
    causes["layout-shifts"] = [f"{(i.get('node') or {}).get('snippet', '?')[:80]} ({i.get('score', 0):.3f})"
                               for i in shifts[:2]]
    return {"score": report["categories"]["performance"]["score"], "metrics": metric,
            "metric_scores": metric_scores, "causes": causes,
            "benchmark_index": (report.get("environment") or {}).get("benchmarkIndex")}


def lighthouse(site: Path, languages: tuple[str, ...], chosen: list[str], repeat: int,
               workdir: Path) -> list[dict[str, Any]]:
    """Every page type in every chosen language: the run with the median score of ``repeat``."""
    rows: list[dict[str, Any]] = []
    with static.serve(site) as base:
        for label, language, path in lighthouse_pages(site, languages, chosen):
            runs = []
            for number in range(repeat):
                out = workdir / f"lighthouse-{language}-{label.replace(' ', '-')}-{number}.json"
                try:
                    runs.append(lighthouse_once(base + path, out))
                except (subprocess.SubprocessError, OSError, KeyError, json.JSONDecodeError) as exc:
                    log(f"lighthouse {path}: {exc}")
            if not runs:
                rows.append({"page": label, "language": language, "path": "/" + path, "score": None})
                continue
            runs.sort(key=lambda r: r["score"] or 0)
            chosen_run = runs[len(runs) // 2]
            rows.append({"page": label, "language": language, "path": "/" + path,
                         "scores": [r["score"] for r in runs], **chosen_run})
            log(f"lighthouse {language} {label}: {chosen_run['score']}")
    return rows


# -- one library size -------------------------------------------------------------------------

def run_size(size: int | None, repeat: int, base: Path, workdir: Path, args: argparse.Namespace) -> dict[str, Any]:
    """Everything measured for one library: the real one (``size`` None) or real + ``size`` synthetic."""
    name = "real" if size is None else str(size)
    log(f"library {name}: generating")
    hooked = corpus.make_project(REPO, workdir / f"hooked-{name}", size or 0, base=base)
    languages = corpus.languages_of(hooked)
    playbooks = len(list((hooked / "playbooks" / "scenarios").glob("*.yaml")))
    env = corpus.project_env(hooked)
    plain = plain_project(hooked, workdir / f"plain-{name}")
    stock = plain_project(hooked, workdir / f"stock-{name}", stock_search=True)
    python = sys.executable
    build = [python, "-m", "mkdocs", "build", "--strict", "-q", "-d", "site"]
    check, hooks, plain_runs, pagefind, stock_runs = [], [], [], [], []
    for number in range(repeat):  # alternate, so that drift (and other load) affects each alike
        log(f"library {name}: repetition {number + 1}/{repeat}")
        check.append(timed([*corpus.replybook_command(hooked), "check", "--strict"], hooked, env))
        hooks.append(timed(build, hooked, env))
        plain_runs.append(timed(build, plain, env))
        pagefind.append(timed([python, "-m", "pagefind", "--site", "site", "--silent"], plain, env))
        stock_runs.append(timed(build, stock, env))
    row: dict[str, Any] = {
        "library": name, "added": size or 0, "playbooks": playbooks, "repeat": repeat,
        "pages": len(list((hooked / "site").rglob("index.html"))),
        "check_s": median([r["s"] for r in check]), "check_cpu_s": median([r["cpu_s"] for r in check]),
        "hooks_s": median([r["s"] for r in hooks]), "hooks_cpu_s": median([r["cpu_s"] for r in hooks]),
        "hooks_rss_mb": max(r["rss_mb"] for r in hooks),
        "plain_s": median([r["s"] for r in plain_runs]), "plain_cpu_s": median([r["cpu_s"] for r in plain_runs]),
        "plain_rss_mb": max(r["rss_mb"] for r in plain_runs),
        "pagefind_s": median([r["s"] for r in pagefind]),
        "stock_s": median([r["s"] for r in stock_runs]),
        "raw": {"check": check, "hooks": hooks, "plain": plain_runs, "pagefind": pagefind, "stock": stock_runs},
    }
    row["plain_pagefind_s"] = row["plain_s"] + row["pagefind_s"]
    row["ratio_same_search"] = row["hooks_s"] / row["plain_pagefind_s"]
    row["ratio_plain"] = row["hooks_s"] / row["plain_s"]
    row["ratio_stock"] = row["hooks_s"] / row["stock_s"]
    if args.search:
        log(f"library {name}: first search")
        row["search"] = first_search(hooked / "site", languages, args.search_repeat)
    row["serve"] = {}
    if (size or 0) <= args.serve_max:
        for preview, edited in (("en", ["en"]), ("uk", ["uk"]), (None, ["en", "uk"])):
            if preview is None and (size or 0) > args.serve_all_max:
                continue
            mode = preview or "all"
            log(f"library {name}: save → page, mode {mode}")
            try:
                row["serve"][mode] = serve_session(hooked, preview, edited, repeat, args.serve_timeout)
            except RuntimeError as exc:
                log(f"serve {mode}: {exc}")
                row["serve"][mode] = {"error": str(exc)}
    if args.keep_sites and size is None:
        row["site"] = str(hooked / "site")
    for folder in (plain, stock):
        shutil.rmtree(folder, ignore_errors=True)
    return row


# -- tables -----------------------------------------------------------------------------------

def _label(row: dict[str, Any]) -> str:
    if row["library"] == "real":
        return f"real ({row['playbooks']})"
    return f"{row['playbooks']:,} (real + {row['added']:,})"


def _s(value: float | None, digits: int = 1) -> str:
    return "—" if value is None or value != value else f"{value:.{digits}f} s"


def build_table(rows: list[dict[str, Any]]) -> str:
    lines = ["| playbooks | pages | check | build with hooks | plain MkDocs | plain + Pagefind "
             "| plain + Material search | hooks / (plain + Pagefind) | hooks / (plain + Material search) "
             "| hooks / plain | CPU hooks / plain | peak RSS hooks / plain |",
             "| :--- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        lines.append(f"| {_label(r)} | {r['pages']:,} | {_s(r['check_s'], 2)} | {_s(r['hooks_s'])} "
                     f"| {_s(r['plain_s'])} | {_s(r['plain_pagefind_s'])} | {_s(r['stock_s'])} "
                     f"| {r['ratio_same_search']:.2f} | {r['ratio_stock']:.2f} | {r['ratio_plain']:.2f} "
                     f"| {r['hooks_cpu_s']:.0f} / {r['plain_cpu_s']:.0f} s "
                     f"| {r['hooks_rss_mb']:.0f} / {r['plain_rss_mb']:.0f} MB |")
    return "\n".join(lines)


def _serve_cell(row: dict[str, Any], mode: str) -> tuple[str, str]:
    found = row["serve"].get(mode)
    if not found:
        return "not measured", "—"
    if "error" in found:
        return "failed", "—"
    page = median(found["page_s"])
    return (f"{page:.2f} s", f"{page / row['hooks_s']:.2f}")


def serve_table(rows: list[dict[str, Any]]) -> str:
    lines = ["| playbooks | full build | serve start (en) | save → page, en | ÷ full build | save → page, uk "
             "| ÷ full build | save → page, all languages | ÷ full build | save → rebuilt, en / uk / all |",
             "| :--- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        en, uk, every = _serve_cell(r, "en"), _serve_cell(r, "uk"), _serve_cell(r, "all")
        start = r["serve"].get("en", {}).get("start_s")
        rebuilt = " / ".join(_s(median(r["serve"][m]["rebuilt_s"]), 2) if "rebuilt_s" in r["serve"].get(m, {})
                             else "—" for m in ("en", "uk", "all"))
        lines.append(f"| {_label(r)} | {_s(r['hooks_s'])} | {_s(start)} | {en[0]} | {en[1]} | {uk[0]} | {uk[1]} "
                     f"| {every[0]} | {every[1]} | {rebuilt} |")
    return "\n".join(lines)


def search_table(rows: list[dict[str, Any]], languages: tuple[str, ...]) -> str:
    lines = ["| playbooks | " + " | ".join(languages) + " |", "| :--- |" + " ---: |" * len(languages)]
    for r in rows:
        if "search" not in r:
            continue
        cells = [f"{r['search'][lang]['wire_kb']:.0f} KB ({r['search'][lang]['decoded_kb']:.0f} KB without gzip), "
                 f"{r['search'][lang]['ms']:.0f} ms" for lang in languages]
        lines.append(f"| {_label(r)} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def lighthouse_table(rows: list[dict[str, Any]]) -> str:
    chosen = list(dict.fromkeys(r["language"] for r in rows))
    lines = ["| page | " + " | ".join(chosen) + " |", "| :--- |" + " :--- |" * len(chosen)]
    for label in dict.fromkeys(r["page"] for r in rows):
        cells = []
        for language in chosen:
            r = next(x for x in rows if x["page"] == label and x["language"] == language)
            if r.get("score") is None:
                cells.append("failed")
                continue
            m = r["metrics"]
            cells.append(f"**{r['score']:.2f}** (FCP {m['first-contentful-paint'] / 1000:.1f} s, "
                         f"LCP {m['largest-contentful-paint'] / 1000:.1f} s, TBT {m['total-blocking-time']:.0f} ms, "
                         f"CLS {m['cumulative-layout-shift']:.3f})")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def lighthouse_causes(rows: list[dict[str, Any]]) -> str:
    """What costs the points, for every page below the target."""
    out = []
    for r in rows:
        if r.get("score") is None or r["score"] >= TARGETS["lighthouse"]:
            continue
        c = r["causes"]
        weak = [METRIC_NAMES[name] for name, score in r["metric_scores"].items() if score is not None and score < 0.9]
        parts = [f"score {r['score']:.2f} (runs: {', '.join(f'{s:.2f}' for s in r['scores'])})"
                 + (f", weakest metrics: {', '.join(weak)}" if weak else ""),
                 f"{c['bytes-kb']:.0f} KB transferred, {c['dom-elements']:.0f} DOM elements",
                 f"main thread {c['main-thread-ms']:.0f} ms ({', '.join(c['main-thread'])})",
                 f"{c['long-tasks']} long tasks (" + ", ".join(c["long-task-items"]) + ")",
                 "script time by file: " + ", ".join(c["script-items"])]
        if "render-blocking" in c:
            parts.append(f"render-blocking {c['render-blocking']['ms']:.0f} ms: "
                         + ", ".join(c["render-blocking"]["items"]))
        if "lcp-element" in c:
            phases = ", ".join(f"{k} {v} ms" for k, v in c.get("lcp-phases", {}).items())
            parts.append(f"LCP element `{c['lcp-element']}`" + (f" ({phases})" if phases else ""))
        for name in ("unused-css-rules", "unused-javascript"):
            if name in c:
                parts.append(f"{name.replace('-', ' ')} {c[name]['kb']:.0f} KB: " + ", ".join(c[name]["items"]))
        if c["layout-shifts"] and r["metrics"]["cumulative-layout-shift"] > 0.01:
            parts.append("layout shifts: " + ", ".join(f"`{x}`" for x in c["layout-shifts"]))
        out.append(f"- {r['language']} {r['page']} (`{r['path']}`): " + "; ".join(parts))
    return "\n".join(out) if out else "Every page scored at least the target."


def verdict(ok: bool | None) -> str:
    return "not measured" if ok is None else ("met" if ok else "**not met**")


def targets_table(rows: list[dict[str, Any]], lighthouse_rows: list[dict[str, Any]]) -> str:
    lines = ["| target | measured | |", "| :--- | :--- | :--- |"]

    def serve_share() -> tuple[str, bool | None]:
        shares = []
        for r in rows:
            for mode in ("en", "uk"):
                found = r["serve"].get(mode)
                if found and "page_s" in found and found["page_s"]:
                    shares.append((median(found["page_s"]) / r["hooks_s"], f"{_label(r)} {mode}"))
        if not shares:
            return "—", None
        worst = max(shares)
        return f"worst {worst[0]:.2f} ({worst[1]})", worst[0] <= TARGETS["serve_share"]

    def serve_at(select: Any, limit: float) -> tuple[str, bool | None]:
        found = [(median(r["serve"][m]["page_s"]), m, r) for r in rows if select(r)
                 for m in ("en", "uk") if r["serve"].get(m, {}).get("page_s")]
        if not found:
            return "—", None
        worst = max(found, key=lambda f: f[0])
        return f"{worst[0]:.2f} s ({_label(worst[2])}, {worst[1]}; " + ", ".join(
            f"{m} {v:.2f} s" for v, m, _ in found) + ")", worst[0] <= limit

    largest = max(rows, key=lambda r: r["playbooks"]) if rows else None
    items: list[tuple[str, tuple[str, bool | None]]] = []
    items.append((f"save → page ≤ {TARGETS['serve_share']}× full build, every size (en, uk)", serve_share()))
    items.append((f"save → page ≤ {TARGETS['serve_real_s']:.0f} s, real library",
                  serve_at(lambda r: r["library"] == "real", TARGETS["serve_real_s"])))
    items.append((f"save → page ≤ {TARGETS['serve_100_s']:.0f} s at 100 playbooks",
                  serve_at(lambda r: r["added"] == 100, TARGETS["serve_100_s"])))
    if largest is not None and "search" in largest:
        worst_kb = max(largest["search"].values(), key=lambda s: s["wire_kb"])
        worst_ms = max(largest["search"].values(), key=lambda s: s["ms"])
        items.append((f"first search ≤ {TARGETS['search_kb']} KB at {largest['playbooks']:,} playbooks",
                      (f"largest {worst_kb['wire_kb']:.0f} KB over the wire ({worst_kb['decoded_kb']:.0f} KB "
                       "without gzip)", worst_kb["wire_kb"] <= TARGETS["search_kb"])))
        items.append((f"first search ≤ {TARGETS['search_ms']} ms at {largest['playbooks']:,} playbooks",
                      (f"slowest {worst_ms['ms']:.0f} ms", worst_ms["ms"] <= TARGETS["search_ms"])))
    scored = [r for r in lighthouse_rows if r.get("score") is not None]
    if scored:
        low = min(scored, key=lambda r: r["score"])
        below = sum(r["score"] < TARGETS["lighthouse"] for r in scored)
        items.append((f"Lighthouse performance ≥ {TARGETS['lighthouse']} on every page",
                      (f"lowest {low['score']:.2f} ({low['language']} {low['page']}); {below} of {len(scored)} "
                       "pages below", below == 0)))
    if rows:
        worst_overhead = max(rows, key=lambda r: r["ratio_same_search"])
        items.append((f"hooks add ≤ {TARGETS['hooks_overhead'] - 1:.0%} to plain MkDocs + Pagefind",
                      (f"worst {worst_overhead['ratio_same_search']:.2f} ({_label(worst_overhead)})",
                       worst_overhead["ratio_same_search"] <= TARGETS["hooks_overhead"])))
    if largest is not None and largest["added"] >= 1000:
        items.append((f"check of {largest['playbooks']:,} playbooks ≤ {TARGETS['check_1000_s']:.0f} s",
                      (f"{largest['check_s']:.2f} s (CPU {largest['check_cpu_s']:.2f} s)",
                       largest["check_s"] <= TARGETS["check_1000_s"])))
    for name, (figure, ok) in items:
        lines.append(f"| {name} | {figure} | {verdict(ok)} |")
    return "\n".join(lines)


def machine(load_before: tuple[float, ...], load_after: tuple[float, ...]) -> str:
    memory = ""
    with contextlib.suppress(OSError, StopIteration, ValueError):
        kib = int(next(line for line in Path("/proc/meminfo").read_text().splitlines()
                       if line.startswith("MemTotal")).split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB RAM"
    return (f"{platform.machine()}, {os.cpu_count()} cores{memory}, Python {platform.python_version()}, "
            f"{platform.system()}; load average {load_before[0]:.1f} at the start, {load_after[0]:.1f} at the end")


def revision() -> str:
    found = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True,
                           check=False)
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "hooks", "docs", "playbooks", "mkdocs.yml"],
                           cwd=REPO, capture_output=True, text=True, check=False)
    head = found.stdout.strip() or "unknown"
    return head + (" with uncommitted changes in hooks/, docs/ or playbooks/" if dirty.stdout.strip() else "")


def report(rows: list[dict[str, Any]], lighthouse_rows: list[dict[str, Any]], languages: tuple[str, ...],
           header: str) -> str:
    parts = [header, "", "Build:", "", build_table(rows), "",
             "Preview (`mkdocs serve` as `make serve` runs it): save → page, median of the edits:", "",
             serve_table(rows)]
    if any("search" in r for r in rows):
        parts += ["", "First search, per language (downloaded by the first query, gzip; keystroke → results, "
                  "cold):", "", search_table(rows, languages)]
    if lighthouse_rows:
        parts += ["", "Lighthouse performance, real site, mobile, default throttling, served with gzip (median "
                  "run):", "", lighthouse_table(lighthouse_rows), "", "Pages below "
                  f"{TARGETS['lighthouse']}:", "", lighthouse_causes(lighthouse_rows)]
    parts += ["", "Targets:", "", targets_table(rows, lighthouse_rows)]
    return "\n".join(parts)


def header(meta: dict[str, Any], rows: list[dict[str, Any]]) -> str:
    repeats = ", ".join(f"{r['repeat']} at {_label(r)}" for r in rows)
    light = f"; Lighthouse {meta['lighthouse_repeat']} runs per page" if meta.get("lighthouse_repeat") else ""
    if meta.get("lighthouse_revision") and meta["lighthouse_revision"] != meta["revision"]:
        light += f" (measured at {meta['lighthouse_revision']})"
    return (f"Machine: {meta['machine']}. Project at {meta['revision']}. Builds, `check` and preview edits "
            f"repeated {repeats} (medians); first search {meta['search_repeat']} cold tries per language"
            f"{light}. The whole run took {meta['minutes']:.0f} min.")


def write_block(path: Path, result: str) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    block = f"<!-- bench:start -->\n{result}\n<!-- bench:end -->"
    if "<!-- bench:start -->" in text:
        text = re.sub(r"<!-- bench:start -->.*<!-- bench:end -->", lambda _: block, text, flags=re.S)
    else:
        text += "\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


def save(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10, 100, 1000],
                        help="synthetic playbooks added to the real library (default: 10 100 1000)")
    parser.add_argument("--no-real", dest="real", action="store_false", help="skip the repo's own library")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions (and edits under serve) per size")
    parser.add_argument("--large", type=int, default=1000, help="sizes from this one up use --large-repeat")
    parser.add_argument("--large-repeat", type=int, default=1)
    parser.add_argument("--serve-max", type=int, default=1000, help="measure save → page up to this size")
    parser.add_argument("--serve-all-max", type=int, default=1000,
                        help="measure save → page with every language up to this size")
    parser.add_argument("--serve-timeout", type=float, default=3600)
    parser.add_argument("--no-search", dest="search", action="store_false", help="skip the first-search timing")
    parser.add_argument("--search-repeat", type=int, default=3, help="cold first searches per language and size")
    parser.add_argument("--no-lighthouse", dest="lighthouse", action="store_false", help="skip Lighthouse")
    parser.add_argument("--lighthouse-lang", action="append", default=[], help="languages to score (default en uk)")
    parser.add_argument("--lighthouse-repeat", type=int, default=3)
    parser.add_argument("--write", type=Path, help="also write the results into this Markdown file")
    parser.add_argument("--json", type=Path, default=BENCH / "out" / "results.json",
                        help="raw results, saved after every size (default: bench/out/results.json)")
    parser.add_argument("--render", type=Path, help="only print (and --write) the tables of saved raw results")
    parser.add_argument("--workdir", type=Path, help="work here and keep it (default: a temporary folder)")
    parser.add_argument("--keep-lighthouse", action="store_true",
                        help="with --no-lighthouse: keep the Lighthouse results saved in --json")
    parser.add_argument("--lighthouse-only", action="store_true",
                        help="re-run only Lighthouse on a build of this checkout; keep the other saved results")
    args = parser.parse_args()
    if args.render:
        data = json.loads(args.render.read_text(encoding="utf-8"))
    elif args.lighthouse_only:
        data = lighthouse_only(args)
    else:
        data = measure(args)
    result = report(data["rows"], data["lighthouse"], tuple(data["meta"]["languages"]),
                    header(data["meta"], data["rows"]))
    print(result)
    if args.write:
        write_block(args.write, result)
    return 0


def install_lighthouse() -> None:
    if not (BENCH / "node_modules" / "lighthouse").is_dir():
        log("installing Lighthouse into bench/node_modules (npm ci)")
        subprocess.run(["npm", "ci", "--prefix", str(BENCH), "--no-audit", "--no-fund", "--silent"], check=True)


def measure(args: argparse.Namespace) -> dict[str, Any]:
    if args.lighthouse:
        install_lighthouse()
    args.keep_sites = args.lighthouse
    load_before = os.getloadavg()
    started = time.time()
    data: dict[str, Any] = {"rows": [], "lighthouse": [], "meta": {
        "revision": revision(), "search_repeat": args.search_repeat if args.search else 0,
        "lighthouse_repeat": args.lighthouse_repeat if args.lighthouse else 0}}

    if not args.lighthouse and args.keep_lighthouse and args.json.exists():  # read before it is overwritten
        saved = json.loads(args.json.read_text(encoding="utf-8"))
        data["lighthouse"] = saved.get("lighthouse", [])
        data["meta"]["lighthouse_repeat"] = saved["meta"].get("lighthouse_repeat", 0)
        data["meta"]["lighthouse_revision"] = saved["meta"].get("lighthouse_revision") or saved["meta"]["revision"]

    def update_meta() -> None:
        data["meta"].update(machine=machine(load_before, os.getloadavg()), minutes=(time.time() - started) / 60)
        save(args.json, data)

    with contextlib.ExitStack() as stack:
        if args.workdir:
            workdir = args.workdir
            workdir.mkdir(parents=True, exist_ok=True)
        else:
            workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="replybook-bench-")))
        base = corpus.snapshot(REPO, workdir / "snapshot")
        languages = corpus.languages_of(base)
        data["meta"]["languages"] = list(languages)
        sizes: list[int | None] = ([None] if args.real else []) + list(args.sizes)
        for size in sizes:
            repeat = args.large_repeat if (size or 0) >= args.large else args.repeat
            data["rows"].append(run_size(size, repeat, base, workdir, args))
            if size is not None:
                shutil.rmtree(workdir / f"hooked-{size}", ignore_errors=True)
            update_meta()
        real = next((r for r in data["rows"] if r["library"] == "real"), None)
        if args.lighthouse:
            site = Path(real["site"]) if real and "site" in real else None
            if site is None:
                site = corpus.make_project(REPO, workdir / "hooked-real", 0, base=base) / "site"
                subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", "site"],
                               cwd=site.parent, env=corpus.project_env(site.parent), check=True)
            log("lighthouse")
            data["lighthouse"] = lighthouse(site, languages, args.lighthouse_lang or ["en", "uk"],
                                            args.lighthouse_repeat, workdir)
        update_meta()
    return data


def lighthouse_only(args: argparse.Namespace) -> dict[str, Any]:
    """Lighthouse again, on a fresh build of this checkout, into the saved results (`--json`)."""
    data = json.loads(args.json.read_text(encoding="utf-8"))
    install_lighthouse()
    with tempfile.TemporaryDirectory(prefix="replybook-lighthouse-") as folder:
        workdir = Path(folder)
        base = corpus.snapshot(REPO, workdir / "snapshot")
        languages = corpus.languages_of(base)
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(workdir / "site")],
                       cwd=base, env=corpus.project_env(base), check=True)
        log("lighthouse")
        data["lighthouse"] = lighthouse(workdir / "site", languages, args.lighthouse_lang or ["en", "uk"],
                                        args.lighthouse_repeat, workdir)
    data["meta"].update(lighthouse_revision=revision(), lighthouse_repeat=args.lighthouse_repeat)
    save(args.json, data)
    return data


if __name__ == "__main__":
    sys.exit(main())
