/* Replybook length counting: the browser twin of hooks/replybook/counting.py.
 *
 *   ReplybookCount.units                 ["characters", "graphemes", "utf8-bytes", "x-weighted"]
 *   ReplybookCount.length(text, unit)    an integer; throws RangeError for an unknown unit
 *   ReplybookCount.ready()               a Promise, resolved (with ReplybookCount) once every unit
 *                                        can be counted synchronously
 *   ReplybookCount.isReady()             true once x-weighted can be counted
 *   ReplybookCount.twitterTextUrl        where x-weighted's counter is loaded from (may be set
 *                                        before the first ready() call)
 *
 * characters, graphemes and utf8-bytes are counted at once. x-weighted (X's weighted length) is
 * twitter-text 3.1.0's own parseTweet() with its configuration v3, vendored (30 KB, 13 KB gzipped)
 * next to this file in vendor/twitter-text/ and loaded only when ready() is first called, from a
 * URL relative to this script's own src: no CDN, no request to another host. Until it is loaded,
 * length(text, "x-weighted") throws an Error that says so (and starts loading it).
 *
 * Works as a classic <script> (window.ReplybookCount) and under Node (module.exports, where
 * x-weighted loads synchronously with require). tests/unit/test_counting.py runs the cases of
 * tests/fixtures/counting/cases.yaml through this file and through the Python module. */
