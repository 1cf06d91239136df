// Builds Replybook's browser copy of twitter-text's parseTweet() from the npm packages pinned in
// tests/browser/package.json (+ package-lock.json), so that the live X counter needs no CDN and no Node
// on the reader's side. twitter-text 3.1.0 ships CommonJS/ESM modules only (no browser build), so we
// bundle the one entry point we use with esbuild, reproducibly (same pins => same bytes).
//
//   npm install --prefix tests/browser
//   node tests/browser/build-twitter-text.mjs docs/assets/vendor/twitter-text/twitter-text-3.1.0-parse-tweet.min.js
//
// Without an argument the bundle is written to stdout. tests/unit/test_counting.py runs this script
// and fails if the committed file differs by a single byte.
//
// Choices, all visible in the options below:
// - only parseTweet() and its configs are bundled (no autolink, extraction or hit highlighting);
// - core-js 2 polyfill imports (`import "core-js/modules/..."`) are replaced by empty modules: they only
//   patch ES5-era browsers, would add ~20 KB and a `__core-js_shared__` global, and every browser with
//   Intl.Segmenter already has what they polyfill;
// - `define` is compiled to `undefined` so that punycode's UMD header never registers itself with a
//   page's AMD loader instead of the bundle;
// - the output is pure ASCII (see the end of this script);
// - the global is `ReplybookTwitterText`, not `twttr`, so that X's own widgets.js can coexist with it.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import * as esbuild from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const version = (name) => JSON.parse(readFileSync(join(here, "node_modules", name, "package.json"), "utf8")).version;
const versions = {
  twitterText: version("twitter-text"),
  twemojiParser: version("twemoji-parser"),
  punycode: version("punycode"),
  esbuild: esbuild.version,
};

const entry = `
import parseTweet from "twitter-text/dist/esm/parseTweet.js";
import configs from "twitter-text/dist/esm/configs.js";
var root = typeof globalThis !== "undefined" ? globalThis : self;
root.ReplybookTwitterText = { parseTweet: parseTweet, configs: configs, version: ${JSON.stringify(versions.twitterText)} };
`;

const banner = `/*! Replybook's browser copy of parseTweet() from twitter-text ${versions.twitterText}
 * (Apache-2.0, Copyright 2018 Twitter, Inc.; LICENSE.txt), bundled with twemoji-parser ${versions.twemojiParser}
 * (MIT, Copyright 2018 Twitter, Inc.; LICENSE-twemoji-parser.txt) and punycode ${versions.punycode}
 * (MIT, Copyright Mathias Bynens; LICENSE-punycode.txt). Generated file, do not edit.
 * Defines window.ReplybookTwitterText = {parseTweet, configs, version}.
 * Rebuild: npm install --prefix tests/browser && node tests/browser/build-twitter-text.mjs <this file>
 * (esbuild ${versions.esbuild}: bundle, minify, iife, es2017, core-js imports emptied; ASCII only). */`;

const emptyCoreJs = {
  name: "empty-core-js",
  setup(build) {
    build.onResolve({ filter: /^core-js\// }, (args) => ({ path: args.path, namespace: "empty-core-js" }));
    build.onLoad({ filter: /.*/, namespace: "empty-core-js" }, () => ({ contents: "", loader: "js" }));
  },
};

const result = await esbuild.build({
  stdin: { contents: entry, resolveDir: here, sourcefile: "replybook-twitter-text.js", loader: "js" },
  absWorkingDir: here,
  bundle: true,
  minify: true,
  format: "iife",
  platform: "browser",
  target: "es2017",
  charset: "ascii",
  legalComments: "none",
  define: { define: "undefined" },
  banner: { js: banner },
  plugins: [emptyCoreJs],
  write: false,
  logLevel: "warning",
});

// esbuild's ASCII charset leaves a few characters inside regular expression literals (©, ®, ＠, ＃);
// a \uXXXX escape means the same there (non-Unicode mode, BMP only), and pure ASCII cannot be
// misread whatever charset the file is served with.
const text = result.outputFiles[0].text.replace(/[^\x00-\x7f]/g, (character) => {
  const code = character.charCodeAt(0);
  if (code >= 0xd800 && code <= 0xdfff) {
    throw new Error("astral character in the bundle: escape it by hand");
  }
  return "\\u" + code.toString(16).padStart(4, "0");
});
if (process.argv[2]) {
  writeFileSync(process.argv[2], text, "ascii");
} else {
  process.stdout.write(text, "ascii");
}
