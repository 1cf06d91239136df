/* Reply cards: choose the platform, fill the blanks, see the length as the platform counts it,
 * copy exactly the visible text. Loaded only on pages with cards (replybook.js loads it).
 *
 * - Never a blank or an overflow sent by accident: Copy with a blank left, or over the
 *   platform's limit, does not copy; it says what is wrong and offers to fill it or to copy
 *   anyway (a deliberate second click).
 * - Remembered details: the reader's own values (name, brand, phone…) come from their profile
 *   (this browser only; team defaults from the site configuration until changed); values of this
 *   case typed in one card fill the same blank in the other cards of the page and survive Back.
 * - The length counter uses ReplybookCount, the same counting as the build's check. */
(function () {
  "use strict";

  var RB = window.Replybook;
  var data = JSON.parse(document.getElementById("rb-data").textContent);
  var L = data.labels;
  var lang = data.language;
  var CHANNEL_KEY = "replybook-channel";
  var caseKey = "replybook-case:" + window.location.pathname;
  var caseValues = RB.read(RB.session, caseKey, {});
  var cards = [];
  var counter = 0;

  function plural(key, n, values) { return RB.plural(L[key], n, lang, values); }
  function isProfile(name) {
    var p = data.placeholders[name];
    return p && (p.scope === "agent" || p.scope === "team");
  }
  function blank(value) { return !value || !String(value).trim(); }

  function copyText(text, focusBack) {
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
      if (focusBack) { focusBack.focus(); }
      if (ok) { resolve(); } else { reject(new Error("copy failed")); }
    });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function Card(root) {
    counter += 1;
    var self = this;
    this.root = root;
    this.id = root.id || ("rb-card-" + counter);
    this.versions = Array.prototype.slice.call(root.querySelectorAll("[data-rb-version]"));
    this.tools = root.querySelector("[data-rb-tools]");
    this.inputs = {};
    this.edited = {};
    this.channels = [];
    this.versions.forEach(function (version, index) {
      version.dataset.channels.split(" ").forEach(function (id) {
        if (data.channels[id]) { self.channels.push({ id: id, version: index }); }
      });
    });
    this.build();
    this.selectChannel(this.preferredChannel());
  }

  Card.prototype.preferredChannel = function () {
    var wanted = RB.read(RB.local, CHANNEL_KEY, null);
    for (var i = 0; i < this.channels.length; i += 1) {
      if (this.channels[i].id === wanted) { return wanted; }
    }
    return this.channels.length ? this.channels[0].id : null;
  };

  Card.prototype.names = function (version) {
    var seen = [];
    version.querySelectorAll(".rb-ph").forEach(function (ph) {
      if (seen.indexOf(ph.dataset.ph) < 0) { seen.push(ph.dataset.ph); }
    });
    return seen;
  };

  Card.prototype.build = function () {
    var self = this;
    var tools = this.tools;
    this.versions.forEach(function (version) {
      version.querySelector(".rb-version__where").hidden = true;
    });

    if (this.channels.length > 1) {
      var pick = el("div", "rb-pick");
      var label = el("label", "rb-pick__label", L.post_on);
      var select = el("select", "rb-pick__select");
      select.id = this.id + "-channel";
      label.htmlFor = select.id;
      this.channels.forEach(function (channel) {
        var option = el("option", "", data.channels[channel.id].name);
        option.value = channel.id;
        select.appendChild(option);
      });
      select.addEventListener("change", function () {
        RB.write(RB.local, CHANNEL_KEY, select.value);
        self.selectChannel(select.value);
      });
      pick.appendChild(label);
      pick.appendChild(select);
      tools.appendChild(pick);
      this.select = select;
    } else if (this.channels.length === 1) {
      tools.appendChild(el("p", "rb-pick rb-pick--one", L.post_on + ": " + data.channels[this.channels[0].id].name));
    }

    var all = [];
    this.versions.forEach(function (version) {
      self.names(version).forEach(function (name) { if (all.indexOf(name) < 0) { all.push(name); } });
    });
    var ordered = all.filter(function (n) { return !isProfile(n); }).concat(all.filter(isProfile));
    if (ordered.length) {
      var fieldset = el("fieldset", "rb-fields");
      fieldset.appendChild(el("legend", "", L.fill_in));
      ordered.forEach(function (name) {
        var info = data.placeholders[name] || { label: name, example: "", form: "", scope: "case", team: "" };
        var wrap = el("div", "rb-field" + (isProfile(name) ? " rb-field--profile" : ""));
        var input = el("input");
        input.type = "text";
        input.id = self.id + "-" + name;
        input.name = name;
        input.autocomplete = "off";
        input.placeholder = info.example;
        input.dataset.rbField = name;
        var label = el("label", "", info.label);
        label.htmlFor = input.id;
        wrap.appendChild(label);
        wrap.appendChild(input);
        var hints = [];
        if (info.form) { hints.push(info.form); }
        if (isProfile(name)) { hints.push(L.saved_in_profile); }
        if (hints.length) {
          var hint = el("span", "rb-field__hint", hints.join(" · "));
          hint.id = input.id + "-hint";
          input.setAttribute("aria-describedby", hint.id);
          wrap.appendChild(hint);
        }
        input.value = isProfile(name) ? RB.profile.value(name, info.team) : (caseValues[name] || "");
        input.addEventListener("input", function () { self.typed(name, input); });
        self.inputs[name] = input;
        fieldset.appendChild(wrap);
      });
      tools.appendChild(fieldset);
    }

    var actions = el("div", "rb-actions");
    var button = el("button", "md-button md-button--primary rb-copy", L.copy);
    button.type = "button";
    var count = el("span", "rb-count");
    count.setAttribute("aria-live", "polite");
    var status = el("span", "rb-copied");
    status.setAttribute("role", "status");
    actions.appendChild(button);
    actions.appendChild(count);
    actions.appendChild(status);
    tools.appendChild(actions);

    var guard = el("div", "rb-guard");
    guard.setAttribute("role", "alert");
    guard.hidden = true;
    var guardText = el("p", "rb-guard__text");
    var guardFill = el("button", "md-button rb-guard__fill", L.fill_them);
    guardFill.type = "button";
    var guardCopy = el("button", "md-button rb-guard__copy", L.copy_anyway);
    guardCopy.type = "button";
    guard.appendChild(guardText);
    guard.appendChild(guardFill);
    guard.appendChild(guardCopy);
    tools.appendChild(guard);

    this.button = button;
    this.count = count;
    this.status = status;
    this.guard = guard;
    this.guardText = guardText;
    this.guardFill = guardFill;

    button.addEventListener("click", function () { self.copy(false); });
    guardCopy.addEventListener("click", function () { self.copy(true); });
    guardFill.addEventListener("click", function () {
      var first = self.blanks()[0];
      if (first && self.inputs[first]) { self.inputs[first].focus(); } else if (self.select) { self.select.focus(); }
    });
    tools.hidden = false;
  };

  Card.prototype.selectChannel = function (id) {
    var self = this;
    this.channel = id;
    var at = 0;
    this.channels.forEach(function (channel) { if (channel.id === id) { at = channel.version; } });
    this.version = this.versions[at];
    this.versions.forEach(function (version, index) { version.hidden = index !== at; });
    if (this.select) { this.select.value = id; }
    var used = this.names(this.version);
    Object.keys(this.inputs).forEach(function (name) {
      self.inputs[name].closest(".rb-field").hidden = used.indexOf(name) < 0;
    });
    this.root.dataset.channel = id || "";
    this.update();
  };

  Card.prototype.typed = function (name, input) {
    this.edited[name] = true;
    if (isProfile(name)) {
      RB.profile.set(name, input.value, input);
    } else {
      caseValues[name] = input.value;
      RB.write(RB.session, caseKey, caseValues);
      cards.forEach(function (card) { card.offer(name, input.value, input); });
    }
    this.guard.hidden = true;
    this.update();
  };

  /* A value of this case typed in another card: take it unless this card's own was edited. */
  Card.prototype.offer = function (name, value, origin) {
    var input = this.inputs[name];
    if (!input || input === origin || this.edited[name]) { return; }
    input.value = value;
    this.update();
  };

  Card.prototype.profileChanged = function (name, origin) {
    var self = this;
    Object.keys(this.inputs).forEach(function (key) {
      var input = self.inputs[key];
      if (input !== origin && isProfile(key) && (name === null || key === name)) {
        input.value = RB.profile.value(key, (data.placeholders[key] || {}).team);
      }
    });
    this.update();
  };

  Card.prototype.values = function () {
    var out = {};
    var inputs = this.inputs;
    Object.keys(inputs).forEach(function (name) {
      if (!blank(inputs[name].value)) { out[name] = inputs[name].value.trim(); }
    });
    return out;
  };

  Card.prototype.blanks = function () {
    var filled = this.values();
    return this.names(this.version).filter(function (name) { return !(name in filled); });
  };

  Card.prototype.text = function () {
    return this.version.querySelector("[data-rb-text]").textContent;
  };

  Card.prototype.measure = function () {
    var channel = data.channels[this.channel];
    if (!channel || !channel.limits.length) { return null; }
    var text = this.text();
    var worst = null;
    for (var i = 0; i < channel.limits.length; i += 1) {
      var max = channel.limits[i][0];
      var unit = channel.limits[i][1];
      var length;
      try {
        length = window.ReplybookCount.length(text, unit);
      } catch (e) {
        return { pending: true };
      }
      if (worst === null || max - length < worst.left) { worst = { left: max - length, max: max, unit: unit }; }
    }
    return worst;
  };

  Card.prototype.update = function () {
    var filled = this.values();
    this.version.querySelectorAll(".rb-ph").forEach(function (ph) {
      var name = ph.dataset.ph;
      var has = name in filled;
      if (!ph.dataset.label) { ph.dataset.label = ph.textContent; }
      ph.textContent = has ? filled[name] : ph.dataset.label;
      ph.classList.toggle("rb-ph--filled", has);
    });
    var size = this.measure();
    var over = false;
    if (size === null) {
      this.count.textContent = plural("chars_count", window.ReplybookCount.length(this.text(), "characters"));
    } else if (size.pending) {
      this.count.textContent = "";
      var self = this;
      window.ReplybookCount.ready().then(function () { self.update(); }, function () { /* stays without a count */ });
    } else {
      over = size.left < 0;
      var note = size.unit === "x-weighted" && /https?:\/\/|www\.|\w\.\w{2,}\//.test(this.text()) ? " · " + L.link_counts : "";
      this.count.textContent = (over ? plural("chars_over", -size.left) : plural("chars_left", size.left)) + note;
    }
    this.over = over;
    this.count.classList.toggle("rb-count--over", over);
    this.root.classList.toggle("rb-card--over", over);
  };

  Card.prototype.copy = function (deliberate) {
    var self = this;
    var blanks = this.blanks();
    this.status.textContent = "";
    if (!deliberate && (blanks.length || this.over)) {
      var parts = [];
      if (blanks.length) {
        var names = blanks.map(function (name) { return (data.placeholders[name] || { label: name }).label; });
        parts.push(plural("blanks_left", blanks.length, { names: names.join(", ") }));
      }
      if (this.over) {
        var size = this.measure();
        parts.push(RB.plural(L.over_limit_warning, 0, lang, {
          channel: data.channels[this.channel].name, over: plural("chars_over", -size.left) }));
      }
      this.guardText.textContent = parts.join(" ");
      this.guardFill.hidden = blanks.length === 0;
      this.guard.hidden = false;
      (blanks.length ? this.guardFill : this.guard.querySelector(".rb-guard__copy")).focus();
      return;
    }
    var focusBack = deliberate ? this.guard.querySelector(".rb-guard__copy") : this.button;
    copyText(this.text(), focusBack).then(function () {
      self.guard.hidden = true;
      self.status.textContent = blanks.length ? L.copied_with_blanks : (self.over ? L.copied_over_limit : L.copied);
      self.button.classList.add("rb-copy--done");
      self.button.focus();
      window.setTimeout(function () { self.button.classList.remove("rb-copy--done"); }, 2500);
    }, function () {
      self.status.textContent = L.copy_failed;
    });
  };

  /* A search hit on a reply opens its card: bring it into view and put the cursor in its first blank. */
  function focusTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) { return; }
    var card = null;
    cards.forEach(function (c) { if (c.root.id === id) { card = c; } });
    if (!card) { return; }
    var first = card.blanks()[0];
    var input = first ? card.inputs[first] : card.button;
    card.root.scrollIntoView({ block: "start" });
    (input || card.button).focus({ preventScroll: true });
  }

  /* Cards are enhanced in short batches (the page stays responsive while a long list of cards
   * gets its fields), and a card that is not shown (a step of a decision tree not reached yet, a
   * reply filtered out) only when it is shown. */
  var waiting = [];
  function rendered(root) { return root.getClientRects().length > 0; }
  function enhanceInBatches(roots) {
    var target = decodeURIComponent(window.location.hash.slice(1));
    roots.sort(function (a, b) { return (b.id === target) - (a.id === target); });  // the linked card first
    var i = 0;
    (function batch() {
      var start = Date.now();
      while (i < roots.length && Date.now() - start < 30) {
        var root = roots[i];
        i += 1;
        if (!root.dataset.rbReady) {
          root.dataset.rbReady = "1";
          cards.push(new Card(root));
        }
      }
      if (i < roots.length) { window.setTimeout(batch, 0); }
    })();
  }
  function enhanceShown() {
    var now = waiting.filter(rendered);
    waiting = waiting.filter(function (root) { return !rendered(root); });
    if (now.length) { enhanceInBatches(now); }
  }

  RB.enhanceCards = function (scope) {
    var shown = [];
    scope.querySelectorAll("[data-rb-card]").forEach(function (root) {
      if (root.dataset.rbReady) { return; }
      (rendered(root) ? shown : waiting).push(root);
    });
    enhanceInBatches(shown);
    focusTarget();
  };

  RB.profile.listen(function (name, value, origin) {
    cards.forEach(function (card) { card.profileChanged(name, origin); });
  });
  window.addEventListener("hashchange", function () { enhanceShown(); focusTarget(); });
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) { return; }
    caseValues = RB.read(RB.session, caseKey, {});
    cards.forEach(function (card) { card.update(); });
  });

  /* The replies page: show only the replies written for one platform. */
  document.querySelectorAll("[data-rb-filter]").forEach(function (form) {
    var select = form.querySelector("select");
    var count = form.querySelector("[data-rb-filter-count]");
    form.hidden = false;
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    select.addEventListener("change", function () {
      var shown = 0;
      document.querySelectorAll("[data-rb-group]").forEach(function (group) {
        var visible = 0;
        group.querySelectorAll("[data-rb-card]").forEach(function (card) {
          var ids = Array.prototype.map.call(card.querySelectorAll("[data-rb-version]"), function (v) {
            return v.dataset.channels;
          }).join(" ").split(" ");
          var match = !select.value || ids.indexOf(select.value) >= 0;
          card.hidden = !match;
          if (match) { visible += 1; }
        });
        group.hidden = visible === 0;
        shown += visible;
      });
      if (select.value) { RB.write(RB.local, CHANNEL_KEY, select.value); }
      enhanceShown();
      if (select.value) {
        cards.forEach(function (card) {
          for (var i = 0; i < card.channels.length; i += 1) {
            if (card.channels[i].id === select.value) { card.selectChannel(select.value); }
          }
        });
      }
      count.textContent = RB.plural(L.filter_count || "{n}", shown, lang);
    });
  });
})();
