/* Replybook search: the reader's own language only, built for what agents type at 2 a.m.
 *
 * Pagefind holds one index per language (made from the guide's content, with search terms
 * weighted like titles). Before it sees a query, each word is
 *   - folded (ё→е, й→и, ї→і, є→е, ґ→г, ş→ș, any apostrophe to '), as the index was;
 *   - for Ukrainian and Russian, turned into its dictionary lemma through the site's lexicon
 *     (every form of every word the guide uses, sharded by first letters: a few KB per word);
 *   - if it matches nothing, corrected to the nearest word the guide uses (one or two typos).
 * A query whose words do not all match still returns the best partial matches, marked as such;
 * a query that finds nothing offers the triage questions and the list of situations.
 * Enter opens the first result, or waits for it. */
(function () {
  "use strict";

  var RB = window.Replybook;
  var lang = RB.lang;
  var MORPHOLOGY = { uk: true, ru: true };
  /* What a query asks for, from the words people use for it: a question wants a principle (advice),
   * "example" or "case" wants a case study, "reply", "template" or "text" wants a reply card. */
  var INTENT = {
    principle: {
      en: /^(how|should|why|when|can|is|are|do|does|must|ok)$/,
      ru: /^(как|надо|нужно|стоит|почему|зачем|можно|ли|когда|сколько)$/,
      uk: /^(як|чи|треба|потрібно|варто|чому|навіщо|можна|коли|скільки)$/,
      ro: /^(cum|cat|cât|trebuie|de|ce|când|cand|e|este|pot|putem|ok)$/,
      es: /^(como|cómo|debo|debemos|hay|por|que|qué|cuando|cuándo|se|puedo|podemos|vale)$/
    },
    case: /^(example|examples|case|cases|story|кейс|кейсы|кейсів|кейси|пример|примеры|приклад|приклади|історія|история|exemplu|exemple|caz|cazul|studiu|ejemplo|ejemplos|caso|casos|historia)$/,
    template: /^(reply|replies|template|templates|text|message|wording|script|ответ|шаблон|шаблоны|текст|сообщение|відповідь|шаблони|повідомлення|răspuns|raspuns|sablon|șablon|mesaj|text|respuesta|plantilla|mensaje|texto)$/
  };
  function intents(query) {
    var raw = normalize(query).split(/[^\p{L}\p{N}']+/u).filter(Boolean);
    var found = {};
    var principle = INTENT.principle[lang];
    if (/\?\s*$/.test(query) || (principle && raw.length && principle.test(raw[0]))) { found.principle = true; }
    raw.forEach(function (w) {
      if (INTENT.case.test(w)) { found["case"] = true; }
      if (INTENT.template.test(w)) { found.template = true; }
    });
    return found;
  }

  var NORMALIZE = { "’": "'", "ʼ": "'", "`": "'", "ş": "ș", "ţ": "ț" };
  var LOOSE = { "ё": "е", "й": "и", "ї": "і", "є": "е", "ґ": "г" };

  /* The same two foldings as hooks/replybook/morphology.py: `normalize` is what the index holds,
   * `loose` also folds letters mixed up on the wrong keyboard layout, for lookups only. */
  function normalize(word) {
    return word.toLowerCase().replace(/[’ʼ`şţ]/g, function (c) { return NORMALIZE[c]; });
  }
  function loose(word) {
    return normalize(word).replace(/[ёйїєґ]/g, function (c) { return LOOSE[c]; });
  }
  function bare(word) { return loose(word).normalize("NFD").replace(/[\u0300-\u036f]/g, ""); }
  /* The query's words without function words (the build's list for this language, stop.json). */
  function tokens(query, stop) {
    var found = normalize(query).match(/[^\s.,;:!?()"«»„“”\[\]{}\/\\|+=*&^%$#@~<>]+/g) || [];
    var out = [];
    found.forEach(function (w) {
      w = w.replace(/^['-]+|['-]+$/g, "");
      if (w && !stop[bare(w)] && out.indexOf(w) < 0 && (w.length > 1 || /\d/.test(w))) { out.push(w); }
    });
    return out;
  }
  /* The key of two neighbouring query words, as hooks/replybook/morphology.py phrase_keys makes them
   * from titles and search terms: "response time" ranks the entry listing that phrase first. */
  var PHRASE_MARK = "zq";
  var PHRASE_LETTERS = 4;
  function phraseKeys(words) {
    var keys = words.filter(function (w) { return !/\d/.test(w); }).map(function (w) {
      return bare(w).slice(0, PHRASE_LETTERS);
    });
    var out = [];
    for (var i = 0; i + 1 < keys.length; i += 1) {
      if (keys[i] === keys[i + 1]) { continue; }
      var key = PHRASE_MARK + (keys[i] < keys[i + 1] ? keys[i] + keys[i + 1] : keys[i + 1] + keys[i]);
      if (out.indexOf(key) < 0) { out.push(key); }
    }
    return out;
  }

  function hex(key) {
    var out = "";
    for (var i = 0; i < key.length; i += 1) { out += ("000" + key.charCodeAt(i).toString(16)).slice(-4); }
    return out;
  }
  var cache = {};
  function fetchJson(path) {
    if (!(path in cache)) {
      cache[path] = fetch(new URL(path, RB.root).href).then(function (r) {
        return r.ok ? r.json() : null;
      }).catch(function () { return null; });
    }
    return cache[path];
  }
  /* Which shards exist ({"forms": [...], "words": [...]}, two-letter keys): a word whose first
   * letters begin no word of the guide (a brand name, a typo) requests nothing that is missing. */
  function shardList() { return fetchJson("search/" + lang + "/shards.json"); }
  function existing(kind, name) {
    return shardList().then(function (list) {
      var known = !list || !list[kind] || list[kind].indexOf(name) >= 0;  // no list (an older build): ask
      return known ? fetchJson("search/" + lang + "/" + kind + "/" + hex(name) + ".json") : null;
    });
  }
  function shard(word) { return existing("forms", loose(word).slice(0, 2)); }

  /* The function words of this language (the build's list): a query drops them. */
  function stopWords() {
    return fetchJson("search/" + lang + "/stop.json").then(function (list) {
      var stop = {};
      (list || []).forEach(function (w) { stop[w] = true; });
      return stop;
    });
  }

  /* The words the index holds (with lemmas and search terms), as bare keys, in shards by their
   * first two letters: deciding whether a typed word is one of them fetches a few hundred bytes.
   * A word the guide never uses would only bring Pagefind's near matches, so it is corrected. */
  var shards = {};
  function wordShard(key) {
    var name = key.slice(0, 2);
    if (!(name in shards)) {
      shards[name] = existing("words", name).then(function (list) {
        var sorted = (list || []).slice().sort();
        var set = {};
        sorted.forEach(function (k) { set[k] = true; });
        return { sorted: sorted, set: set };
      });
    }
    return shards[name];
  }
  /* Every word, most frequent first: only a typo needs them all (the nearest word may start otherwise). */
  var vocab = null;
  function vocabulary() {
    if (!vocab) {
      vocab = fetchJson("search/" + lang + "/words.json").then(function (list) { return { words: list || [] }; });
    }
    return vocab;
  }
  function startsAt(v, key) {
    var lo = 0;
    var hi = v.sorted.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (v.sorted[mid] < key) { lo = mid + 1; } else { hi = mid; }
    }
    return lo < v.sorted.length && v.sorted[lo].indexOf(key) === 0;
  }
  /* Whether the guide has a word beginning with ``prefix`` (two letters at least). */
  function begins(prefix) {
    var key = bare(prefix);
    if (key.length < 2) { return Promise.resolve(false); }
    return wordShard(key).then(function (v) { return startsAt(v, key); });
  }
  /* A word the index can match: one it holds, the beginning of one (still typing), or a longer
   * form of one (an inflection the stemmer reduces: "months" → "month"). */
  function known(word) {
    var key = bare(word);
    if (key.length < 2) { return Promise.resolve(false); }
    return wordShard(key).then(function (v) {
      if (v.set[key]) { return true; }
      if (key.length >= 3 && startsAt(v, key)) { return true; }
      for (var cut = key.length - 1; cut >= Math.max(4, key.length - 4); cut -= 1) {
        if (v.set[key.slice(0, cut)]) { return true; }
      }
      return false;
    });
  }

  /* Dictionary form of a Ukrainian or Russian word (the word itself elsewhere, or when unknown). */
  function lemma(word) {
    if (!MORPHOLOGY[lang]) { return Promise.resolve(word); }
    return shard(word).then(function (forms) { return (forms && forms[loose(word)]) || word; });
  }

  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) { return limit + 1; }
    var prev2 = null;
    var prev = [];
    for (var j = 0; j <= b.length; j += 1) { prev.push(j); }
    for (var i = 1; i <= a.length; i += 1) {
      var row = [i];
      var best = i;
      for (var k = 1; k <= b.length; k += 1) {
        var cost = a[i - 1] === b[k - 1] ? 0 : 1;
        var v = Math.min(prev[k] + 1, row[k - 1] + 1, prev[k - 1] + cost);
        if (prev2 && i > 1 && k > 1 && a[i - 1] === b[k - 2] && a[i - 2] === b[k - 1]) {
          v = Math.min(v, prev2[k - 2] + 1);
        }
        row.push(v);
        if (v < best) { best = v; }
      }
      if (best > limit) { return limit + 1; }
      prev2 = prev;
      prev = row;
    }
    return prev[b.length];
  }

  /* The word of the guide nearest to a word it never uses (one typo, two in long words), most
   * frequent first; for Ukrainian and Russian the forms of the lexicon count too. */
  function correct(word) {
    if (loose(word).length < 5) { return Promise.resolve(null); }
    var limit = word.length >= 9 ? 2 : 1;
    var key = bare(word);
    var lookups = [vocabulary()];
    if (MORPHOLOGY[lang]) { lookups.push(shard(word)); }
    return Promise.all(lookups).then(function (found) {
      var v = found[0];
      var forms = found[1] || {};
      var best = null;
      var bestDistance = limit + 1;
      function consider(candidate, value) {
        var d = distance(key, bare(candidate), limit);
        if (d < bestDistance) { best = value; bestDistance = d; }
      }
      Object.keys(forms).forEach(function (form) { consider(form, forms[form]); });
      for (var i = 0; i < v.words.length && bestDistance > 0; i += 1) { consider(v.words[i], v.words[i]); }
      return best;
    });
  }

  var pagefind = null;
  function engine() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", RB.root).href).then(function (module) {
        var tune = window.ReplybookSearchTuning || {};
        var ranking = tune.ranking || { pageLength: 0.3, termFrequency: 0.6 };
        return module.options({ excerptLength: 0, ranking: ranking }).then(function () {
          module.init();
          return module;
        });
      });
    }
    return pagefind;
  }

  /* Which of the records a word found are replies, principles, cases or trees: the same word
   * searched with Pagefind's kind filter (the word's index chunk is already loaded, so this costs
   * no download; a search with no word would load the whole index). Playbooks are the rest. */
  var KINDS = ["template", "principle", "case", "tree"];
  function kindsOf(module, terms) {
    var byId = {};
    return Promise.all(terms.map(function (term) {
      return Promise.all(KINDS.map(function (kind) {
        return module.search(term, { filters: { kind: [kind] } }).then(function (found) {
          ((found && found.results) || []).forEach(function (r) { byId[r.id] = kind; });
        });
      }));
    })).then(function () { return byId; });
  }

  function search(module, words) {
    return module.search(words.join(" ")).then(function (found) { return found ? found.results : []; });
  }


  /* One query word: its lemma searched, or, when the guide lacks it, searched as typed or corrected. */
  function searchWord(module, word, base) {
    return Promise.all([known(base), known(word)]).then(function (isKnown) {
      if (isKnown[0] || isKnown[1]) {
        return search(module, [base]).then(function (found) {
          return { word: base, results: found, corrected: false };
        });
      }
      /* not a word of the guide as typed: Pagefind's stemmer may still know it ("proving" →
       * "prove") when the guide has words that begin the same way; otherwise, or when that
       * finds nothing, it is a typo to correct (Pagefind alone matches nonsense to something) */
      var stem = bare(base).slice(0, Math.max(4, bare(base).length - 3));
      var raw = begins(stem).then(function (yes) { return yes ? search(module, [base]) : []; });
      return Promise.all([raw, correct(base)]).then(function (both) {
        if (both[0].length) { return { word: base, results: both[0], corrected: false }; }
        if (!both[1]) { return { word: base, results: [], corrected: false }; }
        return lemma(both[1]).then(function (fixed) {
          return search(module, [fixed]).then(function (again) {
            return { word: fixed, results: again, corrected: again.length > 0, weight: 0.5 };
          });
        });
      });
    });
  }

  /* Search each word on its own and each pair of neighbouring words as a phrase key, all at once;
   * then the kinds of the records found, and rank (below). */
  function find(query) {
    var tune = window.ReplybookSearchTuning || {};
    var coverage = "coverage" in tune ? tune.coverage : 0.5;
    var pairWeight = "pair" in tune ? tune.pair : 1;
    var records = RB.searchRecords || 100;
    var words = [];
    return Promise.all([engine(), stopWords(), shardList()]).then(function (loaded) {
      var module = loaded[0];
      words = tokens(query, loaded[1]);
      return Promise.all(words.map(lemma)).then(function (bases) {
        var perWord = Promise.all(words.map(function (word, i) { return searchWord(module, word, bases[i]); }));
        var pairs = Promise.all(phraseKeys(bases).map(function (key) {
          return search(module, [key]).then(function (hits) {
            return { word: key, results: hits, corrected: false, weight: pairWeight, phrase: true };
          });
        }));
        return Promise.all([perWord, pairs]).then(function (got) {
          var terms = got[0].filter(function (e) { return e.results.length; }).map(function (e) { return e.word; });
          return kindsOf(module, terms).then(function (byId) {
            return { perWord: got[0], pairs: got[1], byId: byId };
          });
        });
      });
    }).then(function (got) {
      if (!words.length) { return { results: [], corrected: null, empty: true }; }
      return rank(got.byId, got.perWord, got.pairs, query, words.length, tune, coverage, records);
    });
  }

  /* Rank every record by how well it matches the whole query: the sum of its words' scores
   * (Pagefind's BM25, which already weighs titles and search terms above body text, each word
   * weighted by how rare it is), plus its phrase keys', times a bonus for each query word it
   * matches, times its kind's weight. A record that misses a word is a partial match. */
  function rank(byId, perWord, pairs, query, count, tune, coverage, records) {
    var table = {};
    perWord.forEach(function (entry) {
      if (!entry.results.length) { return; }
      /* a word found in few records says more than one found in most (inverse document frequency) */
      var idf = Math.log(1 + records / entry.results.length) * (entry.weight || 1);
      entry.results.forEach(function (result) {
        var row = table[result.id] || (table[result.id] = { result: result, score: 0, matched: 0 });
        row.score += result.score * idf;
        row.matched += 1;
      });
    });
    pairs.forEach(function (entry) {
      if (!entry.results.length) { return; }
      var idf = Math.log(1 + records / entry.results.length) * entry.weight;
      entry.results.forEach(function (result) {
        var row = table[result.id];
        if (row) { row.score += result.score * idf; }  /* a pair only lifts a record its words found */
      });
    });
    var rows = Object.keys(table).map(function (id) { return table[id]; });
    var kinds = {};
    var base = tune.kinds || { template: 0.6 };
    Object.keys(base).forEach(function (k) { kinds[k] = base[k]; });
    var wants = intents(query);
    var lift = tune.intent || 1.5;
    if (wants.principle) { kinds.principle = (kinds.principle || 1) * lift; }
    if (wants["case"]) { kinds["case"] = (kinds["case"] || 1) * lift; }
    /* a reply is one card of a playbook: it leads only when the query is about a reply */
    if (wants.template) { kinds.template = 1; }
    return Promise.resolve(byId).then(function (byId) {
      rows.forEach(function (row) {
        row.rank = row.score * (1 + coverage * (row.matched - 1));
        var kind = byId[row.result.id] || "page";
        if (kind in kinds) { row.rank *= kinds[kind]; }
      });
      rows.sort(function (a, b) { return b.rank - a.rank; });
      /* far weaker than the best match: noise from a common word, not a result */
      var floor = rows.length ? rows[0].rank * (tune.floor || 0.12) : 0;
      rows = rows.filter(function (row) { return row.rank >= floor; });
      RB.lastSearch = perWord.concat(pairs).map(function (e) {
        return e.word + ":" + e.results.length + (e.corrected ? "*" : "");
      });
      var corrected = perWord.some(function (e) { return e.corrected; }) ?
        perWord.map(function (e) { return e.word; }).join(" ") : null;
      return {
        results: rows.map(function (row) { return { result: row.result, partial: row.matched < count }; }),
        corrected: corrected
      };
    });
  }

  /* ---------- the search box ---------- */

  RB.enhanceSearch = function (root) {
    if (root.dataset.rbReady) { return; }
    root.dataset.rbReady = "1";
    root.hidden = false;
    var d = root.dataset;
    var input = root.querySelector(".rb-search__input");
    var form = root.querySelector("form");
    var toggle = root.querySelector(".rb-search__toggle");
    var list = root.querySelector(".rb-search__results");
    var status = root.querySelector(".rb-search__status");
    var more = root.querySelector(".rb-search__more");
    var none = root.querySelector(".rb-search__none");
    var labels = JSON.parse(d.labels || "{}");
    RB.searchRecords = parseInt(d.records, 10) || RB.searchRecords;
    var serial = 0;
    var current = null;
    var pending = null;
    var FIRST = 5;
    var NEXT = 10;

    function open(state) {
      root.classList.toggle("rb-search--open", state);
      if (toggle) { toggle.setAttribute("aria-expanded", state ? "true" : "false"); }
    }
    function clear() {
      more.hidden = true;
      none.hidden = true;
      list.textContent = "";
      status.textContent = "";
      root.classList.remove("rb-search--results");
    }

    function item(entry, data) {
      var meta = data.meta || {};
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.className = "rb-search__hit";
      a.href = new URL((meta.url || data.url).replace(/^\//, ""), RB.root).href;
      var top = document.createElement("span");
      top.className = "rb-search__top";
      var kind = document.createElement("span");
      kind.className = "rb-search__kind rb-search__kind--" + (meta.kind || "page");
      kind.textContent = labels["kind_" + (meta.kind || "page")] || "";
      var title = document.createElement("span");
      title.className = "rb-search__title";
      title.textContent = meta.title || "";
      top.appendChild(kind);
      top.appendChild(title);
      a.appendChild(top);
      if (meta.context) {
        var context = document.createElement("span");
        context.className = "rb-search__context";
        context.textContent = meta.context;
        a.appendChild(context);
      }
      if (meta.summary) {
        var summary = document.createElement("span");
        summary.className = "rb-search__summary";
        summary.textContent = meta.summary;
        a.appendChild(summary);
      }
      if (entry.partial) {
        var badge = document.createElement("span");
        badge.className = "rb-search__partial";
        badge.textContent = labels.partial_badge || "";
        a.appendChild(badge);
      }
      li.appendChild(a);
      return li;
    }

    function show(mine, from, count) {
      var slice = current.results.slice(from, from + count);
      return Promise.all(slice.map(function (entry) { return entry.result.data(); })).then(function (items) {
        if (mine !== serial) { return; }
        if (from === 0) { list.textContent = ""; }
        items.forEach(function (data, i) { list.appendChild(item(slice[i], data)); });
        more.hidden = list.children.length >= current.results.length;
      });
    }

    function run() {
      var query = input.value.trim();
      var mine = ++serial;
      if (!query) { clear(); pending = null; return; }
      status.textContent = labels.loading || "";
      pending = find(query).then(function (found) {
        if (mine !== serial) { return null; }
        current = found;
        root.classList.add("rb-search--results");
        if (!found.results.length) {
          list.textContent = "";
          more.hidden = true;
          none.hidden = false;
          status.textContent = labels.none || "";
          return null;
        }
        none.hidden = true;
        var lead = RB.plural(labels.results, found.results.length, lang);
        if (found.corrected) { lead = RB.plural(labels.corrected, 0, lang, { query: found.corrected }) + " · " + lead; }
        if (found.results[0].partial) { lead = labels.partial + " " + lead; }
        status.textContent = lead;
        return show(mine, 0, FIRST);
      }).catch(function () {
        if (mine === serial) { status.textContent = labels.none || ""; none.hidden = false; }
      });
    }

    function goFirst() {
      var first = list.querySelector("a");
      if (first) { window.location.href = first.href; }
    }

    more.addEventListener("click", function () {
      if (!current) { return; }
      var from = list.children.length;
      show(serial, from, NEXT).then(function () {
        var next = list.children[from];
        var link = next && next.querySelector("a");
        if (link) { link.focus(); }
      });
    });
    /* the reader is about to type: load the engine, the word lists and the kinds of records now */
    input.addEventListener("focus", function () { engine(); stopWords(); shardList(); });
    input.addEventListener("input", run);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!input.value.trim()) { return; }
      if (!pending) { run(); }
      var waitFor = pending;
      Promise.resolve(waitFor).then(function () {
        if (waitFor === pending) { goFirst(); }
      });
    });
    if (toggle) {
      toggle.addEventListener("click", function () {
        var state = !root.classList.contains("rb-search--open");
        open(state);
        if (state) { input.focus(); }
      });
    }
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
    if (toggle) {
      document.addEventListener("keydown", function (event) {
        var target = event.target;
        var typing = target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" ||
          target.tagName === "SELECT" || target.isContentEditable);
        if (event.key === "/" && !typing) {
          event.preventDefault();
          open(true);
          input.focus();
        }
      });
    }
  };

  RB.searchFind = find;
})();