(function (root, factory) {
  "use strict";
  var inNode = typeof module === "object" && module !== null && typeof module.exports === "object" &&
    typeof require === "function" && typeof window === "undefined";
  var api = factory(root, inNode);
  if (inNode) {
    module.exports = api;
  } else if (root) {
    root.ReplybookCount = api;
  }
}(typeof window !== "undefined" ? window : (typeof globalThis !== "undefined" ? globalThis : this),
  function (root, inNode) {
  "use strict";

  var UNITS = ["characters", "graphemes", "utf8-bytes", "x-weighted"];
  var VENDORED = "vendor/twitter-text/twitter-text-3.1.0-parse-tweet.min.js";
  var GLOBAL_NAME = "ReplybookTwitterText";

  function checkUnit(unit) {
    if (UNITS.indexOf(unit) < 0) {
      throw new RangeError("unknown length unit " + JSON.stringify(unit) + "; valid units are: " + UNITS.join(", "));
    }
  }

  function isHigh(code) { return code >= 0xd800 && code <= 0xdbff; }
  function isLow(code) { return code >= 0xdc00 && code <= 0xdfff; }

  /* Unicode code points; a lone surrogate is one, as in Python. */
  function characters(text) {
    var count = 0;
    for (var i = 0; i < text.length; i++) {
      if (isHigh(text.charCodeAt(i)) && i + 1 < text.length && isLow(text.charCodeAt(i + 1))) { i++; }
      count++;
    }
    return count;
  }

  /* Bytes of UTF-8; a lone surrogate counts 3 (TextEncoder writes U+FFFD; Python's surrogatepass). */
  function utf8Bytes(text) {
    var bytes = 0;
    for (var i = 0; i < text.length; i++) {
      var code = text.charCodeAt(i);
      if (code < 0x80) { bytes += 1; }
      else if (code < 0x800) { bytes += 2; }
      else if (isHigh(code) && i + 1 < text.length && isLow(text.charCodeAt(i + 1))) { bytes += 4; i++; }
      else { bytes += 3; }
    }
    return bytes;
  }

  /* Grapheme clusters: Intl.Segmenter where the browser has it (all current ones do). */
  var segmenter = null;
  var fallbackPattern;  // undefined: not built yet; null: this engine has no Unicode property escapes

  function makeSegmenter() {
    if (segmenter === null && typeof Intl !== "undefined" && typeof Intl.Segmenter === "function") {
      segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
    }
    return segmenter;
  }

  /* Without Intl.Segmenter: an approximation of UAX #29 extended grapheme clusters (CR LF, flag
   * pairs, emoji ZWJ sequences, a character with its combining marks, variation selectors, skin
   * tones and tags). It ignores Hangul jamo sequences, prepended marks and Indic conjuncts. */
  function makeFallbackPattern() {
    if (fallbackPattern === undefined) {
      var marks = "\\p{M}\\u200C\\uFE00-\\uFE0F\\u{1F3FB}-\\u{1F3FF}\\u{E0020}-\\u{E007F}";
      var extend = "[" + marks + "]*";
      var extendOrJoiner = "[" + marks + "\\u200D]*";
      try {
        fallbackPattern = new RegExp(
          "\\r\\n|\\p{Regional_Indicator}{2}|" +
          "\\p{Extended_Pictographic}" + extend + "(?:\\u200D\\p{Extended_Pictographic}" + extend + ")*" +
          extendOrJoiner + "|[\\s\\S]" + extendOrJoiner, "gu");
      } catch (e) {
        fallbackPattern = null;
      }
    }
    return fallbackPattern;
  }

  function graphemes(text, options) {
    var useSegmenter = !(options && options.fallback);
    var seg = useSegmenter ? makeSegmenter() : null;
    var count = 0;
    if (seg) {
      var iterator = seg.segment(text)[Symbol.iterator]();
      while (!iterator.next().done) { count++; }
      return count;
    }
    var pattern = makeFallbackPattern();
    if (!pattern) { return characters(text); }
    pattern.lastIndex = 0;
    while (pattern.exec(text) !== null) { count++; }
    return count;
  }

  /* X weighted length: the vendored twitter-text, loaded lazily. */
  var ownSrc = null;
  if (!inNode && typeof document !== "undefined") {
    if (document.currentScript && document.currentScript.src) {
      ownSrc = document.currentScript.src;
    } else {
      var scripts = document.getElementsByTagName("script");
      for (var s = scripts.length - 1; s >= 0; s--) {
        if (/(^|\/)replybook-count(\.min)?\.js(\?|#|$)/.test(scripts[s].src || "")) { ownSrc = scripts[s].src; break; }
      }
    }
  }

  var api = {
    units: UNITS.slice(),
    twitterTextUrl: ownSrc ? new URL(VENDORED, ownSrc).href : null,
    length: length,
    ready: ready,
    isReady: isReady
  };

  function twitterText() {
    return (root && root[GLOBAL_NAME]) || null;
  }

  function loadInNode() {
    if (!twitterText()) {
      require(require("path").join(__dirname, VENDORED));  // its IIFE defines globalThis.ReplybookTwitterText
    }
    return twitterText();
  }

  var loading = null;

  function ready() {
    if (twitterText()) { return Promise.resolve(api); }
    if (inNode) {
      try { loadInNode(); return Promise.resolve(api); } catch (e) { return Promise.reject(e); }
    }
    if (loading) { return loading; }
    loading = new Promise(function (resolve, reject) {
      if (!api.twitterTextUrl || typeof document === "undefined") {
        reject(new Error("ReplybookCount: set ReplybookCount.twitterTextUrl to load the x-weighted counter"));
        return;
      }
      var script = document.createElement("script");
      script.src = api.twitterTextUrl;
      script.async = true;
      script.onload = function () {
        if (twitterText()) { resolve(api); } else { reject(new Error("ReplybookCount: " + script.src + " defined no counter")); }
      };
      script.onerror = function () { reject(new Error("ReplybookCount: could not load " + script.src)); };
      (document.head || document.documentElement).appendChild(script);
    });
    loading.catch(function () { loading = null; });  // a later ready() tries again
    return loading;
  }

  function isReady() {
    return Boolean(twitterText());
  }

  /* Text twitter-text weighs 1 per code point, counted at once without loading it: only
   * characters of its weight-1 ranges that never start an emoji (not ©, ®), nothing that could be
   * a link (no dot between two letters or digits), after the NFC normalisation it applies too.
   * Anything else (emoji, CJK, "…", links) goes to twitter-text itself. */
  var PLAIN_X = /^[\t\n\r\u0020-\u007e\u00a0-\u00a8\u00aa-\u00ad\u00af-\u024f\u0400-\u04ff\u2010-\u201f]*$/;
  var LINKISH = /[0-9A-Za-z\u00c0-\u024f\u0400-\u04ff_-]\.[0-9A-Za-z\u00c0-\u024f\u0400-\u04ff]|:\/\//;
  function plainX(text) {
    var normal = text.normalize ? text.normalize("NFC") : text;
    return PLAIN_X.test(normal) && !LINKISH.test(normal) ? characters(normal) : -1;
  }

  function xWeighted(text) {
    var quick = plainX(text);
    if (quick >= 0) { return quick; }
    var tt = twitterText() || (inNode ? loadInNode() : null);
    if (!tt) {
      ready();
      throw new Error("ReplybookCount: the x-weighted counter is still loading; wait for ReplybookCount.ready()");
    }
    return tt.parseTweet(text, tt.configs.version3).weightedLength;
  }

  function length(text, unit) {
    checkUnit(unit);
    text = text == null ? "" : String(text);
    if (unit === "characters") { return characters(text); }
    if (unit === "graphemes") { return graphemes(text); }
    if (unit === "utf8-bytes") { return utf8Bytes(text); }
    return xWeighted(text);
  }

  /* For tests: the fallback grapheme counter, whatever the engine has. */
  api._graphemesWithoutSegmenter = function (text) { return graphemes(String(text), { fallback: true }); };

  return api;
}));
