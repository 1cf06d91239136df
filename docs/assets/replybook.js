/* Replybook reader enhancements: fill-and-copy template cards, per-language search.
 * Everything here is progressive: without JavaScript the template text stays
 * readable and selectable, decision trees work with plain links, and the menu
 * reaches every page. Labels come from data attributes rendered in the page's
 * language, never from this file. */
(function () {
  "use strict";

  /* ---------- template cards ---------- */

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) {
      return key in values ? String(values[key]) : "{" + key + "}";
    });
  }

  function codePoints(text) {
    return Array.from(text).length;
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copy failed")); }
    });
  }

  var cardCount = 0;

  function enhanceCard(card) {
    if (card.dataset.rbReady) { return; }
    card.dataset.rbReady = "1";
    cardCount += 1;
    var id = "rb-card-" + cardCount;
    var t = card.dataset;
    var textEl = card.querySelector("[data-rb-text]");
    var tools = card.querySelector("[data-rb-tools]");
    var limit = parseInt(t.limit, 10) || 0;
    var fields = [];
    try { fields = JSON.parse(t.fields || "[]"); } catch (e) { fields = []; }

    if (fields.length) {
      var fieldset = document.createElement("fieldset");
      fieldset.className = "rb-fields";
      var legend = document.createElement("legend");
      legend.textContent = t.tFill;
      fieldset.appendChild(legend);
      fields.forEach(function (field) {
        var wrap = document.createElement("div");
        wrap.className = "rb-field";
        var label = document.createElement("label");
        label.htmlFor = id + "-" + field.name;
        label.textContent = field.label;
        var input = document.createElement("input");
        input.type = "text";
        input.id = id + "-" + field.name;
        input.name = field.name;
        input.placeholder = field.example;
        input.autocomplete = "off";
        input.dataset.rbField = field.name;
        wrap.appendChild(label);
        wrap.appendChild(input);
        fieldset.appendChild(wrap);
      });
      tools.appendChild(fieldset);
    }

    var actions = document.createElement("div");
    actions.className = "rb-actions";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button rb-copy";
    button.textContent = t.tCopy;
    var count = document.createElement("span");
    count.className = "rb-count";
    count.setAttribute("aria-live", "polite");
    var status = document.createElement("span");
    status.className = "rb-copied";
    status.setAttribute("role", "status");
    actions.appendChild(button);
    actions.appendChild(count);
    actions.appendChild(status);
    tools.appendChild(actions);
    tools.hidden = false;

    function values() {
      var out = {};
      tools.querySelectorAll("[data-rb-field]").forEach(function (input) {
        if (input.value.trim()) { out[input.dataset.rbField] = input.value; }
      });
      return out;
    }

    function update() {
      var filled = values();
      textEl.querySelectorAll(".rb-ph").forEach(function (ph) {
        var name = ph.dataset.ph;
        var has = name in filled;
        ph.textContent = has ? filled[name] : "{" + name + "}";
        ph.classList.toggle("rb-ph--filled", has);
      });
      var length = codePoints(textEl.textContent);
      if (limit) {
        var left = limit - length;
        count.textContent = left >= 0 ? fill(t.tLeft, { n: left }) : fill(t.tOver, { n: -left });
        count.classList.toggle("rb-count--over", left < 0);
        card.classList.toggle("rb-card--over", left < 0);
      } else {
        count.textContent = fill(t.tCount, { n: length });
      }
    }

    tools.addEventListener("input", update);
    button.addEventListener("click", function () {
      copyText(textEl.textContent).then(function () {
        status.textContent = t.tCopied;
        button.classList.add("rb-copy--done");
        window.setTimeout(function () {
          status.textContent = "";
          button.classList.remove("rb-copy--done");
        }, 2500);
      }, function () {
        status.textContent = t.tFailed;
      });
    });
    update();
  }

  /* ---------- search ---------- */

  /* Pagefind has no Ukrainian stemmer but matches word prefixes, so a query
   * word is cut back to its stem: "скаргу" → "скарг" finds "скарга", "скарги". */
  var UK_ENDINGS = [
    "ованими", "ованих", "ованій", "ований", "ована", "оване", "овані",
    "ями", "ами", "ові", "еві", "ого", "ому", "ими", "ими", "ій", "ий", "их", "ім",
    "ою", "ею", "єю", "ів", "їв", "ям", "ам", "ях", "ах", "ти", "ть", "ся", "сь",
    "а", "я", "у", "ю", "і", "ї", "е", "є", "о", "и", "ь", "й"
  ];

  function stemUkrainian(word) {
    var lower = word.toLowerCase().replace(/[’ʼ`]/g, "'");
    for (var i = 0; i < UK_ENDINGS.length; i += 1) {
      var ending = UK_ENDINGS[i];
      if (lower.length - ending.length >= 3 && lower.slice(-ending.length) === ending) {
        return lower.slice(0, -ending.length);
      }
    }
    return lower;
  }

  function prepareQuery(query, lang) {
    if (lang !== "uk") { return query; }
    return query.split(/\s+/).map(stemUkrainian).join(" ");
  }

  function safeExcerpt(html) {
    /* Pagefind excerpts are text with <mark> tags: keep only the marks. */
    var div = document.createElement("div");
    div.textContent = html.replace(/<(?!\/?mark>)[^>]*>/g, "");
    return div.innerHTML.replace(/&lt;(\/?)mark&gt;/g, "<$1mark>");
  }

  function enhanceSearch(root) {
    if (root.dataset.rbReady) { return; }
    root.dataset.rbReady = "1";
    root.hidden = false;
    var input = root.querySelector(".rb-search__input");
    var form = root.querySelector("form");
    var toggle = root.querySelector(".rb-search__toggle");
    var list = root.querySelector(".rb-search__results");
    var status = root.querySelector(".rb-search__status");
    var more = root.querySelector(".rb-search__more");
    var lang = root.dataset.lang;
    var base = new URL(root.dataset.base, document.baseURI);
    var pagefind = null;
    var serial = 0;

    function load() {
      if (!pagefind) {
        pagefind = import(new URL("pagefind/pagefind.js", base).href).then(function (module) {
          return module.options({ baseUrl: base.pathname, excerptLength: 24 }).then(function () {
            module.init();
            return module;
          });
        });
      }
      return pagefind;
    }

    function open(state) {
      root.classList.toggle("rb-search--open", state);
      toggle.setAttribute("aria-expanded", state ? "true" : "false");
    }

    function clear() {
      more.hidden = true;
      list.textContent = "";
      status.textContent = "";
      root.classList.remove("rb-search--results");
    }

    function plural(n) {
      var d = root.dataset;
      if (n === 0) { return d.tNone; }
      return (n === 1 ? d.tOne : d.tOther).replace("#", String(n));
    }

    function render(items, total, query, append) {
      var terms = query.toLowerCase().split(/\s+/).filter(function (w) { return w.length > 2; })
        .map(function (w) { return w.slice(0, Math.min(w.length, 5)); });
      if (!append) { list.textContent = ""; }
      items.forEach(function (item) {
        /* the part of the page (a heading's section) that matches best: words in its
         * heading count most, so a template or tree question found by its title opens there */
        var best = null;
        var bestScore = -1;
        (item.sub_results || []).forEach(function (sub) {
          var heading = (sub.title || "").toLowerCase();
          var score = (sub.locations || []).length + 10 * terms.filter(function (term) {
            return heading.indexOf(term) >= 0;
          }).length;
          if (score > bestScore) { best = sub; bestScore = score; }
        });
        if (best && item.meta && best.title === item.meta.title) { best = null; }  /* the page itself */
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.className = "rb-search__hit";
        a.href = best ? best.url : item.url;
        var title = document.createElement("span");
        title.className = "rb-search__title";
        title.textContent = item.meta && item.meta.title ? item.meta.title : item.url;
        a.appendChild(title);
        if (best && best.title && item.meta && best.title !== item.meta.title) {
          var sub = document.createElement("span");
          sub.className = "rb-search__sub";
          sub.textContent = best.title;
          a.appendChild(sub);
        }
        var excerpt = document.createElement("span");
        excerpt.className = "rb-search__excerpt";
        excerpt.innerHTML = safeExcerpt(best ? best.excerpt : item.excerpt);
        a.appendChild(excerpt);
        li.appendChild(a);
        list.appendChild(li);
      });
      status.textContent = plural(total);
      root.classList.add("rb-search--results");
      more.hidden = list.children.length >= total;
    }

    /* Each shown result costs a fetch of its text, so the first answer shows a few
     * and "more" fetches the next ones: the first search stays small and fast. */
    var FIRST = 5;
    var NEXT = 10;
    var current = null;

    function show(mine, search, query, from, count) {
      var slice = search.results.slice(from, from + count);
      return Promise.all(slice.map(function (r) { return r.data(); })).then(function (items) {
        if (mine === serial) { render(items, search.results.length, query, from > 0); }
      });
    }

    function run() {
      var query = input.value.trim();
      var mine = ++serial;
      if (!query) { clear(); more.hidden = true; return; }
      load().then(function (module) {
        return module.search(prepareQuery(query, lang));
      }).then(function (search) {
        if (mine !== serial || !search) { return null; }
        current = { search: search, query: query, serial: mine };
        return show(mine, search, query, 0, FIRST);
      }).catch(function () {
        status.textContent = root.dataset.tNone;
      });
    }

    more.addEventListener("click", function () {
      if (!current || current.serial !== serial) { return; }
      var from = list.children.length;
      show(serial, current.search, current.query, from, NEXT).then(function () {
        var next = list.children[from];
        var link = next && next.querySelector("a");
        if (link) { link.focus(); }
      });
    });

    input.addEventListener("focus", function () { load(); });
    input.addEventListener("input", run);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var first = list.querySelector("a");
      if (first) { window.location.href = first.href; }
    });
    toggle.addEventListener("click", function () {
      var state = !root.classList.contains("rb-search--open");
      open(state);
      if (state) { input.focus(); }
    });
    root.addEventListener("keydown", function (event) {
      var links = Array.prototype.slice.call(list.querySelectorAll("a"));
      var index = links.indexOf(document.activeElement);
      if (event.key === "ArrowDown" && links.length) {
        event.preventDefault();
        links[Math.min(index + 1, links.length - 1)].focus();
      } else if (event.key === "ArrowUp" && links.length) {
        event.preventDefault();
        if (index <= 0) { input.focus(); } else { links[index - 1].focus(); }
      } else if (event.key === "Escape") {
        input.value = "";
        clear();
        open(false);
        input.focus();
      }
    });
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      var typing = target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.isContentEditable);
      if (event.key === "/" && !typing) {
        event.preventDefault();
        open(true);
        input.focus();
      }
    });
  }

  function setup() {
    document.querySelectorAll("[data-rb-template]").forEach(enhanceCard);
    document.querySelectorAll("[data-rb-search]").forEach(enhanceSearch);
  }

  /* Material re-renders the page on instant navigation: follow its document$ stream. */
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
