/* Replybook reader script: what every page needs (search, decision trees, language choice,
 * the reader's saved details). The reply cards' script (replybook-cards.js) is loaded only on
 * pages that have cards. Everything here is progressive: without JavaScript the text stays
 * readable, trees work with plain links and the menu reaches every page. Labels come from the
 * page (data attributes rendered in its language), never from this file. Nothing here talks
 * to any other host: the site works offline and under any sub-path. */
(function () {
  "use strict";

  var RB = window.Replybook = window.Replybook || {};

  /* ---------- small helpers ---------- */

  function store(kind) {
    try {
      var s = window[kind];
      var probe = "__rb";
      s.setItem(probe, probe);
      s.removeItem(probe);
      return s;
    } catch (e) {
      return null;
    }
  }
  RB.local = store("localStorage");
  RB.session = store("sessionStorage");

  RB.read = function (storage, key, fallback) {
    if (!storage) { return fallback; }
    try {
      var raw = storage.getItem(key);
      return raw === null ? fallback : JSON.parse(raw);
    } catch (e) {
      return fallback;
    }
  };
  RB.write = function (storage, key, value) {
    if (!storage) { return; }
    try { storage.setItem(key, JSON.stringify(value)); } catch (e) { /* full or disabled: keep going */ }
  };

  /* A label with {n} in the language's plural form (CLDR rules through Intl.PluralRules). */
  RB.plural = function (forms, n, lang, values) {
    var text = forms;
    if (forms && typeof forms === "object") {
      var category = "other";
      try { category = new Intl.PluralRules(lang).select(n); } catch (e) { category = n === 1 ? "one" : "other"; }
      text = forms[category] || forms.other;
    }
    text = String(text).replace(/\{n\}/g, String(n));
    Object.keys(values || {}).forEach(function (key) {
      text = text.split("{" + key + "}").join(String(values[key]));
    });
    return text;
  };

  /* The site root, from this script's own address (works under any sub-path and offline). */
  var script = document.currentScript || document.querySelector("script[src*='assets/replybook.js']");
  RB.assets = new URL(".", script ? script.src : document.baseURI);
  RB.root = new URL("..", RB.assets);
  /* Remembered for the 404 page, which cannot always tell the root from a missing address
   * (hooks/replybook/not_found.py). */
  try { localStorage.setItem("replybook.root", RB.root.pathname); } catch (e) { /* storage off */ }
  RB.lang = document.documentElement.lang || "en";

  RB.loadScript = function (name) {
    RB.scripts = RB.scripts || {};
    if (!RB.scripts[name]) {
      RB.scripts[name] = new Promise(function (resolve, reject) {
        var el = document.createElement("script");
        el.src = new URL(name, RB.assets).href;
        el.onload = resolve;
        el.onerror = reject;
        document.head.appendChild(el);
      });
    }
    return RB.scripts[name];
  };

  /* ---------- the reader's saved details (profile) ---------- */

  var PROFILE_KEY = "replybook-profile";
  var listeners = [];
  RB.profile = {
    get: function () { return RB.read(RB.local, PROFILE_KEY, {}); },
    value: function (name, team) {
      var saved = RB.profile.get();
      return Object.prototype.hasOwnProperty.call(saved, name) ? saved[name] : (team || "");
    },
    set: function (name, value, origin) {
      var saved = RB.profile.get();
      saved[name] = value;
      RB.write(RB.local, PROFILE_KEY, saved);
      listeners.forEach(function (fn) { fn(name, value, origin); });
    },
    clear: function () {
      if (RB.local) { RB.local.removeItem(PROFILE_KEY); }
      listeners.forEach(function (fn) { fn(null, null, null); });
    },
    listen: function (fn) { listeners.push(fn); }
  };

  function enhanceProfile(root) {
    var toggle = root.querySelector("[data-rb-profile-toggle]");
    var panel = root.querySelector("[data-rb-profile-panel]");
    var status = root.querySelector("[data-rb-profile-status]");
    var inputs = Array.prototype.slice.call(root.querySelectorAll("[data-rb-profile-field]"));
    root.hidden = false;
    function fill() {
      inputs.forEach(function (input) {
        input.value = RB.profile.value(input.name, input.dataset.team || "");
      });
    }
    function open(state) {
      panel.hidden = !state;
      toggle.setAttribute("aria-expanded", state ? "true" : "false");
      if (state) { fill(); (inputs[0] || panel).focus(); }
    }
    toggle.addEventListener("click", function () { open(panel.hidden); });
    inputs.forEach(function (input) {
      input.addEventListener("input", function () { RB.profile.set(input.name, input.value, input); });
    });
    root.querySelector("[data-rb-profile-clear]").addEventListener("click", function () {
      RB.profile.clear();
      fill();
      status.textContent = status.dataset.cleared;
    });
    root.querySelector("[data-rb-profile-close]").addEventListener("click", function () {
      open(false);
      toggle.focus();
    });
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { open(false); toggle.focus(); }
    });
    /* a click or tap elsewhere closes the panel (what was typed is already saved) */
    document.addEventListener("click", function (event) {
      if (!panel.hidden && !root.contains(event.target)) { open(false); }
    });
    RB.profile.listen(function (name, value, origin) {
      inputs.forEach(function (input) {
        if (input !== origin && (name === null || input.name === name)) {
          input.value = RB.profile.value(input.name, input.dataset.team || "");
        }
      });
    });
  }

  /* ---------- decision trees: recap the answers given ---------- */

  function enhanceWalk(walk) {
    var trail = walk.querySelector("[data-rb-trail]");
    var prefix = walk.dataset.prefix + "-";
    var steps = [];
    var pending = null;

    function render() {
      trail.textContent = "";
      steps.forEach(function (step) {
        var li = document.createElement("li");
        var q = document.createElement("span");
        q.className = "rb-trail__q";
        q.textContent = step.question;
        var a = document.createElement("strong");
        a.textContent = step.answer;
        li.appendChild(q);
        li.appendChild(document.createTextNode(" "));
        li.appendChild(a);
        trail.appendChild(li);
      });
      trail.hidden = steps.length === 0;
    }

    walk.addEventListener("click", function (event) {
      var option = event.target.closest ? event.target.closest(".rb-option") : null;
      if (!option) { return; }
      var node = option.closest(".rb-node");
      var question = node.querySelector(".rb-node__question");
      pending = { from: node.id, to: option.getAttribute("href").slice(1),
                  question: question ? question.textContent : "", answer: option.dataset.answer };
    });

    function onHash() {
      var id = decodeURIComponent(window.location.hash.slice(1));
      if (id.indexOf(prefix) !== 0 || !document.getElementById(id)) { return; }
      var at = -1;
      steps.forEach(function (step, index) { if (step.from === id) { at = index; } });
      if (at >= 0) {
        steps = steps.slice(0, at);
      } else if (pending && pending.to === id) {
        steps.push(pending);
      }
      pending = null;
      render();
      var target = document.getElementById(id);
      if (target && target.classList.contains("rb-node")) { target.focus({ preventScroll: true }); }
    }
    window.addEventListener("hashchange", onHash);
  }

  /* ---------- language: follow the browser on a first visit, remember the reader's choice ---------- */

  var LANG_KEY = "replybook-language";

  function enhanceLanguages() {
    var links = Array.prototype.slice.call(document.querySelectorAll("a[hreflang].md-select__link"));
    if (!links.length) { return; }
    links.forEach(function (link) {
      link.addEventListener("click", function () { RB.write(RB.local, LANG_KEY, link.getAttribute("hreflang")); });
    });
    var home = !!document.querySelector("meta[name='replybook-page'][content='home']");
    var defaultMeta = document.querySelector("meta[name='replybook-default-language']");
    var defaultLang = defaultMeta ? defaultMeta.content : "";
    if (!home || RB.lang !== defaultLang || RB.read(RB.local, LANG_KEY, null) !== null) { return; }
    var offered = {};
    links.forEach(function (link) { offered[link.getAttribute("hreflang")] = link.href; });
    var wanted = (navigator.languages || [navigator.language || ""]).map(function (code) {
      return String(code).toLowerCase().split("-")[0];
    });
    for (var i = 0; i < wanted.length; i += 1) {
      if (wanted[i] === defaultLang) { return; }
      if (offered[wanted[i]]) {
        RB.write(RB.local, LANG_KEY, wanted[i]);
        window.location.replace(offered[wanted[i]]);
        return;
      }
    }
  }

  /* ---------- start ---------- */

  function setup() {
    document.querySelectorAll("[data-rb-profile]").forEach(enhanceProfile);
    document.querySelectorAll("[data-rb-walk]").forEach(enhanceWalk);
    if (document.querySelector("[data-rb-search]")) {
      RB.loadScript("replybook-search.js").then(function () {
        document.querySelectorAll("[data-rb-search]").forEach(RB.enhanceSearch);
      }, function () {  /* no search: the boxes go (and the space kept for them); the menu reaches every page */
        document.querySelectorAll("[data-rb-search]").forEach(function (box) { box.remove(); });
      });
    }
    if (document.getElementById("rb-data")) {
      RB.loadScript("replybook-count.js").then(function () {
        return RB.loadScript("replybook-cards.js");
      }).then(function () { RB.enhanceCards(document); });
    }
  }

  enhanceLanguages();
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
