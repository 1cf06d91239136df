"""Length units: the Python validator and the browser counter count every case the same, and right.

The cases live in tests/fixtures/counting/cases.yaml: twitter-text's own conformance cases (their
expected weighted lengths are upstream's) and ours, with values worked out by hand. Each case goes
through hooks/replybook/counting.py here and through docs/assets/replybook-count.js under Node.
Node is required under CI; elsewhere the JavaScript half is skipped with a message saying so. The
tests that compare the vendored twitter-text with the pinned npm packages also need
`npm install --prefix tests/browser` (the Makefile's `$(AXE)` target runs it before the tests).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
from collections.abc import Callable
from functools import cache
from typing import Any

import pytest
import yaml

from replybook import counting
from replybook.counting import TWITTER_TEXT_V2, TWITTER_TEXT_V3, UNITS, explain_unit, length, twitter_weighted_length
from tests.conftest import FIXTURES, ROOT

CASES_FILE = FIXTURES / "counting" / "cases.yaml"
COUNT_JS = ROOT / "docs" / "assets" / "replybook-count.js"
VENDOR_DIR = ROOT / "docs" / "assets" / "vendor" / "twitter-text"
VENDORED = VENDOR_DIR / "twitter-text-3.1.0-parse-tweet.min.js"
BROWSER_TESTS = ROOT / "tests" / "browser"
NODE_MODULES = BROWSER_TESTS / "node_modules"
BUILD_SCRIPT = BROWSER_TESTS / "build-twitter-text.mjs"

DATA = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))
CASES: list[dict[str, Any]] = DATA["cases"]
V2_CASES: list[dict[str, Any]] = DATA["twitter_text_v2"]
UPSTREAM_SUITES = ("WeightedTweetsWithDiscountedEmojiCounterTest", "UnicodeDirectionalMarkerCounterTest")


def case_id(case: dict[str, Any]) -> str:
    if case["source"] == "replybook":
        return str(case["id"])
    suite = case["source"].removeprefix("twitter-text/")
    return f"{suite}: {case['description']}"


CASE_IDS = [case_id(case) for case in CASES]
BY_ID = dict(zip(CASE_IDS, CASES, strict=True))
CHECKS = [(cid, unit) for cid, case in zip(CASE_IDS, CASES, strict=True) for unit in UNITS if unit in case["expected"]]


def mismatches(count: Callable[[str], int], unit: str) -> dict[str, tuple[int, int]]:
    """Cases where ``count`` disagrees with the expected ``unit`` length: id -> (got, expected)."""
    found = {}
    for cid, case in BY_ID.items():
        if unit in case["expected"]:
            got = count(case["text"])
            if got != case["expected"][unit]:
                found[cid] = (got, case["expected"][unit])
    return found


# --- the cases file itself ---------------------------------------------------------------------------


def test_cases_file_covers_upstream_and_every_unit():
    assert DATA["units"] == list(UNITS)
    assert len(CASE_IDS) == len(set(CASE_IDS)), "case ids must be unique"
    upstream = [case for case in CASES if case["source"] != "replybook"]
    by_suite = {suite: sum(case["source"] == f"twitter-text/{suite}" for case in upstream) for suite in UPSTREAM_SUITES}
    # conformance/validate.yml at 30e2430: 22 v3 cases, 2 directional-marker cases, 20 v2 cases
    assert by_suite == {"WeightedTweetsWithDiscountedEmojiCounterTest": 22, "UnicodeDirectionalMarkerCounterTest": 2}
    assert len(V2_CASES) == 20
    own = [case for case in CASES if case["source"] == "replybook"]
    assert all(set(case["expected"]) == set(UNITS) for case in own), "our own cases give every unit"
    texts = [case["text"] for case in own]
    assert "" in texts
    assert any("\r\n" in text for text in texts)
    assert any("s\u0326" in text for text in texts)


# --- Python ------------------------------------------------------------------------------------------


def test_units_and_their_explanations():
    assert UNITS == ("characters", "graphemes", "utf8-bytes", "x-weighted")
    phrases = [explain_unit(unit) for unit in UNITS]
    assert all(phrase and phrase.isascii() for phrase in phrases)
    assert len(set(phrases)) == len(UNITS)


@pytest.mark.parametrize("call", [lambda: length("x", "bytes"), lambda: explain_unit("code-points")])
def test_unknown_unit_lists_the_valid_ones(call):
    with pytest.raises(ValueError, match="characters, graphemes, utf8-bytes, x-weighted"):
        call()


@pytest.mark.parametrize(("cid", "unit"), CHECKS, ids=[f"{cid} [{unit}]" for cid, unit in CHECKS])
def test_python_counts_each_case(cid, unit):
    case = BY_ID[cid]
    assert length(case["text"], unit) == case["expected"][unit]


@pytest.mark.parametrize("case", V2_CASES, ids=[case["description"] for case in V2_CASES])
def test_python_port_passes_upstream_v2_cases(case):
    assert twitter_weighted_length(case["text"], TWITTER_TEXT_V2) == case["weightedLength"]


URL_93 = "https://support.example.com/ru/orders/12345/status?lang=ru&utm_source=x&utm_medium=reply_2024"


def test_x_rules_that_matter_to_replies():
    assert len(URL_93) == 93
    assert length(URL_93, "x-weighted") == 23
    assert length(f"Статус: {URL_93}", "x-weighted") == 8 + 23
    assert length("https://t.co/a", "x-weighted") == 23  # shorter than 23 still counts 23
    assert length("🙏", "x-weighted") == 2
    assert length("👨\u200d👩\u200d👧\u200d👦", "x-weighted") == 2
    assert length("谢", "x-weighted") == 2
    assert length("ș", "x-weighted") == length("s\u0326", "x-weighted") == 1  # NFC first
    assert length("Спасибо", "x-weighted") == 7
    assert length("a\u2014b", "x-weighted") == 3  # em dash: general punctuation
    assert length("a\u2026", "x-weighted") == 3  # ellipsis: outside the weight-1 ranges
    assert length("a" * 280, "x-weighted") == 280


def test_the_cases_catch_wrong_counters():
    """Each plausible mistake fails cases, so a regression cannot pass unnoticed."""

    def naive_weights(text: str) -> int:  # right weights, but no URL or emoji detection
        return sum(1 if any(a <= ord(c) <= b for a, b, _ in TWITTER_TEXT_V3.ranges) else 2 for c in text)

    code_points_for_x = mismatches(len, "x-weighted")
    assert {"url-alone-93", "es-emoji", "cjk", "emoji-family-zwj"} <= code_points_for_x.keys()
    assert code_points_for_x["url-alone-93"] == (93, 23)
    assert code_points_for_x["es-emoji"] == (9, 10)
    assert {"url-alone-93", "tco-link", "emoji-family-zwj"} <= mismatches(naive_weights, "x-weighted").keys()
    without_emoji = mismatches(lambda text: twitter_weighted_length(text, TWITTER_TEXT_V2), "x-weighted")
    assert {"emoji-family-zwj", "emoji-skin-tone", "emoji-flag"} <= without_emoji.keys()
    assert "url-alone-93" not in without_emoji
    assert {"ro-comma-below-combining", "emoji-family-zwj", "crlf"} <= mismatches(len, "graphemes").keys()
    assert {"ru-bytes", "emoji-family-zwj"} <= mismatches(lambda t: len(t.encode("utf-16-le")), "utf8-bytes").keys()
    assert "ro-comma-below-combining" in mismatches(len, "utf8-bytes")


# --- JavaScript --------------------------------------------------------------------------------------


def under_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


def require_node() -> str:
    node = shutil.which("node")
    if node is None:
        message = "node is not installed: replybook-count.js and the vendored twitter-text were NOT tested"
        if under_ci():
            pytest.fail(message)
        pytest.skip(message)
    return node


def require_node_modules(*packages: str) -> None:
    missing = [name for name in packages if not (NODE_MODULES / name / "package.json").exists()]
    if missing:
        message = f"{', '.join(missing)} not installed: run `npm install --prefix tests/browser`"
        if under_ci():
            pytest.fail(message)
        pytest.skip(message)


def run_node(script: str, payload: Any) -> Any:
    run = subprocess.run(
        [require_node(), "-e", script],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


COUNT_IN_NODE = r"""
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const count = require(input.countJs);
count.ready().then(() => {
  const tt = globalThis.ReplybookTwitterText;
  let unknownUnit = null;
  try { count.length("x", "bytes"); } catch (e) { unknownUnit = e.name + ": " + e.message; }
  process.stdout.write(JSON.stringify({
    units: count.units,
    version: tt.version,
    lengths: input.texts.map((text) => Object.fromEntries(count.units.map((unit) => [unit, count.length(text, unit)]))),
    fallbackGraphemes: input.texts.map((text) => count._graphemesWithoutSegmenter(text)),
    v2: input.v2Texts.map((text) => tt.parseTweet(text, tt.configs.version2).weightedLength),
    unknownUnit,
  }));
}).catch((error) => { console.error(error); process.exit(1); });
"""


def agreement_texts() -> list[str]:
    """Texts made of the pieces that trouble counters, for both sides to agree on (no expected value)."""
    pieces = [
        "a", "Z", " ", ".", ",", "!", "(", ")", "\r\n", "\n", "\t", "ș", "s\u0326", "t\u0326", "e\u0301", "ă", "î", "ñ",
        "¡", "€", "…", "—", "“", "й", "ї", "Ґ", "ы", "谢", "の", "한", "😷", "🙏", "👍🏽", "❤", "❤\ufe0f", "🇷🇴",
        "👨\u200d👩\u200d👧", "🧑\u200d💻", "#\ufe0f\u20e3", "1\u20e3", "©", "\u200d", "\ufe0f", "\u00a0", "\u2066",
        "https://example.com/", "http://test.co", "example.es/ayuda", "t.co/x", "https://пример.рф", "@replybook",
        "#soporte", "$TSLA", "пример.рф", "xn--e1afmkfd.xn--p1ai", "www.example.org?q=1&x=ș",
        "HTTPS://EXAMPLE.COM/Help", "Ejemplo.ES", "https://ПРИМЕР.РФ", "https://t.co/AbC?x=1", "?q=ı", "ſ", "\u212a",
    ]  # fmt: skip
    rng = random.Random(20240601)
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 24))) for _ in range(400)]


@cache
def node_counts() -> dict[str, Any]:
    texts = [case["text"] for case in CASES] + agreement_texts()
    return run_node(
        COUNT_IN_NODE,
        {"countJs": str(COUNT_JS), "texts": texts, "v2Texts": [case["text"] for case in V2_CASES]},
    )


@pytest.fixture(scope="module")
def js() -> dict[str, Any]:
    require_node()
    return node_counts()


def test_javascript_api(js):
    assert js["units"] == list(UNITS)
    assert js["version"] == "3.1.0"
    assert js["unknownUnit"] == 'RangeError: unknown length unit "bytes"; valid units are: ' + ", ".join(UNITS)


@pytest.mark.parametrize(("cid", "unit"), CHECKS, ids=[f"{cid} [{unit}]" for cid, unit in CHECKS])
def test_javascript_counts_each_case(js, cid, unit):
    index = CASE_IDS.index(cid)
    assert js["lengths"][index][unit] == BY_ID[cid]["expected"][unit]


def test_javascript_grapheme_fallback_counts_our_cases(js):
    """Without Intl.Segmenter (older browsers) graphemes are approximated; our cases still hold."""
    wrong = {
        cid: got
        for cid, case, got in zip(CASE_IDS, CASES, js["fallbackGraphemes"], strict=False)
        if "graphemes" in case["expected"] and got != case["expected"]["graphemes"]
    }
    assert wrong == {}


def test_vendored_twitter_text_passes_upstream_v2_cases(js):
    assert js["v2"] == [case["weightedLength"] for case in V2_CASES]


def test_python_and_javascript_agree_beyond_the_cases(js):
    texts = agreement_texts()
    js_lengths = js["lengths"][len(CASES) :]
    disagreements = [
        (text, unit, length(text, unit), counts[unit])
        for text, counts in zip(texts, js_lengths, strict=True)
        for unit in UNITS
        if length(text, unit) != counts[unit]
    ]
    assert disagreements == []


BROWSER_LOAD = r"""
const fs = require("fs"), vm = require("vm");
const input = JSON.parse(fs.readFileSync(0, "utf8"));
const appended = [];
const context = { URL, Promise, Intl, JSON, Symbol, console, setTimeout };
context.window = context;
context.document = {
  currentScript: { src: "https://replybook.invalid/ru/assets/replybook-count.js?v=1" },
  head: { appendChild(element) {
    appended.push(element.src);  // nothing is fetched: the vendored file is read from disk
    vm.runInContext(fs.readFileSync(input.vendored, "utf8"), context);
    setTimeout(element.onload, 0);
  } },
  createElement: () => ({}),
  getElementsByTagName: () => [],
};
vm.createContext(context);
vm.runInContext(fs.readFileSync(input.countJs, "utf8"), context);
const count = context.ReplybookCount;
const before = { isReady: count.isReady(), url: count.twitterTextUrl, chars: count.length("ș👍🏽", "characters") };
before.plain = count.length("Привіт, Ганно! «Дякуємо» — a-z", "x-weighted");  // plain text: counted at once
before.loaded = appended.length;
try { count.length(input.text, "x-weighted"); before.x = "counted"; } catch (e) { before.x = e.message; }
Promise.all([count.ready(), count.ready()]).then(() => count.ready()).then((resolved) => {
  process.stdout.write(JSON.stringify({
    before, appended, same: resolved === count, isReady: count.isReady(), x: count.length(input.text, "x-weighted"),
  }));
}).catch((error) => { console.error(error); process.exit(1); });
"""


def test_browser_loads_twitter_text_lazily_from_next_to_the_script():
    """Plain text is weighed at once; text with a link, an emoji or "…" waits for twitter-text."""
    result = run_node(BROWSER_LOAD, {"countJs": str(COUNT_JS), "vendored": str(VENDORED), "text": f"Статус: {URL_93}"})
    expected_url = f"https://replybook.invalid/ru/assets/vendor/twitter-text/{VENDORED.name}"
    assert result["before"]["isReady"] is False
    assert result["before"]["url"] == expected_url
    assert result["before"]["chars"] == 3  # the synchronous units work before anything is loaded
    assert result["before"]["plain"] == 30 and result["before"]["loaded"] == 0  # plain text needs no twitter-text
    assert "ready()" in result["before"]["x"]  # a link does
    assert result["appended"] == [expected_url]  # one request, however many ready() calls
    assert result["same"] is True
    assert result["isReady"] is True
    assert result["x"] == 8 + 23


# --- the vendored twitter-text and the pinned npm packages --------------------------------------------


def test_pins_are_exact_and_consistent():
    manifest = json.loads((BROWSER_TESTS / "package.json").read_text(encoding="utf-8"))
    assert manifest["dependencies"]["twitter-text"] == "3.1.0"
    assert manifest["dependencies"]["esbuild"][0].isdigit(), "esbuild must be pinned exactly"
    lock = json.loads((BROWSER_TESTS / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    assert lock["node_modules/twitter-text"]["version"] == "3.1.0"
    assert lock["node_modules/twemoji-parser"]["version"] == "11.0.2"  # the emoji table of counting.py
    assert lock["node_modules/punycode"]["version"] == "1.4.1"
    assert lock["node_modules/esbuild"]["version"] == manifest["dependencies"]["esbuild"]
    assert VENDORED.name in COUNT_JS.read_text(encoding="utf-8")
    assert "twitter-text 3.1.0" in VENDORED.read_text(encoding="ascii")[:400]


@pytest.mark.parametrize(
    ("vendored", "package_file"),
    [
        ("LICENSE.txt", "twitter-text/LICENSE"),
        ("LICENSE-twemoji-parser.txt", "twemoji-parser/LICENSE.md"),
        ("LICENSE-punycode.txt", "punycode/LICENSE-MIT.txt"),
    ],
)
def test_vendored_licenses_are_the_packages_own(vendored, package_file):
    require_node_modules(package_file.split("/")[0])
    assert (VENDOR_DIR / vendored).read_bytes() == (NODE_MODULES / package_file).read_bytes()


def test_vendored_bundle_is_rebuilt_byte_for_byte(tmp_path):
    require_node_modules("esbuild", "twitter-text", "twemoji-parser", "punycode")
    out = tmp_path / VENDORED.name
    run = subprocess.run(
        [require_node(), str(BUILD_SCRIPT), str(out)], capture_output=True, text=True, timeout=120, check=False
    )
    assert run.returncode == 0, run.stderr
    assert out.read_bytes() == VENDORED.read_bytes(), "rebuild it: node tests/browser/build-twitter-text.mjs " + str(
        VENDORED.relative_to(ROOT)
    )


PACKAGE_DATA = r"""
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const paths = { paths: [input.nodeModules] };
const twitterText = require(require.resolve("twitter-text", paths));
const tld = (name) => require(require.resolve(`twitter-text/dist/regexp/${name}.js`, paths)).source;
const emoji = require(require.resolve("twemoji-parser/dist/lib/regex.js", paths)).default;
process.stdout.write(JSON.stringify({
  gtld: tld("validGTLD"), cctld: tld("validCCTLD"), emoji: emoji.source, emojiFlags: emoji.flags,
  official: input.texts.map((text) => twitterText.parseTweet(text, twitterText.configs.version3).weightedLength),
}));
"""


@cache
def package_data() -> dict[str, Any]:
    texts = [case["text"] for case in CASES] + agreement_texts()
    return run_node(PACKAGE_DATA, {"nodeModules": str(NODE_MODULES), "texts": texts})


def test_port_data_matches_the_pinned_npm_packages():
    require_node_modules("twitter-text", "twemoji-parser")
    data = package_data()
    tld_end = ")(?=[^0-9a-zA-Z@+-]|$))"
    assert data["gtld"] == "(?:(?:" + "|".join(counting._GTLDS) + tld_end
    assert data["cctld"] == "(?:(?:" + "|".join(counting._CCTLDS) + tld_end
    assert data["emoji"] == counting._EMOJI_PATTERN
    assert data["emojiFlags"] == "g"


def test_python_port_agrees_with_the_npm_package_itself():
    """The official package (not our copy of it) as the oracle, on every case and every agreement text."""
    require_node_modules("twitter-text")
    texts = [case["text"] for case in CASES] + agreement_texts()
    ours = [length(text, "x-weighted") for text in texts]
    assert ours == package_data()["official"]
